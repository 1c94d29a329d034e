"""The JSON API: the questionnaire, stateless evaluation, its errors, and the
OpenAPI document and docs page that describe it."""

import json
import re
from html.parser import HTMLParser

import pytest
from ninja.errors import HttpError

from django.test import Client
from django.urls import reverse

from decisions import api, engine, questionnaire
from decisions.drafting import EmailKind, EmailReason
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


@pytest.fixture
def document(client) -> dict:
    """The published OpenAPI document."""
    response = client.get(reverse("decisions:openapi-json"))
    assert response.status_code == 200
    return response.json()


def component(document: dict, name: str) -> dict:
    return document["components"]["schemas"][name]


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


def test_reasons_and_changes_have_their_documented_fields(client, document):
    """Each reason and each change carries exactly the fields the document names."""
    data = evaluate(client, {"answers": DECLINE_ANSWERS}).json()

    assert data["reasons"]
    assert data["what_would_change"]
    for reason in data["reasons"]:
        assert set(reason) == set(component(document, "Reason")["properties"])
    for change in data["what_would_change"]:
        assert set(change) == set(component(document, "Change")["properties"])


@pytest.mark.parametrize("answers", [DECLINE_ANSWERS, INTERVIEW_ANSWERS])
def test_every_verdict_gives_the_email_and_the_checklist(client, answers):
    """Whatever the verdict, the email (subject, body) and the checklist come back."""
    data = evaluate(client, {"answers": answers}).json()

    assert data["decline_email"]["subject"]
    assert data["decline_email"]["body"]
    assert data["checklist"]
    for item in data["checklist"]:
        assert {"id", "text", "section", "group"} <= set(item)


@pytest.mark.parametrize(
    ("options", "phrase"),
    [
        ({"reason": "accepted_other"}, "I have accepted an offer elsewhere"),
        ({"reason": "rethinking_goals"}, "I am rethinking my career direction"),
        ({"kind": "withdraw"}, "I would like to withdraw my application"),
        ({"keep_in_mind_for": "data analysis"}, "roles closer to data analysis"),
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


def test_context_takes_an_interview_time(client):
    """An interview time written HH:MM is accepted with its date."""
    context = {"interview_date": "2030-11-27", "interview_time": "14:30"}

    response = evaluate(client, {"answers": INTERVIEW_ANSWERS, "context": context})

    assert response.status_code == 200


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
        ({"interview_date": "2026-11-27\n"}, "context.interview_date"),
        ({"interview_date": " 2026-11-27"}, "context.interview_date"),
        ({"interview_date": "2026-11-7"}, "context.interview_date"),
        (
            {"interview_date": "2030-11-27", "interview_time": "2pm"},
            "context.interview_time",
        ),
        (
            {"interview_date": "2030-11-27", "interview_time": "24:00"},
            "context.interview_time",
        ),
        ({"interview_time": "14:30"}, "context.interview_time"),
        ({"company_name": "Initech\n"}, "context.company_name"),
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
        "date and a line break",
        "date after a space",
        "one-digit day",
        "time not HH:MM",
        "no such time",
        "time without a date",
        "name and a line break",
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
        ({"keep_in_mind_for": "data\nroles"}, "email.keep_in_mind_for"),
        ({"keep_in_mind_for": "x" * 101}, "email.keep_in_mind_for"),
        ({"keep_in_mind_for": 3}, "email.keep_in_mind_for"),
        ("withdraw", "email"),
    ],
)
def test_bad_email_options_are_a_400_naming_the_field(client, email, field):
    """Email options must be a known reason and kind, and roles to be kept in mind
    for as the verdict page's form takes them."""
    response = evaluate(client, {"answers": DECLINE_ANSWERS, "email": email})

    assert response.status_code == 400
    assert list(errors_of(response)) == [field]


