"""Ownership: every owner-only address is 404 to anyone else, and POSTs need CSRF."""

import datetime
import re

import pytest
from pytest_django.asserts import assertNotContains

from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse

from decisions import urls
from decisions.models import Decision, ShareLink
from journal import urls as journal_urls
from journal import writes as journal_writes
from journal.models import Reflection
from journal.timeline import Step
from tests.conftest import DECLINE_ANSWERS, FIRST_ANSWER, INTERVIEW_ANSWERS

pytestmark = pytest.mark.django_db

COMPANY = "Zyzzyva Holdings"
PASSWORD = "correct-horse-battery-staple"

# Every owner-only address, its method, and a verdict that gives it something
# to show the owner: the email text needs a decline, the calendar an interview.
OWNER_ONLY = [
    ("resume", "get", DECLINE_ANSWERS),
    ("question", "get", DECLINE_ANSWERS),
    ("question", "post", DECLINE_ANSWERS),
    ("details", "get", DECLINE_ANSWERS),
    ("details", "post", DECLINE_ANSWERS),
    ("check", "get", DECLINE_ANSWERS),
    ("check", "post", DECLINE_ANSWERS),
    ("verdict", "get", DECLINE_ANSWERS),
    ("email_options", "post", DECLINE_ANSWERS),
    ("email_text", "get", DECLINE_ANSWERS),
    ("checklist", "post", INTERVIEW_ANSWERS),
    ("calendar", "get", INTERVIEW_ANSWERS),
    ("reply_reminder", "get", DECLINE_ANSWERS),
    ("share", "post", DECLINE_ANSWERS),
    ("revoke", "post", DECLINE_ANSWERS),
    ("delete", "get", DECLINE_ANSWERS),
    ("delete", "post", DECLINE_ANSWERS),
    ("reevaluate", "post", DECLINE_ANSWERS),
    ("journal:journal", "get", DECLINE_ANSWERS),
    ("journal:add_step", "post", DECLINE_ANSWERS),
    ("journal:remove_step", "post", DECLINE_ANSWERS),
    ("journal:reflection", "post", DECLINE_ANSWERS),
]

# What each POST sends, as the owner's own form would.
POST_DATA = {
    "question": {"answer": "unemployed"},
    "details": {"company_name": "Changed"},
    "email_options": {"email_reason": "accepted_other", "email_kind": "withdraw"},
    "checklist": {"ticked": ["research_company"]},
    "share": {"include_company": "on"},
    "journal:add_step": {"step": "attended", "happened_on": "2/11/2026"},
    "journal:reflection": {"worth_it": "yes", "note": "Mine alone"},
}

POST_ONLY = [
    "email_options",
    "checklist",
    "share",
    "revoke",
    "reevaluate",
    "journal:add_step",
    "journal:remove_step",
    "journal:reflection",
]


def url_for(name: str, decision: Decision) -> str:
    args = [decision.pk, "employment"] if name == "question" else [decision.pk]
    return reverse(name if ":" in name else f"decisions:{name}", args=args)


def request(client, name: str, method: str, decision: Decision):
    return getattr(client, method)(url_for(name, decision), POST_DATA.get(name, {}))


def logged_in_client(username: str) -> Client:
    get_user_model().objects.create_user(username, password=PASSWORD)
    client = Client()
    client.post(reverse("login"), {"username": username, "password": PASSWORD})
    assert "_auth_user_id" in client.session
    return client


def snapshot(decision: Decision) -> dict:
    decision.refresh_from_db()
    return {
        "answers": decision.answers,
        "company_name": decision.company_name,
        "status": decision.status,
        "verdict": decision.verdict,
        "rules_version": decision.rules_version,
        "email": (decision.email_reason, decision.email_kind),
        "ticks": decision.checklist_ticks,
        "links": list(decision.share_links.values_list("token", "revoked_at")),
        "journal": list(decision.journal_entries.values_list("step", "happened_on")),
        "reflection": list(
            Reflection.objects.filter(decision=decision).values_list("worth_it", "note")
        ),
    }


