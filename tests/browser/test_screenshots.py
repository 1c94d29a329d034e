"""The README's screenshots, taken with the browser tests' Chromium and live server.

Runs only with `-m screenshots` (scripts/screenshots, `make screenshots`), so the
normal test run never rewrites the committed images.
"""

import datetime

import pytest
from playwright.sync_api import Page

from django.conf import settings
from django.utils import timezone

from decisions.models import Decision
from journal import writes as journal_writes
from journal.timeline import Step
from tests.browser.conftest import DECISION_PATH
from tests.conftest import DECLINE_ANSWERS, INTERVIEW_ANSWERS

pytestmark = [
    pytest.mark.system,
    pytest.mark.browser,
    pytest.mark.screenshots,
    pytest.mark.django_db(transaction=True),
]

SCREENSHOTS = settings.BASE_DIR / "docs" / "screenshots"


def save(page: Page, name: str) -> None:
    page.screenshot(path=SCREENSHOTS / f"{name}.png", animations="disabled")


def test_screenshots(new_context, journey):
    """Start page, a question, both verdicts (one on a phone) and a shared result,
    in light mode."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page = new_context(viewport={"width": 1200, "height": 900}).new_page()

    page.goto("/")
    save(page, "start")
    journey.submit(page, "Start now")
    journey.answer(page, {"employment": "employed"})
    save(page, "question")

    journey.answer(page, DECLINE_ANSWERS)
    journey.fill_details(
        page,
        role_title="Account Manager",
        company_name="Northwind Trading",
        contact_name="Ms Patel",
        your_name="Sam Taylor",
    )
    journey.see_verdict(page)
    save(page, "verdict-decline")
    phone = new_context(
        viewport={"width": 375, "height": 812},
        is_mobile=True,
        storage_state=page.context.storage_state(),
    ).new_page()
    phone.goto(page.url)
    save(phone, "verdict-phone")

    page.get_by_label("Include the company and job title").check()
    journey.submit(page, "Create a share link")
    page.goto(page.get_by_label("Your share link").input_value())
    save(page, "shared")

    journey.decide(
        page, INTERVIEW_ANSWERS, role_title="Data Analyst", company_name="Contoso"
    )
    save(page, "verdict-interview")


def test_journal_screenshots(new_context, journey):
    """What happened next, My decisions and Your record, for a few invitations."""
    page = new_context(viewport={"width": 1200, "height": 900}).new_page()
    today = timezone.localdate()
    kept = {}
    for answers, company in (
        (DECLINE_ANSWERS, "Northwind Trading"),
        (INTERVIEW_ANSWERS, "Contoso"),
        (INTERVIEW_ANSWERS, "Fabrikam"),
    ):
        journey.skip_to_verdict(page, answers, company_name=company)
        kept[company] = Decision.objects.get(pk=DECISION_PATH.search(page.url)["id"])
    journal_writes.add_step(
        kept["Northwind Trading"], step=Step.DECLINED, happened_on=today
    )
    journal_writes.add_step(
        kept["Fabrikam"],
        step=Step.INTERVIEW_BOOKED,
        happened_on=today + datetime.timedelta(days=4),
        at_time=datetime.time(10),
    )
    contoso = kept["Contoso"]
    for step in (Step.INTERVIEW_BOOKED, Step.ATTENDED):
        journal_writes.add_step(
            contoso, step=step, happened_on=today - datetime.timedelta(days=2)
        )
    journal_writes.save_reflection(
        contoso, worth_it="yes", benefits=["practice", "market_insight"]
    )

    page.goto(f"/decisions/{contoso.pk}/journal/")
    save(page, "journal")
    page.goto("/decisions/")
    save(page, "my-decisions")
    page.goto("/decisions/record/")
    save(page, "your-record")
