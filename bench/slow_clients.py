"""Slow clients against gunicorn, reached directly and through deploy/nginx.conf.

    .venv/bin/python bench/slow_clients.py    (the last rows need nginx on PATH)

Each row starts gunicorn.conf.py's server on a fresh SQLite database, opens some
connections that send a request a byte-sized piece per second (or never read
the reply), and meanwhile times ten ordinary requests for the start page, one
every 0.3 s. It prints a Markdown table for docs/deploy.md.
"""

import contextlib
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench import run  # noqa: E402

PROBES = 10
PROBE_TIMEOUT = 10.0
# How a slow client misbehaves: the bytes it opens with, then what it trickles.
KINDS = {
    "headers": (b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n", b"X-Slow: 1\r\n"),
    "body": (
        b"POST /accounts/login/ HTTP/1.1\r\nHost: 127.0.0.1\r\n"
        b"Content-Type: application/x-www-form-urlencoded\r\n"
        b"Content-Length: 100000\r\n\r\n",
        b"a",
    ),
    "reader": (b"GET /how-we-decide/ HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n", b""),
}


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def slow_client(port: int, kind: str, stop: threading.Event) -> None:
    """One misbehaving client, reconnecting whenever the server gives up on it."""
    opening, trickle = KINDS[kind]
    while not stop.is_set():
        with (
            contextlib.suppress(OSError),
            socket.create_connection(("127.0.0.1", port)) as sock,
        ):
            # A reader that never reads: the reply fills the socket's buffers.
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 1)
            sock.sendall(opening)
            while not stop.wait(1.0):
                if trickle:
                    sock.sendall(trickle)
        stop.wait(0.1)


def probe(port: int) -> list[float | None]:
    """Seconds for each ordinary request; None if it wasn't answered in time."""
    times: list[float | None] = []
    for _ in range(PROBES):
        started = time.monotonic()
        try:
            with urllib.request.urlopen(
                f"http://127.0.0.1:{port}/", timeout=PROBE_TIMEOUT
            ) as response:
                response.read()
            times.append(time.monotonic() - started)
        except OSError:
            times.append(None)
        time.sleep(0.3)
    return times


@contextlib.contextmanager
def nginx(upstream_port: int, workdir: Path) -> Iterator[int]:
    """deploy/nginx.conf, listening on loopback, with gunicorn as its one replica."""
    port = free_port()
    site = (run.BASE_DIR / "deploy" / "nginx.conf").read_text()
    site = site.replace("listen 8080;", f"listen 127.0.0.1:{port};")
    lines = [
        line for line in site.splitlines() if not line.strip().startswith("server web")
    ]
    site = "\n".join(lines).replace(
        "upstream interviewdecider {",
        f"upstream interviewdecider {{\n    server 127.0.0.1:{upstream_port};",
    )
    (workdir / "site.conf").write_text(site)
    temp = workdir / "nginx-temp"
    temp.mkdir(mode=0o777)
    (workdir / "nginx.conf").write_text(
        f"""worker_processes 1;
pid {workdir}/nginx.pid;
error_log {workdir}/nginx-error.log;
events {{ worker_connections 1024; }}
http {{
    access_log off;
    client_body_temp_path {temp}/body;
    proxy_temp_path {temp}/proxy;
    fastcgi_temp_path {temp}/fastcgi;
    uwsgi_temp_path {temp}/uwsgi;
    scgi_temp_path {temp}/scgi;
    include {workdir}/site.conf;
}}
"""
    )
    process = subprocess.Popen(
        ["nginx", "-c", str(workdir / "nginx.conf"), "-g", "daemon off;"]
    )
    try:
        time.sleep(0.5)
        yield port
    finally:
        process.terminate()
        process.wait(timeout=10)


def measure(workers: int, threads: int, kind: str, clients: int, proxied: bool) -> str:
    workdir = Path(tempfile.mkdtemp(prefix="interviewdecider-slow-"))
    workdir.chmod(0o755)
    try:
        env = run.server_env(f"sqlite:///{workdir}/db.sqlite3", workers, threads)
        run.manage(env, "manage.py", "migrate", "--noinput")
        with contextlib.ExitStack() as stack:
            base_url, _ = stack.enter_context(
                run.gunicorn(env, workdir / "gunicorn.log")
            )
            port = int(base_url.rsplit(":", 1)[1])
            if proxied:
                port = stack.enter_context(nginx(port, workdir))
            stop = threading.Event()
            threads_ = [
                threading.Thread(
                    target=slow_client, args=(port, kind, stop), daemon=True
                )
                for _ in range(clients)
            ]
            for thread in threads_:
                thread.start()
            time.sleep(2)
            times = probe(port)
            stop.set()
        answered = [t for t in times if t is not None]
        slowest = f"{max(answered) * 1000:.0f} ms" if answered else "–"
        server = f"{workers} × {threads} ({'gthread' if threads > 1 else 'sync'})"
        via = "nginx (deploy/nginx.conf)" if proxied else "direct"
        return (
            f"| {server} | {via} | {clients} × {kind} | {len(answered)}/{PROBES} "
            f"| {slowest} |"
        )
    finally:
        shutil.rmtree(workdir, ignore_errors=True)


def main() -> None:
    run.collect_static()
    print("| Workers × threads | Reached | Slow clients | Answered in 10 s | Slowest |")
    print("|---|---|---|--:|--:|")
    rows = [
        (workers, threads, kind, clients, proxied)
        for proxied, grid in ((False, ((2, 1), (2, 4))), (True, ((2, 1),)))
        for workers, threads in grid
        for kind in KINDS
        for clients in (2, 8, 50 if proxied else 8)
    ]
    for row in dict.fromkeys(rows):
        if row[-1] and shutil.which("nginx") is None:
            print("nginx is not installed: skipping the proxied rows", file=sys.stderr)
            break
        print(measure(*row), flush=True)


if __name__ == "__main__":
    main()
