"""axe-core on every kind of page, in light and dark, plus what axe can't judge.

Every context also fails its test on a Content Security Policy violation or an
uncaught script error reported to the console (see conftest.py).
"""

import re
from html.parser import HTMLParser

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page, expect

from decisions.models import Decision
from tests.answers import KEY_SITUATION_ANSWERS
from tests.conftest import DECLINE_ANSWERS

# Gains and costs exactly balanced, with no key situation: a tie, which declines.
TIE_ANSWERS = {
    **DECLINE_ANSWERS,
    "interest": "open",
    "company_appeal": "undesirable",
    "interview_practice": "rusty",
}

pytestmark = [
    pytest.mark.system,
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]

WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
AXE_OPTIONS = {
    "runOnly": {"type": "tag", "values": WCAG_TAGS},
    "resultTypes": ["violations"],
}
PASSWORD = "correct-horse-battery-staple"


class InlineCode(HTMLParser):
    """Inline scripts, styles and event handlers: the CSP forbids them all."""

    def __init__(self) -> None:
        super().__init__()
        self.found: list[str] = []

    def handle_starttag(self, tag, attrs):
        names = {name for name, _ in attrs}
        if tag == "script" and "src" not in names:
            self.found.append("an inline <script>")
        if tag == "style":
            self.found.append("a <style> element")
        if "style" in names:
            self.found.append(f"a style attribute on <{tag}>")
        handlers = sorted(name for name in names if name.startswith("on"))
        self.found += [f"an {name} handler on <{tag}>" for name in handlers]


class Audit:
    """Collects every page's problems, so one run reports them all."""

    def __init__(self) -> None:
        self.axe = Axe()
        self.problems: list[str] = []

    def __call__(self, page: Page, name: str, *, printed: bool = False) -> None:
        """Check the page on screen in both schemes and, if `printed`, on paper.

        Paper is checked from dark mode, whose pale text must not reach it.
        """
        parser = InlineCode()
        parser.feed(page.content())
        self.problems += [f"{name}: {found}" for found in parser.found]
        media = [("screen", "light"), ("screen", "dark")]
        if printed:
            media.append(("print", "dark"))
        for medium, scheme in media:
            page.emulate_media(media=medium, color_scheme=scheme)
            expect(page.locator("html")).to_have_attribute("data-bs-theme", scheme)
            results = self.axe.run(page, options=AXE_OPTIONS)
            if results.violations_count:
                report = results.generate_report()
                self.problems.append(f"{name} ({medium}, {scheme}): {report}")
        page.emulate_media(media="screen")

    def assert_clean(self) -> None:
        assert not self.problems, "\n\n".join(self.problems)


@pytest.fixture
def audit() -> Audit:
    return Audit()


def assert_error_summary_leads_to(page: Page, field_selector: str) -> None:
    """The title says Error, the summary has focus and its link focuses the field."""
    expect(page).to_have_title(re.compile("^Error: "))
    summary = page.locator(".error-summary")
    expect(summary).to_be_focused()
    summary.get_by_role("link").first.click()
    expect(page.locator(field_selector).first).to_be_focused()


def test_questionnaire_pages_are_accessible(page, new_context, audit, journey):
    """Every page of both journeys, with and without errors, in light and dark."""
    page.goto("/")
    audit(page, "start")
    journey.submit(page, "Start now")
    audit(page, "question")

    journey.submit(page)
    assert_error_summary_leads_to(page, "input[name=answer]")
    audit(page, "question with an error")

    journey.answer(page, DECLINE_ANSWERS)
    audit(page, "about the interview")
    page.locator("#id_interview_date").fill("1999-12-31")
    journey.submit(page)
    assert_error_summary_leads_to(page, "#id_interview_date")
    audit(page, "about the interview with an error")
    page.locator("#id_interview_date").fill("01/01/2001")
    journey.submit(page)
    expect(page.locator("#id_interview_date_error")).to_contain_text("in the future")
    audit(page, "about the interview with a past date")
    page.locator("#id_interview_date").fill("")
    journey.fill_details(
        page,
        role_title="Analyst",
        company_name="Acme",
        contact_name="Ms Patel",
        your_name="Jo Bloggs",
        interview_date="2030-01-15",
    )

    rows = page.locator(".summary-row")
    assert rows.count() == 17
    for row in rows.all():
        question = row.locator("dt").inner_text()
        expect(row.get_by_role("link")).to_have_accessible_name(
            re.compile(re.escape(question), re.IGNORECASE)
        )
    audit(page, "check your answers")

    journey.submit(page, "See my answer")
    audit(page, "decline verdict", printed=True)
    journey.submit(page, "Create a share link")
    audit(page, "verdict with a share link")
    verdict_url = page.url
    page.goto(page.get_by_label("Your share link").input_value())
    audit(page, "shared result", printed=True)

    page.goto("/decisions/")
    audit(page, "my decisions")
    page.goto("/how-we-decide/")
    audit(page, "how we decide")
    response = page.goto("/no-such-page/")
    assert response.status == 404
    audit(page, "page not found")
    stranger = new_context().new_page()
    assert stranger.goto(verdict_url).status == 404
    audit(stranger, "someone else's decision")

    page.goto(verdict_url)
    page.get_by_role(
        "link", name=re.compile("^Change your answer to “Are you interviewing")
    ).click()
    page.get_by_label("Yes, I'm in the final stages").check()
    journey.submit(page)
    expect(page.locator("#verdict-headline")).to_have_text("Take the interview")
    expect(page.get_by_text("Your recommendation has changed")).to_be_visible()
    audit(page, "interview verdict with the change banner", printed=True)
    Decision.objects.update(rules_version="0")
    page.reload()
    expect(page.get_by_text("Our rules have changed")).to_be_visible()
    audit(page, "verdict after a rules change")
    audit.assert_clean()


@pytest.mark.parametrize(
    ("name", "answers"),
    [("tie", TIE_ANSWERS), ("tension", KEY_SITUATION_ANSWERS)],
)
def test_every_kind_of_verdict_is_accessible(page, audit, journey, name, answers):
    """An evenly balanced verdict and one where the advice pulls both ways, with a
    recipient and a ticked checklist, in light and dark."""
    journey.skip_to_verdict(page, answers, recipient_email="sam@example.com")
    page.locator("#checklist input[type=checkbox]").first.check()
    expect(page.locator("[data-save-status]")).to_contain_text("Saved")
    audit(page, f"{name} verdict", printed=True)
    audit.assert_clean()


def test_account_pages_are_accessible(page, audit, journey):
    """Log in, sign up and password reset, empty and with errors, light and dark."""
    page.goto("/accounts/login/")
    audit(page, "log in")
    journey.submit(page, "Log in")
    assert_error_summary_leads_to(page, "#id_username")
    audit(page, "log in with errors")

    page.goto("/accounts/password_reset/")
    audit(page, "password reset")

    page.goto("/accounts/signup/")
    audit(page, "sign up")
    journey.submit(page, "Create account")
    assert_error_summary_leads_to(page, "#id_username")
    audit(page, "sign up with every field missing")
    page.locator("#id_username").fill("jo")
    page.locator("#id_password1").fill(PASSWORD)
    page.locator("#id_password2").fill(PASSWORD + "!")
    journey.submit(page, "Create account")
    assert_error_summary_leads_to(page, "#id_password2")
    audit(page, "sign up with errors")
    audit.assert_clean()