@pytest.mark.parametrize(
    ("payload", "errors"),
    [
        (
            {"answers": {**DECLINE_ANSWERS, "interest": "very"}},
            {"answers.interest": ["Choose one of: none, low, open."]},
        ),
        (
            {"answers": without(DECLINE_ANSWERS, "interest")},
            {"answers.interest": ["This question needs an answer."]},
        ),
        (
            {"answers": DECLINE_ANSWERS, "email": {"kind": "accept"}},
            {"email.kind": [f"Choose one of: {', '.join(EmailKind)}."]},
        ),
        (
            {"answers": DECLINE_ANSWERS, "email": {"reason": "bored"}},
            {"email.reason": [f"Choose one of: {', '.join(EmailReason)}."]},
        ),
        (
            {"answers": DECLINE_ANSWERS, "context": {"company_name": "x" * 101}},
            {"context.company_name": ["Company must be 100 characters or fewer"]},
        ),
        (
            {"answers": DECLINE_ANSWERS, "context": {"interview_date": "27/11/2030"}},
            {
                "context.interview_date": [
                    "Interview date must be a real date written YYYY-MM-DD, "
                    "for example 2026-11-27"
                ]
            },
        ),
        (
            {"answers": DECLINE_ANSWERS, "context": {"interview_time": "09:00"}},
            {"context.interview_time": ["Interview time needs an interview date too"]},
        ),
        (
            {"answers": DECLINE_ANSWERS, "context": {"your_name": 7}},
            {"context.your_name": ["Give this as a string."]},
        ),
        (
            {"answers": DECLINE_ANSWERS, "context": "Initech"},
            {"context": ["Give this as an object."]},
        ),
    ],
    ids=[
        "unknown choice",
        "missing answer",
        "unknown kind",
        "unknown reason",
        "name too long",
        "date not ISO",
        "time without a date",
        "name not a string",
        "context not an object",
    ],
)
def test_errors_say_what_is_wrong(client, payload, errors):
    """Each error names its field and says how to put it right."""
    assert errors_of(evaluate(client, payload)) == errors


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
    payload = {"answers": DECLINE_ANSWERS, "padding": "x" * 200_000}

    response = evaluate(client, payload)

    assert response.status_code == 400
    assert errors_of(response) == {"body": ["The body is too large."]}


def test_an_error_reply_stays_small_whatever_was_sent(client):
    """55 KB of unknown fields gets the first 30 named, not 55 KB echoed back."""
    payload = {f"field{number}": 1 for number in range(3_500)}
    body = json.dumps(payload)
    assert 50_000 < len(body) < 64 * 1024

    response = evaluate(client, payload)

    assert len(errors_of(response)) == 30
    assert len(response.content) < 2_000


def test_an_error_names_a_long_field_in_a_few_words(client):
    """A 50,000-character field name comes back cut to 100 characters."""
    response = evaluate(client, {"answers": DECLINE_ANSWERS, "x" * 50_000: 1})

    assert errors_of(response) == {"x" * 100: ["Unknown field."]}


API_ADDRESSES = {
    "/api/v1/evaluate": "POST",
    "/api/v1/questionnaire": "GET, HEAD",
    "/api/v1/shared/some-token": "GET, HEAD",
    "/api/v1/openapi.json": "GET, HEAD",
    "/api/v1/docs": "GET, HEAD",
}


@pytest.mark.parametrize(
    ("path", "method"),
    [
        (path, method)
        for path, allowed in API_ADDRESSES.items()
        for method in ("GET", "POST", "PUT", "PATCH", "DELETE", "OPTIONS")
        if method not in allowed
    ],
)
def test_a_wrong_method_is_a_405_in_json(path, method):
    """A method an address doesn't take is a JSON 405 naming the ones it does,
    with no CSRF token needed to find that out."""
    client = Client(enforce_csrf_checks=True)

    response = client.generic(method, path)

    assert response.status_code == 405
    allowed = API_ADDRESSES[path]
    assert response["Allow"] == allowed
    assert errors_of(response) == {"method": [f"Use {allowed.replace(', ', ' or ')}."]}


