"""What people type, checked with a clear message for each problem."""

import datetime
import re

from django import forms
from django.contrib.auth.forms import (
    AuthenticationForm,
    PasswordResetForm,
    SetPasswordForm,
    UserCreationForm,
    UsernameField,
)
from django.contrib.auth.models import User
from django.core.validators import RegexValidator
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from decisions import questionnaire
from decisions.models import Decision, ShareLink

# Keeps the decline email short whatever is typed.
MAX_WORDS_IN_A_NAME = 10

# The year in a date input format, with the separator that goes with it.
YEAR_IN_FORMAT = re.compile(r"%Y[^\w%]|[^\w%]?%Y")


class TypedField(forms.Field):
    """A value typed in a text box: a line break, tab or other invisible
    character can't be part of it, so it is refused rather than stripped."""

    def to_python(self, value):
        if isinstance(value, str) and not value.isprintable():
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid")
        return super().to_python(value)


class TypedDateField(TypedField, forms.DateField):
    """A date in any of the language's input formats (interviewdecider/formats),
    saying so when only the year is missing."""

    default_error_messages = {"no_year": _("Interview date must include a year")}

    def to_python(self, value):
        typed = value.strip() if isinstance(value, str) else ""
        if typed and self.lacks_year(typed):
            raise forms.ValidationError(self.error_messages["no_year"], code="no_year")
        return super().to_python(value)

    def lacks_year(self, value: str) -> bool:
        """Whether the value fits an input format (each has a year) with its year
        left out: 27/11."""
        for date_format in self.input_formats:
            day_and_month = YEAR_IN_FORMAT.sub("", date_format, count=1)
            try:
                # Any leap year will do, so that 29/02 reads as a day and a month.
                datetime.datetime.strptime(f"{value} 2000", f"{day_and_month} %Y")
            except ValueError:
                continue
            return True
        return False


class TypedTimeField(TypedField, forms.TimeField):
    """A time of day in any of the language's input formats: 14:30, 2pm."""


class Exactly(forms.Field):
    """Only a value written exactly in `written_as`, as the API documents it."""

    written_as: str

    def __init__(self, **kwargs):
        super().__init__(input_formats=[self.written_as], **kwargs)

    def to_python(self, value):
        parsed = super().to_python(value)
        if parsed is not None and parsed.strftime(self.written_as) != value:
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid")
        return parsed


class IsoDateField(Exactly, TypedDateField):
    written_as = "%Y-%m-%d"


class IsoTimeField(Exactly, TypedTimeField):
    written_as = "%H:%M"


