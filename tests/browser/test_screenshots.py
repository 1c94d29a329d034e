"""The README's screenshots, taken with the browser tests' Chromium and live server.

Runs only with `-m screenshots` (scripts/screenshots, `make screenshots`), so the
normal test run never rewrites the committed images.
"""

import pytest
from playwright.sync_api import Page

from django.conf import settings

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
    """Start page, a question, both verdicts and a shared result, in light mode."""
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

    page.get_by_label("Include the company and job title").check()
    journey.submit(page, "Create a share link")
    page.goto(page.get_by_label("Your share link").input_value())
    save(page, "shared")

    journey.decide(
        page, INTERVIEW_ANSWERS, role_title="Data Analyst", company_name="Contoso"
    )
    save(page, "verdict-interview")
