import dataclasses
import datetime
import functools
import itertools
import re
import string
from collections.abc import Callable

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
    default_email_options,
    draft_email,
    follow_up,
    prep_checklist,
)
from decisions.questionnaire import Answers, prune
from tests.answers import (
    BASE_ANSWERS,
    DECLINE_ANSWERS,
    INTERVIEW_ANSWERS,
    KEY_SITUATION_ANSWERS,
    every_answer_set,
)

FULL = Context(
    role_title="Data Analyst",
    company_name="Acme",
    contact_name="Sam Lee",
    your_name="Alex Kim",
)
EMPTY = Context()
# As long as the form lets a name be: 100 characters in ten words.
LONG_NAME = " ".join(f"{letter}bcdefghi" for letter in "ABCDEFGHIJ") + "k"
LONG = Context(LONG_NAME, LONG_NAME, LONG_NAME, LONG_NAME, datetime.date(2026, 9, 30))
ONE_LONG_WORD = Context("R" * 100, "C" * 100, "N" * 100, "Y" * 100)
MONDAY_2_MARCH = datetime.date(2026, 3, 2)

ACCEPTED_OFFER_ANSWERS = prune({**BASE_ANSWERS, "other_process": "accepted_offer"})
# Between them, these two bring in every item of the checklist.
KEEN_ANSWERS = {
    "employment": "unemployed",
    "interest": "open",
    "company_appeal": "desirable",
    "career_pivot": "yes",
    "other_process": "final_stages",
    "interview_practice": "rusty",
    "prep_time": "plenty",
    "network_value": "high",
    "market_insight": "wanted",
}
NOT_KEEN_ANSWERS = {**DECLINE_ANSWERS, "discreet_time": "hard"}

DECIDING_KINDS = tuple(kind for kind in EmailKind if kind is not EmailKind.THANK_YOU)
# What each kind of email says the person has decided, and how each reason reads.
KIND_SAYS = {
    EmailKind.DECLINE: "decided to decline the interview.",
    EmailKind.WITHDRAW: "like to withdraw my application.",
    EmailKind.WITHDRAW_AFTER_INTERVIEW: "like to withdraw from the process.",
    EmailKind.DECLINE_OFFER: "decided not to accept",
}
REASON_SAYS = {
    EmailReason.ACCEPTED_OTHER: "I have accepted",
    EmailReason.RETHINKING_GOALS: "I am rethinking my career direction",
    EmailReason.NOT_RIGHT_FIT: "the right fit for me",
}
# Each kind's subject: the words before the names, and the subject without names.
SUBJECTS = {
    EmailKind.DECLINE: ("Declining the interview", "Declining the interview"),
    EmailKind.WITHDRAW: ("Withdrawing my application", "Withdrawing my application"),
    EmailKind.WITHDRAW_AFTER_INTERVIEW: (
        "Withdrawing from the process",
        "Withdrawing from the process",
    ),
    EmailKind.DECLINE_OFFER: ("Your offer", "Your offer"),
    EmailKind.THANK_YOU: ("Thank you", "Thank you for your time"),
}
DOOR_LINE = "I would welcome hearing about future openings."
KEEP_IN_MIND_LINE = "Please keep me in mind for roles closer to data engineering. "
WISHES = "I wish you every success in finding the right candidate."

GENERAL_IDS = (
    "research_company",
    "match_your_skills",
    "tailor_your_cv",
    "ask_about_strategy",
    "ask_about_challenges",
    "ask_about_success",
    "leave_good_impression",
    "send_thank_you_note",
)


def _keen(answers: Answers) -> bool:
    return answers["interest"] == "open" or answers["company_appeal"] == "desirable"


def _needs_practice(answers: Answers) -> bool:
    return answers["interview_practice"] in {"rusty", "nervous"}


def _final_stages(answers: Answers) -> bool:
    return answers["other_process"] == "final_stages"


