"""The verdict page and what hangs off it: email, checklist, calendar, rules."""

import datetime
import html
import re
from urllib.parse import parse_qs, urlsplit

import pytest
from pytest_django.asserts import assertContains, assertNotContains, assertRedirects

from django.urls import reverse

from decisions import engine
from decisions.drafting import Context, decline_email, prep_checklist
from decisions.models import Decision
from tests.conftest import DECLINE_ANSWERS, INTERVIEW_ANSWERS, question_url

pytestmark = pytest.mark.django_db

MARKUP_COMPANY = "<b>Acme & Sons</b>"
INTERVIEW_DAY = datetime.date(2026, 11, 27)


def verdict_url(decision: Decision) -> str:
    return reverse("decisions:verdict", args=[decision.pk])


def checklist_ids(answers: dict[str, str]) -> list[str]:
    items = prep_checklist(engine.evaluate(answers), Context())
    return [item.id for item in items]


def mailto_of(response) -> dict[str, str]:
    href = re.search(r'href="(mailto:[^"]*)"', response.text).group(1)
    query = parse_qs(urlsplit(html.unescape(href)).query)
    return {key: values[0] for key, values in query.items()}


def unfolded_lines(calendar: str) -> list[str]:
    return calendar.replace("\r\n ", "").split("\r\n")


@pytest.fixture
def decline(make_decision):
    return make_decision(DECLINE_ANSWERS, complete=True)


@pytest.fixture
def interview(make_decision):
    return make_decision(INTERVIEW_ANSWERS, complete=True)


# The judgement


def test_a_decline_shows_its_headline(client, decline):
    """A decline verdict says so in its headline and page title."""
    response = client.get(verdict_url(decline))

    assert response.status_code == 200
    assertContains(response, "<title>Politely decline the interview")
    assertContains(response, 'id="verdict-headline">Politely decline the interview<')


def test_an_interview_shows_its_headline(client, interview):
    """An interview verdict says so in its headline."""
    response = client.get(verdict_url(interview))

    assertContains(response, 'id="verdict-headline">Take the interview<')


def test_reasons_are_listed_for_and_against_with_their_sections(client, decline):
    """Each reason appears in its column, with the article section it comes from."""
    response = client.get(verdict_url(decline))

    against_at = response.text.index(">Against going</h3>")
    reasons = engine.evaluate(DECLINE_ANSWERS).reasons
    assert {reason.direction for reason in reasons} == {"for", "against"}
    for reason in reasons:
        position = response.text.index(html.escape(reason.text))
        assert (position > against_at) == (reason.direction == "against")
        assertContains(response, f"From “{reason.section}”")


def test_key_situations_are_listed(client, interview):
    """The key situations behind an interview verdict are named."""
    response = client.get(verdict_url(interview))

    situations = engine.evaluate(INTERVIEW_ANSWERS).situations
    assert situations
    for situation_id in situations:
        assertContains(response, engine.SITUATIONS_BY_ID[situation_id].title)


def test_what_would_change_links_back_to_the_verdict(client, decline):
    """Each answer that would flip the verdict links to its question, then back."""
    response = client.get(verdict_url(decline))

    changes = engine.evaluate(DECLINE_ANSWERS).what_would_change
    assert changes
    for change in changes:
        url = question_url(decline, change.question) + "?return_to=verdict"
        assertContains(response, f'href="{url}"')


def test_following_a_change_lands_on_the_new_verdict(client, decline):
    """Answering differently from a change link stores and shows the new verdict."""
    url = question_url(decline, "employment") + "?return_to=verdict"
    assert client.get(url).status_code == 200

    response = client.post(url, {"answer": "unemployed"})

    assertRedirects(response, verdict_url(decline), fetch_redirect_response=False)
    decline.refresh_from_db()
    assert decline.is_complete
    assert decline.verdict["verdict"] == "interview"
    assertContains(client.get(verdict_url(decline)), "Take the interview")


