"""Whole journeys through the app in a real Chromium, one test per journey."""

import datetime
import re
import uuid
from urllib.parse import parse_qs, urlsplit

import pytest
from playwright.sync_api import Locator, Page, expect

from django.utils import timezone

from decisions.models import Decision
from tests.browser.conftest import DECISION_PATH
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


# Words that break across lines: each run of letters in our own text must sit on
# one line. Only what a person typed (marked .typed) may break anywhere.
BROKEN_WORDS = """() => {
  const broken = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  while (walker.nextNode()) {
    const node = walker.currentNode;
    const parent = node.parentElement;
    if (!parent || parent.closest(".typed, script, style, title, .visually-hidden")) {
      continue;
    }
    for (const match of node.textContent.matchAll(/[\\p{L}\\p{N}]{2,}/gu)) {
      const range = document.createRange();
      range.setStart(node, match.index);
      range.setEnd(node, match.index + match[0].length);
      const lines = new Set([...range.getClientRects()].map((rect) => rect.top));
      if (lines.size > 1) broken.push(match[0]);
    }
  }
  return broken;
}"""


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
    """A person told to decline tailors the email, copies its message and its
    subject separately, mails it to the address they gave and prints it."""
    context.grant_permissions(["clipboard-read", "clipboard-write"])
    page = context.new_page()
    journey.start(page)
    journey.answer(page, DECLINE_ANSWERS)
    journey.fill_details(
        page,
        company_name="Acme",
        contact_name="Ms Patel",
        recipient_email="patel@acme.example",
    )
    answers = page.locator(".summary-list").last
    expect(answers).to_contain_text("Acme")
    expect(answers).to_contain_text("Ms Patel")
    expect(answers).to_contain_text("patel@acme.example")
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
    page.get_by_role("button", name="Copy message").click()
    expect(page.locator("[data-copy-status]")).to_have_text(
        "Message copied to the clipboard."
    )
    assert page.evaluate("navigator.clipboard.readText()") == text
    page.get_by_role("button", name="Copy subject").click()
    expect(page.locator("[data-copy-status]")).to_have_text(
        "Subject copied to the clipboard."
    )
    assert page.evaluate("navigator.clipboard.readText()") == subject

    mailto = urlsplit(
        page.get_by_role("link", name="Open in your email app").get_attribute("href")
    )
    fields = parse_qs(mailto.query, strict_parsing=True)
    assert (mailto.scheme, mailto.path) == ("mailto", "patel@acme.example")
    assert fields == {"subject": [subject], "body": [text]}

    page.reload()
    expect(page.get_by_label("I've accepted another position")).to_be_checked()
    expect(body).to_contain_text("I have accepted an offer elsewhere")
    assert pdf_pages(page) <= 2


def test_interview_journey_keeps_checklist_ticks_and_prints(page, journey):
    """Ticks on the practice checklist save as they happen, say so, and survive a
    reload; no "Save my progress" button lingers once they save themselves."""
    journey.skip_to_verdict(page, INTERVIEW_ANSWERS, role_title="Analyst")

    expect(headline(page)).to_have_text("Take the interview")
    expect(page.get_by_role("button", name="Save my progress")).to_be_hidden()
    status = page.locator("#checklist [role=status]")
    expect(status).to_have_text("Each tick saves as you go.")
    boxes = page.locator("#checklist input[type=checkbox]")
    total = boxes.count()
    assert total > 3
    for index in range(3):
        boxes.nth(index).check()
    expect(page.locator("#checklist-progress")).to_have_text(f"3 of {total} done")
    expect(status).to_have_text("Saved. Each tick saves as you go.")

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
        "link", name=re.compile("^Change your answer to “Are you interviewing")
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

    tab_to(page, page.get_by_label("Company (optional)", exact=True))
    page.keyboard.type("Acme")
    tab_to(page, page.get_by_role("button", name="Continue"))
    press(page, "Enter")
    tab_to(page, page.get_by_role("button", name="See my answer"))
    press(page, "Enter")
    expect(headline(page)).to_have_text("Politely decline the interview")
    tab_to(page, page.get_by_role("button", name="Copy message"))


