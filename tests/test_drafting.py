import dataclasses
import datetime
import itertools

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from decisions import engine
from decisions.drafting import (
    GROUPS,
    GROUPS_BY_ID,
    ChecklistItem,
    Context,
    Email,
    EmailKind,
    EmailReason,
    FollowUp,
    decline_email,
    prep_checklist,
)
from decisions.questionnaire import QUESTIONS, prune
from tests.answers import BASE_ANSWERS

FULL = Context(
    role_title="Data Analyst",
    company_name="Acme",
    contact_name="Sam Lee",
    your_name="Alex Kim",
)
EMPTY = Context()
# 100 characters in 17 words, as long as the form lets a name be.
LONG_NAME = ("Abcde " * 17)[:100]
LONG = Context(LONG_NAME, LONG_NAME, LONG_NAME, LONG_NAME)
ONE_LONG_WORD = Context("R" * 100, "C" * 100, "N" * 100, "Y" * 100)
HTML = "<b>Acme & Sons</b>"

GENERAL_IDS = (
    "research_company",
    "match_your_skills",
    "ask_about_strategy",
    "ask_about_challenges",
    "ask_about_success",
    "answer_career_goals",
    "leave_good_impression",
)
# Tailored item ids, and the answer that should bring each in.
TAILORED = {
    "align_timelines": ("other_process", "final_stages"),
    "negotiate_with_offer": ("other_process", "final_stages"),
    "learn_pay_and_benefits": ("market_insight", "wanted"),
    "send_thank_you_note": ("network_value", "high"),
    "ask_about_other_openings": ("company_appeal", "desirable"),
    "learn_the_field": ("career_pivot", "yes"),
}


def verdict_for(**changes: str) -> engine.Verdict:
    return engine.evaluate(prune({**BASE_ANSWERS, **changes}))


def ids(items: tuple[ChecklistItem, ...]) -> list[str]:
    return [item.id for item in items]


@st.composite
def answer_sets(draw: st.DrawFn) -> dict[str, str]:
    chosen: dict[str, str] = {}
    for question in QUESTIONS:
        if question.is_asked(chosen):
            chosen[question.id] = draw(st.sampled_from(question.values))
    return chosen


# The decline email


def test_email_is_personalised():
    """A full context names the contact, role, company and sender."""
    email = decline_email(FULL, reason="accepted_other", keep_door_open=True)
    assert email == Email(
        subject="Declining the interview: Data Analyst at Acme",
        body="Dear Sam Lee,\n\n"
        "Thank you for inviting me to interview for the Data Analyst role at Acme. "
        "I have accepted an offer elsewhere, so I have decided to decline the "
        "interview.\n\n"
        "I would welcome hearing about future openings. "
        "I wish you every success in finding the right candidate.\n\n"
        "Best regards,\nAlex Kim",
    )


def test_email_falls_back_gracefully():
    """An empty context still reads well: no empty names or dangling commas."""
    email = decline_email(EMPTY, kind="withdraw")
    assert email == Email(
        subject="Withdrawing my application",
        body="Hello,\n\n"
        "Thank you for considering me for the role with your team. "
        "I would like to withdraw my application.\n\n"
        "I wish you every success in finding the right candidate.\n\n"
        "Best regards",
    )


@pytest.mark.parametrize(
    ("context", "subject", "thanks"),
    [
        (
            Context(role_title="Data Analyst"),
            "Declining the interview: Data Analyst",
            "for the Data Analyst role with your team.",
        ),
        (
            Context(company_name="Acme"),
            "Declining the interview: Acme",
            "for the role at Acme.",
        ),
        (Context(contact_name="Sam"), "Declining the interview", "Dear Sam,"),
        (Context(your_name="Alex"), "Declining the interview", "Best regards,\nAlex"),
    ],
)
def test_email_uses_whatever_names_are_given(context, subject, thanks):
    """Each name is used when given, with a fallback for the others."""
    email = decline_email(context)
    assert email.subject == subject
    assert thanks in email.body
    assert "Dear ," not in email.body


@pytest.mark.parametrize(
    ("kind", "says", "never_says"),
    [
        ("decline", "decline the interview", "withdraw"),
        ("withdraw", "withdraw my application", "decline"),
    ],
)
def test_email_states_the_decision_clearly(kind, says, never_says):
    """A decline declines the interview; a withdrawal withdraws the application."""
    email = decline_email(FULL, kind=kind)
    assert says in email.body
    assert never_says not in email.body.lower()


