"""Who a request acts for: client addresses and throttling keys."""

import pytest

from django.test import RequestFactory

from decisions import ownership


@pytest.mark.parametrize(
    ("proxy_count", "forwarded_for", "expected"),
    [
        (0, "", "10.0.0.9"),
        (0, "203.0.113.7", "10.0.0.9"),
        (1, "203.0.113.7", "203.0.113.7"),
        (1, "6.6.6.6, 203.0.113.7", "203.0.113.7"),
        (2, "6.6.6.6, 203.0.113.7, 198.51.100.2", "203.0.113.7"),
        (2, "203.0.113.7", "10.0.0.9"),
    ],
)
def test_client_ip_trusts_only_our_own_proxies(
    settings, proxy_count, forwarded_for, expected
):
    """The client address comes from X-Forwarded-For only as far as our proxies go."""
    settings.PROXY_COUNT = proxy_count
    request = RequestFactory().get(
        "/", REMOTE_ADDR="10.0.0.9", HTTP_X_FORWARDED_FOR=forwarded_for
    )
    assert ownership.client_ip(request) == expected


def test_client_key_hides_the_address(settings):
    """Throttling keys are keyed hashes, not addresses."""
    request = RequestFactory().get("/", REMOTE_ADDR="203.0.113.7")
    key = ownership.client_key(request)
    assert "203.0.113.7" not in key
    assert len(key) == 64