@pytest.mark.parametrize("width", [375, 1280], ids=["phone", "desktop"])
def test_a_whole_journey_fits_the_screen_and_breaks_only_between_words(
    new_context, journey, width
):
    """On a phone and a desktop, no page of a whole journey scrolls sideways and
    no word of ours is split across two lines; a long name someone typed may
    break anywhere."""
    screen = new_context(
        viewport={"width": width, "height": 667},
        device_scale_factor=2,
        is_mobile=width < 768,
        has_touch=width < 768,
    )
    page = screen.new_page()
    visited, problems = [], []

    def fits_in_whole_words(page: Page) -> None:
        visited.append(page.url)
        if not page.evaluate(FITS_THE_SCREEN):
            problems.append(f"{page.url} scrolls sideways")
        if broken := page.evaluate(BROKEN_WORDS):
            problems.append(f"{page.url} breaks words: {broken}")

    journey.page_checks.append(fits_in_whole_words)
    journey.decide(
        page,
        DECLINE_ANSWERS,
        role_title="Senior Customer Success Operations Manager",
        company_name="AmalgamatedInternationalisationConsultancies",
        contact_name="Ms Bartholomew-Featherstonehaugh",
        your_name="Jo Bloggs",
    )
    journey.submit(page, "Create a share link")
    share_url = page.get_by_label("Your share link").input_value()
    for path in ("/decisions/", "/how-we-decide/", "/accounts/signup/", share_url):
        page.goto(path)
        journey.arrived(page)
    assert len(visited) == 19
    assert not problems, "\n".join(problems)


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
    expect(
        laptop.get_by_role("link", name="Analyst at Acme", exact=True)
    ).to_be_visible()

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
    expect(rows.filter(has_text="Untitled, started")).to_have_count(1)


def test_journey_without_javascript(new_context, journey):
    """With JavaScript off the whole flow works and a button updates the email."""
    page = new_context(java_script_enabled=False).new_page()
    journey.decide(page, DECLINE_ANSWERS, company_name="Acme")

    expect(headline(page)).to_have_text("Politely decline the interview")
    expect(page.get_by_role("button", name="Copy message")).to_be_hidden()
    page.get_by_label("I'm re-evaluating my career goals").check()
    journey.submit(page, "Update the email")
    expect(page).to_have_url(re.compile("/verdict/#email$"))
    expect(page.locator("#email-body")).to_contain_text(
        "I am rethinking my career direction"
    )
    expect(page.get_by_label("I'm re-evaluating my career goals")).to_be_checked()


def decision_id(url: str) -> str:
    return DECISION_PATH.search(url)["id"]


def test_start_now_stores_nothing_until_the_first_answer(page, journey):
    """Starting and leaving stores nothing; the first answer stores the decision."""
    journey.start(page)
    expect(page.get_by_text("Question 1 of 10")).to_be_visible()
    expect(page.get_by_role("link", name="Start a new decision")).to_have_count(0)
    assert not Decision.objects.exists()

    journey.answer(page, FIRST_THREE_ANSWERS)
    [decision] = Decision.objects.all()
    assert decision.answers == FIRST_THREE_ANSWERS


def test_starting_again_from_a_finished_decision_loses_nothing(page, journey):
    """ "Start a new decision" on a question keeps the finished decision as it was,
    and it isn't offered while changing one answer."""
    journey.skip_to_verdict(page, DECLINE_ANSWERS, company_name="Acme")
    finished = decision_id(page.url)
    page.goto(f"/decisions/{finished}/questions/interest/?return_to=verdict")
    expect(page.get_by_label("Not at all")).to_be_checked()
    expect(page.get_by_role("link", name="Start a new decision")).to_have_count(0)

    page.goto(f"/decisions/{finished}/questions/interest/")
    expect(page.get_by_text("This one stays in My decisions")).to_be_visible()
    with page.expect_navigation():
        page.get_by_role("link", name="Start a new decision").click()
    expect(page.get_by_text("Question 1 of 10")).to_be_visible()
    journey.answer(page, FIRST_THREE_ANSWERS)
    assert decision_id(page.url) != finished

    page.goto(f"/decisions/{finished}/")
    expect(headline(page)).to_have_text("Politely decline the interview")
    assert Decision.objects.get(pk=finished).answers == DECLINE_ANSWERS
    assert Decision.objects.count() == 2