# Control characters, and the invisible marks that reorder the text around them
# (U+202E shows "Acme<U+202E>gpj.exe" as "Acmeexe.jpg").
no_control_characters = RegexValidator(
    r"^[^\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]*\Z",
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

    @property
    def chosen(self) -> str | None:
        """The choice shown selected: the answer given, when it is one of the
        question's; never anything else sent, so the page shows nothing typed."""
        value = self["answer"].value()
        return value if value in self.question.values else None

    def clean_answer(self) -> str:
        answer: str = self.cleaned_data["answer"]
        if questionnaire.answer_problem(self.question, answer) is not None:
            raise forms.ValidationError(gettext(self.question.error), code="invalid")
        return answer


class DetailsForm(forms.ModelForm):
    # An interview already past is nothing to prepare for or decline; a date
    # stored earlier stays as it is until it is changed.
    allows_past_dates = False

    class Meta:
        model = Decision
        fields = [
            "role_title",
            "company_name",
            "contact_name",
            "recipient_email",
            "your_name",
            "interview_date",
            "interview_time",
        ]
        labels = {
            "role_title": _("Job title"),
            "company_name": _("Company"),
            "contact_name": _("Who invited you to interview"),
            "recipient_email": _("Their email address"),
            "your_name": _("Your name"),
            "interview_date": _("Interview date"),
            "interview_time": _("Interview time"),
        }
        help_texts = {
            "role_title": _("For example, Account Manager."),
            "contact_name": _(
                "The recruiter or hiring manager, as you'd greet them. "
                "For example, Ms Patel or Sam."
            ),
            "recipient_email": _(
                "So your email app opens with it filled in. "
                "We never send email for you."
            ),
            "your_name": _("To sign the email."),
            "interview_time": _("If you know it. For example, 10:00 or 2pm."),
        }
        # A text box, not type="date": a half-typed date in a browser's date
        # field submits nothing, so the person would lose it without a word.
        field_classes = {
            "interview_date": TypedDateField,
            "interview_time": TypedTimeField,
        }
        widgets = {
            "interview_date": forms.DateInput(
                attrs={"class": "input-date", "spellcheck": "false"},
                format="%d/%m/%Y",
            ),
            "interview_time": forms.TimeInput(
                attrs={"class": "input-time", "spellcheck": "false"},
                format="%H:%M",
            ),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("role_title", "company_name", "contact_name", "your_name"):
            field = self.fields[name]
            field.validators += [no_control_characters, at_most_ten_words]
            field.error_messages["max_length"] = _(
                "%(field)s must be %(count)d characters or fewer"
            ) % {"field": field.label, "count": field.max_length}
        if "recipient_email" in self.fields:  # ContextForm has none
            self.fields["recipient_email"].error_messages["invalid"] = _(
                "Enter their email address in the correct format, like name@example.com"
            )
        date_field = self.fields["interview_date"]
        # Four weeks ahead: an example that is never in the past.
        example = timezone.localdate() + datetime.timedelta(weeks=4)
        examples = {
            "example": example.strftime(date_field.widget.format),
            "iso_example": example.isoformat(),
        }
        date_field.help_text = (
            _("If one has been offered. For example, %(example)s.") % examples
        )
        date_field.error_messages["invalid"] = (
            _(
                "Interview date must be a real date, for example %(example)s or "
                "%(iso_example)s"
            )
            % examples
        )
        self.fields["interview_time"].error_messages["invalid"] = _(
            "Interview time must be a time of day, for example 10:00, 14:30 or 2pm"
        )

    @property
    def is_blank(self) -> bool:
        """Unbound with nothing stored: the same form for everyone, in a language
        on a given day (its date example moves with the day)."""
        return not self.is_bound and not any(
            self.get_initial_for_field(field, name)
            for name, field in self.fields.items()
        )

    def clean_interview_date(self):
        date = self.cleaned_data["interview_date"]
        if date and not 2000 <= date.year <= 2099:
            raise forms.ValidationError(
                _("Interview date must be a year from 2000 to 2099")
            )
        newly_typed = "interview_date" in self.changed_data
        past = date is not None and date < timezone.localdate()
        if past and newly_typed and not self.allows_past_dates:
            raise forms.ValidationError(
                _("Interview date must be today or in the future"), code="past"
            )
        return date

    def clean_interview_time(self):
        time = self.cleaned_data["interview_time"]
        if time and self.cleaned_data.get("interview_date", time) is None:
            raise forms.ValidationError(
                _("Interview time needs an interview date too"), code="no_date"
            )
        return time


class ContextForm(DetailsForm):
    """The API's context: the details' checks, with the date exactly YYYY-MM-DD
    and the time exactly HH:MM."""

    # The API weighs whatever it is sent and stores nothing; where an email is
    # sent is the page's business, not the draft's.
    allows_past_dates = True

    class Meta(DetailsForm.Meta):
        field_classes = {"interview_date": IsoDateField, "interview_time": IsoTimeField}
        fields = [name for name in DetailsForm.Meta.fields if name != "recipient_email"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Text is taken exactly as sent, so its length is the length it was sent
        # with, as the API's document says.
        for field in self.fields.values():
            if isinstance(field, forms.CharField):
                field.strip = False
        self.fields["interview_date"].error_messages["invalid"] = _(
            "Interview date must be a real date written YYYY-MM-DD, "
            "for example 2026-11-27"
        )
        self.fields["interview_time"].error_messages["invalid"] = _(
            "Interview time must be a time of day written HH:MM, for example 14:30"
        )


class EmailOptionsForm(forms.ModelForm):
    """What the email says; the page lays out its own fields."""

    class Meta:
        model = Decision
        fields = ["email_reason", "email_kind", "email_keep_in_mind_for"]
        labels = {
            "email_keep_in_mind_for": _(
                "Roles you would like them to keep you in mind for"
            )
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("email_reason", "email_kind"):
            self.fields[name].required = True
            self.fields[name].error_messages |= {
                "required": _("Choose one of the options for the email."),
                "invalid_choice": _("Choose one of the options for the email."),
            }
        field = self.fields["email_keep_in_mind_for"]
        field.validators += [no_control_characters, at_most_ten_words]
        field.error_messages["max_length"] = _(
            "Roles to keep you in mind for must be 100 characters or fewer"
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
    """A new account, each problem named for its field and shown beside it."""

    error_messages = {
        "password_mismatch": _("The passwords don't match: type the same one twice")
    }

    class Meta:
        model = User
        fields = ("username", "email")
        field_classes = {"username": UsernameField}
        labels = {"email": _("Email address")}
        help_texts = {
            "username": _("Up to 150 letters, numbers and the symbols @ . + - _"),
            "email": _(
                "The only way to reset your password if you forget it. "
                "We send nothing else."
            ),
        }
        error_messages = {
            "username": {
                "required": _("Enter a username"),
                "invalid": _(
                    "Username must use only letters, numbers and the symbols @ . + - _"
                ),
                "max_length": _("Username must be 150 characters or fewer"),
                "unique": _("That username is taken: choose another"),
            },
            "email": {
                "invalid": _(
                    "Enter an email address in the correct format, "
                    "like name@example.com"
                )
            },
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Focus belongs to the error summary when there is one, as on GOV.UK.
        self.fields["username"].widget.attrs.pop("autofocus", None)
        self.fields["password1"].error_messages["required"] = _("Enter a password")
        self.fields["password2"].label = _("Confirm your password")
        self.fields["password2"].help_text = ""
        self.fields["password2"].error_messages["required"] = _(
            "Type your password again to confirm it"
        )

    def validate_password_for_user(self, user, password_field_name="password1"):
        """A password that breaks a rule is the password's problem, not the
        confirmation's, so the error goes beside the password."""
        super().validate_password_for_user(user, password_field_name)


class LoginForm(AuthenticationForm):
    """Logging in, each problem named for its field."""

    error_messages = {
        **AuthenticationForm.error_messages,
        "invalid_login": _(
            "The username or password is not right. Both are case-sensitive."
        ),
    }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["username"].widget.attrs.pop("autofocus", None)
        self.fields["username"].error_messages["required"] = _("Enter your username")
        self.fields["password"].error_messages["required"] = _("Enter your password")


class PasswordResetRequestForm(PasswordResetForm):
    """Asking for a reset link, the problem named for the field."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["email"]
        field.label = _("Email address")
        field.widget.attrs.pop("autofocus", None)
        field.error_messages["required"] = _("Enter the email address of your account")
        field.error_messages["invalid"] = _(
            "Enter an email address in the correct format, like name@example.com"
        )


class NewPasswordForm(SetPasswordForm):
    """Choosing a new password, each problem beside its own field."""

    error_messages = {
        "password_mismatch": _("The passwords don't match: type the same one twice")
    }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["new_password1"].widget.attrs.pop("autofocus", None)
        self.fields["new_password1"].error_messages["required"] = _(
            "Enter a new password"
        )
        self.fields["new_password2"].label = _("Confirm your new password")
        self.fields["new_password2"].help_text = ""
        self.fields["new_password2"].error_messages["required"] = _(
            "Type your new password again to confirm it"
        )