# Each tailored item, and the answers that bring it in.
TAILORED: dict[str, Callable[[Answers], bool]] = {
    "practise_aloud": _needs_practice,
    "answer_career_goals": lambda answers: not _keen(answers),
    "share_what_draws_you": _keen,
    "decide_how_to_answer_an_offer": lambda answers: answers["interest"] == "none",
    "ask_for_a_convenient_slot": lambda answers: answers.get("discreet_time") == "hard",
    # Someone who has accepted a job elsewhere is not told to keep applying.
    "keep_up_momentum": lambda answers: (
        answers["employment"] == "unemployed"
        and answers["other_process"] != "accepted_offer"
    ),
    "align_timelines": _final_stages,
    "negotiate_with_offer": _final_stages,
    "ask_about_other_openings": lambda answers: (
        answers["company_appeal"] == "desirable"
    ),
    "learn_the_field": lambda answers: answers["career_pivot"] == "yes",
    "learn_pay_and_benefits": lambda answers: (
        answers["market_insight"] in {"wanted", "unsure"}
    ),
    "stay_in_touch": lambda answers: answers["network_value"] in {"high", "unsure"},
    "review_afterwards": _needs_practice,
}


def ids(items: tuple[ChecklistItem, ...]) -> list[str]:
    return [item.id for item in items]


def texts_of(email: Email) -> tuple[str, str]:
    return email.subject, email.body


def decision_sentence(email: Email) -> str:
    """The sentence after the thanks, in an email drafted without names."""
    thanks, decision = re.split(r"(?<=\.) ", email.body.split("\n\n")[1])
    assert thanks.startswith("Thank you")
    return decision


@functools.cache
def checklist_ids_for_every_answer_set() -> tuple[tuple[Answers, list[str]], ...]:
    """Each complete answer set with the ids of its checklist.

    The checklist is fitted to the answers a verdict judged (a test below
    proves it), so each set is given to one verdict here rather than judged
    17,496 times over.
    """
    judged = engine.evaluate(BASE_ANSWERS)
    return tuple(
        (
            chosen,
            ids(prep_checklist(dataclasses.replace(judged, answers=chosen), EMPTY)),
        )
        for chosen in every_answer_set()
    )


# Typography, checked in every draft built from generated names.

DOUBLED_WORD = re.compile(r"\b(\w+)\s+\1\b", re.IGNORECASE)


def typography_problems(text: str) -> list[str]:
    """Doubled punctuation, doubled words, unfilled braces and empty greetings."""
    marks = ("..", ",,", " ,", "{", "}", "Dear ,")
    problems = [f"{mark!r}" for mark in marks if mark in text]
    problems += [f"doubled {m.group(0)!r}" for m in DOUBLED_WORD.finditer(text)]
    return problems


def _words_drafting_writes() -> frozenset[str]:
    """Every word the drafts hold besides the names typed in."""
    texts: list[str] = []
    for context in (
        EMPTY,
        Context(role_title="1"),
        Context(company_name="2"),
        Context("1", "2", "3", "4", MONDAY_2_MARCH),
    ):
        for kind, reason, keep_in_mind_for in itertools.product(
            EmailKind, EmailReason, ("", "5")
        ):
            email = draft_email(
                context,
                kind=kind,
                reason=reason,
                keep_door_open=True,
                keep_in_mind_for=keep_in_mind_for,
            )
            texts += texts_of(email)
        for answers in (KEEN_ANSWERS, NOT_KEEN_ANSWERS):
            texts += [
                item.text for item in prep_checklist(engine.evaluate(answers), context)
            ]
    return frozenset(
        word.lower() for text in texts for word in re.findall(r"\w+", text)
    )


