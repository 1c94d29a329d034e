import datetime

import pytest

from django.utils import formats, timezone

from decisions.forms import DetailsForm, QuestionForm
from decisions.models import Decision
from decisions.questionnaire import QUESTIONS
from interviewdecider.formats.en_GB import formats as british

TEXT_FIELDS = ("role_title", "company_name", "contact_name", "your_name")
BLANK_DETAILS = dict.fromkeys((*TEXT_FIELDS, "interview_date"), "")
EVERY_VALUE = [(question, value) for question in QUESTIONS for value in question.values]
EVERY_VALUE_IDS = [f"{question.id}-{value}" for question, value in EVERY_VALUE]


def question_id(question):
    return question.id


@pytest.mark.parametrize(("question", "value"), EVERY_VALUE, ids=EVERY_VALUE_IDS)
def test_question_form_accepts_each_of_the_questions_values(question, value):
    """Each of the question's values is a valid answer."""
    form = QuestionForm({"answer": value}, question=question)

    assert form.is_valid()
    assert form.cleaned_data["answer"] == value


@pytest.mark.parametrize("question", QUESTIONS, ids=question_id)
@pytest.mark.parametrize("data", [{}, {"answer": ""}], ids=["missing", "blank"])
def test_question_form_requires_an_answer_with_the_questions_error(question, data):
    """No answer gives the question's own error message."""
    form = QuestionForm(data, question=question)

    assert not form.is_valid()
    assert form.errors["answer"] == [question.error]


@pytest.mark.parametrize("question", QUESTIONS, ids=question_id)
@pytest.mark.parametrize("value", ["maybe", "<script>", "EMPLOYED", " employed"])
def test_question_form_refuses_other_values_with_the_questions_error(question, value):
    """A value that isn't one of the question's gives its error, not Django's."""
    form = QuestionForm({"answer": value}, question=question)

    assert not form.is_valid()
    assert form.errors["answer"] == [question.error]


def test_question_form_refuses_another_questions_value():
    """A value valid for one question is refused by a question without it."""
    employment = next(q for q in QUESTIONS if q.id == "employment")

    form = QuestionForm({"answer": "plenty"}, question=employment)

    assert not form.is_valid()


def test_details_form_accepts_every_field_blank():
    """All the details are optional."""
    form = DetailsForm(BLANK_DETAILS)

    assert form.is_valid(), form.errors
    assert form.cleaned_data["interview_date"] is None


@pytest.mark.parametrize("field", TEXT_FIELDS)
def test_details_form_accepts_100_characters(field):
    """A text detail may be 100 characters long."""
    form = DetailsForm({**BLANK_DETAILS, field: "a" * 100})

    assert form.is_valid(), form.errors


@pytest.mark.parametrize(
    ("field", "message"),
    [
        ("role_title", "Job title must be 100 characters or fewer"),
        ("company_name", "Company must be 100 characters or fewer"),
        (
            "contact_name",
            "Who invited you to interview must be 100 characters or fewer",
        ),
        ("your_name", "Your name must be 100 characters or fewer"),
    ],
)
def test_details_form_refuses_101_characters(field, message):
    """Over-long text gives an error that names the field and the limit."""
    form = DetailsForm({**BLANK_DETAILS, field: "a" * 101})

    assert form.errors[field] == [message]


@pytest.mark.parametrize("field", TEXT_FIELDS)
@pytest.mark.parametrize(
    "value",
    ["Ac\tme", "Ac\nme", "Acme\x07", "\x1b[31mAcme", "Acme\x7f"],
    ids=["tab", "newline", "bell", "escape", "delete"],
)
def test_details_form_refuses_control_characters(field, value):
    """ASCII control characters are refused with a plain message."""
    form = DetailsForm({**BLANK_DETAILS, field: value})

    assert form.errors[field] == ["Use letters, numbers and punctuation only."]


