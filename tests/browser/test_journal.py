"""Following a decision through in a real Chromium: what happened next, looking
back, Your record, Compare and the exports, each page checked by axe."""

import csv
import datetime
import json
import re

import pytest
from playwright.sync_api import Page, expect

from django.utils import timezone

from decisions.models import Decision
from journal import export, writes
from journal.timeline import Step
from tests.browser.conftest import DECISION_PATH
from tests.browser.test_accessibility import Audit, assert_error_summary_leads_to
from tests.conftest import DECLINE_ANSWERS, INTERVIEW_ANSWERS

pytestmark = [
    pytest.mark.system,
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]

FITS_THE_SCREEN = """() =>
  document.documentElement.scrollWidth <= document.documentElement.clientWidth"""


def day(offset: int) -> datetime.date:
    return timezone.localdate() + datetime.timedelta(days=offset)


def typed(date: datetime.date) -> str:
    return f"{date.day}/{date.month}/{date.year}"


def spoken(date: datetime.date) -> str:
    """A date as the next step says it: Tue 3 Dec."""
    return f"{date:%a} {date.day} {date:%b}"


def decide(page: Page, journey, answers, company: str) -> Decision:
    journey.skip_to_verdict(page, answers, company_name=company)
    return Decision.objects.get(pk=DECISION_PATH.search(page.url)["id"])


def open_journal(page: Page, decision: Decision) -> None:
    page.goto(f"/decisions/{decision.pk}/journal/")
    expect(page).to_have_title(re.compile("^What happened next"))


def record(page: Page, journey, step: str, on: datetime.date, at: str = "") -> None:
    """Add a step to the timeline the way a person does."""
    page.get_by_label(step, exact=True).check()
    page.get_by_label("Date", exact=True).fill(typed(on))
    page.get_by_label("Time (optional)").fill(at)
    journey.submit(page, "Add to your timeline")
    expect(page.get_by_text("Your timeline is up to date.")).to_be_visible()


def remove_last(page: Page, journey, step: str) -> None:
    journey.submit(page, f"Remove the step “{step}”")
    expect(page.get_by_text("The last step is off your timeline.")).to_be_visible()


def next_step(page: Page):
    return page.locator("#next-step")


def timeline(page: Page):
    return page.locator("#timeline li")


def test_recording_each_step_of_what_happened_next(page, journey):
    """Every step can be recorded with its date, taken back, and the next step
    follows along, on the journal and in My decisions."""
    decide(page, journey, INTERVIEW_ANSWERS, "Acme")
    page.goto("/decisions/")
    row = page.get_by_role("row").filter(has_text="Acme")
    row.get_by_role("link", name="Reply today").click()
    expect(page).to_have_title(re.compile("^What happened next"))
    expect(page.get_by_text("Nothing recorded yet.")).to_be_visible()

    interview_day = day(10)
    record(page, journey, "Interview booked", interview_day, "10:00")
    expected = f"Interview on {spoken(interview_day)} at 10:00"
    expect(next_step(page)).to_have_text(expected)
    expect(page.get_by_role("heading", name="Looking back")).to_have_count(0)
    page.goto("/decisions/")
    expect(row).to_contain_text(expected)
    expect(row).to_contain_text(f"{interview_day:%a} {interview_day.day}")
    row.get_by_role("link", name=expected).click()

    record(page, journey, "I withdrew from the process", day(0))
    expect(next_step(page)).to_have_text("Any regrets?")
    remove_last(page, journey, "I withdrew from the process")
    record(page, journey, "I went to the interview", day(0))
    expect(next_step(page)).to_have_text("How did it go?")
    record(page, journey, "They didn't offer me the job", day(0))
    expect(page.get_by_role("heading", name="Add what happened")).to_have_count(0)
    remove_last(page, journey, "They didn't offer me the job")
    record(page, journey, "They offered me the job", day(0))
    expect(next_step(page)).to_have_text("Decide on the offer")
    record(page, journey, "I turned the offer down", day(0))
    remove_last(page, journey, "I turned the offer down")
    record(page, journey, "I accepted the offer", day(0))

    expect(timeline(page)).to_have_count(4)
    expect(timeline(page).first).to_contain_text(
        f"Interview booked: {interview_day:%a} {interview_day.day} "
        f"{interview_day:%b} {interview_day.year} at 10:00"
    )
    expect(timeline(page).last).to_contain_text("I accepted the offer")


