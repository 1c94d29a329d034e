"""The JSON API: the questionnaire, stateless evaluation and its errors."""

import json

import pytest

from django.test import Client
from django.urls import reverse

from decisions import engine, questionnaire
from decisions.models import Decision
from tests.conftest import DECLINE_ANSWERS, INTERVIEW_ANSWERS

pytestmark = pytest.mark.django_db

RESULT_KEYS = {
    "rules_version",
    "verdict",
    "strength",
    "close_call",
    "situations",
    "reasons",
    "what_would_change",
    "decline_email",
    "checklist",
}


def evaluate(client, payload, **extra):
    return client.post(
        reverse("decisions:api_evaluate"),
        json.dumps(payload),
        content_type="application/json",
        **extra,
    )


def errors_of(response) -> dict[str, list[str]]:
    assert response["Content-Type"] == "application/json"
    return response.json()["errors"]


def without(answers: dict[str, str], question_id: str) -> dict[str, str]:
    return {key: value for key, value in answers.items() if key != question_id}


# The questionnaire


def test_questionnaire_lists_every_question_in_order(client):
    """The questionnaire lists every question id in the flow's order."""
    response = client.get(reverse("decisions:api_questionnaire"))

    assert response.status_code == 200
    ids = [question["id"] for question in response.json()["questions"]]
    assert ids == [question.id for question in questionnaire.QUESTIONS]


def test_questionnaire_gives_each_choice_value_and_label(client):
    """Every question lists its choices as value and label, in order."""
    questions = client.get(reverse("decisions:api_questionnaire")).json()["questions"]

    for data, question in zip(questions, questionnaire.QUESTIONS, strict=True):
        assert data["title"] == question.title
        assert [(c["value"], c["label"]) for c in data["choices"]] == [
            (choice.value, choice.label) for choice in question.choices
        ]


def test_questionnaire_says_when_a_conditional_question_is_asked(client):
    """Only discreet_time has a condition: it is asked when employment is employed."""
    questions = client.get(reverse("decisions:api_questionnaire")).json()["questions"]

    conditions = {question["id"]: question["asked_when"] for question in questions}
    assert conditions.pop("discreet_time") == {
        "question": "employment",
        "equals": "employed",
    }
    assert set(conditions.values()) == {None}


def test_questionnaire_gives_the_rules_version(client):
    """The questionnaire names the rules version that will judge the answers."""
    response = client.get(reverse("decisions:api_questionnaire"))

    assert response.json()["rules_version"] == engine.RULES_VERSION


# Evaluating


def test_evaluate_returns_the_whole_result(client):
    """A valid evaluation returns every documented key."""
    response = evaluate(client, {"answers": DECLINE_ANSWERS})

    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert set(response.json()) >= RESULT_KEYS


def test_evaluate_matches_the_engine(client):
    """The verdict, reasons and changes are the engine's, as JSON."""
    data = evaluate(client, {"answers": DECLINE_ANSWERS}).json()

    expected = engine.evaluate(DECLINE_ANSWERS).to_dict()
    for key in ("rules_version", "verdict", "strength", "close_call", "situations"):
        assert data[key] == expected[key]
    assert data["reasons"] == expected["reasons"]
    assert data["what_would_change"] == expected["what_would_change"]


def test_reasons_and_changes_have_their_documented_fields(client):
    """Each reason and each change carries exactly its documented fields."""
    data = evaluate(client, {"answers": DECLINE_ANSWERS}).json()

    assert data["reasons"]
    assert data["what_would_change"]
    for reason in data["reasons"]:
        assert set(reason) == {"factor", "direction", "weight", "section", "text"}
    for change in data["what_would_change"]:
        assert set(change) == {"question", "answer", "verdict"}


def test_a_decline_gives_an_email_and_no_checklist(client):
    """A decline comes with a decline email and a null checklist."""
    data = evaluate(client, {"answers": DECLINE_ANSWERS}).json()

    assert data["verdict"] == "decline"
    assert set(data["decline_email"]) == {"subject", "body"}
    assert data["decline_email"]["subject"]
    assert data["checklist"] is None


