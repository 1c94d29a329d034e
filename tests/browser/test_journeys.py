"""Whole journeys through the app in a real Chromium, one test per journey."""

import re
from urllib.parse import parse_qs, urlsplit

import pytest
from playwright.sync_api import Locator, Page, expect

from tests.conftest import DECLINE_ANSWERS, INTERVIEW_ANSWERS

pytestmark = [
    pytest.mark.system,
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]

FIRST_THREE_ANSWERS = dict(list(DECLINE_ANSWERS.items())[:3])

# True when the focused element shows a solid outline or an opaque box-shadow ring.
# Chromium draws the ring of a date input's calendar button itself, in the input's
# closed shadow tree: the input is then the active element but not :focus.
FOCUS_IS_VISIBLE = """() => {
  const element = document.activeElement;
  if (!element || element === document.body) return false;
  if (element.type === "date" && !element.matches(":focus")) return true;
  const style = getComputedStyle(element);
  const opaque = (color) => !/rgba\\([^)]*,\\s*0\\)/.test(color);
  const outline =
    style.outlineStyle !== "none" &&
    parseFloat(style.outlineWidth) > 0 &&
    opaque(style.outlineColor);
  const ring = style.boxShadow !== "none" && opaque(style.boxShadow);
  return element.matches(":focus-visible") && (outline || ring);
}"""

FITS_THE_SCREEN = """() =>
  document.documentElement.scrollWidth <= document.documentElement.clientWidth"""


def headline(page: Page) -> Locator:
    return page.locator("#verdict-headline")


def back_link(page: Page) -> Locator:
    return page.get_by_role("link", name="Back", exact=True)


def pdf_pages(page: Page) -> int:
    """Print the page to PDF as the browser's print dialog would; count its pages."""
    page.emulate_media(media="print")
    pdf = page.pdf(format="A4")
    page.emulate_media(media="screen")
    return len(re.findall(rb"/Type\s*/Page\b(?!s)", pdf))


def test_decline_journey_switches_copies_mails_and_prints_the_email(context, journey):
    """A person told to decline tailors the email, copies it, mails it and prints it."""
    context.grant_permissions(["clipboard-read", "clipboard-write"])
    page = context.new_page()
    journey.start(page)
    journey.answer(page, DECLINE_ANSWERS)
    journey.fill_details(page, company_name="Acme", contact_name="Ms Patel")
    answers = page.locator(".summary-list").last
    expect(answers).to_contain_text("Acme")
    expect(answers).to_contain_text("Ms Patel")
    journey.see_verdict(page)

    expect(headline(page)).to_have_text("Politely decline the interview")
    body = page.locator("#email-body")
    expect(body).to_contain_text("Dear Ms Patel,")
    expect(body).not_to_contain_text("accepted an offer elsewhere")
    expect(page.get_by_role("button", name="Update the email")).to_be_hidden()
    page.get_by_label("I've accepted another position").check()
    expect(body).to_contain_text("I have accepted an offer elsewhere")

    subject = page.locator("#email-subject").text_content()
    text = body.text_content()
    assert subject == "Declining the interview: Acme"
    page.get_by_role("button", name="Copy email").click()
    expect(page.locator("[data-copy-status]")).to_have_text(
        "Email copied to the clipboard."
    )
    clipboard = page.evaluate("navigator.clipboard.readText()")
    assert clipboard == f"Subject: {subject}\n\n{text}"

    mailto = urlsplit(
        page.get_by_role("link", name="Open in your email app").get_attribute("href")
    )
    fields = parse_qs(mailto.query, strict_parsing=True)
    assert mailto.scheme == "mailto"
    assert fields == {"subject": [subject], "body": [text]}

    page.reload()
    expect(page.get_by_label("I've accepted another position")).to_be_checked()
    expect(body).to_contain_text("I have accepted an offer elsewhere")
    assert pdf_pages(page) <= 2


def test_interview_journey_keeps_checklist_ticks_and_prints(page, journey):
    """Ticks on the practice checklist save as they happen and survive a reload."""
    journey.skip_to_verdict(page, INTERVIEW_ANSWERS, role_title="Analyst")

    expect(headline(page)).to_have_text("Take the interview")
    boxes = page.locator("#checklist input[type=checkbox]")
    total = boxes.count()
    assert total > 3
    for index in range(3):
        boxes.nth(index).check()
    expect(page.locator("#checklist-progress")).to_have_text(f"3 of {total} done")

    page.reload()
    for index in range(3):
        expect(boxes.nth(index)).to_be_checked()
    expect(boxes.nth(3)).not_to_be_checked()
    expect(page.locator("#checklist-progress")).to_have_text(f"3 of {total} done")
    assert pdf_pages(page) <= 2


