"""What a person records after a verdict: the steps that followed, and looking back.

Both belong to their decision and go with it: deleting the decision, or all of
a person's data, deletes them, and claiming decisions at log-in carries them.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

from decisions.models import Decision
from journal import timeline


class JournalEntry(models.Model):
    decision = models.ForeignKey(
        Decision, on_delete=models.CASCADE, related_name="journal_entries"
    )
    step = models.CharField(
        max_length=20,
        choices=[
            (step.value, _(label)) for step, label in timeline.STEP_LABELS.items()
        ],
    )
    happened_on = models.DateField()
    at_time = models.TimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        # The order recorded, which is the order the steps happened in.
        ordering = ["id"]
        verbose_name_plural = "journal entries"

    def __str__(self) -> str:
        return f"{self.get_step_display()} on {self.happened_on:%Y-%m-%d}"

    def entry(self) -> timeline.Entry:
        return timeline.Entry(timeline.Step(self.step), self.happened_on, self.at_time)


class Reflection(models.Model):
    """Looking back: whether going was worth it, or any regrets about not going."""

    decision = models.OneToOneField(
        Decision, on_delete=models.CASCADE, related_name="reflection"
    )
    worth_it = models.CharField(
        max_length=10,
        blank=True,
        choices=[
            (answer.value, _(label))
            for answer, label in timeline.WORTH_IT_LABELS.items()
        ],
    )
    regret = models.CharField(
        max_length=10,
        blank=True,
        choices=[
            (answer.value, _(label)) for answer, label in timeline.REGRET_LABELS.items()
        ],
    )
    # The engine's factor ids, from timeline.BENEFITS and timeline.DRAWBACKS.
    benefits = models.JSONField(default=list, blank=True)
    drawbacks = models.JSONField(default=list, blank=True)
    note = models.TextField(max_length=2000, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"Looking back on {self.decision_id}"