@pytest.mark.parametrize("value", ["Acme\x9b31m", "Ac\x85me", "Acme\x9f"])
def test_details_form_refuses_c1_control_characters(value):
    """The C1 controls (U+0080 to U+009F) are control characters too."""
    form = DetailsForm({**BLANK_DETAILS, "role_title": value})

    assert form.errors["role_title"] == ["Use letters, numbers and punctuation only."]


@pytest.mark.parametrize("field", TEXT_FIELDS)
@pytest.mark.parametrize(
    "control",
    [*(chr(c) for c in range(0x202A, 0x202F)), *(chr(c) for c in range(0x2066, 0x206A))]
    + ["\u200e", "\u200f", "\u061c"],
    ids=lambda control: f"U+{ord(control):04X}",
)
def test_details_form_refuses_bidirectional_controls(field, control):
    """Characters that reorder the text around them (U+202E turns "Acme" into
    "emcA") are refused, so they never reach the email, calendar or page title."""
    form = DetailsForm({**BLANK_DETAILS, field: f"Acme{control}gpj.exe"})

    assert form.errors[field] == ["Use letters, numbers and punctuation only."]


@pytest.mark.parametrize(
    "value",
    [
        "Zoë O'Brien-Łukasz",
        "Acme & Sons, Ltd.",
        "Data Analyst (L2)",
        "株式会社",
        "שרה כהן",
        "شركة أكمي",
    ],
)
def test_details_form_accepts_ordinary_text(value):
    """Accents, punctuation and non-Latin scripts are fine."""
    form = DetailsForm({**BLANK_DETAILS, "role_title": value, "your_name": value})

    assert form.is_valid(), form.errors


def test_details_form_strips_surrounding_whitespace():
    """Leading and trailing spaces and a final newline are trimmed, not refused."""
    form = DetailsForm({**BLANK_DETAILS, "company_name": "  Acme \n"})

    assert form.is_valid(), form.errors
    assert form.cleaned_data["company_name"] == "Acme"


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2030-12-03", datetime.date(2030, 12, 3)),
        ("03/12/2030", datetime.date(2030, 12, 3)),
        ("31/12/2099", datetime.date(2099, 12, 31)),
        ("3/12/2030", datetime.date(2030, 12, 3)),
        ("03-12-2030", datetime.date(2030, 12, 3)),
        ("03.12.2030", datetime.date(2030, 12, 3)),
        ("3 12 2030", datetime.date(2030, 12, 3)),
        ("3 Dec 2030", datetime.date(2030, 12, 3)),
        ("3 December 2030", datetime.date(2030, 12, 3)),
    ],
)
def test_details_form_accepts_british_and_iso_dates(value, expected):
    """A date may be typed day first, in figures or with the month's name, or ISO."""
    form = DetailsForm({**BLANK_DETAILS, "interview_date": value})

    assert form.is_valid(), form.errors
    assert form.cleaned_data["interview_date"] == expected


@pytest.mark.parametrize(
    "value",
    ["31/02/2026", "tomorrow", "2026-13-01", "12/31/2026", "27", "2026", "3 apples"],
)
def test_details_form_refuses_an_unreal_date(value):
    """A date that isn't a real day in an accepted format is refused, with
    examples four weeks ahead, never in the past."""
    example = timezone.localdate() + datetime.timedelta(weeks=4)

    form = DetailsForm({**BLANK_DETAILS, "interview_date": value})

    assert form.errors["interview_date"] == [
        f"Interview date must be a real date, for example {example:%d/%m/%Y} or "
        f"{example:%Y-%m-%d}"
    ]


@pytest.mark.parametrize("value", ["27/11", "27-11", " 3.12 ", "27 Nov", "3 December"])
def test_details_form_says_when_only_the_year_is_missing(value):
    """A day and a month without a year gets a message naming the missing part."""
    form = DetailsForm({**BLANK_DETAILS, "interview_date": value})

    assert form.errors["interview_date"] == ["Interview date must include a year"]