def test_a_changed_answer_that_turns_the_recommendation_shows_a_banner(page, journey):
    """A notification banner says the recommendation changed, from what to what."""
    journey.skip_to_verdict(page, DECLINE_ANSWERS)
    page.goto(
        f"/decisions/{decision_id(page.url)}/questions/other_process/?return_to=verdict"
    )
    page.get_by_label("Yes, I'm in the final stages").check()
    journey.submit(page)

    expect(headline(page)).to_have_text("Take the interview")
    banner = page.get_by_role("alert").filter(
        has_text="Your recommendation has changed"
    )
    expect(banner).to_contain_text(
        "It was to politely decline the interview. With your new answer, we now "
        "recommend taking it."
    )
    page.reload()
    expect(page.get_by_text("Your recommendation has changed")).to_have_count(0)


def test_someone_elses_decision_offers_to_log_in_and_then_shows_it(
    new_context, journey
):
    """A decision opened in another browser says where it may be saved; logging in
    there shows it. A made-up address gets the very same page."""
    laptop = new_context().new_page()
    journey.skip_to_verdict(laptop, DECLINE_ANSWERS)
    verdict_url = laptop.url
    laptop.get_by_role("link", name="Create an account").click()
    laptop.locator("#id_username").fill("jo")
    laptop.locator("#id_password1").fill("correct-horse-battery-staple")
    laptop.locator("#id_password2").fill("correct-horse-battery-staple")
    journey.submit(laptop, "Create account")

    phone = new_context().new_page()
    assert phone.goto(verdict_url).status == 404
    expect(phone.get_by_role("heading", level=1)).to_have_text(
        "We can't show this decision"
    )
    expect(phone.get_by_text("it may be saved in another browser")).to_be_visible()
    made_up = verdict_url.replace(decision_id(verdict_url), str(uuid.uuid4()))
    assert phone.goto(made_up).status == 404
    expect(phone.get_by_role("heading", level=1)).to_have_text(
        "We can't show this decision"
    )

    phone.goto(verdict_url)
    phone.get_by_role("button", name="Log in").click()
    phone.locator("#id_username").fill("jo")
    phone.locator("#id_password").fill("correct-horse-battery-staple")
    journey.submit(phone, "Log in")
    expect(phone).to_have_url(verdict_url)
    expect(headline(phone)).to_have_text("Politely decline the interview")


def test_sign_up_errors_name_their_fields_beside_each_field(page, journey):
    """Each error names its field, in the summary and beside the field; the email
    is marked optional, and a weak password's error sits on the password."""
    page.goto("/accounts/signup/")
    expect(page.get_by_label("Email address (optional)")).to_be_visible()
    expect(page.get_by_text("The only way to reset your password")).to_be_visible()
    expect(page.locator("main")).not_to_contain_text("*")

    journey.submit(page, "Create account")
    summary = page.locator(".error-summary")
    for field, error in [
        ("username", "Enter a username"),
        ("password1", "Enter a password"),
        ("password2", "Type your password again to confirm it"),
    ]:
        expect(summary.get_by_role("link", name=error)).to_have_attribute(
            "href", f"#id_{field}"
        )
        expect(page.locator(f"#id_{field}")).to_have_accessible_description(
            re.compile(f"Error: {error}")
        )
    expect(summary).not_to_contain_text("This field is required")

    page.locator("#id_username").fill("jo")
    page.locator("#id_password1").fill("12345678")
    page.locator("#id_password2").fill("12345678")
    journey.submit(page, "Create account")
    expect(page.locator("#id_password1")).to_have_accessible_description(
        re.compile("This password is entirely numeric")
    )
    expect(page.locator("#id_password2_error")).to_have_count(0)


