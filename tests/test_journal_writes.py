"""Journal writes; a journal goes with its decision, and never to a share link."""

import datetime

import pytest
from pytest_django.asserts import assertNotContains

from django.contrib.auth.models import User
from django.urls import reverse

from decisions import writes as decision_writes
from decisions.models import Owner
from journal import writes
from journal.models import JournalEntry, Reflection
from journal.timeline import Step
from tests.conftest import DECLINE_ANSWERS, INTERVIEW_ANSWERS

pytestmark = pytest.mark.django_db

NOTE = "Private thoughts about Zyzzyva"
DAY = datetime.date(2026, 11, 2)


@pytest.fixture
def kept(make_decision):
    """A decision whose journal has a step and a look back."""
    decision = make_decision(DECLINE_ANSWERS, complete=True)
    writes.add_step(decision, step=Step.DECLINED, happened_on=DAY)
    writes.save_reflection(decision, regret="none", note=NOTE)
    return decision


def test_steps_keep_the_order_they_were_recorded_in(make_decision):
    """A second round booked after the first is listed after it."""
    decision = make_decision(INTERVIEW_ANSWERS, complete=True)
    for step in (Step.INTERVIEW_BOOKED, Step.ATTENDED, Step.INTERVIEW_BOOKED):
        writes.add_step(decision, step=step, happened_on=DAY)

    assert [entry.step for entry in decision.journal_entries.all()] == [
        "interview_booked",
        "attended",
        "interview_booked",
    ]


def test_saving_a_look_back_again_replaces_its_answers(kept):
    """One look back per decision: saving again updates it."""
    writes.save_reflection(kept, regret="some", note="")

    reflection = Reflection.objects.get()
    assert (reflection.regret, reflection.note) == ("some", "")


def test_a_look_back_of_the_other_kind_keeps_the_first_kinds_answers(kept):
    """Looking back on going later leaves the regrets recorded earlier."""
    writes.save_reflection(kept, worth_it="yes", benefits=["practice"], drawbacks=[])

    reflection = Reflection.objects.get()
    assert (reflection.regret, reflection.worth_it) == ("none", "yes")


def test_deleting_a_decision_deletes_its_journal(client, kept):
    """The delete confirmation removes the steps and the look back too."""
    client.post(reverse("decisions:delete", args=[kept.pk]))

    assert not JournalEntry.objects.exists()
    assert not Reflection.objects.exists()


def test_deleting_all_my_data_deletes_every_journal(client, kept):
    """Delete my data leaves no step or look back behind."""
    client.post(reverse("decisions:delete_all"))

    assert not JournalEntry.objects.exists()
    assert not Reflection.objects.exists()


def test_an_accounts_data_deleted_takes_its_journals(kept):
    """Deleting an account's data deletes its decisions' journals."""
    user = User.objects.create_user("sam")
    kept.user = user
    kept.save()

    decision_writes.delete_all_data(Owner(user=user))

    assert not JournalEntry.objects.exists()
    assert not Reflection.objects.exists()


def test_logging_in_carries_the_journal_to_the_account(client, kept):
    """Claimed decisions bring their steps and look back with them."""
    User.objects.create_user("sam", password="a-long-test-password")

    client.post(
        reverse("login"), {"username": "sam", "password": "a-long-test-password"}
    )

    page = client.get(reverse("journal:journal", args=[kept.pk]))
    assert page.status_code == 200
    assert page.context["entries"][0].step == "declined"
    assert NOTE in page.text


def test_a_share_link_shows_no_journal(client, kept):
    """The shared page and the shared API never show a step or a look back."""
    link = decision_writes.create_share_link(kept, include_company=True)

    page = client.get(link.get_absolute_url())
    api = client.get(reverse("decisions:api_shared", args=[link.token]))

    for response in (page, api):
        assert response.status_code == 200
        assertNotContains(response, NOTE)
        assertNotContains(response, "I declined the interview")
        assertNotContains(response, "regret")
