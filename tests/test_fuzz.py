"""Hostile input to every form and API endpoint, through the test client.

Whatever arrives (unicode, control characters, markup, megabyte bodies, missing,
extra or repeated fields, wrong types, wrong methods), the answer is a clear 4xx
or the form again with the input kept, never a 500; and what a person typed is
escaped wherever it shows: in HTML, in the mailto link, in the email text and
in the calendar file. The test client re-raises any exception a view lets out,
so an unhandled error fails the test with its traceback.
"""

import datetime
import html
import json
import re
import unicodedata
from html.parser import HTMLParser
from urllib.parse import quote, unquote, urlencode, urljoin, urlsplit

import pytest
from axes.models import AccessAttempt
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st
from icalendar import Calendar

from django.contrib.auth.models import User
from django.test import Client
from django.urls import reverse
from django.utils.html import escape

from decisions import engine, ownership, presenters, writes
from decisions.drafting import EmailKind, EmailReason
from decisions.models import Decision, ShareLink
from decisions.questionnaire import QUESTIONS, QUESTIONS_BY_ID
from tests.conftest import (
    DECLINE_ANSWERS,
    FIRST_ANSWER,
    INTERVIEW_ANSWERS,
    question_url,
)

pytestmark = pytest.mark.django_db

PASSWORD = "correct horse battery staple 42"
TEXT_FIELDS = ("role_title", "company_name", "contact_name", "your_name")
DETAIL_FIELDS = (*TEXT_FIELDS, "interview_date")
PATHS = (DECLINE_ANSWERS, INTERVIEW_ANSWERS)
HTML_SPECIAL = set("<>&\"'")
ICS_PROPERTIES = {
    "BEGIN",
    "VERSION",
    "PRODID",
    "UID",
    "DTSTAMP",
    "DTSTART",
    "DTEND",
    "SUMMARY",
    "DESCRIPTION",
    "URL",
    "TRANSP",
    "ACTION",
    "TRIGGER",
    "END",
}
PAYLOADS = (
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    "'><svg onload=alert(1)>",
    "</textarea><script>alert(1)</script>",
    "javascript:alert(1)",
    "{{ request }}{% debug %}",
    "Robert'); DROP TABLE decisions_decision;--",
    "a,b;c\\d:e",
    "line one\r\nBcc: someone@example.com",
    "SUMMARY:x\r\nATTACH:https://example.com/x",
    "%0d%0aSet-Cookie: x=1",
    "&amp; &lt; &#x27;",
    "\u202egnp.exe",
    "\x00\x01\x1b[31m\x7f\x85",
    "Zoë Ångström 北京 😀",
    "Ms Patel",
    "",
    " ",
)


def fuzz(examples: int):
    return hypothesis_settings(
        max_examples=examples,
        deadline=None,
        suppress_health_check=[
            HealthCheck.function_scoped_fixture,
            HealthCheck.too_slow,
        ],
    )


@pytest.fixture(autouse=True)
def unthrottled(settings):
    """Each example stands for someone new, but they all post from one address
    within a second: the throttles (tests/test_throttles.py) would refuse them."""
    settings.SIGN_UPS_PER_HOUR = settings.PASSWORD_RESETS_PER_HOUR = 10**6
    settings.PASSWORD_HASHES_PER_MINUTE = 10**6


texts = st.text(max_size=40)
# Field names a browser could send: it percent-encodes quotes and line breaks.
field_names = st.text(
    alphabet=st.characters(exclude_characters='"\\\r\n', exclude_categories=["Cs"]),
    max_size=20,
)
printable = st.text(st.characters(exclude_categories=["Cc", "Cs"]), max_size=12)


def behind_a_marker(payloads):
    """A payload behind a marker no page contains, so its raw form is easy to find."""
    return st.builds(
        "zq{}{}{}".format,
        st.text(alphabet="abcdefghij", min_size=6, max_size=6),
        st.sampled_from(payloads),
        printable,
    )


marked = behind_a_marker(PAYLOADS)
# Payloads a form may accept as they are: no control characters.
marked_printable = behind_a_marker(
    [p for p in PAYLOADS if all(unicodedata.category(c) != "Cc" for c in p)]
)
hostile = st.one_of(texts, st.sampled_from(PAYLOADS), marked)
encodings = st.sampled_from(["multipart", "urlencoded"])


