"""The README's run command, the image's start command, and the migrations."""

import json
import os
import re
import signal
import subprocess
import time
import urllib.request
from io import StringIO

import pytest

from django.core.management import call_command

from tests.servers import BASE_DIR, free_port

GUNICORN_COMMAND = ["gunicorn", "--config", "gunicorn.conf.py", "interviewdecider.wsgi"]


def test_image_starts_gunicorn_the_way_the_run_command_does():
    """The Dockerfile's CMD is the exact gunicorn command `scripts/run` ends with."""
    dockerfile = (BASE_DIR / "Dockerfile").read_text()
    [cmd] = re.findall(r"^CMD (\[.*\])$", dockerfile, flags=re.MULTILINE)
    assert json.loads(cmd) == GUNICORN_COMMAND
    run_script = (BASE_DIR / "scripts" / "run").read_text()
    assert "exec .venv/bin/" + " ".join(GUNICORN_COMMAND) in run_script


@pytest.mark.system
def test_run_command_serves_the_app(tmp_path):
    """`scripts/run` migrates a new database, says where it is, and serves pages."""
    port = free_port()
    env = {
        **os.environ,
        "PORT": str(port),
        "DATABASE_URL": f"sqlite:///{tmp_path / 'run.sqlite3'}",
        "DJANGO_SECRET_KEY": "test-only-run-command-" + "r" * 40,
        "WEB_CONCURRENCY": "1",
    }
    env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    process = subprocess.Popen(
        ["scripts/run"],
        cwd=BASE_DIR,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    try:
        page = wait_for_page(f"http://127.0.0.1:{port}/", process)
        assert "Is this interview worth going to?" in page
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        output = process.communicate(timeout=30)[0].decode()
    assert f"Interview Decider is running at http://127.0.0.1:{port}/" in output


def wait_for_page(url: str, process: subprocess.Popen) -> str:
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"scripts/run exited with {process.returncode}")
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                return response.read().decode()
        except OSError:
            time.sleep(0.5)
    pytest.fail("scripts/run did not serve the start page within 120 seconds")


@pytest.mark.django_db
def test_models_and_migrations_agree():
    """Every model change has its migration."""
    output = StringIO()
    call_command("makemigrations", "--check", "--dry-run", stdout=output)
    assert "No changes detected" in output.getvalue()
