"""Share links: creating, revoking, and what a shared page and its JSON show."""

import datetime
import html
import re

import pytest
from pytest_django.asserts import assertContains, assertNotContains, assertRedirects

from django.test import Client
from django.urls import reverse

from decisions import engine
from decisions.models import Decision, ShareLink
from tests.conftest import DECLINE_ANSWERS, INTERVIEW_ANSWERS

pytestmark = pytest.mark.django_db

CONTACT = "Zebedee Quux"
YOUR_NAME = "Xanthippe Vole"
ROLE = "Chief Llama Officer"
COMPANY = "Gnomon Widgets"
RECIPIENT = "zebedee@gnomon.example"
INTERVIEW_DAY = datetime.date(2026, 11, 27)
# Every way the date could be written on the page or in JSON.
DATE_FORMS = ("2026-11-27", "27 November", "27/11/2026", "20261127", "Friday 27")
PRIVATE = (CONTACT, YOUR_NAME, RECIPIENT, *DATE_FORMS)


def share(client, decision: Decision, *, include_company: bool = False):
    data = {"include_company": "on"} if include_company else {}
    return client.post(reverse("decisions:share", args=[decision.pk]), data)


def share_link(client, decision: Decision, **options) -> ShareLink:
    share(client, decision, **options)
    return decision.share_links.get(revoked_at=None)


def shared_url(link: ShareLink) -> str:
    return reverse("decisions:shared", args=[link.token])


def api_url(link: ShareLink) -> str:
    return reverse("decisions:api_shared", args=[link.token])


def revoke(client, decision: Decision):
    return client.post(reverse("decisions:revoke", args=[decision.pk]))


@pytest.fixture
def personal(make_decision):
    """A decision with every personal detail filled in with distinctive values."""

    def make(answers) -> Decision:
        return make_decision(
            answers,
            complete=True,
            role_title=ROLE,
            company_name=COMPANY,
            contact_name=CONTACT,
            your_name=YOUR_NAME,
            recipient_email=RECIPIENT,
            interview_date=INTERVIEW_DAY,
        )

    return make


@pytest.fixture
def decline(personal):
    return personal(DECLINE_ANSWERS)


# Creating a link


def test_sharing_creates_a_link_and_returns_to_the_verdict(client, decline):
    """The owner's share request makes one active link and goes back to #share."""
    response = share(client, decline)

    assertRedirects(
        response,
        reverse("decisions:verdict", args=[decline.pk]) + "#share",
        fetch_redirect_response=False,
    )
    assert decline.share_links.filter(revoked_at=None).count() == 1


def test_a_share_token_is_long_and_url_safe(client, decline):
    """The token carries at least 128 bits in URL-safe characters."""
    link = share_link(client, decline)

    assert len(link.token) >= 43
    assert re.fullmatch(r"[A-Za-z0-9_-]+", link.token)


def test_share_tokens_differ(client, decline, personal):
    """Each link gets its own random token."""
    other = personal(INTERVIEW_ANSWERS)

    assert share_link(client, decline).token != share_link(client, other).token


def test_the_company_is_left_out_unless_asked_for(client, decline):
    """A link leaves out the company and role by default."""
    assert share_link(client, decline).include_company is False


def test_an_unfinished_decision_cannot_be_shared(client, make_decision):
    """There is nothing to share before the verdict."""
    decision = make_decision(DECLINE_ANSWERS)

    response = share(client, decision)

    assert response.status_code == 404
    assert not ShareLink.objects.exists()


def test_the_verdict_page_shows_the_active_link(client, decline):
    """The owner sees the link's full address and a way to turn it off."""
    link = share_link(client, decline)

    response = client.get(reverse("decisions:verdict", args=[decline.pk]))

    assertContains(response, f'value="http://testserver{shared_url(link)}"')
    assertContains(response, "Turn off this link")
    assertContains(response, reverse("decisions:revoke", args=[decline.pk]))


def test_the_verdict_page_offers_a_link_when_none_is_active(client, decline):
    """Without an active link, the owner is offered one."""
    response = client.get(reverse("decisions:verdict", args=[decline.pk]))

    assertContains(response, "Create a share link")
    assertNotContains(response, "Turn off this link")


# The shared page


