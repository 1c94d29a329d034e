"""Real gunicorn servers for tests, on loopback ports, against the test database."""

import contextlib
import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from django.db import connection

BASE_DIR = Path(__file__).resolve().parent.parent
GUNICORN = Path(sys.executable).with_name("gunicorn")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def test_database_url() -> str:
    """The URL of the database the tests run on, for other processes to share."""
    db = connection.settings_dict
    if db["ENGINE"].endswith("sqlite3"):
        return f"sqlite:///{db['NAME']}"
    return (
        f"postgres://{db['USER']}:{db['PASSWORD']}@{db['HOST']}:{db['PORT']}"
        f"/{db['NAME']}"
    )


def production_env(**overrides: str) -> dict[str, str]:
    """Production settings (debug off, HTTPS on) behind a trusted proxy header."""
    env = {
        **os.environ,
        "DJANGO_DEBUG": "0",
        "DJANGO_SECRET_KEY": "test-only-shared-by-replicas-" + "x" * 40,
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost",
        "DJANGO_HTTPS": "1",
        "DJANGO_SECURE_PROXY_SSL_HEADER": "HTTP_X_FORWARDED_PROTO,https",
        "DATABASE_URL": test_database_url(),
        "WEB_CONCURRENCY": "2",
    }
    env.pop("GUNICORN_BIND", None)
    env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    env.update(overrides)
    return env


@contextlib.contextmanager
def gunicorn(env: dict[str, str] | None = None, *, log_path: Path | None = None):
    """Start gunicorn with the project's own config; yield its base URL."""
    port = free_port()
    env = {**(env or production_env()), "PORT": str(port)}
    log = open(log_path, "wb") if log_path else subprocess.DEVNULL  # noqa: SIM115
    process = subprocess.Popen(
        [str(GUNICORN), "--config", "gunicorn.conf.py", "interviewdecider.wsgi"],
        cwd=BASE_DIR,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    base_url = f"http://127.0.0.1:{port}"
    try:
        wait_until_healthy(base_url, process)
        yield base_url, process
    finally:
        process.terminate()
        process.wait(timeout=30)
        if log_path:
            log.close()


def wait_until_healthy(base_url: str, process: subprocess.Popen) -> None:
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"gunicorn exited with {process.returncode}")
        health = f"{base_url}/healthz"
        with contextlib.suppress(OSError), urllib.request.urlopen(health) as response:
            if response.status == 200:
                return
        time.sleep(0.2)
    raise RuntimeError("gunicorn did not become healthy within 30 seconds")