def test_reopening_shows_the_stored_verdict_as_judged(client, decline):
    """The page shows the stored snapshot, not a fresh evaluation of the answers."""
    Decision.objects.filter(pk=decline.pk).update(
        verdict=engine.evaluate(INTERVIEW_ANSWERS).to_dict()
    )

    response = client.get(verdict_url(decline))

    assertContains(response, 'id="verdict-headline">Take the interview<')


def test_an_unfinished_decision_redirects_to_its_current_step(client, make_decision):
    """The verdict of a decision still in progress sends you to the next question."""
    decision = make_decision({"employment": "employed"})

    response = client.get(verdict_url(decision))

    assertRedirects(
        response, question_url(decision, "interest"), fetch_redirect_response=False
    )


# The decline email


def test_the_email_draft_is_shown(client, make_decision):
    """A decline shows the personalised email's subject and body."""
    decision = make_decision(
        DECLINE_ANSWERS, complete=True, contact_name="Ms Patel", your_name="Sam"
    )
    email = decline_email(decision.interview_context())

    response = client.get(verdict_url(decision))

    assertContains(response, html.escape(email.subject))
    assertContains(response, html.escape(email.body))
    assert email.body.startswith("Dear Ms Patel,")


def test_an_interview_shows_no_email(client, interview):
    """An interview verdict has no decline email."""
    response = client.get(verdict_url(interview))

    assertNotContains(response, 'id="email-body"')


def test_names_are_escaped_in_the_page(client, make_decision):
    """A company typed with markup is shown as text, never as HTML."""
    decision = make_decision(
        DECLINE_ANSWERS, complete=True, company_name=MARKUP_COMPANY
    )

    response = client.get(verdict_url(decision))

    assertContains(response, "&lt;b&gt;Acme &amp; Sons&lt;/b&gt;")
    assertNotContains(response, MARKUP_COMPANY)


def test_the_mailto_link_holds_the_encoded_subject_and_body(client, make_decision):
    """The mail link carries the subject and body, percent-encoded."""
    decision = make_decision(
        DECLINE_ANSWERS, complete=True, company_name=MARKUP_COMPANY
    )
    email = decline_email(decision.interview_context())

    response = client.get(verdict_url(decision))

    assertContains(response, "%3Cb%3EAcme%20%26%20Sons%3C%2Fb%3E")
    assert mailto_of(response) == {"subject": email.subject, "body": email.body}


def test_email_options_are_saved_and_change_the_draft(client, decline):
    """Choosing a reason and a kind is kept and rewrites the email."""
    response = client.post(
        reverse("decisions:email_options", args=[decline.pk]),
        {"email_reason": "accepted_other", "email_kind": "withdraw"},
    )

    assertRedirects(
        response, verdict_url(decline) + "#email", fetch_redirect_response=False
    )
    decline.refresh_from_db()
    assert decline.email_reason == "accepted_other"
    assert decline.email_kind == "withdraw"
    page = client.get(verdict_url(decline))
    assertContains(
        page, "I have accepted an offer elsewhere, so I would like to withdraw"
    )
    assertContains(page, "Withdrawing my application")


def test_an_invalid_email_option_keeps_the_previous_one(client, decline):
    """An unknown option shows a message and changes nothing."""
    Decision.objects.filter(pk=decline.pk).update(email_kind="withdraw")

    response = client.post(
        reverse("decisions:email_options", args=[decline.pk]),
        {"email_reason": "accepted_other", "email_kind": "ghost"},
        follow=True,
    )

    assertContains(response, "Choose one of the options for the email.")
    decline.refresh_from_db()
    assert decline.email_reason == "none"
    assert decline.email_kind == "withdraw"


def test_the_email_downloads_as_text(client, make_decision):
    """The email downloads as a plain-text attachment with subject and body."""
    decision = make_decision(DECLINE_ANSWERS, complete=True, contact_name="Ms Patel")
    email = decline_email(decision.interview_context())

    response = client.get(reverse("decisions:email_text", args=[decision.pk]))

    assert response.status_code == 200
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    assert response["Content-Disposition"].startswith("attachment;")
    assert response.content.decode() == f"Subject: {email.subject}\n\n{email.body}\n"


