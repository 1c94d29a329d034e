"""The verdict page and what hangs off it: email, checklist, calendar, rules."""

import datetime
import html
import re
from urllib.parse import parse_qs, urlsplit

import pytest
from pytest_django.asserts import assertContains, assertNotContains, assertRedirects

from django.urls import reverse

from decisions import engine
from decisions.drafting import Context, draft_email, prep_checklist
from decisions.models import Decision
from decisions.questionnaire import QUESTIONS_BY_ID
from tests.answers import CLOSE_CALL_ANSWERS, KEY_SITUATION_ANSWERS
from tests.conftest import DECLINE_ANSWERS, INTERVIEW_ANSWERS, question_url

pytestmark = pytest.mark.django_db

MARKUP_COMPANY = "<b>Acme & Sons</b>"
# Gains and costs exactly balanced, with no key situation: a tie, which declines.
TIE_ANSWERS = {
    **DECLINE_ANSWERS,
    "interest": "open",
    "company_appeal": "undesirable",
    "interview_practice": "rusty",
}
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

    against_at = response.text.index(">Against going: ")
    reasons = engine.evaluate(DECLINE_ANSWERS).reasons
    assert {reason.direction for reason in reasons} == {"for", "against"}
    for reason in reasons:
        position = response.text.index(html.escape(reason.text))
        assert (position > against_at) == (reason.direction == "against")
        assertContains(response, f"From “{reason.section}”")


def test_the_page_reads_as_a_confirmation_what_to_do_first(client, decline):
    """Panel, what to do next with the email, why, what would change, the other
    way, your answers, then sharing: in that order, each once."""
    page = client.get(verdict_url(decline)).text

    landmarks = [
        'id="verdict-headline"',
        ">What to do next<",
        'id="email-body"',
        ">Why<",
        ">What would change this<",
        ">If you decide to go anyway<",
        ">Your answers<",
        ">Share this result<",
    ]
    positions = [page.index(landmark) for landmark in landmarks]
    assert positions == sorted(positions)
    for landmark in landmarks:
        assert page.count(landmark) == 1, landmark


def test_each_weight_is_shown_once_with_its_reason(client, decline):
    """The chart and the reasons are one list: each factor's title appears once
    in the weighing, beside its bar, weight and reason."""
    verdict = engine.evaluate(DECLINE_ANSWERS)
    page = client.get(verdict_url(decline)).text
    why = page[page.index(">Why<") : page.index(">What would change this<")]

    for reason in verdict.reasons:
        title = engine.FACTORS_BY_ID[reason.factor].title
        assert why.count(f'<span class="fw-semibold">{html.escape(title)}</span>') == 1
        assert html.escape(reason.text) in why
    assert why.count('class="weighing-bar"') == len(verdict.reasons)


@pytest.mark.parametrize(
    ("answers", "strength", "words"),
    [
        (DECLINE_ANSWERS, "strong", "Our clear recommendation"),
        (CLOSE_CALL_ANSWERS, "lean", "On balance, we lean towards"),
        (TIE_ANSWERS, "tie", "Evenly balanced, so we lean towards"),
    ],
)
def test_the_panel_says_how_strong_the_recommendation_is(
    client, make_decision, answers, strength, words
):
    """Strong, leaning or evenly balanced, in plain words above the headline."""
    assert engine.evaluate(answers).strength == strength
    decision = make_decision(answers, complete=True)

    response = client.get(verdict_url(decision))

    assertContains(response, f'id="verdict-strength">{words}</p>')


def test_a_tie_says_why_it_leans_to_declining(client, make_decision):
    """An evenly balanced verdict declines and explains why."""
    decision = make_decision(TIE_ANSWERS, complete=True)

    response = client.get(verdict_url(decision))

    assertContains(response, 'id="verdict-headline">Politely decline the interview<')
    assertContains(response, "balance exactly. When it's this even, we lean")


def test_tensions_show_both_passages_side_by_side_and_what_to_do(client, make_decision):
    """Where a key situation meets no interest, both sides and the advice show."""
    decision = make_decision(KEY_SITUATION_ANSWERS, complete=True)
    tensions = engine.evaluate(KEY_SITUATION_ANSWERS).tensions
    assert tensions

    response = client.get(verdict_url(decision))

    assertContains(response, "Where the article pulls both ways")
    assertContains(response, 'class="tension-side tension-for', count=len(tensions))
    assertContains(response, 'class="tension-side tension-against', count=len(tensions))
    for tension in tensions:
        title = engine.SITUATIONS_BY_ID[tension.situation].title
        assertContains(response, f"For going: {html.escape(title)}")
        assertContains(response, html.escape(tension.text))
    assertContains(response, "What to do about it:", count=len(tensions))
    assertContains(response, '<a href="#tensions">see what to do about it</a>')


