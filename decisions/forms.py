"""What people type, checked with a clear message for each problem."""

import re

from crispy_forms.helper import FormHelper

from django import forms
from django.contrib.auth.forms import UserCreationForm, UsernameField
from django.contrib.auth.models import User
from django.core.validators import RegexValidator
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from decisions import questionnaire
from decisions.drafting import EmailKind, EmailReason
from decisions.models import Decision, ShareLink

# Keeps the decline email short whatever is typed.
MAX_WORDS_IN_A_NAME = 10

# Typed dates, day first as in the UK, and the ISO form; "3 Dec 2026" works too
# (month names as Python's default C locale spells them). 12/03/2026 is 12 March,
# which the check page then spells out.
DATE_FORMATS = [
    "%d/%m/%Y",
    "%d-%m-%Y",
    "%d.%m.%Y",
    "%d %m %Y",
    "%d %b %Y",
    "%d %B %Y",
    "%Y-%m-%d",
]

# "27/11" or "27 Nov": a day and a month, the year left out.
DAY_AND_MONTH = re.compile(
    r"\s*\d{1,2}\s*[/.\- ]\s*"
    r"(\d{1,2}|(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?)\s*",
    re.IGNORECASE,
)


class TypedDateField(forms.DateField):
    """A date typed in a text box, saying which part is missing when it can."""

    default_error_messages = {"no_year": _("Interview date must include a year")}

    def to_python(self, value):
        if isinstance(value, str) and DAY_AND_MONTH.fullmatch(value):
            raise forms.ValidationError(self.error_messages["no_year"], code="no_year")
        return super().to_python(value)


no_control_characters = RegexValidator(
    r"^[^\x00-\x1f\x7f-\x9f]*\Z",
    _("Use letters, numbers and punctuation only."),
)


def at_most_ten_words(value: str) -> None:
    if len(value.split()) > MAX_WORDS_IN_A_NAME:
        raise forms.ValidationError(
            gettext("Use %(count)d words or fewer") % {"count": MAX_WORDS_IN_A_NAME},
            code="too_many_words",
        )


class QuestionForm(forms.Form):
    """One question's answer, checked by the questionnaire's own rule.

    The template lays out the question's radios itself.
    """

    answer = forms.Field(required=False)

    def __init__(self, *args, question: questionnaire.Question, **kwargs):
        super().__init__(*args, **kwargs)
        self.question = question

    def clean_answer(self) -> str:
        answer: str = self.cleaned_data["answer"]
        if questionnaire.answer_problem(self.question, answer) is not None:
            raise forms.ValidationError(gettext(self.question.error), code="invalid")
        return answer


class DetailsForm(forms.ModelForm):
    class Meta:
        model = Decision
        fields = [
            "role_title",
            "company_name",
            "contact_name",
            "your_name",
            "interview_date",
        ]
        labels = {
            "role_title": _("Job title"),
            "company_name": _("Company"),
            "contact_name": _("Who invited you to interview"),
            "your_name": _("Your name"),
            "interview_date": _("Interview date"),
        }
        help_texts = {
            "role_title": _("For example, Account Manager."),
            "contact_name": _(
                "The recruiter or hiring manager, as you'd greet them. "
                "For example, Ms Patel or Sam."
            ),
            "your_name": _("To sign the email."),
            "interview_date": _("If one has been offered. For example, 27/11/2026."),
        }
        # A text box, not type="date": a half-typed date in a browser's date
        # field submits nothing, so the person would lose it without a word.
        field_classes = {"interview_date": TypedDateField}
        widgets = {
            "interview_date": forms.DateInput(
                attrs={"class": "input-date", "spellcheck": "false"},
                format="%d/%m/%Y",
            )
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("role_title", "company_name", "contact_name", "your_name"):
            field = self.fields[name]
            field.validators += [no_control_characters, at_most_ten_words]
            field.error_messages["max_length"] = _(
                "%(field)s must be %(count)d characters or fewer"
            ) % {"field": field.label, "count": field.max_length}
        self.fields["interview_date"].error_messages["invalid"] = _(
            "Interview date must be a real date, for example 27/11/2026 or 2026-11-27"
        )
        self.fields["interview_date"].input_formats = DATE_FORMATS
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.disable_csrf = True

    def clean_interview_date(self):
        date = self.cleaned_data["interview_date"]
        if date and not 2000 <= date.year <= 2099:
            raise forms.ValidationError(
                _("Interview date must be a year from 2000 to 2099")
            )
        return date


class ContextForm(DetailsForm):
    """The API's context: the details' checks, but a date only as YYYY-MM-DD."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["interview_date"]
        field.input_formats = ["%Y-%m-%d"]
        field.error_messages["invalid"] = _(
            "Interview date must be a real date written YYYY-MM-DD, "
            "for example 2026-11-27"
        )


class EmailOptionsForm(forms.Form):
    email_reason = forms.TypedChoiceField(
        choices=[(reason.value, reason.value) for reason in EmailReason],
        coerce=EmailReason,
    )
    email_kind = forms.TypedChoiceField(
        choices=[(kind.value, kind.value) for kind in EmailKind], coerce=EmailKind
    )


class ChecklistForm(forms.Form):
    ticked = forms.MultipleChoiceField(required=False)

    def __init__(self, item_ids, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["ticked"].choices = [(item_id, item_id) for item_id in item_ids]


class ShareForm(forms.ModelForm):
    class Meta:
        model = ShareLink
        fields = ["include_company"]


class SignupForm(UserCreationForm):
    class Meta:
        model = User
        fields = ("username", "email")
        field_classes = {"username": UsernameField}
        help_texts = {"email": _("Optional. Only used to reset a forgotten password.")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.disable_csrf = True