def test_an_interview_has_no_email_to_download(client, interview):
    """There is no email text for an interview verdict."""
    response = client.get(reverse("decisions:email_text", args=[interview.pk]))

    assert response.status_code == 404


def test_an_unfinished_decision_has_no_email_to_download(client, make_decision):
    """There is no email text before the verdict."""
    decision = make_decision(DECLINE_ANSWERS)

    response = client.get(reverse("decisions:email_text", args=[decision.pk]))

    assert response.status_code == 404


# The checklist


def test_an_interview_shows_its_checklist_with_progress(client, interview):
    """Every checklist item is shown, with "0 of N" done at first."""
    ids = checklist_ids(INTERVIEW_ANSWERS)
    assert ids

    response = client.get(verdict_url(interview))

    for item_id in ids:
        assertContains(response, f'value="{item_id}"')
    assertContains(response, f"<strong>0 of {len(ids)}</strong> done")


def test_a_decline_shows_no_checklist(client, decline):
    """A decline verdict has no checklist."""
    response = client.get(verdict_url(decline))

    assertNotContains(response, 'id="checklist"')


def test_ticks_are_saved_and_counted(client, interview):
    """Ticked items are stored, stay ticked and count towards progress."""
    ids = checklist_ids(INTERVIEW_ANSWERS)

    response = client.post(
        reverse("decisions:checklist", args=[interview.pk]), {"ticked": ids[:2]}
    )

    assertRedirects(
        response, verdict_url(interview) + "#checklist", fetch_redirect_response=False
    )
    interview.refresh_from_db()
    assert sorted(interview.checklist_ticks) == sorted(ids[:2])
    page = client.get(verdict_url(interview))
    assertContains(page, f"<strong>2 of {len(ids)}</strong> done")
    assertContains(page, f'value="{ids[0]}" id="tick-{ids[0]}" checked')


def test_an_unknown_checklist_item_is_refused(client, interview):
    """A tick for an item not on the list saves nothing and says why."""
    ids = checklist_ids(INTERVIEW_ANSWERS)
    Decision.objects.filter(pk=interview.pk).update(checklist_ticks=[ids[0]])

    response = client.post(
        reverse("decisions:checklist", args=[interview.pk]),
        {"ticked": [ids[1], "win_the_lottery"]},
        follow=True,
    )

    assertContains(response, "That checklist item isn&#x27;t on your list.")
    interview.refresh_from_db()
    assert interview.checklist_ticks == [ids[0]]


def test_unticking_everything_clears_the_checklist(client, interview):
    """Saving with nothing ticked clears earlier ticks."""
    Decision.objects.filter(pk=interview.pk).update(
        checklist_ticks=checklist_ids(INTERVIEW_ANSWERS)[:3]
    )

    client.post(reverse("decisions:checklist", args=[interview.pk]))

    interview.refresh_from_db()
    assert interview.checklist_ticks == []


# The calendar file


@pytest.fixture
def dated_interview(make_decision):
    return make_decision(
        INTERVIEW_ANSWERS,
        complete=True,
        role_title="Analyst",
        company_name="Smith, Jones; Co\\Ltd",
        interview_date=INTERVIEW_DAY,
    )


def test_an_interview_with_a_date_offers_a_calendar_file(client, dated_interview):
    """The checklist links to the calendar file when a date is known."""
    response = client.get(verdict_url(dated_interview))

    assertContains(response, reverse("decisions:calendar", args=[dated_interview.pk]))