def test_the_sweep_covers_every_decision_address():
    """Every route that takes a decision id is in the sweep below."""
    routes = {p.name for p in urls.urlpatterns if "pk" in p.pattern.converters}
    routes |= {
        f"journal:{p.name}"
        for p in journal_urls.urlpatterns
        if "pk" in p.pattern.converters
    }

    assert routes == {name for name, _, _ in OWNER_ONLY}


@pytest.fixture(params=["browser", "account"])
def owner(request, client, make_decision):
    """The owner's client, and a way to make their decisions, anonymous or not."""
    if request.param == "account":
        get_user_model().objects.create_user("owner", password=PASSWORD)
        client.post(reverse("login"), {"username": "owner", "password": PASSWORD})

    def make(answers) -> Decision:
        decision = make_decision(
            answers,
            complete=True,
            company_name=COMPANY,
            interview_date=datetime.date(2026, 11, 27),
        )
        ShareLink.objects.create(decision=decision)
        journal_writes.add_step(
            decision, step=Step.INTERVIEW_BOOKED, happened_on=datetime.date(2026, 11, 2)
        )
        return decision

    return client, make


@pytest.fixture(params=["fresh browser", "other browser", "other account"])
def stranger(request) -> Client:
    """Someone who isn't the owner: no session, their own browser, or an account."""
    if request.param == "other account":
        return logged_in_client("stranger")
    client = Client()
    if request.param == "other browser":
        client.post(reverse("decisions:new_decision"), FIRST_ANSWER)
    return client


@pytest.mark.parametrize(("name", "method", "answers"), OWNER_ONLY)
def test_the_owner_can_reach_every_owner_only_address(owner, name, method, answers):
    """The sweep is meaningful: each address works for its owner."""
    client, make = owner
    decision = make(answers)

    response = request(client, name, method, decision)

    assert response.status_code in (200, 302)


@pytest.mark.parametrize(("name", "method", "answers"), OWNER_ONLY)
def test_anyone_else_gets_404_and_changes_nothing(
    owner, stranger, name, method, answers
):
    """Someone else's decision is 404, not 403, shows nothing and stays as it was."""
    _, make = owner
    decision = make(answers)
    before = snapshot(decision)

    response = request(stranger, name, method, decision)

    assert response.status_code == 404
    assertNotContains(response, COMPANY, status_code=404)
    assert snapshot(decision) == before


def test_comparing_someone_elses_decisions_is_404(owner, stranger):
    """Compare shows the owner their decisions, and anyone else 404."""
    client, make = owner
    ids = [str(make(DECLINE_ANSWERS).pk), str(make(INTERVIEW_ANSWERS).pk)]

    mine = client.get(reverse("journal:compare"), {"d": ids})
    theirs = stranger.get(reverse("journal:compare"), {"d": ids})

    assert mine.status_code == 200
    assert theirs.status_code == 404
    assertNotContains(theirs, COMPANY, status_code=404)


# Pages of one's own decisions, and what only their owner sees there.
OWN_PAGES = [
    ("decisions:history", COMPANY),
    ("journal:record", "You have weighed 1 invitation."),
    ("journal:export_json", "Mine alone"),
    ("journal:export_csv", "Mine alone"),
]


@pytest.mark.parametrize(("name", "owners_only"), OWN_PAGES)
def test_lists_and_exports_show_only_the_requesters_own_data(
    owner, stranger, name, owners_only
):
    """My decisions, Your record and the exports answer everyone with their own
    decisions: the owner's journal reaches nobody else."""
    client, make = owner
    decision = make(DECLINE_ANSWERS)
    journal_writes.save_reflection(decision, worth_it="yes", note="Mine alone")

    mine = client.get(reverse(name))
    theirs = stranger.get(reverse(name))

    assert owners_only in mine.content.decode()
    assert theirs.status_code == 200
    assert owners_only not in theirs.content.decode()
    assert COMPANY not in theirs.content.decode()