COMPANY_SUFFIXES = ("Inc.", "Ltd.", "Co.", "plc")
ROLE_NOUNS = ("role", "Role", "position", "job", "post", "vacancy")
# A name's own words never double each other or the words around them, so any
# doubling in a draft is the drafting's.
RESERVED = _words_drafting_writes() | {
    word.strip(".").lower() for word in COMPANY_SUFFIXES + ROLE_NOUNS
}
LETTERS = string.ascii_letters + "éèüöñçøå"
name_words = st.lists(
    st.text(LETTERS, min_size=1, max_size=10).filter(
        lambda word: word.lower() not in RESERVED
    ),
    min_size=1,
    max_size=4,
    unique_by=str.lower,
)
# Punctuation a careless hand may leave at either end of a name.
dangling = st.text(",;: ", max_size=4)
punctuated_names = st.builds(
    lambda words, separators, end, before, after: (
        before
        + "".join(
            word + separator
            for word, separator in zip(words[:-1], separators, strict=False)
        )
        + words[-1]
        + end
        + after
    ),
    name_words,
    st.lists(st.sampled_from((" ", " & ", "-", "/", "'", ", ", ". ")), max_size=3),
    st.sampled_from(("", ".", "!", "?")),
    dangling,
    dangling,
)


def _named(suffixes: tuple[str, ...], separator: str = " ") -> st.SearchStrategy[str]:
    plain = st.builds(" ".join, name_words)
    with_suffix = st.builds(
        lambda name, suffix: f"{name}{separator}{suffix}",
        plain,
        st.sampled_from(suffixes),
    )
    return st.one_of(st.just(""), plain, with_suffix, punctuated_names, dangling)


company_names = st.one_of(_named(COMPANY_SUFFIXES), _named(COMPANY_SUFFIXES, ", "))
role_titles = _named(ROLE_NOUNS)
people = _named(("Jr.", "Sr.", "PhD"))
contexts = st.builds(
    Context,
    role_title=role_titles,
    company_name=company_names,
    contact_name=people,
    your_name=people,
    interview_date=st.one_of(st.none(), st.dates()),
)


# The email: what it says


@pytest.mark.parametrize(
    ("kind", "reason"), list(itertools.product(DECIDING_KINDS, EmailReason))
)
def test_each_decision_is_one_whole_sentence_with_its_reason(kind, reason):
    """The email says in one whole sentence what is decided, and why if asked."""
    sentence = decision_sentence(draft_email(EMPTY, kind=kind, reason=reason))
    assert sentence[0].isupper() and sentence.endswith(".")
    assert re.search(r"[.!?] ", sentence) is None
    assert KIND_SAYS[kind] in sentence
    for other, says in REASON_SAYS.items():
        assert (says in sentence) is (other is reason), other


def test_each_kind_and_reason_has_its_own_decision_sentence():
    """No two kinds or reasons share a sentence."""
    sentences = {
        decision_sentence(draft_email(EMPTY, kind=kind, reason=reason))
        for kind, reason in itertools.product(DECIDING_KINDS, EmailReason)
    }
    assert len(sentences) == len(DECIDING_KINDS) * len(EmailReason)


@pytest.mark.parametrize("reason", list(EmailReason))
def test_a_thank_you_note_gives_no_reason(reason):
    """A thank-you note reads the same whatever reason is chosen, and keeps none."""
    note = draft_email(FULL, kind=EmailKind.THANK_YOU, reason=reason)
    assert note == draft_email(FULL, kind=EmailKind.THANK_YOU)
    assert note.reason is EmailReason.NONE
    for says in REASON_SAYS.values():
        assert says not in note.body


def test_an_email_keeps_its_kind_and_reason():
    """The email records which kind and reason it was drafted for."""
    email = draft_email(FULL, kind="decline_offer", reason="not_right_fit")
    assert (email.kind, email.reason) == (
        EmailKind.DECLINE_OFFER,
        EmailReason.NOT_RIGHT_FIT,
    )


@pytest.mark.parametrize("kind", list(EmailKind))
@pytest.mark.parametrize(
    ("details", "names"),
    [
        (FULL, ": Data Analyst at Acme"),
        (Context(role_title="Data Analyst"), ": Data Analyst"),
        (Context(company_name="Acme"), ": Acme"),
    ],
    ids=["role-and-company", "role", "company"],
)
def test_each_kind_has_a_subject_naming_what_is_known(kind, details, names):
    """The subject says what the email is about and names the role and company."""
    prefix, _bare = SUBJECTS[kind]
    assert draft_email(details, kind=kind).subject == prefix + names