def field_values(value):
    """One value, or the field repeated (a QueryDict list); Django reads the last."""
    return st.one_of(value, st.lists(value, min_size=1, max_size=3))


@st.composite
def form_data(draw, fields, value=hostile):
    """Any of the form's fields, each missing, once or repeated, plus extra fields.

    `fields` is a list of names sharing the `value` strategy, or a dict of each
    name's own strategy.
    """
    if not isinstance(fields, dict):
        fields = dict.fromkeys(fields, value)
    data = draw(
        st.fixed_dictionaries(
            {}, optional={name: field_values(values) for name, values in fields.items()}
        )
    )
    extra = draw(st.dictionaries(field_names, field_values(hostile), max_size=2))
    return {**extra, **data} if draw(st.booleans()) else {**data, **extra}


def last(value):
    return value[-1] if isinstance(value, list) else value


def post(client: Client, url: str, data: dict, encoding: str):
    if encoding == "urlencoded":
        return client.post(
            url,
            urlencode(data, doseq=True),
            content_type="application/x-www-form-urlencoded",
        )
    return client.post(url, data)


class Markup(HTMLParser):
    """What could run on a page: event-handler attributes, scripts, script URLs."""

    def __init__(self):
        super().__init__()
        self.handlers: list[str] = []
        self.scripts: list[str | None] = []
        self.script_urls: list[str] = []
        self.in_script = False
        self.inline_script = ""

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if name.startswith("on"):
                self.handlers.append(f"<{tag} {name}>")
            if name in ("href", "src", "action") and (
                value or ""
            ).strip().lower().startswith(("javascript:", "data:text/html")):
                self.script_urls.append(value)
        if tag == "script":
            self.scripts.append(dict(attrs).get("src"))
            self.in_script = True

    def handle_endtag(self, tag):
        if tag == "script":
            self.in_script = False

    def handle_data(self, data):
        if self.in_script:
            self.inline_script += data


def assert_safe_page(response, *typed) -> str:
    """Nothing typed could run on the page, and marked payloads only appear escaped."""
    page = response.content.decode()
    markup = Markup()
    markup.feed(page)
    assert markup.handlers == []
    assert markup.script_urls == []
    assert all(src and src.startswith("/static/") for src in markup.scripts)
    assert markup.inline_script.strip() == ""
    for value in typed:
        # "&" escapes to "&amp;", which still contains the raw text; only the
        # other special characters show whether a value went out unescaped.
        if value.startswith("zq") and (HTML_SPECIAL - {"&"}) & set(value):
            assert value not in page
    return page


def assert_kept(page: str, data: dict, fields) -> None:
    """A re-rendered form shows what was typed in each field, escaped."""
    for name in fields:
        if name in data and last(data[name]):
            assert escape(last(data[name])) in page, name


def is_same_site(location: str) -> bool:
    """A redirect target that stays on this site (browsers read \\ as /)."""
    if location.replace("\\", "/").startswith("//"):
        return False
    return urlsplit(urljoin("http://testserver/", location)).netloc == "testserver"


def password_values(page: str) -> list[str]:
    """Values a page puts back into password fields; there should be none."""
    return re.findall(r'<input[^>]*type="password"[^>]*value="([^"]*)"', page)


def typed_values(data: dict) -> list[str]:
    return [
        item
        for value in data.values()
        for item in (value if isinstance(value, list) else [value])
    ]


@pytest.fixture
def browser_id(client) -> str:
    """This test client's browser id, made once: decisions are then added directly."""
    response = client.post(reverse("decisions:new_decision"), FIRST_ANSWER)
    assert response.status_code == 302
    return client.session[ownership.BROWSER_KEY]


def new_decision(browser_id: str, answers: dict, *, complete=False, **details):
    decision = Decision.objects.create(
        browser_id=browser_id, answers=dict(answers), details_given=complete, **details
    )
    if complete:
        writes.complete(decision)
    return decision


def decision_url(name: str, decision: Decision) -> str:
    return reverse(f"decisions:{name}", args=[decision.pk])


# --- The questionnaire's forms ---------------------------------------------------

FLOW_STEPS = [(path, question_id) for path in PATHS for question_id in path]
EVERY_VALUE = sorted({value for question in QUESTIONS for value in question.values})


