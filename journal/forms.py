"""What people record in their journal, with a clear message for each problem."""

import datetime
import uuid
from collections.abc import Mapping
from enum import StrEnum
from typing import TYPE_CHECKING, Any, cast

from django import forms
from django.utils.translation import gettext_lazy as _

from decisions.forms import TypedDateField
from decisions.presenters import factor
from journal.timeline import (
    BENEFITS,
    DRAWBACKS,
    PLANNED_STEPS,
    REGRET_LABELS,
    STEP_LABELS,
    WORTH_IT_LABELS,
    LookBack,
    Regret,
    Step,
    WorthIt,
)

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

EARLIEST_YEAR, LATEST_YEAR = 2000, 2099
NOTE_LENGTH = 2000
# More columns than this no longer fit side by side on a laptop screen.
MOST_TO_COMPARE = 4


class JournalForm(forms.Form):
    """Marks each box with an error in Bootstrap's invalid style. Radios and
    checkboxes keep their own colours: their group is marked instead."""

    def full_clean(self) -> None:
        super().full_clean()
        for name in self.errors:
            widget = self.fields[name].widget
            if not isinstance(widget, forms.widgets.ChoiceWidget):
                widget.attrs["class"] = f"{widget.attrs['class']} is-invalid"


def one_of(
    values: type[StrEnum],
    labels: Mapping[Any, str],
    *,
    label: "StrOrPromise",
    required: "StrOrPromise",
) -> forms.TypedChoiceField:
    """Radios for one of an enum's values, each labelled."""
    return forms.TypedChoiceField(
        label=label,
        coerce=values,
        choices=[(value.value, _(labels[value])) for value in values],
        widget=forms.RadioSelect(attrs={"class": "form-check-input"}),
        error_messages={"required": required},
    )


def factors(
    factor_ids: tuple[str, ...], *, label: "StrOrPromise", help_text: "StrOrPromise"
) -> forms.MultipleChoiceField:
    """Checkboxes for some of the engine's factors, each by its title."""
    return forms.MultipleChoiceField(
        label=label,
        help_text=help_text,
        required=False,
        choices=[(factor_id, _(factor(factor_id).title)) for factor_id in factor_ids],
        widget=forms.CheckboxSelectMultiple(attrs={"class": "form-check-input"}),
    )


class StepForm(JournalForm):
    """One step of what happened, from those that may follow the last one."""

    step = forms.TypedChoiceField(
        label=_("What happened?"),
        coerce=Step,
        widget=forms.RadioSelect(attrs={"class": "form-check-input"}),
        error_messages={
            "required": _("Choose what happened"),
            "invalid_choice": _("Choose one of the steps that can come next"),
        },
    )
    happened_on = TypedDateField(
        label=_("Date"),
        help_text=_(
            "When it happened, or for an interview booked, the day of the "
            "interview. For example, 27/11/2026."
        ),
        widget=forms.DateInput(
            attrs={"class": "form-control input-date", "spellcheck": "false"},
            format="%d/%m/%Y",
        ),
        error_messages={
            "required": _("Enter the date"),
            "invalid": _("Date must be a real date, for example 27/11/2026"),
            "no_year": _("Date must include a year"),
        },
    )
    at_time = forms.TimeField(
        label=_("Time (optional)"),
        required=False,
        help_text=_("For an interview. For example, 10:00 or 14:30."),
        widget=forms.TimeInput(
            attrs={"class": "form-control input-date", "spellcheck": "false"},
            format="%H:%M",
        ),
        error_messages={
            "invalid": _("Time must be a time of day, for example 10:00 or 14:30"),
        },
    )

    def __init__(
        self, *args, can_follow: tuple[Step, ...], today: datetime.date, **kwargs
    ):
        super().__init__(*args, **kwargs)
        self.today = today
        cast(forms.ChoiceField, self.fields["step"]).choices = [
            (step.value, _(STEP_LABELS[step])) for step in can_follow
        ]

    def clean_happened_on(self) -> datetime.date:
        date: datetime.date = self.cleaned_data["happened_on"]
        if not EARLIEST_YEAR <= date.year <= LATEST_YEAR:
            raise forms.ValidationError(
                _("Date must be a year from 2000 to 2099"), code="year"
            )
        return date

    def clean(self):
        cleaned = super().clean()
        step, date = cleaned.get("step"), cleaned.get("happened_on")
        if step not in PLANNED_STEPS and date is not None and date > self.today:
            self.add_error(
                "happened_on",
                forms.ValidationError(
                    _(
                        "Date must be today or earlier: only an interview is "
                        "booked ahead"
                    ),
                    code="future",
                ),
            )
        return cleaned


class ReflectionForm(JournalForm):
    """Looking back: worth going and what came of it, or any regrets."""

    worth_it = one_of(
        WorthIt,
        WORTH_IT_LABELS,
        label=_("Was it worth going?"),
        required=_("Choose whether it was worth going"),
    )
    benefits = factors(
        BENEFITS,
        label=_("What did you get from it? (optional)"),
        help_text=_("Tick each of the article's benefits you really got."),
    )
    drawbacks = factors(
        DRAWBACKS,
        label=_("What did it cost you? (optional)"),
        help_text=_("Tick each of the article's drawbacks that bit."),
    )
    regret = one_of(
        Regret,
        REGRET_LABELS,
        label=_("Any regrets about not going?"),
        required=_("Choose whether you have any regrets"),
    )
    note = forms.CharField(
        label=_("Anything else to remember? (optional)"),
        help_text=_("Only you can see this."),
        required=False,
        max_length=NOTE_LENGTH,
        widget=forms.Textarea(attrs={"class": "form-control", "rows": 4}),
        error_messages={"max_length": _("Note must be 2000 characters or fewer")},
    )

    # The questions each kind of looking back leaves out.
    LEFT_OUT = {
        LookBack.WENT: ("regret",),
        LookBack.STAYED_AWAY: ("worth_it", "benefits", "drawbacks"),
    }

    def __init__(self, *args, looking_back: LookBack, **kwargs):
        super().__init__(*args, **kwargs)
        for name in self.LEFT_OUT[looking_back]:
            del self.fields[name]


class DecisionIdsField(forms.Field):
    """Every decision id ticked under one name, each once, in the order given."""

    widget = forms.MultipleHiddenInput
    default_error_messages = {
        "invalid": _("Choose decisions from the list"),
        "too_few": _("Choose two or more decisions to compare"),
        "too_many": _("Choose up to 4 decisions to compare"),
    }

    def to_python(self, value) -> list[uuid.UUID]:
        try:
            ids = [uuid.UUID(item) for item in value or ()]
        except ValueError:
            raise forms.ValidationError(
                self.error_messages["invalid"], code="invalid"
            ) from None
        return list(dict.fromkeys(ids))

    def validate(self, value: list[uuid.UUID]) -> None:
        if len(value) < 2:
            raise forms.ValidationError(self.error_messages["too_few"], code="too_few")
        if len(value) > MOST_TO_COMPARE:
            raise forms.ValidationError(
                self.error_messages["too_many"], code="too_many"
            )


class CompareForm(forms.Form):
    """The decisions ticked to see side by side."""

    d = DecisionIdsField(label=_("Decisions to compare"))