@pytest.mark.parametrize("kind", list(EmailKind))
def test_each_kind_has_a_subject_without_names(kind):
    """Without a role or a company the subject still reads whole."""
    _prefix, bare = SUBJECTS[kind]
    assert draft_email(EMPTY, kind=kind).subject == bare


def test_a_full_email_reads_as_a_whole():
    """A full context names the contact, role, company and sender."""
    email = draft_email(FULL, reason="accepted_other", keep_door_open=True)
    assert email == Email(
        subject="Declining the interview: Data Analyst at Acme",
        body="Dear Sam Lee,\n\n"
        "Thank you for inviting me to interview for the Data Analyst role at Acme. "
        "I have accepted an offer elsewhere, so I have decided to decline the "
        "interview.\n\n"
        "I would welcome hearing about future openings. "
        "I wish you every success in finding the right candidate.\n\n"
        "Best regards,\nAlex Kim",
        kind=EmailKind.DECLINE,
        reason=EmailReason.ACCEPTED_OTHER,
    )


@pytest.mark.parametrize(
    ("contact", "greeting"),
    [("Sam Lee", "Dear Sam Lee,"), ("", "Hello,"), ("  \t", "Hello,")],
)
def test_the_greeting_names_the_contact_when_known(contact, greeting):
    """The email greets the contact by name, or says hello without one."""
    body = draft_email(Context(contact_name=contact)).body
    assert body.split("\n\n")[0] == greeting


@pytest.mark.parametrize(
    ("your_name", "sign_off"),
    [("Alex Kim", "Best regards,\nAlex Kim"), ("", "Best regards,\n[Your name]")],
)
def test_the_sign_off_names_the_sender_or_leaves_a_placeholder(your_name, sign_off):
    """Without the person's name the email ends on a visible [Your name]."""
    body = draft_email(Context(your_name=your_name)).body
    assert body.endswith("\n\n" + sign_off)


@pytest.mark.parametrize(
    ("keep_door_open", "keep_in_mind_for", "line"),
    [
        (False, "", ""),
        (True, "", DOOR_LINE + " "),
        (False, "data engineering", KEEP_IN_MIND_LINE),
        (True, "data engineering", KEEP_IN_MIND_LINE),
    ],
)
def test_the_door_line_is_the_one_asked_for(keep_door_open, keep_in_mind_for, line):
    """Roles to be kept in mind for are named; else the door is left open if asked."""
    body = draft_email(
        FULL, keep_door_open=keep_door_open, keep_in_mind_for=keep_in_mind_for
    ).body
    assert body.split("\n\n")[2] == line + WISHES


@pytest.mark.parametrize(
    ("kind", "reason"), list(itertools.product(EmailKind, EmailReason))
)
def test_every_email_stays_within_120_words(kind, reason):
    """Whatever the kind, reason and door line, and however long the names, the
    email has at most 120 words."""
    assert (len(LONG_NAME), len(LONG_NAME.split())) == (100, 10)
    doors = [(False, ""), (True, ""), (False, LONG_NAME), (True, LONG_NAME)]
    for context, (keep_door_open, keep_in_mind_for) in itertools.product(
        (EMPTY, FULL, LONG, ONE_LONG_WORD), doors
    ):
        email = draft_email(
            context,
            kind=kind,
            reason=reason,
            keep_door_open=keep_door_open,
            keep_in_mind_for=keep_in_mind_for,
        )
        assert len(email.body.split()) <= 120, (context, keep_door_open)


@pytest.mark.parametrize(
    "options",
    [{"reason": "busy"}, {"kind": "ghost"}, {"reason": ""}, {"kind": "Decline"}],
)
def test_an_unknown_reason_or_kind_raises(options):
    """An unknown reason or kind raises ValueError."""
    with pytest.raises(ValueError):
        draft_email(FULL, **options)


# The email: typography