@fuzz(400)
@given(
    step=st.sampled_from(FLOW_STEPS),
    data=form_data(["answer"], value=st.one_of(hostile, st.sampled_from(EVERY_VALUE))),
    encoding=encodings,
)
def test_question_post_stores_a_valid_answer_or_shows_the_error(
    client, browser_id, step, data, encoding
):
    """An answer is stored only when it is one of the choices; else the error shows."""
    path, question_id = step
    ids = list(path)
    answers = {key: path[key] for key in ids[: ids.index(question_id)]}
    decision = new_decision(browser_id, answers)
    question = QUESTIONS_BY_ID[question_id]

    response = post(client, question_url(decision, question_id), data, encoding)

    decision.refresh_from_db()
    answer = last(data.get("answer", ""))
    if answer in question.values:
        assert response.status_code == 302
        assert decision.answers == {**answers, question_id: answer}
    else:
        assert response.status_code == 200
        page = assert_safe_page(response, *typed_values(data))
        assert escape(question.error) in page
        assert decision.answers == answers


dates = st.one_of(
    st.dates(datetime.date(1900, 1, 1), datetime.date(2200, 1, 1)).map(
        lambda day: day.strftime("%Y-%m-%d")
    ),
    st.dates(datetime.date(2000, 1, 1), datetime.date(2099, 12, 31)).map(
        lambda day: day.strftime("%d/%m/%Y")
    ),
)
# Mostly input the form accepts, so the payloads reach every page that shows them.
DETAILS_FORM = {
    **dict.fromkeys(TEXT_FIELDS, st.one_of(marked_printable, marked, hostile)),
    "interview_date": st.one_of(dates, hostile),
}


def assert_mailto_matches_the_email(page: str) -> None:
    """The mailto link is fully percent-encoded and carries the email as shown."""
    href = html.unescape(re.search(r'href="([^"]*)" id="email-mailto"', page)[1])
    match = re.fullmatch(
        r"mailto:\?subject=([A-Za-z0-9%._~-]*)&body=([A-Za-z0-9%._~-]*)", href
    )
    assert match, href
    subject = re.search(r'<span [^>]*id="email-subject">(.*?)</span>', page, re.S)[1]
    body = re.search(r'<div [^>]*id="email-body">(.*?)</div>', page, re.S)[1]
    assert unquote(match[1]) == html.unescape(subject)
    assert unquote(match[2]) == html.unescape(body)


def assert_email_text_has_one_subject_line(client: Client, decision: Decision):
    response = client.get(decision_url("email_text", decision))
    assert response.status_code == 200
    head, blank, _body = response.content.decode().partition("\n\n")
    assert blank
    assert head.startswith("Subject: ")
    assert "\n" not in head
    assert "\r" not in head


def ics_text(value: str) -> str:
    """Unescape an iCalendar TEXT value, failing on a bare , ; or \\."""
    text, chars = [], iter(value)
    for char in chars:
        if char == "\\":
            escaped = next(chars, "")
            assert escaped in "\\;,nN" and escaped, value
            text.append("\n" if escaped in "nN" else escaped)
        else:
            assert char not in ",;", value
            text.append(char)
    return "".join(text)


def assert_calendar_escapes_the_details(
    client: Client, decision: Decision, name: str = "calendar"
) -> None:
    response = client.get(decision_url(name, decision))
    assert response.status_code == 200
    body = response.content.decode()
    assert "\r" not in body.replace("\r\n", "")
    assert "\n" not in body.replace("\r\n", "")
    lines = body.replace("\r\n ", "").split("\r\n")
    assert lines[-1] == ""
    names = {re.match(r"[A-Z-]+", line)[0] for line in lines[:-1]}
    assert names <= ICS_PROPERTIES
    summaries = [ics_text(line[8:]) for line in lines if line.startswith("SUMMARY:")]
    events = Calendar.from_ical(response.content).walk("VEVENT")
    assert [str(event["SUMMARY"]) for event in events] == summaries
    # The first event names the job, each name on one line as a calendar shows it.
    for name in (decision.role_title, decision.company_name):
        printable = "".join(char if char.isprintable() else " " for char in name)
        assert " ".join(printable.split()) in summaries[0]


