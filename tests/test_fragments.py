"""The fragment cache: the verdict and shared pages keep the parts that are the
same for whoever may see them, and every change shows at once."""

import re
from unittest import mock

import pytest
from pytest_django.asserts import assertContains, assertNotContains

from django.test import Client
from django.urls import reverse

from decisions.models import Decision
from tests.conftest import DECLINE_ANSWERS, INTERVIEW_ANSWERS

pytestmark = pytest.mark.django_db

CSRF_INPUT = re.compile(r'name="csrfmiddlewaretoken" value="[^"]+"')


def verdict_url(decision: Decision) -> str:
    return reverse("decisions:verdict", args=[decision.pk])


def page(client: Client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def without_tokens(html: str) -> str:
    return CSRF_INPUT.sub("", html)


@pytest.fixture
def decline(make_decision) -> Decision:
    return make_decision(
        DECLINE_ANSWERS,
        complete=True,
        role_title="Account Manager",
        company_name="Acme",
        your_name="Sam Jones",
    )


def test_a_cached_verdict_page_is_the_page_worked_out_afresh(client, decline):
    worked_out = page(client, verdict_url(decline))
    with mock.patch.object(
        Decision, "judgement", side_effect=AssertionError("worked out again")
    ):
        cached = page(client, verdict_url(decline))
    assert without_tokens(cached) == without_tokens(worked_out)
    assert CSRF_INPUT.search(cached)


def test_a_cached_shared_page_is_the_page_worked_out_afresh(client, decline):
    client.post(reverse("decisions:share", args=[decline.pk]))
    url = decline.share_links.get().get_absolute_url()
    worked_out = page(Client(), url)
    with mock.patch.object(
        Decision, "judgement", side_effect=AssertionError("worked out again")
    ):
        assert page(Client(), url) == worked_out


def test_every_form_on_a_cached_page_carries_this_visitors_own_token(client, decline):
    page(client, verdict_url(decline))
    other = Client(enforce_csrf_checks=True)
    other.cookies = client.cookies  # the same owner, in a browser with a new token
    other.cookies.pop("csrftoken", None)
    html = page(other, verdict_url(decline))
    tokens = set(re.findall(r'name="csrfmiddlewaretoken" value="([^"]+)"', html))
    assert tokens, "the page has forms"
    for token in tokens:
        response = other.post(
            reverse("decisions:checklist", args=[decline.pk]),
            {"csrfmiddlewaretoken": token, "ticked": []},
        )
        assert response.status_code == 302, "the token is this browser's own"


def test_changed_email_options_show_at_once(client, decline):
    assertContains(client.get(verdict_url(decline)), "Sam Jones")
    response = client.post(
        reverse("decisions:email_options", args=[decline.pk]),
        {
            "email_reason": "not_right_fit",
            "email_kind": "decline",
            "email_keep_in_mind_for": "product design",
        },
    )
    assert response.status_code == 302
    assertContains(client.get(verdict_url(decline)), "product design")


def test_a_ticked_item_shows_at_once(client, decline):
    html = page(client, verdict_url(decline))
    item = re.search(r'name="ticked" value="([^"]+)"', html).group(1)
    assert f'id="tick-{item}" checked' not in html
    client.post(reverse("decisions:checklist", args=[decline.pk]), {"ticked": [item]})
    html = page(client, verdict_url(decline))
    assert f'id="tick-{item}" checked' in html
    assert "<strong>1 of" in html


def test_changed_details_show_at_once(client, decline):
    page(client, verdict_url(decline))
    client.post(
        reverse("decisions:details", args=[decline.pk]) + "?return_to=verdict",
        {"role_title": "Head of Llamas", "company_name": "Acme"},
    )
    response = client.get(verdict_url(decline))
    assertContains(response, "Head of Llamas at Acme")
    assertNotContains(response, "Account Manager")


def test_a_changed_answer_shows_its_new_verdict_at_once(client, make_decision):
    interview = make_decision(INTERVIEW_ANSWERS, complete=True)
    assertContains(client.get(verdict_url(interview)), "Take the interview")
    response = client.post(
        reverse("decisions:question", args=[interview.pk, "other_process"])
        + "?return_to=verdict",
        {"answer": "accepted_offer"},
    )
    assert response["Location"] == verdict_url(interview)
    assertContains(client.get(verdict_url(interview)), "Politely decline the interview")


def test_a_turned_off_link_stops_at_once_though_its_page_was_cached(client, decline):
    client.post(reverse("decisions:share", args=[decline.pk]))
    url = decline.share_links.get().get_absolute_url()
    assert Client().get(url).status_code == 200
    client.post(reverse("decisions:revoke", args=[decline.pk]))
    assert Client().get(url).status_code == 404


def test_links_with_and_without_the_company_are_kept_apart(client, decline):
    client.post(
        reverse("decisions:share", args=[decline.pk]), {"include_company": "on"}
    )
    with_company = decline.share_links.get().get_absolute_url()
    assertContains(Client().get(with_company), "Account Manager at Acme")
    client.post(reverse("decisions:revoke", args=[decline.pk]))
    client.post(reverse("decisions:share", args=[decline.pk]))
    without = decline.share_links.get(revoked_at=None).get_absolute_url()
    assertNotContains(Client().get(without), "Acme")


def test_the_owners_page_and_the_shared_page_are_kept_apart(client, decline):
    page(client, verdict_url(decline))
    client.post(reverse("decisions:share", args=[decline.pk]))
    shared = page(Client(), decline.share_links.get().get_absolute_url())
    assert "Sam Jones" not in shared
    assert "Your practice-interview checklist" not in shared


def test_the_site_header_follows_who_is_logged_in(client, django_user_model):
    assertContains(client.get(reverse("decisions:start")), "Log in")
    user = django_user_model.objects.create_user("ada", password="a long passphrase")
    client.force_login(user)
    response = client.get(reverse("decisions:start"))
    assertContains(response, "Log out")
    assertNotContains(response, ">Log in<")


def test_a_cached_shared_page_reads_only_its_link(
    client, decline, django_assert_num_queries
):
    client.post(reverse("decisions:share", args=[decline.pk]))
    url = decline.share_links.get().get_absolute_url()
    page(Client(), url)
    with django_assert_num_queries(1):
        page(Client(), url)


def test_a_cached_verdict_page_reads_the_session_and_the_decision(
    client, decline, django_assert_num_queries
):
    page(client, verdict_url(decline))
    with django_assert_num_queries(2):
        page(client, verdict_url(decline))


def test_a_shared_page_worked_out_afresh_reads_its_decision_once_more(
    client, decline, django_assert_num_queries
):
    client.post(
        reverse("decisions:share", args=[decline.pk]), {"include_company": "on"}
    )
    url = decline.share_links.get().get_absolute_url()
    with django_assert_num_queries(2):
        assertContains(Client().get(url), "Account Manager at Acme")