@pytest.mark.parametrize(
    ("reason", "sentence"),
    [
        ("none", None),
        ("accepted_other", "I have accepted an offer elsewhere, so "),
        ("rethinking_goals", "I am rethinking my career direction, so "),
    ],
)
def test_email_gives_a_brief_reason_only_when_asked(reason, sentence):
    """A reason appears only when one is chosen."""
    body = decline_email(FULL, reason=reason).body
    for other in ("accepted an offer", "rethinking"):
        assert (other in body) == (sentence is not None and other in sentence)
    if sentence:
        assert sentence in body


@pytest.mark.parametrize("keep_door_open", [True, False])
def test_email_keeps_the_door_open_only_when_asked(keep_door_open):
    """The line about future openings appears only when the door is kept open."""
    body = decline_email(FULL, keep_door_open=keep_door_open).body
    assert ("future openings" in body) == keep_door_open
    assert "finding the right candidate" in body


@pytest.mark.parametrize(
    ("reason", "kind", "keep_door_open", "context"),
    list(
        itertools.product(
            EmailReason, EmailKind, (True, False), (EMPTY, FULL, LONG, ONE_LONG_WORD)
        )
    ),
)
def test_email_body_stays_under_120_words(reason, kind, keep_door_open, context):
    """Every combination, even with 100-character names, fits in 120 words."""
    email = decline_email(
        context, reason=reason, kind=kind, keep_door_open=keep_door_open
    )
    assert len(email.body.split()) <= 120


def test_email_cleans_names_so_no_header_can_be_injected():
    """Whitespace is trimmed and line breaks or control characters become spaces."""
    context = Context(
        role_title="  Data\r\nBcc: x@example.com ",
        company_name="\tAcme\x00Co\n",
        contact_name="\n Sam \u2028 Lee ",
        your_name="   ",
    )
    email = decline_email(context)
    assert (
        email.subject == "Declining the interview: Data Bcc: x@example.com at Acme Co"
    )
    assert "\r" not in email.subject and "\n" not in email.subject
    assert email.body.startswith("Dear Sam Lee,\n\n")
    assert email.body.endswith("\n\nBest regards")


def test_email_keeps_markup_as_typed():
    """Names go in as plain text; escaping is the template's job."""
    email = decline_email(Context(company_name=HTML))
    assert f"at {HTML}." in email.body
    assert email.subject.endswith(HTML)


@pytest.mark.parametrize(
    "options",
    [{"reason": "busy"}, {"kind": "ghost"}, {"reason": ""}, {"kind": "Decline"}],
)
def test_email_rejects_unknown_options(options):
    """An unknown reason or kind raises ValueError."""
    with pytest.raises(ValueError):
        decline_email(FULL, **options)


def test_an_email_follow_up_serialises_with_a_null_checklist():
    """The API's shape for a decline: the subject and body, and no checklist."""
    email = decline_email(FULL)
    assert FollowUp(email=email).to_dict() == {
        "decline_email": {"subject": email.subject, "body": email.body},
        "checklist": None,
    }


# The checklist


@pytest.mark.parametrize(
    "verdict",
    [
        verdict_for(),
        verdict_for(interest="none"),
        verdict_for(employment="unemployed", interest="open"),
    ],
    ids=["lean-decline", "strong-decline", "interview"],
)
def test_general_items_are_always_there_in_a_stable_order(verdict):
    """The seven general tips come first, in the same order, every time."""
    items = prep_checklist(verdict, FULL)
    assert tuple(ids(items)[: len(GENERAL_IDS)]) == GENERAL_IDS
    for item in items[: len(GENERAL_IDS)]:
        assert item.section == engine.PRACTICE_TIPS_SECTION
        assert item.group != "tailored"


def test_general_items_cover_every_group_but_tailored():
    """Preparation, questions, answers and impression each have items."""
    items = prep_checklist(verdict_for(), FULL)[: len(GENERAL_IDS)]
    assert {item.group for item in items} == {group.id for group in GROUPS} - {
        "tailored"
    }
    assert [item.id for item in items if item.group == "questions"] == [
        "ask_about_strategy",
        "ask_about_challenges",
        "ask_about_success",
    ]


@settings(max_examples=60, deadline=None)
@given(answer_sets())
def test_tailored_items_appear_exactly_when_their_reason_applies(chosen):
    """Each tailored item is included if and only if its triggering answer was given."""
    items = prep_checklist(engine.evaluate(chosen), FULL)
    present = set(ids(items))
    for item_id, (question, value) in TAILORED.items():
        assert (item_id in present) == (chosen[question] == value), item_id
    # Practice always weighs something, if only a little for recent interviewers.
    assert "review_afterwards" in present
    assert len(present) == len(items)
    assert all(item.group in GROUPS_BY_ID for item in items)


