"""What a visitor sees when something goes wrong, and what the log records."""

import logging
import sys

import pytest

from django.core.exceptions import PermissionDenied, SuspiciousOperation
from django.test import override_settings
from django.urls import reverse

from decisions import ownership
from tests.conftest import FIRST_ANSWER


@pytest.fixture
def quiet_client(client):
    client.raise_request_exception = False
    return client


@pytest.mark.urls("tests.error_urls")
def test_server_error_shows_our_page_and_logs_the_path(quiet_client, caplog):
    """A crash shows the site's own 500 page, no traceback; the log names the path."""
    response = quiet_client.get("/broken/")
    assert response.status_code == 500
    body = response.content.decode()
    assert "Sorry, something went wrong on our side" in body
    assert "RuntimeError" not in body
    assert "SECRET_KEY" not in body
    [record] = [r for r in caplog.records if r.name == "django.request"]
    assert "/broken/" in record.getMessage()
    assert record.exc_info[0] is RuntimeError


@pytest.mark.django_db
def test_not_found_uses_the_site_layout(client):
    """An unknown address shows our 404 page with the site's navigation."""
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    assert b"Page not found" in response.content
    assert b"Skip to main content" in response.content


@pytest.mark.django_db
def test_not_found_is_logged_with_its_path(client, caplog):
    """A 404 is logged with the path that was asked for."""
    client.get("/missing-page-for-the-log/")
    assert "/missing-page-for-the-log/" in caplog.text


def test_django_logs_go_to_stdout():
    """Request errors go to stdout, where the container runtime collects them."""
    handler = logging.getLogger("django.request").parent.handlers[0]
    assert handler.stream is sys.stdout or handler.stream.name == "<stdout>"


@pytest.mark.parametrize(
    ("exception", "status", "heading"),
    [
        (SuspiciousOperation, 400, b"couldn't understand that request"),
        (PermissionDenied, 403, b"you can't do that"),
    ],
)
@pytest.mark.django_db
def test_bad_request_and_forbidden_use_our_pages(
    quiet_client, monkeypatch, exception, status, heading
):
    """400 and 403 responses use the site's own pages."""

    def refuse(*args, **kwargs):
        raise exception("refused")

    monkeypatch.setattr(ownership, "owner_for", refuse)
    response = quiet_client.get(reverse("decisions:history"))
    assert response.status_code == status
    assert heading in response.content


@pytest.mark.django_db
def test_csrf_failure_uses_our_forbidden_page():
    """A form posted without its CSRF token gets our 403 page."""
    from django.test import Client

    response = Client(enforce_csrf_checks=True).post(reverse("decisions:new_decision"))
    assert response.status_code == 403
    assert b"you can't do that" in response.content


@pytest.mark.django_db
@override_settings(DECISIONS_PER_HOUR=3)
def test_starting_too_many_decisions_is_throttled(client):
    """Past the hourly limit a client gets a clear 429 page and nothing is created."""
    start = reverse("decisions:new_decision")
    for _ in range(3):
        assert client.post(start, FIRST_ANSWER).status_code == 302
    response = client.post(start, FIRST_ANSWER)
    assert response.status_code == 429
    assert b"Too many attempts" in response.content
    assert client.get(reverse("decisions:history")).status_code == 200


@pytest.mark.urls("tests.error_urls")
def test_api_errors_are_json_even_when_the_server_fails(quiet_client):
    """Under /api/, even a crash answers with a JSON error, not an HTML page."""
    response = quiet_client.get("/api/v1/broken")
    assert response.status_code == 500
    assert response.json() == {
        "errors": {"request": ["Something went wrong on our side."]}
    }


@pytest.mark.django_db
def test_api_bad_request_is_json(quiet_client, settings):
    """A request Django refuses (a bad Host) under /api/ gets a JSON 400."""
    settings.ALLOWED_HOSTS = ["decider.example.org"]
    response = quiet_client.get("/api/v1/questionnaire", HTTP_HOST="evil.example")
    assert response.status_code == 400
    assert response.json()["errors"]