@fuzz(150)
@given(
    path=st.sampled_from(PATHS),
    data=form_data(DETAILS_FORM),
    encoding=encodings,
)
def test_details_are_kept_or_stored_and_shown_escaped_everywhere(
    client, browser_id, path, data, encoding
):
    """Details re-render escaped when refused; stored ones stay escaped on every page,
    percent-encoded in the mailto link, one line in the email, escaped in the .ics."""
    decision = new_decision(browser_id, path)
    typed = typed_values(data)

    response = post(client, decision_url("details", decision), data, encoding)

    if response.status_code == 200:
        page = assert_safe_page(response, *typed)
        assert "There is a problem" in page
        assert_kept(page, data, DETAIL_FIELDS)
        return
    assert response.status_code == 302
    decision.refresh_from_db()
    assert decision.details_given
    check = client.get(decision_url("check", decision))
    page = assert_safe_page(check, *typed)
    for name in TEXT_FIELDS:
        assert escape(getattr(decision, name)) in page
    assert client.post(decision_url("check", decision)).status_code == 302
    decision.refresh_from_db()
    verdict = client.get(decision_url("verdict", decision))
    assert verdict.status_code == 200
    page = assert_safe_page(verdict, *typed)
    if decision.title:
        assert escape(decision.title) in page
    if decision.verdict["verdict"] == engine.Recommendation.DECLINE:
        assert_mailto_matches_the_email(page)
        assert_email_text_has_one_subject_line(client, decision)
        assert_calendar_escapes_the_details(client, decision, "reply_reminder")
    elif decision.interview_date:
        assert_calendar_escapes_the_details(client, decision)
    assert_safe_page(client.get(reverse("decisions:history")), *typed)
    client.post(decision_url("share", decision), {"include_company": "on"})
    link = ShareLink.objects.get(decision=decision, revoked_at=None)
    shared = client.get(link.get_absolute_url())
    assert shared.status_code == 200
    assert_safe_page(shared, *typed)


# Whatever is stored (the form refuses control characters, but say it didn't),
# the downloads stay well-formed. Stored text is stripped, as the form strips it,
# and has no NUL, which PostgreSQL can't store.
stored_text = st.one_of(hostile, marked).map(
    lambda text: text.replace("\x00", "").strip()
)
stored_details = st.fixed_dictionaries(dict.fromkeys(TEXT_FIELDS, stored_text))


@fuzz(100)
@given(
    details=stored_details,
    answers=st.sampled_from(PATHS),
    day=st.dates(datetime.date(2000, 1, 3), datetime.date(2099, 12, 31)),
    time=st.one_of(st.none(), st.times()),
)
def test_calendar_file_escapes_whatever_details_are_stored(
    client, browser_id, details, answers, day, time
):
    """The .ics escapes , ; and \\ in the names and no name can start a new line."""
    decision = new_decision(
        browser_id,
        answers,
        complete=True,
        interview_date=day,
        interview_time=time,
        **details,
    )

    assert_calendar_escapes_the_details(client, decision)
    assert_calendar_escapes_the_details(client, decision, "reply_reminder")


@fuzz(100)
@given(details=stored_details)
def test_email_links_encode_whatever_details_are_stored(client, browser_id, details):
    """The mailto link is percent-encoded and the email text has one subject line."""
    decision = new_decision(browser_id, DECLINE_ANSWERS, complete=True, **details)

    page = assert_safe_page(
        client.get(decision_url("verdict", decision)), *details.values()
    )

    assert_mailto_matches_the_email(page)
    assert_email_text_has_one_subject_line(client, decision)


@fuzz(150)
@given(
    data=form_data(
        ["email_reason", "email_kind"],
        value=st.one_of(
            hostile,
            st.sampled_from([*EmailReason, *EmailKind]),
        ),
    ),
    encoding=encodings,
)
def test_email_options_change_the_email_or_nothing(client, browser_id, data, encoding):
    """Email options are stored only when both are valid; the email stays encoded."""
    decision = new_decision(
        browser_id, DECLINE_ANSWERS, complete=True, company_name="Acme & Co"
    )

    response = post(client, decision_url("email_options", decision), data, encoding)

    decision.refresh_from_db()
    reason = last(data.get("email_reason", ""))
    kind = last(data.get("email_kind", ""))
    if reason in tuple(EmailReason) and kind in tuple(EmailKind):
        assert response.status_code == 302
        assert (decision.email_reason, decision.email_kind) == (reason, kind)
    else:
        assert response.status_code == 200
        assert_safe_page(response)
        assert (decision.email_reason, decision.email_kind) == ("", "")
    page = assert_safe_page(client.get(decision_url("verdict", decision)))
    assert_mailto_matches_the_email(page)