@pytest.mark.parametrize(
    ("item_id", "question", "value"),
    [(item_id, *trigger) for item_id, trigger in TAILORED.items()],
)
def test_each_tailored_item_cites_its_section(item_id, question, value):
    """A tailored item appears for its trigger and cites where it comes from."""
    (item,) = [
        item
        for item in prep_checklist(verdict_for(**{question: value}), FULL)
        if item.id == item_id
    ]
    assert item.group == "tailored"
    assert item.section in {engine.BENEFITS_SECTION, engine.KEY_SITUATIONS_SECTION}


def test_practice_review_follows_the_practice_reason():
    """The self-review item comes with the practice reason and goes without it."""
    verdict = verdict_for(interview_practice="rusty")
    assert "review_afterwards" in ids(prep_checklist(verdict, FULL))
    without_practice = dataclasses.replace(
        verdict,
        reasons=tuple(r for r in verdict.reasons if r.factor != "practice"),
    )
    assert "review_afterwards" not in ids(prep_checklist(without_practice, FULL))


def test_every_item_at_once_has_unique_ids():
    """With every trigger applying, all fourteen items appear once each."""
    verdict = verdict_for(
        other_process="final_stages",
        market_insight="wanted",
        network_value="high",
        company_appeal="desirable",
        career_pivot="yes",
    )
    assert ids(prep_checklist(verdict, FULL)) == [
        *GENERAL_IDS,
        "align_timelines",
        "negotiate_with_offer",
        "learn_pay_and_benefits",
        "send_thank_you_note",
        "review_afterwards",
        "ask_about_other_openings",
        "learn_the_field",
    ]


def test_checklist_is_personalised():
    """Items name the company and role when they are known."""
    verdict = verdict_for(other_process="final_stages", company_appeal="desirable")
    texts = {item.id: item.text for item in prep_checklist(verdict, FULL)}
    assert texts["research_company"].startswith("Research Acme:")
    assert "the Data Analyst job description" in texts["match_your_skills"]
    assert "priorities at Acme" in texts["ask_about_strategy"]
    assert "in the Data Analyst role" in texts["ask_about_success"]
    assert "seen of Acme" in texts["answer_career_goals"]
    assert texts["negotiate_with_offer"].startswith("If Acme makes an offer")
    assert "other teams at Acme" in texts["ask_about_other_openings"]


def test_checklist_falls_back_without_names():
    """Without names the items still read naturally."""
    verdict = verdict_for(other_process="final_stages", company_appeal="desirable")
    texts = {item.id: item.text for item in prep_checklist(verdict, EMPTY)}
    assert texts["research_company"].startswith("Research the company:")
    assert "the job description" in texts["match_your_skills"]
    assert "priorities here" in texts["ask_about_strategy"]
    assert "in this role" in texts["ask_about_success"]
    assert "seen of your work" in texts["answer_career_goals"]
    assert "other teams here" in texts["ask_about_other_openings"]
    for text in texts.values():
        assert "  " not in text
        assert "{" not in text


def test_checklist_mentions_the_interview_date():
    """A known interview date sets the deadline for the research."""
    context = Context(company_name="Acme", interview_date=datetime.date(2026, 3, 2))
    (research, *_) = prep_checklist(verdict_for(), context)
    assert research.text.startswith("Before Monday 2 March, research Acme:")


def test_checklist_keeps_markup_and_braces_as_typed():
    """Names go in literally, even when they look like markup or format fields."""
    context = Context(company_name=HTML, role_title="{company}")
    texts = [item.text for item in prep_checklist(verdict_for(), context)]
    assert texts[0].startswith(f"Research {HTML}:")
    assert "the {company} job description" in texts[1]


def test_a_checklist_follow_up_serialises_each_item_with_a_null_email():
    """The API's shape for an interview: each item's fields, and no email."""
    checklist = prep_checklist(verdict_for(), FULL)
    data = FollowUp(checklist=checklist).to_dict()
    assert data["decline_email"] is None
    assert len(data["checklist"]) == len(checklist)
    assert data["checklist"][0] == {
        "id": "research_company",
        "text": checklist[0].text,
        "section": engine.PRACTICE_TIPS_SECTION,
        "group": "prepare",
    }