def test_a_decline_is_recorded_and_looked_back_on(page, journey, audit):
    """Declining, or withdrawing instead, then: any regrets?"""
    decision = decide(page, journey, DECLINE_ANSWERS, "Northwind")
    open_journal(page, decision)
    audit(page, "journal, empty")

    journey.submit(page, "Add to your timeline")
    assert_error_summary_leads_to(page, "input[name=step]")
    audit(page, "journal, step with errors")
    record(page, journey, "I declined the interview", day(0))
    remove_last(page, journey, "I declined the interview")
    record(page, journey, "I withdrew my application", day(-1))
    expect(next_step(page)).to_have_text("Any regrets?")

    journey.submit(page, "Save what you found")
    assert_error_summary_leads_to(page, "input[name=regret]")
    page.get_by_label("A few").check()
    page.get_by_label("Anything else to remember? (optional)").fill("Pay was good.")
    journey.submit(page, "Save what you found")

    expect(page.get_by_text("Your look back is saved.")).to_be_visible()
    expect(next_step(page)).to_have_text("Nothing to do")
    expect(page.get_by_label("A few")).to_be_checked()
    audit(page, "journal, declined and looked back")
    audit.assert_clean()


def test_looking_back_after_the_interview_date(page, journey, audit):
    """Once the booked day has passed: was it worth going, and what came of it."""
    decision = decide(page, journey, INTERVIEW_ANSWERS, "Contoso")
    open_journal(page, decision)
    record(page, journey, "Interview booked", day(-2), "14:30")

    expect(next_step(page)).to_have_text("How did it go?")
    audit(page, "journal, looking back")
    journey.submit(page, "Save what you found")
    assert_error_summary_leads_to(page, "input[name=worth_it]")
    audit(page, "journal, looking back with errors")
    page.get_by_label("Partly").check()
    page.get_by_label("Interview practice").check()
    page.get_by_label("A look at the job market").check()
    page.get_by_label("Time and energy").check()
    journey.submit(page, "Save what you found")

    expect(next_step(page)).to_have_text("Waiting to hear back")
    expect(page.get_by_label("Partly")).to_be_checked()
    expect(page.get_by_label("Interview practice")).to_be_checked()
    expect(page.get_by_label("New contacts")).not_to_be_checked()
    audit.assert_clean()


@pytest.fixture
def two_decided(page, journey) -> tuple[Decision, Decision]:
    """An interview gone to and found worth it, and an invitation declined."""
    went = decide(page, journey, INTERVIEW_ANSWERS, "Contoso")
    declined = decide(page, journey, DECLINE_ANSWERS, "Northwind")
    writes.add_step(went, step=Step.INTERVIEW_BOOKED, happened_on=day(-3))
    writes.add_step(went, step=Step.ATTENDED, happened_on=day(-3))
    writes.save_reflection(went, worth_it="yes", benefits=["practice", "networking"])
    writes.add_step(declined, step=Step.DECLINED, happened_on=day(-1))
    return went, declined


@pytest.fixture
def audit() -> Audit:
    return Audit()


def tally(page: Page, label: str):
    """The count Your record gives beside a label."""
    term = page.locator("#worth-it dt", has_text=label)
    return term.locator("xpath=following-sibling::dd[1]")


def test_your_record_sums_up_the_journal(page, audit, two_decided):
    """Your record counts the invitations, the advice followed and what going gave."""
    page.goto("/")
    page.get_by_role("link", name="Your record").first.click()

    expect(page).to_have_title(re.compile("^Your record"))
    expect(page.get_by_text("You have weighed 2 invitations.")).to_be_visible()
    expect(page.locator("#followed")).to_have_text(
        "Of your 2 replies, 2 followed our recommendation."
    )
    expect(tally(page, "Yes, it was worth going")).to_have_text("1")
    expect(tally(page, "New contacts")).to_have_text("1")
    expect(tally(page, "Time and energy")).to_have_text("0")
    audit(page, "your record")
    audit.assert_clean()


def test_your_record_starts_empty(page, audit):
    """With nothing decided, Your record says where it will start."""
    page.goto("/decisions/record/")

    expect(page.get_by_text("your record starts here")).to_be_visible()
    audit(page, "your record, empty")
    audit.assert_clean()


