"""The journal in the admin: shown beside its decision, read-only."""

import datetime

import pytest
from pytest_django.asserts import assertContains, assertNotContains

from django.urls import reverse

from decisions import writes as decision_writes
from decisions.models import Decision
from journal import writes
from journal.timeline import Step
from tests.conftest import DECLINE_ANSWERS

pytestmark = pytest.mark.django_db


@pytest.fixture
def change_page(admin_client):
    decision = Decision.objects.create(answers=DECLINE_ANSWERS, details_given=True)
    decision_writes.complete(decision)
    writes.add_step(
        decision, step=Step.DECLINED, happened_on=datetime.date(2026, 11, 2)
    )
    writes.save_reflection(decision, regret="some", note="Should have gone")
    return admin_client.get(
        reverse("admin:decisions_decision_change", args=[decision.pk])
    )


def test_staff_see_the_journal_beside_the_decision(change_page):
    """The steps and the look back are on the decision's admin page."""
    assertContains(change_page, "I declined the interview")
    assertContains(change_page, "Should have gone")
    assertContains(change_page, "A few")


def test_staff_cannot_change_a_journal(change_page):
    """No field of a step or a look back can be edited, added or deleted."""
    assertNotContains(change_page, 'name="journal_entries-0-step"')
    assertNotContains(change_page, 'name="reflection-0-note"')
    assertNotContains(change_page, "journal_entries-0-DELETE")
    assertContains(change_page, 'name="journal_entries-MAX_NUM_FORMS" value="0"')
    assertContains(change_page, 'name="reflection-MAX_NUM_FORMS" value="0"')