@pytest.mark.parametrize(
    ("details", "subject", "says"),
    [
        (
            Context("Analyst", "Acme, Inc."),
            "Declining the interview: Analyst at Acme, Inc.",
            "the Analyst role at Acme, Inc. I have",
        ),
        (
            Context("Analyst", "Initech Ltd."),
            "Declining the interview: Analyst at Initech Ltd.",
            "the Analyst role at Initech Ltd. I have",
        ),
        (
            Context("Analyst", "Yahoo!"),
            "Declining the interview: Analyst at Yahoo!",
            "the Analyst role at Yahoo! I have",
        ),
        (
            Context(role_title="Marketing Manager role"),
            "Declining the interview: Marketing Manager",
            "the Marketing Manager role with your team.",
        ),
        (
            Context(role_title="Software Engineer position"),
            "Declining the interview: Software Engineer",
            "the Software Engineer role with your team.",
        ),
        (
            Context(role_title="Night Porter JOB"),
            "Declining the interview: Night Porter",
            "the Night Porter role with your team.",
        ),
        (
            Context(role_title="Marketing Manager role."),
            "Declining the interview: Marketing Manager",
            "the Marketing Manager role with your team.",
        ),
        (Context(role_title="Role"), "Declining the interview", "the role with"),
    ],
)
def test_names_ending_in_a_stop_or_a_role_noun_do_not_double_it(details, subject, says):
    """A name's own full stop ends the sentence, and a title's own "role" is
    not followed by another."""
    email = draft_email(details)
    assert email.subject == subject
    assert says in email.body


@pytest.mark.parametrize(
    "contact", [",", " , , , ", ";:", ", ; :", "Sam, ,", ", , Sam", " ;Sam; "]
)
def test_dangling_punctuation_is_dropped_from_a_name(contact):
    """Commas, semicolons and colons left at either end of a name, spaced or not,
    are dropped; a name of nothing else counts as no name."""
    greeting = draft_email(Context(contact_name=contact)).body.split("\n\n")[0]
    assert greeting == ("Dear Sam," if "Sam" in contact else "Hello,")


@pytest.mark.parametrize(
    "name", ["{company}", "{0}", "{}", "{role!r}", "{date:%A}", "<b>Acme & Sons</b>"]
)
def test_names_go_in_literally(name):
    """Names that look like markup or format fields are put in as typed."""
    email = draft_email(Context(role_title="Analyst", company_name=name))
    assert email.subject == f"Declining the interview: Analyst at {name}"
    assert f"the Analyst role at {name}. I have" in email.body


@pytest.mark.parametrize(
    "line_break",
    [
        "\n",
        "\r",
        "\r\n",
        "\v",
        "\f",
        "\x1c",
        "\x1d",
        "\x1e",
        "\x85",
        "\u2028",
        "\u2029",
    ],
)
def test_a_line_break_in_a_name_never_starts_a_new_line(line_break):
    """Line breaks and control characters in names become spaces."""
    context = Context(
        role_title=f"Data{line_break}Bcc: x@example.com ",
        company_name=f"\tAcme\x00Co{line_break}",
        contact_name=f"{line_break} Sam {line_break} Lee ",
        your_name=f"Alex{line_break}Kim",
    )
    email = draft_email(context)
    assert (
        email.subject == "Declining the interview: Data Bcc: x@example.com at Acme Co"
    )
    assert email.body.startswith("Dear Sam Lee,\n\n")
    assert email.body.endswith("\n\nBest regards,\nAlex Kim")


@settings(max_examples=200, deadline=None)
@given(role=st.text(), company=st.text(), contact=st.text(), keep_in_mind_for=st.text())
def test_whatever_is_typed_the_email_keeps_its_lines(
    role, company, contact, keep_in_mind_for
):
    """Any text in any name leaves the subject one line and the body eight."""
    context = Context(role, company, contact, your_name=contact)
    for kind in EmailKind:
        email = draft_email(context, kind=kind, keep_in_mind_for=keep_in_mind_for)
        assert email.subject.splitlines() == [email.subject]
        assert len(email.body.splitlines()) == 8


