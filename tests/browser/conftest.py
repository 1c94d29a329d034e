"""Real-browser fixtures: Debian's Chromium driven by Playwright against live_server.

One browser serves the whole session; every test gets fresh contexts, so no
cookie or session leaks from one journey into the next.
"""

import re
from collections.abc import Callable, Mapping
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Page, expect

from django.urls import reverse

from decisions.models import Decision
from decisions.questionnaire import QUESTIONS

CHROMIUM = Path("/usr/bin/chromium")

# The network is closed in CI: without these flags Chromium keeps trying to
# reach Google's update and sync servers and floods the log with refusals.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]

SCREENSHOTS_MARK = "screenshots"


def pytest_configure(config):
    config.addinivalue_line(
        "markers",
        f"{SCREENSHOTS_MARK}: refreshes docs/screenshots/; runs only with "
        f"-m {SCREENSHOTS_MARK} (scripts/screenshots)",
    )


def pytest_collection_modifyitems(config, items):
    """Leave the committed screenshots alone unless `-m screenshots` asks for them."""
    if SCREENSHOTS_MARK in (config.option.markexpr or ""):
        return
    kept, skipped = [], []
    for item in items:
        marked = item.get_closest_marker(SCREENSHOTS_MARK) is not None
        (skipped if marked else kept).append(item)
    if skipped:
        config.hook.pytest_deselected(items=skipped)
        items[:] = kept


@pytest.fixture(scope="session", autouse=True)
def allow_database_calls_beside_playwright_loop():
    """Let Django use the database while Playwright's event loop runs.

    Playwright's sync API keeps an asyncio loop running in the test thread, and
    Django refuses database calls from a thread with a running loop. Only the
    browser tests need this; it lasts to the end of the session because the
    loop does.
    """
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
        yield


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    # A missing browser must fail the run: a skipped browser suite looks green.
    if not CHROMIUM.exists():
        pytest.fail(
            f"{CHROMIUM} is missing. Install Debian's chromium package "
            "(scripts/setup --dev does), or deselect these tests with "
            '-m "not browser".',
            pytrace=False,
        )
    return {
        **browser_type_launch_args,
        "executable_path": str(CHROMIUM),
        "args": CHROMIUM_ARGS,
    }


@pytest.fixture(scope="session")
def base_url(live_server) -> str:
    """Relative URLs in page.goto() go to the live server.

    This also replaces pytest-playwright's own base_url fixture, which pytest 9
    warns about (a session fixture on a plugin instance), and warnings are errors.
    """
    return live_server.url


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    # Reduced motion turns off Bootstrap's transitions, so computed colours and
    # focus rings are final as soon as a page or colour scheme changes.
    return {
        **browser_context_args,
        "locale": "en-GB",
        "timezone_id": "Europe/London",
        "reduced_motion": "reduce",
    }


@pytest.fixture
def browser_problems():
    """Content Security Policy violations and uncaught script errors, as they happen."""
    return []


@pytest.fixture
def new_context(new_context, browser_problems):
    """Every context reports CSP violations and script errors; any fails the test."""

    def make(**kwargs):
        context = new_context(**kwargs)
        context.on("console", lambda message: _note_csp(message, browser_problems))
        context.on("weberror", lambda error: browser_problems.append(str(error.error)))
        return context

    yield make
    assert not browser_problems, "\n".join(browser_problems)


def _note_csp(message, problems):
    if "Content Security Policy" in message.text:
        problems.append(f"{message.page.url if message.page else ''}: {message.text}")


DECISION_PATH = re.compile(r"/decisions/(?P<id>[0-9a-f-]{36})/")
QUESTION_PATH = re.compile(r"/questions/(?P<id>[a-z_]+)/")


class Journey:
    """Walks the questionnaire as a person does, following whatever the flow asks.

    Functions in `page_checks` run on every page the journey arrives at.
    """

    def __init__(self) -> None:
        self.page_checks: list[Callable[[Page], None]] = []

    def arrived(self, page: Page) -> None:
        for check in self.page_checks:
            check(page)

    def submit(self, page: Page, button: str = "Continue") -> None:
        with page.expect_navigation():
            page.get_by_role("button", name=button, exact=True).click()
        self.arrived(page)

    def start(self, page: Page) -> None:
        """From the start page to the first question; nothing is stored yet."""
        page.goto("/")
        self.arrived(page)
        self.submit(page, "Start now")

    def question_id(self, page: Page) -> str | None:
        """The question on screen: a stored decision's names it in the address."""
        if urlsplit(page.url).path == reverse("decisions:new_decision"):
            return QUESTIONS[0].id
        match = QUESTION_PATH.search(page.url)
        return match["id"] if match else None

    def answer(self, page: Page, answers: Mapping[str, str]) -> None:
        """Answer each question the flow asks, until it asks one `answers` lacks."""
        while (question := self.question_id(page)) in answers:
            page.locator(f"input[name=answer][value={answers[question]}]").check()
            self.submit(page)

    def fill_details(self, page: Page, **fields: str) -> None:
        """Fill the optional details by field name (company_name=...) and go on."""
        expect(page).to_have_title(re.compile("About the interview"))
        for name, value in fields.items():
            page.locator(f"#id_{name}").fill(value)
        self.submit(page)

    def decide(self, page: Page, answers: Mapping[str, str], **details: str) -> None:
        """From the start page to the verdict page."""
        self.start(page)
        self.answer(page, answers)
        self.fill_details(page, **details)
        self.see_verdict(page)

    def skip_to_verdict(
        self, page: Page, answers: Mapping[str, str], **details: str
    ) -> None:
        """Start in the browser, store the answers directly, then ask for the verdict.

        For journeys about what comes after the questions; other tests walk them.
        The first answer stores the decision; the rest are written straight in.
        """
        self.start(page)
        self.answer(page, dict(list(answers.items())[:1]))
        decision_id = DECISION_PATH.search(page.url)["id"]
        Decision.objects.filter(pk=decision_id).update(
            answers=dict(answers), details_given=True, **details
        )
        page.goto(f"/decisions/{decision_id}/check/")
        self.see_verdict(page)

    def see_verdict(self, page: Page) -> None:
        expect(page).to_have_title(re.compile("^Check your answers"))
        self.submit(page, "See my answer")
        expect(page.locator("#verdict-headline")).to_be_visible()


@pytest.fixture
def journey() -> Journey:
    return Journey()
