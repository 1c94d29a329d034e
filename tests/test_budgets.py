"""Budgets every page keeps: SQL queries, bytes over the wire, and no third parties.

Counts, never times, so they hold on any machine.
"""

import datetime
import re
from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit

import pytest

from django.contrib.auth.models import User
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from decisions import engine, writes
from decisions.models import Decision
from decisions.questionnaire import QUESTIONS, asked_questions
from journal import writes as journal_writes
from journal.models import JournalEntry, Reflection
from journal.timeline import Step
from tests.conftest import DECLINE_ANSWERS, INTERVIEW_ANSWERS, question_url

pytestmark = pytest.mark.django_db

QUERY_BUDGET = 6
# The start page's HTML plus its CSS and JS, as sent compressed.
START_PAGE_BUDGET = 100 * 1024
URL_ATTRIBUTES = {"src", "href", "action", "srcset", "formaction", "poster", "data"}
ORIGIN = "http://testserver"
DETAILS = {
    "role_title": "Account Manager",
    "company_name": "Acme",
    "contact_name": "Sam",
    "your_name": "Alex",
}


def answers_before(question_id: str) -> dict[str, str]:
    ids = list(DECLINE_ANSWERS)
    return {key: DECLINE_ANSWERS[key] for key in ids[: ids.index(question_id)]}


def finished(make_decision, answers: dict[str, str]) -> Decision:
    return make_decision(
        answers,
        complete=True,
        interview_date=datetime.date(2030, 1, 15),
        **DETAILS,
    )


def shared_url(decision: Decision) -> str:
    link = writes.create_share_link(decision, include_company=True)
    return link.get_absolute_url()


def owner_with_decisions(count: int) -> User:
    """An account with `count` decisions, complete and in progress, made at once."""
    user = User.objects.create_user("owner", password="a-long-test-password")
    verdict = engine.evaluate(DECLINE_ANSWERS).to_dict()
    Decision.objects.bulk_create(
        Decision(
            user=user,
            answers=DECLINE_ANSWERS if number % 2 else {"employment": "employed"},
            status="complete" if number % 2 else "in_progress",
            verdict=verdict if number % 2 else None,
            rules_version=engine.RULES_VERSION,
            role_title=f"Role {number}",
            company_name=f"Company {number}",
        )
        for number in range(count)
    )
    return user


def add_decisions(user: User, count: int) -> None:
    Decision.objects.bulk_create(
        Decision(user=user, answers={"employment": "employed"}) for _ in range(count)
    )


def start_page(make):
    return reverse("decisions:start")


def start_page_with_a_decision_in_progress(make):
    make({"employment": "employed"})
    return reverse("decisions:start")


def question_page(question_id: str):
    def url(make):
        return question_url(make(answers_before(question_id)), question_id)

    return url


def details_page(make):
    return reverse("decisions:details", args=[make(DECLINE_ANSWERS).pk])


def check_page(make):
    decision = make(DECLINE_ANSWERS, details_given=True)
    return reverse("decisions:check", args=[decision.pk])


def verdict_page(answers):
    def url(make):
        return reverse("decisions:verdict", args=[finished(make, answers).pk])

    return url


def history_page(make):
    for _ in range(3):
        finished(make, DECLINE_ANSWERS)
    return reverse("decisions:history")


def shared_page(answers):
    def url(make):
        return shared_url(finished(make, answers))

    return url


def delete_page(make):
    return reverse("decisions:delete", args=[make(DECLINE_ANSWERS).pk])


def page(name: str):
    def url(make):
        return reverse(name)

    return url


def with_a_journal(make, answers) -> Decision:
    """A finished decision whose interview has passed and has been looked back on."""
    decision = finished(make, answers)
    journal_writes.add_step(
        decision, step=Step.INTERVIEW_BOOKED, happened_on=datetime.date(2026, 11, 2)
    )
    journal_writes.add_step(
        decision, step=Step.ATTENDED, happened_on=datetime.date(2026, 11, 2)
    )
    journal_writes.save_reflection(decision, worth_it="yes", benefits=["practice"])
    return decision


def journal_page(make):
    return reverse("journal:journal", args=[with_a_journal(make, INTERVIEW_ANSWERS).pk])