@fuzz(150)
@given(data=st.data(), encoding=encodings)
def test_checklist_ticks_only_items_on_the_list(client, browser_id, data, encoding):
    """Ticks are saved only when every ticked item is on the person's checklist."""
    decision = new_decision(browser_id, INTERVIEW_ANSWERS, complete=True)
    items = [item.id for item in presenters.owner_follow_up(decision).checklist]
    form = data.draw(
        form_data(["ticked"], value=st.one_of(hostile, st.sampled_from(items)))
    )

    response = post(client, decision_url("checklist", decision), form, encoding)

    assert response.status_code == 302
    decision.refresh_from_db()
    ticked = form.get("ticked", [])
    ticked = ticked if isinstance(ticked, list) else [ticked]
    if all(tick in items for tick in ticked):
        assert set(decision.checklist_ticks) == set(ticked)
    else:
        assert decision.checklist_ticks == []
    assert_safe_page(client.get(decision_url("verdict", decision)), *ticked)


@fuzz(100)
@given(data=form_data(["include_company"]), encoding=encodings)
def test_share_always_makes_one_working_link(client, browser_id, data, encoding):
    """Whatever the share form holds, one active link results and its page works."""
    decision = new_decision(
        browser_id, DECLINE_ANSWERS, complete=True, company_name="<b>Acme</b>"
    )

    response = post(client, decision_url("share", decision), data, encoding)

    assert response.status_code == 302
    link = ShareLink.objects.get(decision=decision, revoked_at=None)
    page = assert_safe_page(Client().get(link.get_absolute_url()))
    assert ("&lt;b&gt;Acme&lt;/b&gt;" in page) == link.include_company


# --- Accounts ---------------------------------------------------------------------


@fuzz(200)
@given(
    data=form_data(
        ["username", "password", "next"],
        value=st.one_of(hostile, st.just("fuzzer"), st.just(PASSWORD)),
    ),
    encoding=encodings,
)
def test_login_logs_in_or_shows_the_form_again(fuzzer_account, data, encoding):
    """Log-in answers the form again with the name kept, a lock-out, or a
    same-site redirect; never a password echoed back or an open redirect."""
    AccessAttempt.objects.all().delete()
    client = Client()

    response = post(client, reverse("login"), data, encoding)

    assert response.status_code in (200, 302, 429)
    if response.status_code == 302:
        assert is_same_site(response.headers["Location"])
    else:
        page = assert_safe_page(response, *typed_values(data))
        assert password_values(page) == []
        if response.status_code == 200:
            assert_kept(page, data, ["username"])


@pytest.fixture
def fuzzer_account() -> User:
    return User.objects.create_user("fuzzer", password=PASSWORD)


@st.composite
def signup_data(draw):
    data = draw(form_data(["username", "password1", "password2"]))
    if draw(st.booleans()):
        data["password1"] = data["password2"] = PASSWORD
    return data


@fuzz(150)
@given(data=signup_data(), encoding=encodings)
def test_signup_creates_an_account_or_shows_the_form_again(data, encoding):
    """Sign-up creates an account, or shows the form with the name kept and escaped."""
    client = Client()

    response = post(client, reverse("signup"), data, encoding)

    assert response.status_code in (200, 302)
    if response.status_code == 302:
        username = unicodedata.normalize("NFKC", last(data["username"]).strip())
        assert User.objects.filter(username=username).exists()
    else:
        page = assert_safe_page(response, *typed_values(data))
        assert_kept(page, data, ["username"])
        assert password_values(page) == []


@fuzz(150)
@given(
    data=form_data(["email"], value=st.one_of(hostile, st.emails())),
    encoding=encodings,
)
def test_password_reset_accepts_an_address_or_shows_the_form(data, encoding):
    """A password reset goes on to "check your email" or shows the form again."""
    response = post(Client(), reverse("password_reset"), data, encoding)

    assert response.status_code in (200, 302)
    if response.status_code == 200:
        page = assert_safe_page(response, *typed_values(data))
        assert_kept(page, data, ["email"])


@fuzz(100)
@given(
    name=st.sampled_from(
        ["decisions:new_decision", "login", "signup", "password_reset"]
    ),
    token=st.one_of(texts, st.text(alphabet="abcdefABCDEF0123456789", min_size=32)),
)
def test_a_post_without_a_valid_csrf_token_is_refused(name, token):
    """Without a valid CSRF cookie and token, every form post is a clear 403."""
    client = Client(enforce_csrf_checks=True)

    response = client.post(reverse(name), {"csrfmiddlewaretoken": token})

    assert response.status_code == 403
    assert_safe_page(response)


