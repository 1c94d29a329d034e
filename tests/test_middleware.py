"""Caching rules every page gets: private, never stored, unless its view says so."""

import pytest

from django.http import HttpResponse
from django.test import RequestFactory
from django.urls import reverse

from decisions import writes
from interviewdecider.middleware import private_by_default
from tests.conftest import DECISION_PAGES

pytestmark = pytest.mark.django_db


def assert_private_and_never_stored(response):
    directives = {part.strip() for part in response["Cache-Control"].split(",")}
    assert {"private", "no-store"} <= directives
    assert "public" not in directives


@pytest.mark.parametrize("name", DECISION_PAGES)
def test_decision_pages_are_private_and_never_stored(client, interview_decision, name):
    """The verdict and every other page of a decision tell caches to keep nothing,
    and still vary by cookie."""
    response = client.get(reverse(name, args=[interview_decision.pk]))

    assert_private_and_never_stored(response)
    assert "Cookie" in response["Vary"]


def test_my_decisions_is_private_and_never_stored(client, interview_decision):
    """The list of someone's decisions is never kept by a cache."""
    response = client.get(reverse("decisions:history"))

    assert response.status_code == 200
    assert_private_and_never_stored(response)
    assert "Cookie" in response["Vary"]


def test_shared_pages_are_never_stored(client, interview_decision):
    """A share link can be turned off, so no cache may keep its page or its JSON."""
    link = writes.create_share_link(interview_decision, include_company=False)

    page = client.get(link.get_absolute_url())
    api = client.get(f"/api/v1/shared/{link.token}")

    assert page.status_code == api.status_code == 200
    assert_private_and_never_stored(page)
    assert_private_and_never_stored(api)


def test_a_views_own_cache_rules_are_kept():
    """A response that already says how to cache it is left alone."""

    def view(request):
        response = HttpResponse("public")
        response["Cache-Control"] = "public, max-age=60"
        return response

    response = private_by_default(view)(RequestFactory().get("/"))

    assert response["Cache-Control"] == "public, max-age=60"