def test_the_shared_page_shows_the_verdict_and_reasons(client, decline):
    """Anyone with the link sees the verdict and the reasons."""
    link = share_link(client, decline)

    response = Client().get(shared_url(link))

    assert response.status_code == 200
    assertContains(response, 'id="verdict-headline">Politely decline the interview<')
    reasons = engine.evaluate(DECLINE_ANSWERS).reasons
    assert reasons
    for reason in reasons:
        assertContains(response, html.escape(reason.text))


def test_the_shared_page_speaks_about_the_person_who_shared_it(client, decline):
    """The friend reading is told that "you" means the person who shared it, and
    the page's own words call that person "they"."""
    link = share_link(client, decline)

    response = Client().get(shared_url(link))

    assertContains(response, "where it says “you”, it means them.")
    assertContains(response, ">What we suggested they do<")
    assertContains(response, ">If they decide to go anyway<")
    assertNotContains(response, "Your practice-interview checklist")


@pytest.mark.parametrize("answers", [DECLINE_ANSWERS, INTERVIEW_ANSWERS])
@pytest.mark.parametrize("include_company", [False, True])
def test_the_shared_page_never_shows_names_or_the_date(
    client, personal, answers, include_company
):
    """Neither person's name nor the interview date is ever on the shared page."""
    link = share_link(client, personal(answers), include_company=include_company)

    response = Client().get(shared_url(link))

    for private in PRIVATE:
        assertNotContains(response, private)


def test_the_shared_page_leaves_out_the_personal_email(client, decline):
    """The shared email is an outline with no greeting by name or signature."""
    link = share_link(client, decline)

    response = Client().get(shared_url(link))

    assertContains(response, "Hello,")
    assertNotContains(response, "Dear ")
    assertNotContains(response, reverse("decisions:email_text", args=[decline.pk]))
    assertNotContains(response, "mailto:")


def test_the_shared_page_shows_no_owner_controls(client, decline):
    """A visitor gets no links into the owner's decision."""
    link = share_link(client, decline)

    response = Client().get(shared_url(link))

    assertNotContains(response, str(decline.pk))


@pytest.mark.parametrize(("include_company", "shown"), [(False, False), (True, True)])
def test_the_company_and_role_show_only_when_ticked(
    client, decline, include_company, shown
):
    """The company and role appear only when the owner chose to include them."""
    link = share_link(client, decline, include_company=include_company)

    response = Client().get(shared_url(link))

    assert (COMPANY in response.text) is shown
    assert (ROLE in response.text) is shown


def test_the_shared_page_asks_not_to_be_indexed(client, decline):
    """Search engines are told not to index it, and no referrer leaks the token."""
    link = share_link(client, decline)

    response = Client().get(shared_url(link))

    assert response["X-Robots-Tag"] == "noindex, nofollow"
    assert response["Referrer-Policy"] == "no-referrer"
    assertContains(response, '<meta name="robots" content="noindex, nofollow">')


def test_the_shared_page_has_a_link_preview(client, decline):
    """Open Graph tags give chat apps a title and description."""
    link = share_link(client, decline)

    response = Client().get(shared_url(link))

    assertContains(
        response, '<meta property="og:title" content="Politely decline the interview">'
    )
    assertContains(response, '<meta property="og:description" content="')


def test_the_shared_page_shows_the_stored_verdict(client, decline):
    """A shared page shows the verdict as judged, not a fresh evaluation."""
    link = share_link(client, decline)
    Decision.objects.filter(pk=decline.pk).update(
        verdict=engine.evaluate(INTERVIEW_ANSWERS).to_dict()
    )

    response = Client().get(shared_url(link))

    assertContains(response, 'id="verdict-headline">Take the interview<')


def test_a_shared_verdict_from_retired_rules_still_shows(client, decline):
    """A link to a verdict whose factor the current rules dropped still works."""
    link = share_link(client, decline)
    old = engine.evaluate(DECLINE_ANSWERS).to_dict() | {"rules_version": "2000.1"}
    old["reasons"][0]["factor"] = "retired_factor"
    Decision.objects.filter(pk=decline.pk).update(verdict=old, rules_version="2000.1")

    response = Client().get(shared_url(link))

    assertContains(response, 'id="verdict-headline">Politely decline the interview<')
    assertContains(response, html.escape(old["reasons"][0]["text"]))


