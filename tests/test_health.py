"""Health checks: /healthz says the process is alive, /readyz that the database
can serve it."""

import contextlib

import pytest

from django.db import connection
from django.urls import reverse

from decisions.models import Hit


@contextlib.contextmanager
def database_refusing_writes():
    """The test database, switched to read-only as a full disk, a read-only
    mount or a standby would leave it."""
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("PRAGMA query_only = ON")
        else:
            cursor.execute("SET default_transaction_read_only = on")
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            if connection.vendor == "sqlite":
                cursor.execute("PRAGMA query_only = OFF")
            else:
                cursor.execute("SET default_transaction_read_only = off")


def test_healthz_answers_without_the_database(client):
    """The liveness check makes no query (this test has no database to query)."""
    response = client.get(reverse("healthz"))

    assert response.status_code == 200
    assert response.text == "ok"


@pytest.mark.django_db
def test_readyz_answers_ok_and_leaves_nothing_behind(client):
    """With a working database, /readyz is 200 and its write probe leaves no row."""
    response = client.get(reverse("readyz"))

    assert response.status_code == 200
    assert response.text == "ok"
    assert not Hit.objects.exists()


@pytest.mark.django_db(transaction=True)
def test_readyz_is_503_when_the_database_refuses_writes(client, caplog):
    """A database that reads but can't write makes /readyz 503, with a warning
    in the log, while /healthz still says the process is alive."""
    with database_refusing_writes():
        ready = client.get(reverse("readyz"))
        alive = client.get(reverse("healthz"))

    assert ready.status_code == 503
    assert ready.text == "database unavailable"
    assert alive.status_code == 200
    [warning] = [r for r in caplog.records if r.name == "decisions.views"]
    assert warning.levelname == "WARNING"
    assert client.get(reverse("readyz")).status_code == 200


def test_health_checks_are_never_cached(client, db):
    """A cache must not answer for either check."""
    for name in ("healthz", "readyz"):
        assert "no-store" in client.get(reverse(name))["Cache-Control"]
