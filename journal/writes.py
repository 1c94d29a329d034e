"""Every change to a journal: steps added and taken back, and looking back.

What may be recorded when is policy in journal.timeline, checked by the forms
before anything here runs.
"""

import datetime

from django.db import transaction

from decisions.models import Decision
from journal.models import JournalEntry, Reflection
from journal.timeline import Regret, Step, WorthIt


def add_step(
    decision: Decision,
    *,
    step: Step,
    happened_on: datetime.date,
    at_time: datetime.time | None = None,
) -> JournalEntry:
    return JournalEntry.objects.create(
        decision=decision, step=step, happened_on=happened_on, at_time=at_time
    )


def remove_last_step(decision: Decision) -> None:
    """Take back the latest step, say one recorded by mistake."""
    with transaction.atomic():
        last = decision.journal_entries.select_for_update().last()
        if last is not None:
            last.delete()


def save_reflection(
    decision: Decision,
    *,
    worth_it: WorthIt | None = None,
    regret: Regret | None = None,
    benefits: list[str] | None = None,
    drawbacks: list[str] | None = None,
    note: str = "",
) -> Reflection:
    """Store what looking back found, replacing any earlier answers.

    Going is looked back on with worth_it, benefits and drawbacks; staying
    away with regret. What one kind leaves out keeps its stored value.
    """
    given = {
        "worth_it": worth_it,
        "regret": regret,
        "benefits": benefits,
        "drawbacks": drawbacks,
    }
    defaults: dict[str, object] = {
        name: value for name, value in given.items() if value is not None
    }
    reflection, _ = Reflection.objects.update_or_create(
        decision=decision, defaults={**defaults, "note": note}
    )
    return reflection