def test_what_would_change_splits_judgement_from_circumstance(client, decline):
    """Two lists of plain sentences: how you see it, and your situation."""
    response = client.get(verdict_url(decline))

    judgement_at = response.text.index(">If you saw it differently<")
    circumstance_at = response.text.index(">If your situation were different<")
    assert judgement_at < circumstance_at
    assertNotContains(response, "”: “")


def test_your_answers_lists_every_answer_and_detail_with_a_change_link(client, decline):
    """ "Your answers" holds the answers, each with a link that returns here."""
    page = client.get(verdict_url(decline)).text
    answers = page[page.index(">Your answers<") : page.index(">Share this result<")]

    for question_id, value in DECLINE_ANSWERS.items():
        question = QUESTIONS_BY_ID[question_id]
        assert html.escape(question.label_for(value)) in answers
        url = question_url(decline, question_id) + "?return_to=verdict"
        assert f'href="{url}"' in answers
    details = reverse("decisions:details", args=[decline.pk]) + "?return_to=verdict"
    assert answers.count(f'href="{details}"') == 7


def test_a_detail_changed_from_the_verdict_returns_to_it(client, decline):
    """Changing a detail from "Your answers" goes straight back to the verdict."""
    url = reverse("decisions:details", args=[decline.pk]) + "?return_to=verdict"

    response = client.post(url, {"contact_name": "Ms Patel"})

    assertRedirects(response, verdict_url(decline), fetch_redirect_response=False)
    assertContains(client.get(verdict_url(decline)), "Dear Ms Patel,")


def test_the_decision_title_may_break_anywhere_our_words_may_not(client, make_decision):
    """What was typed carries the class that lets it break; the headline doesn't."""
    decision = make_decision(DECLINE_ANSWERS, complete=True, company_name="Acme")

    response = client.get(verdict_url(decision))

    assertContains(response, '<p class="mb-2 typed">Acme</p>')
    assertContains(response, 'class="email-draft mb-3 typed" id="email-body"')


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
    email = draft_email(decision.interview_context())

    response = client.get(verdict_url(decision))

    assertContains(response, html.escape(email.subject))
    assertContains(response, html.escape(email.body))
    assert email.body.startswith("Dear Ms Patel,")


def test_an_interview_offers_the_email_after_the_checklist(client, interview):
    """An interview verdict shows the checklist first, then the email for anyone
    who decides not to go."""
    page = client.get(verdict_url(interview)).text

    assert page.index('id="checklist"') < page.index("If you decide not to go")
    assert page.index("If you decide not to go") < page.index('id="email-body"')


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
    email = draft_email(decision.interview_context())

    response = client.get(verdict_url(decision))

    assertContains(response, "%3Cb%3EAcme%20%26%20Sons%3C%2Fb%3E")
    assert mailto_of(response) == {"subject": email.subject, "body": email.body}


def test_the_mailto_link_is_addressed_to_the_recipient_given(client, make_decision):
    """An email address given with the details fills the mail link's "To"."""
    decision = make_decision(
        DECLINE_ANSWERS, complete=True, recipient_email="sam@example.com"
    )

    response = client.get(verdict_url(decision))

    assertContains(response, 'href="mailto:sam@example.com?subject=')
    assertContains(response, '<strong>To:</strong> <span class="typed">sam@example')


def test_the_message_and_the_subject_copy_separately(client, decline):
    """ "Copy message" copies the body alone; "Copy subject" the subject; their
    words come from the page, so they are translated with it."""
    response = client.get(verdict_url(decline))

    assertContains(response, 'data-copy="email-body"', count=1)
    assertContains(response, 'data-copy="email-subject"', count=1)
    assertContains(response, 'data-copied-status="Message copied to the clipboard."')
    assertContains(response, ">Copy message</button>")
    assertContains(response, ">Copy subject</button>")


def test_download_as_text_looks_like_the_other_actions(client, decline):
    """The download link is styled as a live action, not a greyed-out one."""
    response = client.get(verdict_url(decline))

    download = reverse("decisions:email_text", args=[decline.pk])
    assertContains(response, f'class="btn btn-outline-primary" href="{download}"')
    assertNotContains(response, "btn-outline-secondary")


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

    assert response.status_code == 200
    assertContains(response, "Choose one of the options for the email.")
    decline.refresh_from_db()
    assert decline.email_reason == ""
    assert decline.email_kind == "withdraw"


