"""What the log records: a request refused for its size is the client's fault,
logged as a warning without a traceback."""

import logging

import pytest

from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_an_oversized_form_is_a_warning_without_a_traceback(client, caplog):
    """A body over the 64 KiB limit gets 400, and the log says why at WARNING,
    with no ERROR and no traceback."""
    body = {"username": "x" * (65 * 1024), "password": "whatever"}

    response = client.post(reverse("login"), body)

    assert response.status_code == 400
    [refusal] = [r for r in caplog.records if r.name.startswith("django.security")]
    assert refusal.name == "django.security.RequestDataTooBig"
    assert refusal.levelno == logging.WARNING
    assert refusal.exc_info is None
    assert not [r for r in caplog.records if r.levelno >= logging.ERROR]
    assert "Traceback" not in caplog.text