def test_an_interview_gives_a_checklist_and_no_email(client):
    """An interview comes with a checklist of id, text and section, and no email."""
    data = evaluate(client, {"answers": INTERVIEW_ANSWERS}).json()

    assert data["verdict"] == "interview"
    assert data["decline_email"] is None
    assert data["checklist"]
    for item in data["checklist"]:
        assert {"id", "text", "section"} <= set(item)


@pytest.mark.parametrize(
    ("options", "phrase"),
    [
        ({"reason": "accepted_other"}, "I have accepted an offer elsewhere"),
        ({"reason": "rethinking_goals"}, "I am rethinking my career direction"),
        ({"kind": "withdraw"}, "I would like to withdraw my application"),
    ],
)
def test_email_options_change_the_body(client, options, phrase):
    """The email's reason and kind change what the body says."""
    plain = evaluate(client, {"answers": DECLINE_ANSWERS}).json()["decline_email"]
    data = evaluate(client, {"answers": DECLINE_ANSWERS, "email": options}).json()

    assert phrase in data["decline_email"]["body"]
    assert phrase not in plain["body"]


def test_context_personalises_the_email(client):
    """The context's names appear in the email."""
    context = {
        "role_title": "Account Manager",
        "company_name": "Initech",
        "contact_name": "Ms Patel",
        "your_name": "Sam Jones",
    }
    data = evaluate(client, {"answers": DECLINE_ANSWERS, "context": context}).json()

    email = data["decline_email"]
    assert email["subject"] == "Declining the interview: Account Manager at Initech"
    assert email["body"].startswith("Dear Ms Patel,")
    assert "the Account Manager role at Initech" in email["body"]
    assert email["body"].endswith("Sam Jones")


def test_context_personalises_the_checklist(client):
    """The interview date and company appear in the checklist."""
    context = {"company_name": "Initech", "interview_date": "2026-11-27"}
    data = evaluate(client, {"answers": INTERVIEW_ANSWERS, "context": context}).json()

    first = data["checklist"][0]["text"]
    assert first.startswith("Before Friday 27 November, research Initech")


def test_json_holds_plain_text_not_html(client):
    """A company typed with markup comes back as typed, not escaped."""
    context = {"company_name": "<b>Acme & Sons</b>"}
    data = evaluate(client, {"answers": DECLINE_ANSWERS, "context": context}).json()

    assert "<b>Acme & Sons</b>" in data["decline_email"]["body"]
    assert "&amp;" not in data["decline_email"]["body"]


def test_null_context_and_email_options_are_allowed(client):
    """Context and email options are optional and may be null."""
    payload = {"answers": DECLINE_ANSWERS, "context": None, "email": None}

    assert evaluate(client, payload).status_code == 200


def test_evaluating_saves_nothing(client):
    """An evaluation stores no decision."""
    before = Decision.objects.count()

    evaluate(client, {"answers": DECLINE_ANSWERS})
    evaluate(client, {"answers": INTERVIEW_ANSWERS})

    assert Decision.objects.count() == before


def test_evaluate_needs_no_csrf_token():
    """The API is for other programs: evaluate works without a CSRF token."""
    client = Client(enforce_csrf_checks=True)

    response = evaluate(client, {"answers": DECLINE_ANSWERS})

    assert response.status_code == 200


# Errors


@pytest.mark.parametrize(
    ("answers", "field"),
    [
        (without(DECLINE_ANSWERS, "interest"), "answers.interest"),
        (without(DECLINE_ANSWERS, "discreet_time"), "answers.discreet_time"),
        (without(INTERVIEW_ANSWERS, "employment"), "answers.employment"),
    ],
)
def test_a_missing_answer_is_named(client, answers, field):
    """Each question the flow asks needs an answer, discreet time when employed."""
    response = evaluate(client, {"answers": answers})

    assert response.status_code == 400
    assert errors_of(response)[field] == ["This question needs an answer."]