@pytest.mark.parametrize("value", ["31/12/1999", "01/01/2100", "0001-01-01"])
def test_details_form_refuses_a_year_outside_2000_to_2099(value):
    """A year before 2000 or after 2099 is refused, as the message says."""
    form = DetailsForm({**BLANK_DETAILS, "interview_date": value})

    assert form.errors["interview_date"] == [
        "Interview date must be a year from 2000 to 2099"
    ]


def test_details_form_shows_a_saved_date_day_first_in_a_text_box():
    """A stored date reads 03/12/2026, in a text box that keeps whatever is typed."""
    decision = Decision(interview_date=datetime.date(2026, 12, 3))

    field = str(DetailsForm(instance=decision)["interview_date"])

    assert 'type="text"' in field
    assert 'value="03/12/2026"' in field


def test_details_form_takes_its_date_formats_from_the_locale():
    """The date and time formats come from the project's en_GB format module."""
    date_formats = formats.get_format("DATE_INPUT_FORMATS")
    time_formats = formats.get_format("TIME_INPUT_FORMATS")

    assert date_formats[:7] == british.DATE_INPUT_FORMATS
    assert time_formats[:8] == british.TIME_INPUT_FORMATS


def test_details_form_says_a_leap_day_without_its_year_is_missing_the_year():
    """29/02 is a day and a month like any other: the year is what is missing."""
    form = DetailsForm({**BLANK_DETAILS, "interview_date": "29/02"})

    assert form.errors["interview_date"] == ["Interview date must include a year"]


@pytest.mark.parametrize("value", ["2030-11-27\n", "27/11/2030\t", "27/11/\r2030"])
def test_details_form_refuses_a_date_with_a_line_break_or_tab(value):
    """No one types a line break or a tab in a date: it is refused, not stripped."""
    form = DetailsForm({**BLANK_DETAILS, "interview_date": value})

    assert "interview_date" in form.errors


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("10:00", datetime.time(10, 0)),
        ("14:30", datetime.time(14, 30)),
        ("14.30", datetime.time(14, 30)),
        ("9:05", datetime.time(9, 5)),
        ("2pm", datetime.time(14, 0)),
        ("2 PM", datetime.time(14, 0)),
        ("2:30pm", datetime.time(14, 30)),
        ("12am", datetime.time(0, 0)),
        (" 10:00 ", datetime.time(10, 0)),
    ],
)
def test_details_form_accepts_a_time_as_people_write_it(value, expected):
    """An interview time may be written on the 24-hour clock or with am and pm."""
    data = {**BLANK_DETAILS, "interview_date": "27/11/2030", "interview_time": value}

    form = DetailsForm(data)

    assert form.is_valid(), form.errors
    assert form.cleaned_data["interview_time"] == expected


@pytest.mark.parametrize("value", ["25:00", "14pm", "noon", "10", "10:00\n"])
def test_details_form_refuses_a_time_that_is_not_one(value):
    """A time that isn't a time of day is refused with examples of one."""
    data = {**BLANK_DETAILS, "interview_date": "27/11/2030", "interview_time": value}

    form = DetailsForm(data)

    assert form.errors["interview_time"] == [
        "Interview time must be a time of day, for example 10:00, 14:30 or 2pm"
    ]


def test_details_form_refuses_a_time_without_a_date():
    """A time alone can't be put in a calendar, so the date is asked for."""
    form = DetailsForm({**BLANK_DETAILS, "interview_time": "10:00"})

    assert form.errors["interview_time"] == [
        "Interview time needs an interview date too"
    ]


def test_details_form_shows_a_saved_time_in_a_text_box():
    """A stored time reads 14:30, in a text box that keeps whatever is typed."""
    decision = Decision(interview_time=datetime.time(14, 30))

    field = str(DetailsForm(instance=decision)["interview_time"])

    assert 'type="text"' in field
    assert 'value="14:30"' in field