def test_share_link_hides_names_and_stops_working_once_turned_off(
    page, new_context, journey
):
    """A stranger sees the reasons but no names, and a 404 once the link is off.

    The decision itself answers 404 to anyone but its owner.
    """
    private = {
        "role_title": "Analyst",
        "company_name": "Acme",
        "contact_name": "Ms Patel",
        "your_name": "Jo Bloggs",
    }
    journey.skip_to_verdict(page, DECLINE_ANSWERS, **private)
    expect(page.get_by_label("Include the company and job title")).not_to_be_checked()
    journey.submit(page, "Create a share link")
    share_url = page.get_by_label("Your share link").input_value()

    stranger = new_context().new_page()
    stranger.goto(share_url)
    expect(headline(stranger)).to_have_text("Politely decline the interview")
    expect(stranger.get_by_text("Someone shared this result with you.")).to_be_visible()
    html = stranger.content()
    for value in private.values():
        assert value not in html
    assert stranger.goto(page.url).status == 404
    stranger.go_back()

    journey.submit(page, "Turn off this link")
    expect(page.get_by_role("button", name="Create a share link")).to_be_visible()
    response = stranger.reload()
    assert response.status == 404
    expect(stranger.get_by_role("heading", level=1)).to_have_text("Page not found")


def test_back_change_and_what_would_change_links(page, journey):
    """Back keeps answers; Change returns to the check page; a flip link re-decides."""
    journey.start(page)
    journey.answer(page, {"employment": "employed", "interest": "none"})
    back_link(page).click()
    expect(page).to_have_url(re.compile("/questions/interest/$"))
    expect(page.get_by_label("Not at all")).to_be_checked()
    journey.submit(page)
    journey.answer(page, DECLINE_ANSWERS)
    journey.fill_details(page)

    row = page.locator(".summary-row", has_text="How do you feel about the company")
    expect(row).to_contain_text("I don't mind either way")
    row.get_by_role("link", name=re.compile("^Change")).click()
    expect(page.get_by_label("I don't mind either way")).to_be_checked()
    page.get_by_label("I'd rather not work there").check()
    journey.submit(page)
    expect(page).to_have_title(re.compile("^Check your answers"))
    expect(row).to_contain_text("I'd rather not work there")

    journey.submit(page, "See my answer")
    expect(headline(page)).to_have_text("Politely decline the interview")
    page.get_by_role(
        "link", name=re.compile("Are you interviewing anywhere else")
    ).click()
    page.get_by_label("Yes, I'm in the final stages").check()
    journey.submit(page)
    expect(headline(page)).to_have_text("Take the interview")


def test_resume_a_decision_after_closing_the_page(context, journey):
    """Coming back later offers to continue, at the first unanswered question."""
    page = context.new_page()
    journey.start(page)
    journey.answer(page, FIRST_THREE_ANSWERS)
    page.close()

    page = context.new_page()
    page.goto("/")
    page.get_by_role("link", name="Continue your decision").click()
    expect(page).to_have_url(re.compile("/questions/career_pivot/$"))
    expect(page.get_by_text("Question 4 of 10")).to_be_visible()
    back_link(page).click()
    expect(page.get_by_label("I don't mind either way")).to_be_checked()


def press(page: Page, key: str) -> None:
    with page.expect_navigation():
        page.keyboard.press(key)


def tab_to(page: Page, target: Locator) -> None:
    """Press Tab until `target` has focus, checking the focus shows at every stop."""
    for _ in range(60):
        page.keyboard.press("Tab")
        focused = page.evaluate("document.activeElement.outerHTML.slice(0, 100)")
        assert page.evaluate(FOCUS_IS_VISIBLE), f"Focus is invisible on {focused}"
        if target.evaluate("element => element === document.activeElement"):
            return
    raise AssertionError(f"Tab never reached {target}")


