"""My decisions from the fragment cache: a page drawn before is the same page,
read again without its rows, and every change to a row shows at once."""

import datetime
import re
from unittest import mock

import pytest

from django.core.cache import caches
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from decisions.models import Decision
from journal import presenters
from tests.conftest import DECLINE_ANSWERS, INTERVIEW_ANSWERS

pytestmark = pytest.mark.django_db

CSRF_INPUT = re.compile(r'name="csrfmiddlewaretoken" value="[^"]+"')
NEXT_WEEK = timezone.localdate() + datetime.timedelta(days=7)


def history(client: Client) -> str:
    response = client.get(reverse("decisions:history"))
    assert response.status_code == 200
    return CSRF_INPUT.sub("", response.content.decode())


def journal_url(decision: Decision, name: str) -> str:
    return reverse(f"journal:{name}", args=[decision.pk])


def change(client: Client, url: str, data: dict | None = None) -> None:
    """Post as the person does, seeing the page it leads to (and its message)."""
    response = client.post(url, data or {}, follow=True)
    assert response.status_code == 200


@pytest.fixture
def decline(make_decision) -> Decision:
    return make_decision(DECLINE_ANSWERS, complete=True, role_title="Analyst")


@pytest.fixture
def drawn(client, decline, make_decision) -> str:
    """The page with three rows, drawn once so that it is in the cache."""
    make_decision({"employment": "employed"})
    make_decision(INTERVIEW_ANSWERS, complete=True, company_name="Acme")
    return history(client)


def test_a_cached_page_is_the_page_drawn_afresh(client, drawn):
    """Drawn again from the cache, without reading its rows, the page is the
    same, and so is the page drawn afresh."""
    with mock.patch.object(
        presenters, "rows_of", side_effect=AssertionError("rows read again")
    ):
        cached = history(client)
    caches["template_fragments"].clear()

    assert cached == drawn
    assert history(client) == drawn


def test_a_cached_page_reads_fewer_queries(client, drawn):
    """Only the rows' versions are read for a page drawn before."""
    caches["template_fragments"].clear()
    with CaptureQueriesContext(connection) as afresh:
        history(client)
    with CaptureQueriesContext(connection) as cached:
        history(client)

    assert len(cached) < len(afresh)


def test_a_new_title_shows_at_once(client, decline, drawn):
    """A title changed in the details shows in the row and its hidden names."""
    change(
        client,
        reverse("decisions:details", args=[decline.pk]),
        {"role_title": "Designer"},
    )

    page = history(client)

    assert "Analyst" not in page
    assert 'Delete<span class="visually-hidden"> Designer</span>' in page


def test_a_tick_shows_at_once(client, decline, drawn):
    """A checklist item ticked counts in the row."""
    assert re.search(r"0 of \d+ done", drawn)
    change(
        client,
        reverse("decisions:checklist", args=[decline.pk]),
        {"ticked": ["research_company"]},
    )

    assert re.search(r"1 of \d+ done", history(client))


def test_a_journal_step_and_its_taking_back_show_at_once(client, decline, drawn):
    """A step recorded in the journal, or taken back, changes the next step."""
    assert drawn.count("Reply today") == 2
    change(
        client,
        journal_url(decline, "add_step"),
        {"step": "interview_booked", "happened_on": NEXT_WEEK.isoformat()},
    )

    booked = history(client)
    change(client, journal_url(decline, "remove_step"))

    assert booked.count("Reply today") == 1
    assert f"Interview on {NEXT_WEEK:%a} {NEXT_WEEK.day} {NEXT_WEEK:%b}" in booked
    assert history(client) == drawn


def test_looking_back_shows_at_once(client, decline, drawn):
    """Once the person says whether they regret declining, nothing is left to do."""
    change(
        client,
        journal_url(decline, "add_step"),
        {"step": "declined", "happened_on": timezone.localdate().isoformat()},
    )
    assert "Any regrets?" in history(client)

    change(client, journal_url(decline, "reflection"), {"regret": "none"})

    page = history(client)
    assert "Any regrets?" not in page
    assert "Nothing to do" in page


def test_a_deleted_decision_goes_at_once(client, decline, drawn):
    change(client, reverse("decisions:delete", args=[decline.pk]))

    page = history(client)

    assert str(decline.pk) in drawn
    assert str(decline.pk) not in page
    assert "Acme" in page


def test_the_next_step_moves_on_with_the_day(client, decline, drawn):
    """An interview booked for tomorrow asks, the day after, how it went."""
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    change(
        client,
        journal_url(decline, "add_step"),
        {"step": "interview_booked", "happened_on": tomorrow.isoformat()},
    )
    assert "How did it go?" not in history(client)

    with mock.patch.object(
        timezone, "localdate", return_value=tomorrow + datetime.timedelta(days=1)
    ):
        assert "How did it go?" in history(client)


def test_each_owner_sees_only_their_own_rows(client, drawn):
    """Another browser with a decision of its own never gets the cached rows."""
    other = Client()
    other.post(reverse("decisions:new_decision"), {"answer": "employed"})

    page = history(other)

    assert "Analyst" not in page
    assert page.count("<tr>") == 2  # The heading and its one decision.


@pytest.mark.parametrize(
    ("asked", "shown"),
    [
        ("", 1),
        ("2", 2),
        ("abc", 1),
        ("1.5", 1),
        ("0", 3),
        ("-2", 3),
        ("4", 3),
        ("99999999999999999999999", 3),
    ],
)
def test_a_page_number_beyond_the_pages_shows_the_last(
    client, make_decision, asked, shown
):
    for _ in range(2 * presenters.HISTORY_PAGE_SIZE + 1):
        make_decision()
    response = client.get(reverse("decisions:history"), {"page": asked})
    assert response.status_code == 200
    assert response.context["page"].number == shown
    assert response.context["page"].paginator.num_pages == 3