def record_page(make):
    with_a_journal(make, INTERVIEW_ANSWERS)
    with_a_journal(make, DECLINE_ANSWERS)
    return reverse("journal:record")


def compare_page(make):
    first = with_a_journal(make, INTERVIEW_ANSWERS)
    second = with_a_journal(make, DECLINE_ANSWERS)
    query = f"?d={first.pk}&d={second.pk}"
    return reverse("journal:compare") + query


# Every page a person sees, by name: each prepares what the page needs with
# conftest's make_decision and returns the page's URL.
PAGES = {
    "start": start_page,
    "start, decision in progress": start_page_with_a_decision_in_progress,
    **{
        f"question {question.id}": question_page(question.id)
        for question in asked_questions(DECLINE_ANSWERS)
    },
    "details": details_page,
    "check": check_page,
    "verdict, decline": verdict_page(DECLINE_ANSWERS),
    "verdict, interview": verdict_page(INTERVIEW_ANSWERS),
    "history": history_page,
    "shared, decline": shared_page(DECLINE_ANSWERS),
    "shared, interview": shared_page(INTERVIEW_ANSWERS),
    "how we decide": page("decisions:how_we_decide"),
    "login": page("login"),
    "signup": page("signup"),
    "password reset": page("password_reset"),
    "delete a decision": delete_page,
    "delete my data": page("decisions:delete_all"),
    "what happened next": journal_page,
    "your record": record_page,
    "compare": compare_page,
    "compare, nothing chosen": page("journal:compare"),
}
# The parametrisation below must reach every question the flow can ask.
assert {f"question {q.id}" for q in QUESTIONS} <= set(PAGES)


@pytest.fixture
def page_url(request, make_decision):
    return PAGES[request.param](make_decision)


@pytest.fixture
def account_page_url(request, client, make_decision):
    """The page as someone logged in to an account, with the decisions theirs."""
    client.force_login(User.objects.create_user("someone", password="x" * 20))
    return PAGES[request.param](make_decision)


@pytest.mark.parametrize("page_url", list(PAGES), indirect=True)
def test_page_renders_within_the_query_budget(
    client, page_url, django_assert_max_num_queries
):
    """Each page renders in at most six SQL queries."""
    with django_assert_max_num_queries(QUERY_BUDGET):
        response = client.get(page_url)

    assert response.status_code == 200


@pytest.mark.parametrize("account_page_url", list(PAGES), indirect=True)
def test_logged_in_page_renders_within_the_query_budget(
    client, account_page_url, django_assert_max_num_queries
):
    """With an account logged in, each page still takes at most six queries."""
    with django_assert_max_num_queries(QUERY_BUDGET):
        response = client.get(account_page_url)

    assert response.status_code == 200


def history_queries(client: Client) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("decisions:history"))
    assert response.status_code == 200
    return len(queries)


def test_my_decisions_takes_as_many_queries_for_1000_decisions_as_for_10(client):
    """The history page's queries don't grow with the number of decisions."""
    user = owner_with_decisions(10)
    client.force_login(user)
    with_ten = history_queries(client)

    add_decisions(user, 990)
    with_a_thousand = history_queries(client)

    assert Decision.objects.filter(user=user).count() == 1000
    assert with_a_thousand == with_ten
    assert with_a_thousand <= QUERY_BUDGET


def test_my_decisions_last_page_takes_as_many_queries_as_the_first(client):
    """Paging deep into 1,000 decisions costs no more queries than page one."""
    user = owner_with_decisions(1000)
    client.force_login(user)
    first = history_queries(client)

    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("decisions:history"), {"page": "40"})

    assert response.status_code == 200
    assert "Page 40 of 40" in response.text
    assert len(queries) == first


def decided_with_journals(user: User, count: int) -> list[str]:
    """`count` decided decisions, each with two steps and a look back, made at once."""
    verdict = engine.evaluate(INTERVIEW_ANSWERS).to_dict()
    made = Decision.objects.bulk_create(
        Decision(
            user=user,
            answers=INTERVIEW_ANSWERS,
            status="complete",
            verdict=verdict,
            rules_version=engine.RULES_VERSION,
        )
        for _ in range(count)
    )
    JournalEntry.objects.bulk_create(
        JournalEntry(
            decision=decision, step=step, happened_on=datetime.date(2026, 1, 5)
        )
        for decision in made
        for step in (Step.INTERVIEW_BOOKED, Step.ATTENDED)
    )
    Reflection.objects.bulk_create(
        Reflection(decision=decision, worth_it="partly", benefits=["practice"])
        for decision in made
    )
    return [str(decision.pk) for decision in made]


