"""Gunicorn settings, read from the environment.

Used by `scripts/run` and the Docker image alike:
`gunicorn --config gunicorn.conf.py interviewdecider.wsgi`.
"""

import os

wsgi_app = "interviewdecider.wsgi:application"

# GUNICORN_BIND wins (the image sets 0.0.0.0:8000); otherwise loopback on $PORT.
bind = os.environ.get("GUNICORN_BIND") or f"127.0.0.1:{os.environ.get('PORT', '8000')}"

# Single-threaded (sync) workers, one per core, behind a proxy that buffers slow
# clients. In `scripts/bench --tune` (docs/benchmarks.md), two sync workers had
# the best score on PostgreSQL and tied for it among the settings that kept every
# page's p95 under 100 ms on SQLite, where threaded workers served up to 15% more
# requests but with p95s of 110 ms and more. Each request goes to whichever sync
# worker is free, while a threaded worker queues its own keep-alive connections
# behind its busy threads.
workers = int(os.environ.get("WEB_CONCURRENCY", "2"))
threads = int(os.environ.get("GUNICORN_THREADS", "1"))
worker_class = "gthread" if threads > 1 else "sync"

timeout = 30
graceful_timeout = 30
keepalive = 5  # threaded workers only; sync workers close after each response

# Recycle workers now and then so a slow leak can't grow without bound; the
# jitter keeps them from all restarting at once.
max_requests = 10000
max_requests_jitter = 1000

# Only these proxies may tell gunicorn the original scheme (X-Forwarded-Proto).
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1,::1")

accesslog = "-"
errorlog = "-"
access_log_format = (
    '%(h)s "%({x-forwarded-for}i)s" %(t)s "%(r)s" %(s)s %(b)s %(M)sms "%(a)s"'
)

# Heartbeat files on a container's overlay filesystem can stall workers.
if os.path.isdir("/dev/shm"):
    worker_tmp_dir = "/dev/shm"

# Nothing here uses gunicornc; don't leave a control socket in $HOME.
control_socket_disable = True