# --- Methods and addresses ------------------------------------------------------------

GET_ONLY = ["start", "how_we_decide", "history", "verdict", "email_text", "calendar"]
POST_ONLY = [
    "email_options",
    "checklist",
    "reevaluate",
    "share",
    "revoke",
]
GET_OR_POST = [
    "new_decision",
    "question",
    "details",
    "check",
    "delete",
    "delete_all",
    "signup",
]


def form_url(name: str, decision: Decision) -> str:
    if name in ("start", "how_we_decide", "history", "new_decision", "delete_all"):
        return reverse(f"decisions:{name}")
    if name == "signup":
        return reverse("signup")
    if name == "question":
        return question_url(decision, "employment")
    return decision_url(name, decision)


@fuzz(150)
@given(
    name=st.sampled_from(GET_ONLY + POST_ONLY + GET_OR_POST),
    method=st.sampled_from(["GET", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"]),
)
def test_a_wrong_method_is_a_405(client, browser_id, name, method):
    """Each page answers only its own methods; any other is a 405."""
    decision = new_decision(browser_id, DECLINE_ANSWERS, complete=True)
    allowed = (
        {"GET"}
        if name in GET_ONLY
        else {"POST"}
        if name in POST_ONLY
        else {
            "GET",
            "POST",
        }
    )

    response = client.generic(method, form_url(name, decision))

    if method in allowed:
        assert response.status_code < 500
    else:
        assert response.status_code == 405


@fuzz(300)
@given(
    template=st.sampled_from(
        [
            "/{}",
            "/decisions/{}/",
            "/decisions/{}/verdict/",
            "/decisions/00000000-0000-4000-8000-000000000000/questions/{}/",
            "/s/{}/",
            "/api/v1/shared/{}",
            "/accounts/{}/",
            "/static/{}",
        ]
    ),
    segment=hostile,
)
def test_any_address_is_a_page_or_a_404(client, template, segment):
    """Made-up addresses, however odd, are answered with a page, a redirect or 404."""
    response = client.get(template.format(quote(segment, safe="")))

    assert response.status_code in (200, 301, 302, 404)
    if response["Content-Type"].startswith("text/html"):
        assert_safe_page(response, segment)


# --- The JSON API ------------------------------------------------------------------


def api_evaluate(client: Client, body, content_type="application/json"):
    return client.post(
        reverse("decisions:api_evaluate"), body, content_type=content_type
    )


def assert_json_errors(response, status=400) -> dict:
    assert response.status_code == status
    assert response["Content-Type"] == "application/json"
    errors = response.json()["errors"]
    assert errors
    assert all(
        isinstance(messages, list) and all(isinstance(m, str) for m in messages)
        for messages in errors.values()
    )
    return errors


@st.composite
def flow_answers(draw):
    """Answers to exactly the questions the flow asks, as the API wants them."""
    answers: dict[str, str] = {}
    for question in QUESTIONS:
        if question.is_asked(answers):
            answers[question.id] = draw(st.sampled_from(question.values))
    return answers


json_scalars = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(), hostile)
json_values = st.recursive(
    json_scalars,
    lambda children: st.one_of(
        st.lists(children, max_size=4), st.dictionaries(texts, children, max_size=4)
    ),
    max_leaves=12,
)


@st.composite
def mutated_answers(draw):
    answers = draw(flow_answers())
    for _ in range(draw(st.integers(0, 3))):
        action = draw(st.sampled_from(["drop", "change", "add", "retype"]))
        if action == "drop" and answers:
            del answers[draw(st.sampled_from(sorted(answers)))]
        elif action == "change" and answers:
            answers[draw(st.sampled_from(sorted(answers)))] = draw(hostile)
        elif action == "add":
            key = draw(st.one_of(st.sampled_from(list(QUESTIONS_BY_ID)), texts))
            answers[key] = draw(st.one_of(hostile, st.sampled_from(EVERY_VALUE)))
        elif answers:
            answers[draw(st.sampled_from(sorted(answers)))] = draw(json_values)
    return answers


contexts = st.one_of(
    json_values,
    st.fixed_dictionaries(
        {},
        optional={
            **{name: st.one_of(hostile, json_scalars) for name in TEXT_FIELDS},
            "interview_date": st.one_of(dates, hostile, json_scalars),
            "interview_time": st.one_of(
                st.times().map(lambda time: time.strftime("%H:%M")),
                hostile,
                json_scalars,
            ),
        },
    ),
)
email_options = st.one_of(
    json_values,
    st.fixed_dictionaries(
        {},
        optional={
            "reason": st.one_of(st.sampled_from(list(EmailReason)), json_values),
            "kind": st.one_of(st.sampled_from(list(EmailKind)), json_values),
            "keep_in_mind_for": st.one_of(hostile, json_scalars),
        },
    ),
)
payloads = st.fixed_dictionaries(
    {},
    optional={
        "answers": st.one_of(flow_answers(), mutated_answers(), json_values),
        "context": contexts,
        "email": email_options,
        "extra": json_values,
    },
)


@fuzz(500)
@given(payload=payloads)
def test_api_evaluate_answers_a_verdict_or_json_errors(client, payload):
    """Any JSON object gets a verdict or a 400 naming the fields at fault."""
    response = api_evaluate(client, json.dumps(payload))

    if response.status_code == 200:
        result = response.json()
        assert result["verdict"] in (
            engine.Recommendation.INTERVIEW,
            engine.Recommendation.DECLINE,
        )
        email = result["decline_email"]
        if email is not None:
            assert "\n" not in email["subject"]
            assert "\r" not in email["subject"]
    else:
        assert_json_errors(response)


@fuzz(300)
@given(body=json_values)
def test_api_evaluate_refuses_any_other_json_with_a_400(client, body):
    """JSON that isn't a well-formed request gets a 400 JSON error, never a 500."""
    response = api_evaluate(client, json.dumps(body))

    if response.status_code != 200:
        assert_json_errors(response)


def oversized(chunk: str, size: int) -> bytes:
    data = (chunk or "x").encode()
    return (data * (size // len(data) + 1))[:size]


raw_bodies = st.one_of(
    st.binary(max_size=2000),
    texts.map(str.encode),
    st.builds(
        oversized,
        st.sampled_from(['{"answers": "', "[", "{", "a", '"\\u0000', "\xff", "😀"]),
        st.integers(60 * 1024, 2 * 1024 * 1024),
    ),
    st.integers(1, 60_000).map(lambda depth: b"[" * depth + b"]" * depth),
    st.integers(1, 30_000).map(lambda depth: b'{"a":' * depth + b"1" + b"}" * depth),
)


@fuzz(120)
@given(
    body=raw_bodies,
    content_type=st.sampled_from(
        [
            "application/json",
            "application/json; charset=utf-8",
            "text/plain",
            "application/x-www-form-urlencoded",
            "multipart/form-data; boundary=x",
            "",
        ]
    ),
)
def test_api_evaluate_refuses_bad_bodies_with_a_400(client, body, content_type):
    """Bytes that aren't JSON, megabyte bodies, deep nesting and other content types
    get a 400 JSON error."""
    response = api_evaluate(client, body, content_type=content_type)

    if response.status_code != 200:
        assert_json_errors(response)


@fuzz(100)
@given(
    name=st.sampled_from(["api_evaluate", "api_questionnaire", "api_shared"]),
    method=st.sampled_from(["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE"]),
)
def test_api_wrong_method_is_a_json_405(client, name, method):
    """Each API endpoint answers a method it doesn't take with a JSON 405."""
    allowed = {"POST"} if name == "api_evaluate" else {"GET", "HEAD"}
    args = ["some-token"] if name == "api_shared" else []

    response = client.generic(method, reverse(f"decisions:{name}", args=args))

    if method in allowed:
        assert response.status_code in (200, 400, 404)
    else:
        assert response.status_code == 405
        assert set(response["Allow"].split(", ")) == allowed
        if method != "HEAD":
            assert_json_errors(response, status=405)


@fuzz(200)
@given(token=hostile)
def test_api_shared_is_json_whatever_the_token(client, browser_id, token):
    """A made-up share token is a JSON 404; a real one is the shared decision."""
    decision = new_decision(browser_id, DECLINE_ANSWERS, complete=True)
    link = writes.create_share_link(decision, include_company=False)

    made_up = client.get(
        reverse("decisions:api_shared", args=["TOKEN"]).replace(
            "TOKEN", quote(token, safe="")
        )
    )
    real = client.get(reverse("decisions:api_shared", args=[link.token]))

    assert_json_errors(made_up, status=404)
    assert real.status_code == 200
    assert real.json()["verdict"] == engine.Recommendation.DECLINE