def queries_for(client: Client, url: str, data: dict) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, data)
    assert response.status_code == 200
    return len(queries)


@pytest.mark.parametrize(
    "name", ["decisions:history", "journal:record", "journal:compare"]
)
def test_journal_pages_take_as_many_queries_for_1000_decisions_as_for_10(client, name):
    """My decisions, Your record and Compare read a fixed number of queries,
    however many decisions, journal steps and looks back there are."""
    user = User.objects.create_user("owner", password="a-long-test-password")
    first_ten = decided_with_journals(user, 10)
    client.force_login(user)
    chosen = {"d": first_ten[:3]} if name == "journal:compare" else {}
    with_ten = queries_for(client, reverse(name), chosen)

    decided_with_journals(user, 990)
    with_a_thousand = queries_for(client, reverse(name), chosen)

    assert JournalEntry.objects.filter(decision__user=user).count() == 2000
    assert with_a_thousand == with_ten
    assert with_a_thousand <= QUERY_BUDGET


class Links(HTMLParser):
    """Every URL-valued attribute of a page, and its stylesheets and scripts."""

    def __init__(self):
        super().__init__()
        self.urls: list[str] = []
        self.assets: list[str] = []

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        for name, value in attrs:
            if name in URL_ATTRIBUTES and value is not None:
                if name == "srcset":
                    self.urls += [c.split()[0] for c in value.split(",") if c.split()]
                else:
                    self.urls.append(value)
        if tag == "link" and "stylesheet" in (attributes.get("rel") or ""):
            self.assets.append(attributes["href"])
        if tag == "script" and attributes.get("src"):
            self.assets.append(attributes["src"])


def links(html: str) -> Links:
    parser = Links()
    parser.feed(html)
    return parser


def served_compressed(client: Client, url: str) -> bytes:
    response = client.get(url, HTTP_ACCEPT_ENCODING="br, gzip")
    assert response.status_code == 200, url
    assert response.headers.get("Content-Encoding") in ("br", "gzip"), url
    return b"".join(response.streaming_content)


def test_start_page_with_its_css_and_js_weighs_at_most_100_kb(client):
    """The start page's HTML, CSS and JS come to 100 KB or less as sent.

    Static files go out brotli- or gzip-compressed; the HTML isn't compressed
    by the app, so it counts at full size.
    """
    response = client.get(reverse("decisions:start"))
    assets = links(response.text).assets
    sizes = {url: len(served_compressed(client, url)) for url in assets}

    total = len(response.content) + sum(sizes.values())

    assert any(url.endswith(".css") for url in assets)
    assert any(url.endswith(".js") for url in assets)
    assert total <= START_PAGE_BUDGET, sizes


def is_first_party(url: str, base: str) -> bool:
    parts = urlsplit(urljoin(base, url))
    if parts.scheme == "mailto":
        return True
    return parts.scheme in ("http", "https") and parts.netloc == "testserver"


@pytest.mark.parametrize("page_url", list(PAGES), indirect=True)
def test_page_refers_to_no_third_party(client, page_url):
    """Every src, href and action on a page is relative, same-origin or mailto:."""
    response = client.get(page_url)
    urls = links(response.text).urls

    assert urls
    assert [url for url in urls if not is_first_party(url, ORIGIN + page_url)] == []


def test_stylesheets_load_nothing_from_a_third_party(client):
    """The CSS the pages use fetches nothing from other sites (data: URIs only)."""
    page = client.get(reverse("decisions:start"))
    stylesheets = [url for url in links(page.text).assets if url.endswith(".css")]

    for stylesheet in stylesheets:
        response = client.get(stylesheet)
        css = b"".join(response.streaming_content).decode()
        imports = re.findall(r"@import\s+(?:url\()?['\"]?([^'\")\s;]+)", css)
        sources = re.findall(r"url\(\s*['\"]?([^'\")]+)", css)
        remote = [
            url
            for url in imports + sources
            if not url.startswith("data:") and not is_first_party(url, ORIGIN + "/")
        ]
        assert remote == [], stylesheet