@pytest.mark.parametrize("path", ["/api/v1/questionnaire", "/api/v1/openapi.json"])
def test_head_answers_like_get_without_a_body(client, path):
    """HEAD is answered wherever GET is, with the headers and no body."""
    response = client.head(path)

    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert response.content == b""


def test_any_other_refusal_from_ninja_is_json_too(rf):
    """A refusal ninja raises for reasons of its own keeps the errors shape."""
    response = api.api.on_exception(
        rf.get("/api/v1/questionnaire"), HttpError(429, "Too many requests.")
    )

    assert response.status_code == 429
    assert json.loads(response.content) == {
        "errors": {"request": ["Too many requests."]}
    }


def test_an_unknown_api_address_is_a_json_404(client):
    """Any unknown address under /api/ answers 404 in JSON, not an HTML page."""
    response = client.get("/api/v1/no-such-endpoint")
    assert response.status_code == 404
    assert response["Content-Type"] == "application/json"
    assert response.json() == {"errors": {"request": ["Nothing is here."]}}


# The published contract


def test_the_document_publishes_every_operation(document):
    """The OpenAPI 3.1 document lists the three operations and their answers."""
    assert document["openapi"].startswith("3.1")
    operations = {
        (path, method, tuple(sorted(operation["responses"])))
        for path, methods in document["paths"].items()
        for method, operation in methods.items()
    }
    assert operations == {
        ("/api/v1/questionnaire", "get", ("200",)),
        ("/api/v1/evaluate", "post", ("200", "400")),
        ("/api/v1/shared/{token}", "get", ("200", "404")),
    }


def test_each_answer_is_one_of_its_questions_choices(document):
    """The answers' schema comes from the questionnaire: each question's choices,
    the questions always asked required, a conditional one only when it is asked."""
    answers = component(document, "Evaluate")["properties"]["answers"]

    assert {name: prop["enum"] for name, prop in answers["properties"].items()} == {
        question.id: list(question.values) for question in questionnaire.QUESTIONS
    }
    assert answers["additionalProperties"] is False
    assert set(answers["required"]) == {
        question.id
        for question in questionnaire.QUESTIONS
        if question.asked_when is None
    }
    assert answers["allOf"] == [
        {
            "if": {
                "required": ["employment"],
                "properties": {"employment": {"const": "employed"}},
            },
            "then": {"required": ["discreet_time"]},
            "else": {"not": {"required": ["discreet_time"]}},
        }
    ]


def test_the_email_options_are_drafting_s_own(document):
    """The email's reasons and kinds are drafting's enums, whatever they hold."""
    assert component(document, "EmailReason")["enum"] == list(EmailReason)
    assert component(document, "EmailKind")["enum"] == list(EmailKind)


def test_the_result_is_the_engine_s_verdict_with_its_drafts(document):
    """The evaluation documents every key the engine's verdict and the drafts give."""
    verdict = engine.evaluate(DECLINE_ANSWERS).to_dict()

    properties = component(document, "Evaluation")["properties"]

    assert set(properties) == {*verdict, "decline_email", "checklist"}


class Page(HTMLParser):
    def __init__(self):
        super().__init__()
        self.sources: list[str] = []
        self.inline_scripts = 0

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "script" and "src" not in attributes:
            self.inline_scripts += attributes.get("type") != "application/json"
        self.sources += [
            value for name, value in attrs if name in ("src", "href") and value
        ]


def test_the_docs_page_runs_from_our_own_static_files(client):
    """The docs page loads Swagger UI from /static/, runs no inline script, and
    keeps the site's strict Content-Security-Policy."""
    response = client.get(reverse("decisions:openapi-view"))

    assert response.status_code == 200
    page = Page()
    page.feed(response.content.decode())
    assert page.sources
    assert all(source.startswith("/static/ninja/") for source in page.sources)
    assert page.inline_scripts == 0
    policy = response["Content-Security-Policy"]
    assert "script-src 'self'" in policy
    assert not re.search(r"unsafe-|https?:", policy)
    for source in page.sources:
        assert client.get(source).status_code == 200