def test_comparing_two_decisions_side_by_side(page, journey, audit, two_decided):
    """Tick two decisions in My decisions and see them side by side."""
    page.goto("/decisions/compare/")
    audit(page, "compare, nothing chosen yet")
    page.goto("/decisions/")
    audit(page, "my decisions")
    page.get_by_role("checkbox", name="Compare Contoso").check()
    page.get_by_role("checkbox", name="Compare Northwind").check()
    journey.submit(page, "Compare the ticked decisions")

    expect(page).to_have_title(re.compile("^Compare invitations"))
    table = page.get_by_role("table")
    expect(table.get_by_role("columnheader")).to_have_text(["Northwind", "Contoso"])
    expect(table.get_by_role("row").filter(has_text="Key situations")).to_contain_text(
        "You are out of work"
    )
    expect(table.get_by_role("row").filter(has_text="Next step")).to_contain_text(
        "Waiting to hear back"
    )
    audit(page, "compare")

    page.get_by_label("Northwind").uncheck()
    journey.submit(page, "Compare")
    assert_error_summary_leads_to(page, "input[name=d]")
    expect(page.get_by_label("Contoso")).to_be_checked()
    audit(page, "compare with an error")
    audit.assert_clean()


def test_my_decisions_is_a_list_of_cards_on_a_phone(new_context, journey, audit):
    """At 375 px each decision is a card that fits the screen, with every column;
    Compare scrolls sideways inside its own region."""
    page = new_context(viewport={"width": 375, "height": 812}).new_page()
    decision = decide(page, journey, INTERVIEW_ANSWERS, "Contoso")
    writes.add_step(
        decision,
        step=Step.INTERVIEW_BOOKED,
        happened_on=day(3),
        at_time=datetime.time(9, 15),
    )

    for path in ("/decisions/", f"/decisions/{decision.pk}/journal/"):
        page.goto(path)
        assert page.evaluate(FITS_THE_SCREEN), path
    page.goto("/decisions/")
    card = page.locator(".history-table tbody tr")
    expect(card).to_be_visible()
    assert card.evaluate("row => getComputedStyle(row).display") == "block"
    assert card.bounding_box()["width"] > 300
    assert page.locator(".history-table thead").bounding_box()["width"] <= 1
    expect(card).to_contain_text(f"Interview on {spoken(day(3))} at 09:15")
    expect(card).to_contain_text(re.compile(r"0 of \d+ done"))
    audit(page, "my decisions, phone")
    page.goto("/decisions/record/")
    assert page.evaluate(FITS_THE_SCREEN)

    other = decide(page, journey, DECLINE_ANSWERS, "Northwind")
    page.goto(f"/decisions/compare/?d={decision.pk}&d={other.pk}")
    assert page.evaluate(FITS_THE_SCREEN)
    region = page.get_by_role("region", name="Your chosen decisions, side by side")
    assert region.evaluate("box => box.scrollWidth > box.clientWidth")
    region.evaluate("box => { box.scrollLeft = box.scrollWidth; }")
    row_name = page.get_by_role("rowheader", name="Strength").bounding_box()
    assert row_name["x"] >= region.bounding_box()["x"]
    audit(page, "compare, phone")
    audit.assert_clean()


def download(page: Page, link: str) -> str:
    with page.expect_download() as caught:
        page.get_by_role("link", name=link).first.click()
    return caught.value.path().read_text(encoding="utf-8")


def test_both_exports_download_everything_kept(page, two_decided):
    """JSON and CSV downloads hold every decision with its journal and look back."""
    went, _ = two_decided
    page.goto("/decisions/")

    data = json.loads(download(page, "Download all your data (JSON)"))
    spreadsheet = download(page, "Download as a spreadsheet (CSV)")
    rows = list(csv.DictReader(spreadsheet.splitlines()))

    exported = {item["id"]: item for item in data["decisions"]}
    assert set(exported) == {str(decision.pk) for decision in two_decided}
    assert [entry["step"] for entry in exported[str(went.pk)]["journal"]] == [
        "interview_booked",
        "attended",
    ]
    assert exported[str(went.pk)]["reflection"]["worth_it"] == "yes"
    assert list(rows[0]) == export.CSV_COLUMNS
    assert {row["company_name"] for row in rows} == {"Contoso", "Northwind"}
    assert {row["journal"] for row in rows} >= {f"{day(-1).isoformat()} declined"}