def test_a_too_long_keep_in_mind_line_is_kept_with_its_error(client, decline):
    """A typed role that is too long comes back as typed, with the error."""
    typed = "product design " * 10

    response = client.post(
        reverse("decisions:email_options", args=[decline.pk]),
        {
            "email_reason": "none",
            "email_kind": "decline",
            "email_keep_in_mind_for": typed,
        },
    )

    assertContains(response, "must be 100 characters or fewer")
    assertContains(response, f'value="{typed}"')
    decline.refresh_from_db()
    assert decline.email_keep_in_mind_for == ""


def test_a_keep_in_mind_line_goes_into_the_email(client, decline):
    """Roles to be kept in mind for are asked for in the email."""
    client.post(
        reverse("decisions:email_options", args=[decline.pk]),
        {
            "email_reason": "not_right_fit",
            "email_kind": "withdraw",
            "email_keep_in_mind_for": "product design",
        },
    )

    response = client.get(verdict_url(decline))

    assertContains(
        response, "Please keep me in mind for roles closer to product design."
    )
    assertContains(response, "I don&#x27;t think the role is the right fit for me")


def test_the_email_downloads_as_text(client, make_decision):
    """The email downloads as a plain-text attachment with subject and body."""
    decision = make_decision(DECLINE_ANSWERS, complete=True, contact_name="Ms Patel")
    email = draft_email(decision.interview_context())

    response = client.get(reverse("decisions:email_text", args=[decision.pk]))

    assert response.status_code == 200
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    assert response["Content-Disposition"].startswith("attachment;")
    assert response.content.decode() == f"Subject: {email.subject}\n\n{email.body}\n"


def test_an_interview_has_an_email_to_download_too(client, interview):
    """Someone told to go who decides not to can download the email too."""
    response = client.get(reverse("decisions:email_text", args=[interview.pk]))

    assert response.status_code == 200
    assert "I have decided to decline the interview." in response.text


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


def test_ticks_say_they_save_as_they_go(client, interview):
    """With scripts, ticks save themselves and say so; the button is for without."""
    response = client.get(verdict_url(interview))

    assertContains(response, 'class="btn btn-outline-primary mt-2 no-js-only"')
    assertContains(response, 'role="status" data-save-status')
    assertContains(response, 'data-saved="Saved. Each tick saves as you go."')


def test_a_decline_offers_the_checklist_after_the_email(client, decline):
    """A decline verdict shows the email first, then the checklist for anyone
    who decides to go anyway."""
    page = client.get(verdict_url(decline)).text

    assert page.index('id="email-body"') < page.index("If you decide to go anyway")
    assert page.index("If you decide to go anyway") < page.index('id="checklist"')


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


# The calendar file (its contents: test_calendar.py)


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


# How we decide


def how_we_decide_text(client) -> str:
    response = client.get(reverse("decisions:how_we_decide"))
    assert response.status_code == 200
    return html.unescape(response.text)


def test_how_we_decide_lists_every_weighted_answer_in_plain_words(client):
    """Every factor and situation appears with the answers, in the words people
    chose them by, that bring it in, and their points."""
    page = how_we_decide_text(client)

    rules = [*engine.FACTORS, *engine.SITUATIONS]
    assert rules
    for rule in rules:
        assert rule.title in page
        assert rule.section in page
    for factor in engine.FACTORS:
        for part in factor.parts:
            question = QUESTIONS_BY_ID[part.question]
            for value, weight in part.weights.items():
                if weight:
                    label = question.label_for(value)
                    assert f"“{label}” to “{question.title}”" in page


def test_how_we_decide_shows_no_code_identifiers(client):
    """No question ids, answer values or sentences for developers."""
    page = how_we_decide_text(client)

    assert "<code>" not in page
    assert "interview_practice" not in page
    assert "declarations" not in page
    assert " = " not in page


def test_how_we_decide_explains_strength_ties_and_tensions(client):
    """The page says when we call a recommendation clear, and what a tie and a
    tension mean."""
    page = how_we_decide_text(client)

    assert "clear" in page
    assert "exactly equal" in page
    assert "pulls both ways" in page


def test_how_we_decide_names_the_rules_version(client):
    """The page says which rules version it describes."""
    page = how_we_decide_text(client)

    assert f"version {engine.RULES_VERSION} of our rules" in page


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