# Revoking


def test_revoking_turns_the_link_off(client, decline):
    """After revoking, the old link and its JSON are 404."""
    link = share_link(client, decline)

    response = revoke(client, decline)

    assertRedirects(
        response,
        reverse("decisions:verdict", args=[decline.pk]) + "#share",
        fetch_redirect_response=False,
    )
    assert Client().get(shared_url(link)).status_code == 404
    api = Client().get(api_url(link))
    assert api.status_code == 404
    assert "token" in api.json()["errors"]


def test_a_new_link_after_revoking_works_and_differs(client, decline):
    """A fresh link after revoking has a new token; only the new one works."""
    old = share_link(client, decline)
    revoke(client, decline)

    new = share_link(client, decline)

    assert new.token != old.token
    assert Client().get(shared_url(new)).status_code == 200
    assert Client().get(shared_url(old)).status_code == 404


def test_sharing_again_replaces_the_active_link(client, decline):
    """Creating a link turns off the previous one, so only one is ever active."""
    old = share_link(client, decline)

    new = share_link(client, decline, include_company=True)

    assert new.token != old.token
    assert Client().get(shared_url(old)).status_code == 404
    assert decline.share_links.filter(revoked_at=None).count() == 1


def test_the_verdict_page_offers_a_new_link_after_revoking(client, decline):
    """Once the link is off, the owner's page no longer shows it as active."""
    link = share_link(client, decline)
    revoke(client, decline)

    response = client.get(reverse("decisions:verdict", args=[decline.pk]))

    assertNotContains(response, link.token)
    assertContains(response, "Create a share link")


def test_deleting_the_decision_turns_its_link_off(client, decline):
    """A deleted decision's link is 404."""
    link = share_link(client, decline)

    client.post(reverse("decisions:delete", args=[decline.pk]))

    assert Client().get(shared_url(link)).status_code == 404


# The shared JSON


def test_the_shared_json_matches_the_verdict(client, decline):
    """The shared JSON gives the stored verdict, reasons and changes."""
    link = share_link(client, decline)

    response = Client().get(api_url(link))

    assert response.status_code == 200
    assert response["X-Robots-Tag"] == "noindex, nofollow"
    data = response.json()
    expected = engine.evaluate(DECLINE_ANSWERS).to_dict()
    keys = ("verdict", "strength", "reasons", "what_would_change", "situations")
    for key in (*keys, "tensions", "close_call"):
        assert data[key] == expected[key]
    assert "answers" not in data
    assert data["role_title"] is None
    assert data["company_name"] is None
    assert data["decline_email"]["body"].startswith("Hello,")
    assert data["checklist"]


def test_the_shared_json_names_the_company_only_when_ticked(client, decline):
    """Company and role are in the JSON only when the owner included them."""
    link = share_link(client, decline, include_company=True)

    data = Client().get(api_url(link)).json()

    assert data["role_title"] == ROLE
    assert data["company_name"] == COMPANY


@pytest.mark.parametrize("answers", [DECLINE_ANSWERS, INTERVIEW_ANSWERS])
@pytest.mark.parametrize("include_company", [False, True])
def test_the_shared_json_never_holds_names_or_the_date(
    client, personal, answers, include_company
):
    """Neither name nor the interview date is anywhere in the shared JSON."""
    link = share_link(client, personal(answers), include_company=include_company)

    body = Client().get(api_url(link)).content.decode()

    for private in PRIVATE:
        assert private not in body


@pytest.mark.parametrize(
    "token",
    [
        "unknown-token-that-was-never-issued-by-the-app-xx",
        "x",
        "%20",
        "..",
        "a" * 500,
        "%C3%A9t%C3%A9",
        "%00",
    ],
)
def test_an_unknown_or_malformed_token_is_404(client, token):
    """A token that isn't an active link is a 404, on the page and as JSON."""
    page = client.get(f"/s/{token}/")
    api = client.get(f"/api/v1/shared/{token}")

    assert page.status_code == 404
    assert api.status_code == 404
    assert api["Content-Type"] == "application/json"
    assert api.json()["errors"]
