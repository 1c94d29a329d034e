"""An answer is stored with what the row holds when it is written, not what the
page read a moment before, and touches no other column. Every write of a
decision sets its updated_at, as a concurrent one here does too."""

import pytest

from django.utils import timezone

from decisions import writes
from decisions.models import Decision
from tests.answers import DECLINE_ANSWERS

pytestmark = pytest.mark.django_db


def stored(decision: Decision) -> Decision:
    return Decision.objects.get(pk=decision.pk)


def test_an_answer_keeps_answers_stored_since_the_page_read_the_decision(
    make_decision,
):
    decision = make_decision({"employment": "employed"})
    Decision.objects.filter(pk=decision.pk).update(
        answers={"employment": "employed", "interest": "low"},
        updated_at=timezone.now(),
    )

    writes.record_answer(decision, question_id="company_appeal", value="neutral")

    assert stored(decision).answers == {
        "employment": "employed",
        "interest": "low",
        "company_appeal": "neutral",
    }


def test_an_answer_writes_only_the_answers_status_and_time(make_decision):
    decision = make_decision(DECLINE_ANSWERS, complete=True)
    Decision.objects.filter(pk=decision.pk).update(
        role_title="Set meanwhile", updated_at=timezone.now()
    )
    before = stored(decision)

    writes.record_answer(decision, question_id="interest", value="low")

    after = stored(decision)
    assert after.answers == {**DECLINE_ANSWERS, "interest": "low"}
    assert after.status == Decision.Status.IN_PROGRESS
    assert after.updated_at == decision.updated_at > before.updated_at
    assert after.role_title == "Set meanwhile"
    assert after.verdict == before.verdict


def test_an_unchanged_answer_writes_nothing(make_decision):
    decision = make_decision(DECLINE_ANSWERS, complete=True)
    before = stored(decision)

    writes.record_answer(decision, question_id="interest", value="none")

    assert stored(decision).updated_at == before.updated_at
    assert stored(decision).status == Decision.Status.COMPLETE


def test_an_answer_to_a_decision_deleted_meanwhile_is_not_stored(make_decision):
    decision = make_decision({"employment": "employed"})
    Decision.objects.filter(pk=decision.pk).delete()

    with pytest.raises(Decision.DoesNotExist):
        writes.record_answer(decision, question_id="interest", value="low")


def test_judging_judges_the_answers_stored_since_the_page_read_them(make_decision):
    decision = make_decision(DECLINE_ANSWERS)
    changed = {**DECLINE_ANSWERS, "other_process": "accepted_offer"}
    Decision.objects.filter(pk=decision.pk).update(
        answers=changed, updated_at=timezone.now()
    )

    verdict = writes.complete(decision)

    assert verdict.answers == changed
    assert stored(decision).verdict["answers"] == changed
    assert stored(decision).status == Decision.Status.COMPLETE


def test_judging_writes_only_the_verdict_and_what_comes_with_it(make_decision):
    decision = make_decision(DECLINE_ANSWERS)
    Decision.objects.filter(pk=decision.pk).update(
        role_title="Set meanwhile", updated_at=timezone.now()
    )

    writes.complete(decision)

    after = stored(decision)
    assert after.role_title == "Set meanwhile"
    assert after.rules_version and after.completed_at
    assert after.updated_at == decision.updated_at