def test_keyboard_only_journey_with_visible_focus(page, journey):
    """Tab, arrow keys, Space and Enter reach a verdict; focus always shows."""
    page.goto("/")
    tab_to(page, page.get_by_role("button", name="Start now"))
    press(page, "Enter")
    while question := journey.question_id(page):
        radios = page.locator("input[name=answer]")
        values = [radios.nth(i).get_attribute("value") for i in range(radios.count())]
        tab_to(page, radios.first)
        choice = values.index(DECLINE_ANSWERS[question])
        page.keyboard.press("Space" if choice == 0 else "ArrowDown")
        for _ in range(1, choice):
            page.keyboard.press("ArrowDown")
        expect(radios.nth(choice)).to_be_checked()
        tab_to(page, page.get_by_role("button", name="Continue"))
        press(page, "Enter")

    tab_to(page, page.get_by_label("Company", exact=True))
    page.keyboard.type("Acme")
    tab_to(page, page.get_by_role("button", name="Continue"))
    press(page, "Enter")
    tab_to(page, page.get_by_role("button", name="See my answer"))
    press(page, "Enter")
    expect(headline(page)).to_have_text("Politely decline the interview")
    tab_to(page, page.get_by_role("button", name="Copy email"))


def test_phone_journey_never_scrolls_sideways(new_context, journey):
    """At 375 pixels wide, no page of a whole journey scrolls horizontally."""
    phone = new_context(
        viewport={"width": 375, "height": 667},
        device_scale_factor=2,
        is_mobile=True,
        has_touch=True,
    )
    page = phone.new_page()
    visited = []

    def fits_the_screen(page: Page) -> None:
        visited.append(page.url)
        assert page.evaluate(FITS_THE_SCREEN), f"{page.url} scrolls sideways"

    journey.page_checks.append(fits_the_screen)
    journey.decide(
        page,
        DECLINE_ANSWERS,
        role_title="Senior Customer Success Operations Manager",
        company_name="Amalgamated Internationalisation Consultancies",
        contact_name="Ms Bartholomew-Featherstonehaugh",
        your_name="Jo Bloggs",
    )
    journey.submit(page, "Create a share link")
    share_url = page.get_by_label("Your share link").input_value()
    for path in ("/decisions/", "/how-we-decide/", share_url):
        page.goto(path)
        journey.arrived(page)
    assert len(visited) == 18


def test_decisions_made_before_logging_in_follow_the_account(new_context, journey):
    """Signing up claims this browser's decisions; logging in elsewhere claims more."""
    laptop = new_context().new_page()
    journey.skip_to_verdict(
        laptop, INTERVIEW_ANSWERS, role_title="Analyst", company_name="Acme"
    )
    laptop.get_by_role("link", name="Create an account").click()
    laptop.locator("#id_username").fill("jo")
    laptop.locator("#id_password1").fill("correct-horse-battery-staple")
    laptop.locator("#id_password2").fill("correct-horse-battery-staple")
    journey.submit(laptop, "Create account")
    expect(laptop).to_have_title(re.compile("^My decisions"))
    expect(laptop.get_by_role("link", name="Analyst at Acme")).to_be_visible()

    phone = new_context().new_page()
    journey.start(phone)
    journey.answer(phone, FIRST_THREE_ANSWERS)
    phone.goto("/accounts/login/")
    phone.locator("#id_username").fill("jo")
    phone.locator("#id_password").fill("correct-horse-battery-staple")
    journey.submit(phone, "Log in")
    expect(phone).to_have_title(re.compile("^My decisions"))
    rows = phone.locator("tbody tr")
    expect(rows).to_have_count(2)
    expect(rows.filter(has_text="Analyst at Acme")).to_contain_text("Interview")
    expect(rows.filter(has_text="Untitled")).to_contain_text("In progress")


def test_journey_without_javascript(new_context, journey):
    """With JavaScript off the whole flow works and a button updates the email."""
    page = new_context(java_script_enabled=False).new_page()
    journey.decide(page, DECLINE_ANSWERS, company_name="Acme")

    expect(headline(page)).to_have_text("Politely decline the interview")
    expect(page.get_by_role("button", name="Copy email")).to_be_hidden()
    page.get_by_label("I'm re-evaluating my career goals").check()
    journey.submit(page, "Update the email")
    expect(page).to_have_url(re.compile("/verdict/#email$"))
    expect(page.locator("#email-body")).to_contain_text(
        "I am rethinking my career direction"
    )
    expect(page.get_by_label("I'm re-evaluating my career goals")).to_be_checked()