@settings(max_examples=200, deadline=None)
@given(details=contexts, keep_in_mind_for=role_titles, keep_door_open=st.booleans())
def test_emails_have_clean_typography_whatever_the_names(
    details, keep_in_mind_for, keep_door_open
):
    """Every kind and reason, with any realistic names, has no doubled
    punctuation or word, no unfilled brace and no empty greeting."""
    for kind, reason in itertools.product(EmailKind, EmailReason):
        email = draft_email(
            details,
            kind=kind,
            reason=reason,
            keep_door_open=keep_door_open,
            keep_in_mind_for=keep_in_mind_for,
        )
        for text in texts_of(email):
            assert typography_problems(text) == [], (kind, reason, text)


# The checklist


def test_the_groups_come_in_the_order_of_the_interview():
    """Groups run from preparation to what to do afterwards."""
    assert [group.id for group in GROUPS] == [
        "prepare",
        "questions",
        "answers",
        "impression",
        "tailored",
        "afterwards",
    ]
    assert set(GROUPS_BY_ID) == {group.id for group in GROUPS}


@settings(max_examples=100, deadline=None)
@given(chosen=st.sampled_from(every_answer_set()))
def test_the_checklist_follows_the_answers_judged(chosen):
    """A verdict's checklist depends on the answers it judged and nothing else."""
    other = engine.evaluate(INTERVIEW_ANSWERS)
    assert prep_checklist(engine.evaluate(chosen), FULL) == prep_checklist(
        dataclasses.replace(other, answers=chosen), FULL
    )


def test_everyone_gets_the_general_items():
    """The general preparation, questions, impression and thank-you note are in
    every checklist."""
    judged = checklist_ids_for_every_answer_set()
    assert judged
    for chosen, present in judged:
        assert set(GENERAL_IDS) <= set(present), chosen


@pytest.mark.parametrize("item_id", list(TAILORED))
def test_a_tailored_item_appears_exactly_when_its_answers_say_so(item_id):
    """Each tailored item is in the checklist for the answers that call for it,
    and for no others."""
    judged = checklist_ids_for_every_answer_set()
    assert judged
    for chosen, present in judged:
        assert (item_id in present) == TAILORED[item_id](chosen), chosen


def test_every_item_is_general_or_tailored():
    """No item appears that is neither for everyone nor tailored to an answer."""
    known = set(GENERAL_IDS) | set(TAILORED)
    judged = checklist_ids_for_every_answer_set()
    assert judged
    assert {item_id for _, present in judged for item_id in present} == known


def test_only_the_unkeen_are_told_not_to_pretend():
    """'Don't pretend this is your dream job' is never shown to someone open to
    the job or keen on the company; they are told to share what draws them."""
    judged = checklist_ids_for_every_answer_set()
    assert judged
    for chosen, present in judged:
        assert ("answer_career_goals" in present) is not _keen(chosen), chosen
        assert ("share_what_draws_you" in present) is _keen(chosen), chosen


def test_the_checklist_runs_in_group_order():
    """Items come group by group, in the groups' order."""
    order = [group.id for group in GROUPS]
    for answers in (KEEN_ANSWERS, NOT_KEEN_ANSWERS, BASE_ANSWERS):
        items = prep_checklist(engine.evaluate(answers), FULL)
        groups = [order.index(item.group) for item in items]
        assert groups == sorted(groups)


def test_ids_are_unique_in_every_checklist():
    """No checklist holds an item twice."""
    judged = checklist_ids_for_every_answer_set()
    assert judged
    for chosen, present in judged:
        assert len(set(present)) == len(present), chosen


@pytest.mark.parametrize("answers", [KEEN_ANSWERS, NOT_KEEN_ANSWERS])
def test_every_item_cites_an_article_section(answers):
    """Each item names the part of the article it comes from."""
    sections = {
        engine.BENEFITS_SECTION,
        engine.DRAWBACKS_SECTION,
        engine.KEY_SITUATIONS_SECTION,
        engine.PRACTICE_TIPS_SECTION,
    }
    for item in prep_checklist(engine.evaluate(answers), FULL):
        assert item.section in sections, item.id