def test_discreet_time_is_refused_when_unemployed(client):
    """discreet_time is only asked of the employed, so it is refused otherwise."""
    answers = {**INTERVIEW_ANSWERS, "discreet_time": "easy"}

    response = evaluate(client, {"answers": answers})

    assert response.status_code == 400
    assert "answers.discreet_time" in errors_of(response)


def test_missing_answers_object_is_required(client):
    """A body without answers is an error naming the answers field."""
    response = evaluate(client, {"context": {}})

    assert response.status_code == 400
    assert errors_of(response)["answers"] == ["This field is required."]


@pytest.mark.parametrize(
    ("answers", "field"),
    [
        ({**DECLINE_ANSWERS, "favourite_colour": "blue"}, "answers.favourite_colour"),
        ({**DECLINE_ANSWERS, "interest": "very"}, "answers.interest"),
        ({**DECLINE_ANSWERS, "interest": 3}, "answers.interest"),
        ({**DECLINE_ANSWERS, "interest": ["none"]}, "answers.interest"),
        ({**DECLINE_ANSWERS, "interest": None}, "answers.interest"),
        ({**DECLINE_ANSWERS, "interest": True}, "answers.interest"),
        (["employed"], "answers"),
        ("employed", "answers"),
        (None, "answers"),
    ],
    ids=[
        "unknown question",
        "unknown value",
        "number",
        "list",
        "null",
        "boolean",
        "answers a list",
        "answers a string",
        "answers null",
    ],
)
def test_a_bad_answer_is_a_400_naming_the_field(client, answers, field):
    """An unknown question, unknown value or wrong type is named in the errors."""
    response = evaluate(client, {"answers": answers})

    assert response.status_code == 400
    assert list(errors_of(response)) == [field]


@pytest.mark.parametrize(
    ("body", "content_type", "field"),
    [
        ("[]", "application/json", "body"),
        ('"answers"', "application/json", "body"),
        ("null", "application/json", "body"),
        ('{"answers": {', "application/json", "body"),
        ("  ", "application/json", "body"),
        (b"\xff\xfe{}", "application/json", "body"),
        ('{"answers": {}}', "text/plain", "content_type"),
        ("answers=employed", "application/x-www-form-urlencoded", "content_type"),
    ],
    ids=[
        "a list",
        "a string",
        "null",
        "malformed",
        "blank",
        "not utf-8",
        "text/plain",
        "form-encoded",
    ],
)
def test_a_body_that_is_not_a_json_object_is_a_400(client, body, content_type, field):
    """Anything but a JSON object sent as application/json is a 400 in JSON."""
    response = client.post(
        reverse("decisions:api_evaluate"), body, content_type=content_type
    )

    assert response.status_code == 400
    assert field in errors_of(response)


def test_deeply_nested_json_is_a_400_not_a_crash(client):
    """JSON nested beyond what the parser can follow is refused, never a 500."""
    client.raise_request_exception = False
    depth = 5000

    response = client.post(
        reverse("decisions:api_evaluate"),
        "[" * depth + "]" * depth,
        content_type="application/json",
    )

    assert response.status_code == 400
    assert "body" in errors_of(response)


def test_json_with_a_charset_is_accepted(client):
    """application/json with a charset parameter is still JSON."""
    response = client.post(
        reverse("decisions:api_evaluate"),
        json.dumps({"answers": DECLINE_ANSWERS}),
        content_type="application/json; charset=utf-8",
    )

    assert response.status_code == 200


def test_an_unknown_top_level_field_is_a_400(client):
    """Fields other than answers, context and email are refused by name."""
    response = evaluate(client, {"answers": DECLINE_ANSWERS, "verdict": "interview"})

    assert response.status_code == 400
    assert errors_of(response) == {"verdict": ["Unknown field."]}