def test_the_calendar_has_the_interview_and_a_prep_reminder(client, dated_interview):
    """Two all-day events: the interview, and a reminder two days before."""
    response = client.get(reverse("decisions:calendar", args=[dated_interview.pk]))

    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert response["Content-Disposition"].startswith("attachment;")
    lines = unfolded_lines(response.content.decode())
    assert lines.count("BEGIN:VEVENT") == 2
    assert "DTSTART;VALUE=DATE:20261127" in lines
    assert "DTSTART;VALUE=DATE:20261125" in lines


@pytest.mark.parametrize(
    ("day", "reminder"),
    [
        (datetime.date(2026, 11, 27), "20261125"),
        (datetime.date(2026, 12, 1), "20261129"),
        (datetime.date(2027, 1, 1), "20261230"),
        (datetime.date(2028, 3, 1), "20280228"),
    ],
)
def test_the_prep_reminder_is_two_days_before(client, make_decision, day, reminder):
    """The reminder falls two calendar days before, across months and years."""
    decision = make_decision(INTERVIEW_ANSWERS, complete=True, interview_date=day)

    body = client.get(reverse("decisions:calendar", args=[decision.pk]))

    lines = unfolded_lines(body.content.decode())
    assert f"DTSTART;VALUE=DATE:{reminder}" in lines
    assert f"DTSTART;VALUE=DATE:{day:%Y%m%d}" in lines


def test_long_calendar_lines_are_folded_at_75_octets(client, make_decision):
    """A long, accented company name is folded so no line passes 75 octets."""
    company = "Société Générale d'Études Économiques " * 2
    decision = make_decision(
        INTERVIEW_ANSWERS,
        complete=True,
        role_title="Ingénieur",
        company_name=company,
        interview_date=INTERVIEW_DAY,
    )

    body = client.get(reverse("decisions:calendar", args=[decision.pk])).content

    assert max(len(line) for line in body.split(b"\r\n")) <= 75
    expected = f"SUMMARY:Interview: Ingénieur at {' '.join(company.split())}"
    assert expected in unfolded_lines(body.decode())


def test_the_calendar_uses_crlf_line_endings(client, dated_interview):
    """Every line of the calendar ends in CRLF, as iCalendar requires."""
    body = client.get(
        reverse("decisions:calendar", args=[dated_interview.pk])
    ).content.decode()

    assert body.endswith("\r\n")
    assert "\n" not in body.replace("\r\n", "")


def test_the_calendar_escapes_commas_semicolons_and_backslashes(
    client, dated_interview
):
    """A company with , ; and \\ is escaped so it can't break the event."""
    body = client.get(
        reverse("decisions:calendar", args=[dated_interview.pk])
    ).content.decode()

    lines = unfolded_lines(body)
    assert "SUMMARY:Interview: Analyst at Smith\\, Jones\\; Co\\\\Ltd" in lines


@pytest.mark.parametrize(
    ("answers", "date", "complete"),
    [
        (DECLINE_ANSWERS, INTERVIEW_DAY, True),
        (INTERVIEW_ANSWERS, None, True),
        (INTERVIEW_ANSWERS, INTERVIEW_DAY, False),
    ],
    ids=["decline", "no date", "unfinished"],
)
def test_no_calendar_without_a_dated_interview(
    client, make_decision, answers, date, complete
):
    """Only a finished interview verdict with a date has a calendar file."""
    decision = make_decision(answers, complete=complete, interview_date=date)

    response = client.get(reverse("decisions:calendar", args=[decision.pk]))

    assert response.status_code == 404


# How we decide


def test_how_we_decide_lists_every_factor_with_its_weights(client):
    """Every factor appears with its section and each weight by answer."""
    response = client.get(reverse("decisions:how_we_decide"))

    assert response.status_code == 200
    for factor in engine.FACTORS:
        assertContains(response, html.escape(factor.title))
        assertContains(response, html.escape(factor.section))
        sign = "+" if factor.direction == "for" else "−"
        for part in factor.parts:
            for value, weight in part.weights.items():
                if weight:
                    line = f"<code>{part.question} = {value}</code>: {sign}{weight}"
                    assertContains(response, line)