@pytest.mark.parametrize("name", POST_ONLY)
def test_state_changing_addresses_refuse_get(client, make_decision, name):
    """An address that changes something takes only POST: GET is 405."""
    decision = make_decision(INTERVIEW_ANSWERS, complete=True)
    before = snapshot(decision)

    response = client.get(url_for(name, decision))

    assert response.status_code == 405
    assert snapshot(decision) == before


def test_logging_out_refuses_get(client):
    """Logging out is a POST only."""
    assert client.get(reverse("logout")).status_code == 405


POSTS = [
    ("question", DECLINE_ANSWERS),
    ("details", DECLINE_ANSWERS),
    ("check", DECLINE_ANSWERS),
    ("email_options", DECLINE_ANSWERS),
    ("checklist", INTERVIEW_ANSWERS),
    ("share", DECLINE_ANSWERS),
    ("revoke", DECLINE_ANSWERS),
    ("delete", DECLINE_ANSWERS),
    ("reevaluate", DECLINE_ANSWERS),
    ("journal:add_step", DECLINE_ANSWERS),
    ("journal:remove_step", DECLINE_ANSWERS),
    ("journal:reflection", DECLINE_ANSWERS),
]


@pytest.fixture
def strict_owner(owner) -> tuple[Client, object]:
    """The owner's browser, with CSRF checked as a real browser's would be."""
    client, make = owner
    strict = Client(enforce_csrf_checks=True)
    strict.cookies = client.cookies
    return strict, make


def csrf_token(client, decision: Decision) -> str:
    page = client.get(reverse("decisions:delete", args=[decision.pk]))
    return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text).group(1)


@pytest.mark.parametrize(("name", "answers"), POSTS)
def test_a_post_without_a_csrf_token_is_refused(strict_owner, name, answers):
    """The owner's own POST without a CSRF token is 403 and changes nothing."""
    client, make = strict_owner
    decision = make(answers)
    before = snapshot(decision)

    response = request(client, name, "post", decision)

    assert response.status_code == 403
    assert snapshot(decision) == before


@pytest.mark.parametrize(("name", "answers"), POSTS)
def test_a_post_with_the_csrf_token_is_accepted(strict_owner, name, answers):
    """With the page's CSRF token, the same POST goes through."""
    client, make = strict_owner
    decision = make(answers)
    data = {
        **POST_DATA.get(name, {}),
        "csrfmiddlewaretoken": csrf_token(client, decision),
    }

    response = client.post(url_for(name, decision), data)

    assert response.status_code == 302


@pytest.mark.parametrize(
    "path",
    [
        reverse("decisions:new_decision"),
        reverse("decisions:delete_all"),
        reverse("signup"),
        reverse("login"),
        reverse("logout"),
    ],
)
def test_site_wide_posts_need_a_csrf_token(path):
    """Starting, deleting everything and the account forms all check CSRF."""
    client = Client(enforce_csrf_checks=True)

    response = client.post(path, {"username": "sam", "password": PASSWORD})

    assert response.status_code == 403
    assert not Decision.objects.exists()


@pytest.mark.parametrize(
    "path",
    [
        "/decisions/not-a-uuid/",
        "/decisions/not-a-uuid/verdict/",
        "/decisions/12345/verdict/",
        "/decisions/00000000-0000-0000-0000-00000000000g/verdict/",
        "/decisions/00000000-0000-0000-0000-000000000000/verdict/",
        "/decisions/00000000-0000-0000-0000-000000000000/email.txt",
        "/decisions/../verdict/",
        "/decisions/%00/verdict/",
    ],
)
def test_a_malformed_or_unknown_decision_address_is_404(client, start_decision, path):
    """An address that isn't a known decision's UUID is 404."""
    start_decision()

    assert client.get(path).status_code == 404