@pytest.mark.parametrize(
    ("context", "field"),
    [
        ({"company_name": "x" * 101}, "context.company_name"),
        ({"contact_name": "Ms\nPatel"}, "context.contact_name"),
        ({"your_name": "Sam\x00"}, "context.your_name"),
        ({"role_title": " ".join(["word"] * 11)}, "context.role_title"),
        ({"interview_date": "2026-02-30"}, "context.interview_date"),
        ({"interview_date": "tomorrow"}, "context.interview_date"),
        ({"interview_date": "03/12/2026"}, "context.interview_date"),
        ({"interview_date": "3 Dec 2026"}, "context.interview_date"),
        ({"interview_date": "1999-12-31"}, "context.interview_date"),
        ({"company_name": 42}, "context.company_name"),
        ({"company_name": ["Initech"]}, "context.company_name"),
        ({"interview_date": 20261127}, "context.interview_date"),
        ({"salary": "lots"}, "context.salary"),
        (["Initech"], "context"),
        ("Initech", "context"),
    ],
    ids=[
        "too long",
        "line break",
        "nul",
        "too many words",
        "impossible date",
        "not a date",
        "day first",
        "month name",
        "date out of range",
        "number",
        "list",
        "date as number",
        "unknown field",
        "a list",
        "a string",
    ],
)
def test_a_bad_context_is_a_400_naming_the_field(client, context, field):
    """Context is checked as the details form checks it, the date as YYYY-MM-DD."""
    response = evaluate(client, {"answers": DECLINE_ANSWERS, "context": context})

    assert response.status_code == 400
    assert list(errors_of(response)) == [field]


@pytest.mark.parametrize(
    ("email", "field"),
    [
        ({"reason": "bored"}, "email.reason"),
        ({"kind": "accept"}, "email.kind"),
        ({"kind": ["decline"]}, "email.kind"),
        ({"reason": None}, "email.reason"),
        ({"tone": "warm"}, "email.tone"),
        ("withdraw", "email"),
    ],
)
def test_bad_email_options_are_a_400_naming_the_field(client, email, field):
    """Email options must be a known reason and kind."""
    response = evaluate(client, {"answers": DECLINE_ANSWERS, "email": email})

    assert response.status_code == 400
    assert list(errors_of(response)) == [field]


def test_errors_from_every_part_are_reported_together(client):
    """Answer, context and email errors come back in one response."""
    payload = {
        "answers": {**DECLINE_ANSWERS, "interest": "very"},
        "context": {"company_name": 1},
        "email": {"kind": "accept"},
    }

    response = evaluate(client, payload)

    assert set(errors_of(response)) == {
        "answers.interest",
        "context.company_name",
        "email.kind",
    }


def test_a_body_over_the_size_limit_is_refused_in_json(client):
    """A 200 KB body is refused with a JSON error, never a server error."""
    client.raise_request_exception = False
    payload = {"answers": DECLINE_ANSWERS, "padding": "x" * 200_000}

    response = evaluate(client, payload)

    assert response.status_code in (400, 413)
    assert errors_of(response)


@pytest.mark.parametrize(
    ("method", "name"),
    [
        ("get", "api_evaluate"),
        ("put", "api_evaluate"),
        ("delete", "api_evaluate"),
        ("patch", "api_evaluate"),
        ("post", "api_questionnaire"),
        ("put", "api_questionnaire"),
    ],
)
def test_a_wrong_method_is_a_405_in_json(client, method, name):
    """A method the endpoint doesn't take is a JSON 405 naming the allowed ones."""
    response = getattr(client, method)(reverse(f"decisions:{name}"))

    assert response.status_code == 405
    assert "method" in errors_of(response)
    assert response["Allow"]


@pytest.mark.django_db
def test_an_unknown_api_address_is_a_json_404(client):
    """Any unknown address under /api/ answers 404 in JSON, not an HTML page."""
    response = client.get("/api/v1/no-such-endpoint")
    assert response.status_code == 404
    assert response["Content-Type"] == "application/json"
    assert response.json() == {"errors": {"request": ["Nothing is here."]}}