def test_how_we_decide_lists_every_situation_with_its_weight(client):
    """Every key situation appears with its trigger, weight and section."""
    response = client.get(reverse("decisions:how_we_decide"))

    for situation in engine.SITUATIONS:
        assertContains(response, html.escape(situation.title))
        assertContains(
            response, f"<code>{situation.question} = {situation.value}</code>"
        )
        assertContains(response, f"<td>+{situation.weight}</td>")
        assertContains(response, f"<td>{situation.section}</td>")


def test_how_we_decide_names_the_rules_version(client):
    """The page says which rules version it describes."""
    response = client.get(reverse("decisions:how_we_decide"))

    assertContains(response, f"rules version {engine.RULES_VERSION}")


# Changed rules


@pytest.fixture
def stale(decline):
    """A decline judged by older rules that thought otherwise."""
    old = engine.evaluate(INTERVIEW_ANSWERS).to_dict() | {"rules_version": "2000.1"}
    Decision.objects.filter(pk=decline.pk).update(verdict=old, rules_version="2000.1")
    decline.refresh_from_db()
    return decline


def test_a_current_verdict_does_not_mention_changed_rules(client, decline):
    """A verdict from the current rules has no warning."""
    response = client.get(verdict_url(decline))

    assertNotContains(response, "Our rules have changed")


def test_a_verdict_from_older_rules_says_so(client, stale):
    """A verdict from an older rules version offers to re-evaluate."""
    response = client.get(verdict_url(stale))

    assertContains(response, "Our rules have changed")
    assertContains(response, reverse("decisions:reevaluate", args=[stale.pk]))
    assertContains(response, 'id="verdict-headline">Take the interview<')


def test_re_evaluating_stores_a_fresh_snapshot(client, stale):
    """Re-evaluating judges the answers with the current rules and keeps that."""
    response = client.post(reverse("decisions:reevaluate", args=[stale.pk]))

    assertRedirects(response, verdict_url(stale), fetch_redirect_response=False)
    stale.refresh_from_db()
    assert stale.rules_version == engine.RULES_VERSION
    assert stale.verdict == engine.evaluate(DECLINE_ANSWERS).to_dict()
    assertNotContains(client.get(verdict_url(stale)), "Our rules have changed")


def test_re_evaluating_an_unfinished_decision_goes_to_its_step(client, make_decision):
    """An unfinished decision can't be re-evaluated; it goes to its next step."""
    decision = make_decision({"employment": "employed"})

    response = client.post(reverse("decisions:reevaluate", args=[decision.pk]))

    assertRedirects(
        response, question_url(decision, "interest"), fetch_redirect_response=False
    )
    decision.refresh_from_db()
    assert not decision.is_complete


def retire_factor(verdict: dict) -> None:
    verdict["reasons"][0]["factor"] = "retired_factor"


def retire_situation(verdict: dict) -> None:
    verdict["situations"] = ["retired_situation"]


def retire_question(verdict: dict) -> None:
    verdict["what_would_change"][0]["question"] = "retired_question"


def retire_answer(verdict: dict) -> None:
    verdict["what_would_change"][0]["answer"] = "retired_answer"


@pytest.mark.parametrize(
    "retire", [retire_factor, retire_situation, retire_question, retire_answer]
)
def test_a_verdict_naming_what_the_rules_no_longer_have_still_shows(
    client, decline, retire
):
    """Older rules may name a factor, situation, question or answer since retired:
    the page still shows the stored verdict and offers to re-evaluate."""
    old = engine.evaluate(DECLINE_ANSWERS).to_dict() | {"rules_version": "2000.1"}
    retire(old)
    Decision.objects.filter(pk=decline.pk).update(verdict=old, rules_version="2000.1")

    response = client.get(verdict_url(decline))

    assertContains(response, 'id="verdict-headline">Politely decline the interview<')
    assertContains(response, "Our rules have changed")
    assertContains(response, reverse("decisions:reevaluate", args=[decline.pk]))