@pytest.mark.parametrize(
    ("company", "start"),
    [
        ("Acme", "Before Monday 2 March, research Acme:"),
        ("", "Before Monday 2 March, research the company:"),
    ],
)
def test_the_interview_date_sets_the_deadline_for_research(company, start):
    """A known date goes into the research item as weekday, day and month."""
    context = Context(company_name=company, interview_date=MONDAY_2_MARCH)
    (research, *_) = prep_checklist(engine.evaluate(BASE_ANSWERS), context)
    assert research.text.startswith(start)


@pytest.mark.parametrize(
    ("item_id", "with_names", "without_names"),
    [
        ("research_company", "Research Acme:", "Research the company:"),
        (
            "match_your_skills",
            "the Data Analyst job description",
            "the job description",
        ),
        ("tailor_your_cv", "to the Data Analyst role,", "to the role,"),
        ("ask_about_strategy", "priorities at Acme", "priorities here"),
        ("ask_about_success", "in the Data Analyst role", "in this role"),
        ("share_what_draws_you", "draws you to Acme", "draws you to the company"),
        ("negotiate_with_offer", "If Acme makes", "If the company makes"),
        ("ask_about_other_openings", "teams at Acme", "teams here"),
        ("learn_pay_and_benefits", "for the Data Analyst role,", "for this role,"),
    ],
)
def test_items_name_the_role_and_company_when_known(item_id, with_names, without_names):
    """Items name the company and role when known, and read whole without them."""
    verdict = engine.evaluate(KEEN_ANSWERS)
    for context, says in ((FULL, with_names), (EMPTY, without_names)):
        texts = {item.id: item.text for item in prep_checklist(verdict, context)}
        assert says in texts[item_id]


def test_dont_pretend_names_the_company_when_known():
    """The career-goals answer names the company, or 'your work' without one."""
    verdict = engine.evaluate(NOT_KEEN_ANSWERS)
    for context, says in ((FULL, "seen of Acme made"), (EMPTY, "seen of your work")):
        texts = {item.id: item.text for item in prep_checklist(verdict, context)}
        assert says in texts["answer_career_goals"]


@pytest.mark.parametrize("name", ["{company}", "{}", "<b>Acme & Sons</b>"])
def test_the_checklist_puts_names_in_literally(name):
    """Names that look like markup or format fields go in as typed."""
    context = Context(role_title=name, company_name=name)
    texts = [
        item.text for item in prep_checklist(engine.evaluate(BASE_ANSWERS), context)
    ]
    assert texts[0].startswith(f"Research {name}:")
    assert f"the {name} job description" in texts[1]


@settings(max_examples=200, deadline=None)
@given(details=contexts)
def test_the_checklist_has_clean_typography_whatever_the_names(details):
    """With any realistic names, no item has doubled punctuation or words, or an
    unfilled brace."""
    for answers in (KEEN_ANSWERS, NOT_KEEN_ANSWERS):
        for item in prep_checklist(engine.evaluate(answers), details):
            assert typography_problems(item.text) == [], item.text


# The follow-up: both the email and the checklist


@settings(max_examples=200, deadline=None)
@given(chosen=st.sampled_from(every_answer_set()))
def test_every_verdict_gets_both_follow_ups(chosen):
    """Every verdict has an email and a checklist, the email first exactly
    when the recommendation is to decline."""
    verdict = engine.evaluate(chosen)
    result = follow_up(verdict, FULL)
    assert result.email.body and result.checklist
    assert result.email_first is (
        verdict.recommendation is engine.Recommendation.DECLINE
    )
    data = result.to_dict()
    assert data["decline_email"] is not None and data["checklist"]


@pytest.mark.parametrize(
    ("answers", "email_first"),
    [
        (DECLINE_ANSWERS, True),
        (ACCEPTED_OFFER_ANSWERS, True),
        (INTERVIEW_ANSWERS, False),
        (KEY_SITUATION_ANSWERS, False),
    ],
)
def test_the_email_comes_first_for_a_decline(answers, email_first):
    """The follow-up that fits the recommendation comes first."""
    assert follow_up(engine.evaluate(answers), FULL).email_first is email_first