def test_radio_labels_stay_the_text_colour_on_error(page, journey):
    """As on GOV.UK, an error marks the radios with a red bar, not red labels."""
    journey.start(page)
    journey.submit(page)
    label = page.get_by_text("Yes, I'm employed")
    expect(page.locator("input[name=answer]").first).to_have_class(
        re.compile("is-invalid")
    )
    colour = label.evaluate("label => getComputedStyle(label).color")
    assert colour == page.evaluate("getComputedStyle(document.body).color")


def test_the_details_refuse_a_past_date_and_give_a_future_example(page, journey):
    """The date's example is four weeks ahead; a date already gone is refused."""
    journey.start(page)
    journey.answer(page, DECLINE_ANSWERS)
    example = timezone.localdate() + datetime.timedelta(weeks=4)
    expect(page.locator("#id_interview_date")).to_have_accessible_description(
        f"If one has been offered. For example, {example:%d/%m/%Y}."
    )
    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    page.locator("#id_interview_date").fill(f"{yesterday:%d/%m/%Y}")
    journey.submit(page)
    expect(page.locator("#id_interview_date")).to_have_accessible_description(
        re.compile("Interview date must be today or in the future")
    )
    expect(page.locator("#id_interview_date")).to_have_value(f"{yesterday:%d/%m/%Y}")


# Where the first line of text in an element starts, in pixels from the top of the
# page: the top of the first character's box.
FIRST_LINE_TOP = """(element) => {
  const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT);
  while (walker.nextNode()) {
    const text = walker.currentNode;
    const start = text.textContent.search(/\\S/);
    if (start < 0) continue;
    const range = document.createRange();
    range.setStart(text, start);
    range.setEnd(text, start + 1);
    return range.getBoundingClientRect().top + window.scrollY;
  }
  return null;
}"""

PHONE = {"width": 375, "height": 812}


@pytest.mark.parametrize(
    ("answers", "first_line"),
    [
        (DECLINE_ANSWERS, "#email-body"),
        (INTERVIEW_ANSWERS, "#checklist .form-check-label"),
    ],
    ids=["email", "checklist"],
)
def test_what_to_do_starts_within_a_screen_and_a_half_on_a_phone(
    new_context, journey, answers, first_line
):
    """At 375 by 812 pixels, the email's or the checklist's first line starts
    within 1.5 screen heights of the top, below the recommendation."""
    phone = new_context(
        viewport=PHONE, device_scale_factor=2, is_mobile=True, has_touch=True
    )
    page = phone.new_page()
    journey.skip_to_verdict(
        page,
        answers,
        role_title="Senior Customer Success Operations Manager",
        company_name="Northwind Trading",
        contact_name="Ms Patel",
        interview_date=timezone.localdate() + datetime.timedelta(days=9),
    )

    top = page.locator(first_line).first.evaluate(FIRST_LINE_TOP)
    headline_bottom = headline(page).evaluate(
        "element => element.getBoundingClientRect().bottom + window.scrollY"
    )
    assert headline_bottom < top <= 1.5 * PHONE["height"], top


def test_the_weighing_is_readable_on_a_phone(new_context, journey):
    """Each weight's label is page text at the body's size, with its reason
    beside it: nothing shrinks to fit a phone."""
    page = new_context(viewport=PHONE, is_mobile=True).new_page()
    journey.skip_to_verdict(page, DECLINE_ANSWERS)

    rows = page.locator("#why .weighing-row")
    expect(rows.first).to_be_visible()
    body_size = page.evaluate("getComputedStyle(document.body).fontSize")
    for row in rows.all():
        label = row.locator(".weighing-head .fw-semibold")
        assert label.evaluate("e => getComputedStyle(e).fontSize") == body_size
        assert label.evaluate("e => e.getBoundingClientRect().height") >= 16
    assert body_size == "16px"