@settings(max_examples=200, deadline=None)
@given(chosen=st.sampled_from(every_answer_set()))
def test_the_email_defaults_to_withdrawing_only_after_accepting_elsewhere(chosen):
    """Having accepted an offer elsewhere, the email withdraws and says so;
    otherwise it declines the interview and gives no reason."""
    verdict = engine.evaluate(chosen)
    accepted = chosen["other_process"] == "accepted_offer"
    expected = (
        (EmailReason.ACCEPTED_OTHER, EmailKind.WITHDRAW)
        if accepted
        else (EmailReason.NONE, EmailKind.DECLINE)
    )
    assert default_email_options(verdict) == expected
    email = follow_up(verdict, FULL).email
    assert (email.reason, email.kind) == expected


@pytest.mark.parametrize(
    ("answers", "options", "reason", "kind"),
    [
        (ACCEPTED_OFFER_ANSWERS, {}, "accepted_other", "withdraw"),
        (ACCEPTED_OFFER_ANSWERS, {"kind": "decline"}, "accepted_other", "decline"),
        (
            ACCEPTED_OFFER_ANSWERS,
            {"reason": "not_right_fit"},
            "not_right_fit",
            "withdraw",
        ),
        (DECLINE_ANSWERS, {}, "none", "decline"),
        (
            DECLINE_ANSWERS,
            {"reason": "rethinking_goals", "kind": "decline_offer"},
            "rethinking_goals",
            "decline_offer",
        ),
        (INTERVIEW_ANSWERS, {"kind": EmailKind.THANK_YOU}, "none", "thank_you"),
    ],
)
def test_chosen_email_options_override_the_defaults(answers, options, reason, kind):
    """A reason or kind chosen is used; what is left out takes the default."""
    email = follow_up(engine.evaluate(answers), FULL, **options).email
    assert (email.reason, email.kind) == (reason, kind)


@pytest.mark.parametrize(
    ("answers", "door_open"),
    [
        (DECLINE_ANSWERS, False),
        ({**DECLINE_ANSWERS, "network_value": "high"}, True),
        ({**DECLINE_ANSWERS, "company_appeal": "desirable"}, True),
        (INTERVIEW_ANSWERS, True),
    ],
)
def test_the_follow_up_email_keeps_the_door_open_when_the_company_matters(
    answers, door_open
):
    """The email asks to hear of future openings when the company or its people
    matter to the person."""
    assert (
        DOOR_LINE in follow_up(engine.evaluate(answers), FULL).email.body
    ) is door_open


def test_the_follow_up_email_names_roles_to_keep_in_mind():
    """Roles to be kept in mind for go into the follow-up's email."""
    email = follow_up(
        engine.evaluate(DECLINE_ANSWERS), FULL, keep_in_mind_for="data engineering"
    ).email
    assert "Please keep me in mind for roles closer to data engineering." in email.body


@pytest.mark.parametrize("options", [{"reason": "busy"}, {"kind": "ghost"}])
def test_the_follow_up_rejects_an_unknown_reason_or_kind(options):
    """An unknown reason or kind raises ValueError."""
    with pytest.raises(ValueError):
        follow_up(engine.evaluate(DECLINE_ANSWERS), FULL, **options)


@pytest.mark.parametrize("answers", [DECLINE_ANSWERS, INTERVIEW_ANSWERS])
def test_the_follow_up_serialises_both_the_email_and_the_checklist(answers):
    """The API's shape: the email with its kind and reason, and every item."""
    result = follow_up(engine.evaluate(answers), FULL)
    data = result.to_dict()
    assert data["decline_email"] == {
        "subject": result.email.subject,
        "body": result.email.body,
        "kind": "decline",
        "reason": "none",
    }
    assert len(data["checklist"]) == len(result.checklist)
    assert data["checklist"][0] == {
        "id": "research_company",
        "text": result.checklist[0].text,
        "section": engine.PRACTICE_TIPS_SECTION,
        "group": "prepare",
    }
