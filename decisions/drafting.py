"""The decline email and the interview checklist, built from a verdict and the details.

The email follows the article's "How to Professionally Decline an Interview"
and the checklist its "Tips for a Successful Practice Interview", both in our
own words. Every sentence is written whole, once for each set of details it
can name, and the most specific one the details allow is used. Everything
returned is plain text with the person's values inserted as typed; whoever
displays it escapes it. No Django import here.
"""

import datetime
import string
import unicodedata
from collections.abc import Mapping
from dataclasses import asdict, dataclass
from enum import StrEnum
from typing import Any

from decisions.engine import (
    BENEFITS_SECTION,
    DRAWBACKS_SECTION,
    KEY_SITUATIONS_SECTION,
    PRACTICE_TIPS_SECTION,
    Recommendation,
    Verdict,
)
from decisions.wording import gettext_noop as _
from decisions.wording import translate


@dataclass(frozen=True)
class Context:
    """What the person told us about the interview; every field optional."""

    role_title: str = ""
    company_name: str = ""
    contact_name: str = ""
    your_name: str = ""
    interview_date: datetime.date | None = None


def _clean(value: str | None) -> str:
    """One line of text: control characters and runs of whitespace become a space,
    and punctuation that would dangle at either end is dropped.

    This keeps a name typed with a line break from starting a new email header.
    """
    if not value:
        return ""
    visible = "".join(
        " " if unicodedata.category(char) == "Cc" else char for char in value
    )
    return " ".join(visible.split()).strip(",;: ")


# Words a job title may already end with; "the {role} role" drops them.
_ROLE_NOUNS = ("role", "position", "job", "post", "vacancy")


def _role_name(title: str) -> str:
    """The role's name without a trailing "role", "position" or "job"."""
    words = title.split()
    if words and words[-1].rstrip(".").lower() in _ROLE_NOUNS:
        return " ".join(words[:-1]).rstrip(",;: ")
    return title


def _fill(sentence: str, values: dict[str, Any]) -> str:
    """The sentence with its values, without doubling the punctuation a value
    ends with ("Acme Inc." at the end of a sentence keeps one full stop)."""
    filled = ""
    for text, name, spec, _conversion in string.Formatter().parse(sentence):
        if filled and text and _doubles(filled[-1], text[0]):
            text = text[1:]
        filled += text
        if name is not None:
            filled += format(_lookup(values, name), spec or "")
    return filled


def _doubles(end: str, start: str) -> bool:
    """Whether punctuation starting the text repeats what the value ended with."""
    return (start == "." and end in ".!?") or (start in ",;:" and start == end)


def _lookup(values: dict[str, Any], name: str) -> Any:
    root, *attributes = name.split(".")
    value = values[root]
    for attribute in attributes:
        value = getattr(value, attribute)
    return value


def _most_specific(sentences: tuple[str, ...], values: dict[str, Any]) -> str:
    """The first sentence whose every placeholder has a value, filled in.

    Each tuple of sentences ends with one that needs no value at all.
    """
    for sentence in sentences:
        names = {
            field.split(".")[0]
            for _text, field, _spec, _conversion in string.Formatter().parse(sentence)
            if field
        }
        if all(values.get(name) for name in names):
            return _fill(translate(sentence), values)
    raise ValueError(f"No sentence fits: {sentences[-1]!r}")


def _values(context: Context) -> dict[str, Any]:
    return {
        "role": _role_name(_clean(context.role_title)),
        "company": _clean(context.company_name),
        "contact": _clean(context.contact_name),
        "your_name": _clean(context.your_name),
        "date": context.interview_date,
    }


# The emails: short enough to stay under 120 words even when every name is
# 100 characters long.


class EmailReason(StrEnum):
    NONE = "none"
    ACCEPTED_OTHER = "accepted_other"
    RETHINKING_GOALS = "rethinking_goals"
    NOT_RIGHT_FIT = "not_right_fit"


class EmailKind(StrEnum):
    DECLINE = "decline"
    WITHDRAW = "withdraw"
    WITHDRAW_AFTER_INTERVIEW = "withdraw_after_interview"
    DECLINE_OFFER = "decline_offer"
    THANK_YOU = "thank_you"


EMAIL_REASON_LABELS: dict[EmailReason, str] = {
    EmailReason.NONE: _("No reason"),
    EmailReason.ACCEPTED_OTHER: _("I've accepted another position"),
    EmailReason.RETHINKING_GOALS: _("I'm re-evaluating my career goals"),
    EmailReason.NOT_RIGHT_FIT: _("It isn't the right fit for me"),
}
EMAIL_KIND_LABELS: dict[EmailKind, str] = {
    EmailKind.DECLINE: _("Decline the interview"),
    EmailKind.WITHDRAW: _("Withdraw my application"),
    EmailKind.WITHDRAW_AFTER_INTERVIEW: _("Withdraw after the interview"),
    EmailKind.DECLINE_OFFER: _("Turn down an offer"),
    EmailKind.THANK_YOU: _("Thank them after the interview"),
}

_SUBJECTS: dict[EmailKind, tuple[str, ...]] = {
    EmailKind.DECLINE: (
        _("Declining the interview: {role} at {company}"),
        _("Declining the interview: {role}"),
        _("Declining the interview: {company}"),
        _("Declining the interview"),
    ),
    EmailKind.WITHDRAW: (
        _("Withdrawing my application: {role} at {company}"),
        _("Withdrawing my application: {role}"),
        _("Withdrawing my application: {company}"),
        _("Withdrawing my application"),
    ),
    EmailKind.WITHDRAW_AFTER_INTERVIEW: (
        _("Withdrawing from the process: {role} at {company}"),
        _("Withdrawing from the process: {role}"),
        _("Withdrawing from the process: {company}"),
        _("Withdrawing from the process"),
    ),
    EmailKind.DECLINE_OFFER: (
        _("Your offer: {role} at {company}"),
        _("Your offer: {role}"),
        _("Your offer: {company}"),
        _("Your offer"),
    ),
    EmailKind.THANK_YOU: (
        _("Thank you: {role} at {company}"),
        _("Thank you: {role}"),
        _("Thank you: {company}"),
        _("Thank you for your time"),
    ),
}
_GREETINGS = (_("Dear {contact},"), _("Hello,"))
_THANKS: dict[EmailKind, tuple[str, ...]] = {
    EmailKind.DECLINE: (
        _("Thank you for inviting me to interview for the {role} role at {company}."),
        _("Thank you for inviting me to interview for the {role} role with your team."),
        _("Thank you for inviting me to interview for the role at {company}."),
        _("Thank you for inviting me to interview for the role with your team."),
    ),
    EmailKind.WITHDRAW: (
        _("Thank you for considering me for the {role} role at {company}."),
        _("Thank you for considering me for the {role} role with your team."),
        _("Thank you for considering me for the role at {company}."),
        _("Thank you for considering me for the role with your team."),
    ),
    EmailKind.WITHDRAW_AFTER_INTERVIEW: (
        _(
            "Thank you for taking the time to interview me for the {role} role "
            "at {company}."
        ),
        _("Thank you for taking the time to interview me for the {role} role."),
        _("Thank you for taking the time to interview me for the role at {company}."),
        _("Thank you for taking the time to interview me."),
    ),
    EmailKind.DECLINE_OFFER: (
        _("Thank you for offering me the {role} role at {company}."),
        _("Thank you for offering me the {role} role."),
        _("Thank you for offering me the role at {company}."),
        _("Thank you for offering me the role."),
    ),
    EmailKind.THANK_YOU: (
        _(
            "Thank you for taking the time to talk with me about the {role} role "
            "at {company}."
        ),
        _("Thank you for taking the time to talk with me about the {role} role."),
        _("Thank you for taking the time to talk with me about the role at {company}."),
        _("Thank you for taking the time to talk with me about the role."),
    ),
}
# What the email says it does, for each kind and reason; a thank-you note
# gives no reason.
_DECISIONS: dict[tuple[EmailKind, EmailReason], str] = {
    (EmailKind.DECLINE, EmailReason.NONE): _(
        "I have decided to decline the interview."
    ),
    (EmailKind.DECLINE, EmailReason.ACCEPTED_OTHER): _(
        "I have accepted an offer elsewhere, so I have decided to decline the "
        "interview."
    ),
    (EmailKind.DECLINE, EmailReason.RETHINKING_GOALS): _(
        "I am rethinking my career direction, so I have decided to decline the "
        "interview."
    ),
    (EmailKind.DECLINE, EmailReason.NOT_RIGHT_FIT): _(
        "Having thought it over, I don't think the role is the right fit for me, "
        "so I have decided to decline the interview."
    ),
    (EmailKind.WITHDRAW, EmailReason.NONE): _(
        "I would like to withdraw my application."
    ),
    (EmailKind.WITHDRAW, EmailReason.ACCEPTED_OTHER): _(
        "I have accepted an offer elsewhere, so I would like to withdraw my "
        "application."
    ),
    (EmailKind.WITHDRAW, EmailReason.RETHINKING_GOALS): _(
        "I am rethinking my career direction, so I would like to withdraw my "
        "application."
    ),
    (EmailKind.WITHDRAW, EmailReason.NOT_RIGHT_FIT): _(
        "Having thought it over, I don't think the role is the right fit for me, "
        "so I would like to withdraw my application."
    ),
    (EmailKind.WITHDRAW_AFTER_INTERVIEW, EmailReason.NONE): _(
        "After careful thought, I would like to withdraw from the process."
    ),
    (EmailKind.WITHDRAW_AFTER_INTERVIEW, EmailReason.ACCEPTED_OTHER): _(
        "I have accepted an offer elsewhere, so I would like to withdraw from the "
        "process."
    ),
    (EmailKind.WITHDRAW_AFTER_INTERVIEW, EmailReason.RETHINKING_GOALS): _(
        "I am rethinking my career direction, so I would like to withdraw from "
        "the process."
    ),
    (EmailKind.WITHDRAW_AFTER_INTERVIEW, EmailReason.NOT_RIGHT_FIT): _(
        "Having thought it over, I don't think the role is the right fit for me, "
        "so I would like to withdraw from the process."
    ),
    (EmailKind.DECLINE_OFFER, EmailReason.NONE): _(
        "After careful thought, I have decided not to accept it."
    ),
    (EmailKind.DECLINE_OFFER, EmailReason.ACCEPTED_OTHER): _(
        "I have accepted another offer, so I have decided not to accept this one."
    ),
    (EmailKind.DECLINE_OFFER, EmailReason.RETHINKING_GOALS): _(
        "I am rethinking my career direction, so I have decided not to accept it."
    ),
    (EmailKind.DECLINE_OFFER, EmailReason.NOT_RIGHT_FIT): _(
        "Having thought it over, I don't think the role is the right fit for me, "
        "so I have decided not to accept it."
    ),
}
_ENJOYED = _("I enjoyed learning more about the team and its work.")
_KEEP_IN_MIND = _("Please keep me in mind for roles closer to {keep_in_mind_for}.")
_DOOR_OPEN = _("I would welcome hearing about future openings.")
_GOOD_WISHES: dict[EmailKind, str] = {
    EmailKind.DECLINE: _("I wish you every success in finding the right candidate."),
    EmailKind.WITHDRAW: _("I wish you every success in finding the right candidate."),
    EmailKind.WITHDRAW_AFTER_INTERVIEW: _(
        "I wish you every success in finding the right candidate."
    ),
    EmailKind.DECLINE_OFFER: _("I wish you and the team every success."),
    EmailKind.THANK_YOU: _("I look forward to hearing about the next steps."),
}
_SIGN_OFFS = (_("Best regards,\n{your_name}"), _("Best regards,\n[Your name]"))


@dataclass(frozen=True)
class Email:
    subject: str
    body: str
    kind: EmailKind
    reason: EmailReason


def draft_email(
    context: Context,
    *,
    reason: EmailReason | str = EmailReason.NONE,
    kind: EmailKind | str = EmailKind.DECLINE,
    keep_door_open: bool = False,
    keep_in_mind_for: str = "",
) -> Email:
    """A prompt, polite and brief message for one step of the process.

    Thanks them, says what the person has decided (with a brief reason if
    they chose one), optionally asks them to keep the person in mind, and
    wishes them well.
    """
    reason, kind = EmailReason(reason), EmailKind(kind)
    values = _values(context) | {"keep_in_mind_for": _clean(keep_in_mind_for)}
    thanks = _most_specific(_THANKS[kind], values)
    if kind is EmailKind.THANK_YOU:
        decision = translate(_ENJOYED)
    else:
        decision = translate(_DECISIONS[kind, reason])
    door = ""
    if values["keep_in_mind_for"]:
        door = _fill(translate(_KEEP_IN_MIND), values) + " "
    elif keep_door_open:
        door = translate(_DOOR_OPEN) + " "
    paragraphs = [
        _most_specific(_GREETINGS, values),
        f"{thanks} {decision}",
        door + translate(_GOOD_WISHES[kind]),
        _most_specific(_SIGN_OFFS, values),
    ]
    return Email(
        subject=_most_specific(_SUBJECTS[kind], values),
        body="\n\n".join(paragraphs),
        kind=kind,
        reason=EmailReason.NONE if kind is EmailKind.THANK_YOU else reason,
    )


def default_email_options(verdict: Verdict) -> tuple[EmailReason, EmailKind]:
    """Having accepted an offer elsewhere, say so and withdraw; else just decline."""
    if "accepted_offer" in verdict.situations:
        return EmailReason.ACCEPTED_OTHER, EmailKind.WITHDRAW
    return EmailReason.NONE, EmailKind.DECLINE


def keeps_door_open(verdict: Verdict) -> bool:
    """A decline leaves the door open when the company or its people matter."""
    reasons = {reason.factor for reason in verdict.reasons}
    return "desirable_company" in verdict.situations or "networking" in reasons


# The checklist: general items for everyone, and items tailored to answers.


@dataclass(frozen=True)
class Group:
    id: str
    title: str


GROUPS: tuple[Group, ...] = (
    Group("prepare", _("Before the interview")),
    Group("questions", _("Questions to ask them")),
    Group("answers", _("Answering their questions")),
    Group("impression", _("On the day")),
    Group("tailored", _("Because of your situation")),
    Group("afterwards", _("After the interview")),
)
GROUPS_BY_ID: dict[str, Group] = {group.id: group for group in GROUPS}


@dataclass(frozen=True)
class ChecklistItem:
    id: str
    text: str
    section: str
    group: str


@dataclass(frozen=True)
class When:
    """Answers that bring an item in: all of them, or with `any_of`, any one."""

    answers: Mapping[str, tuple[str, ...]]
    any_of: bool = False

    def holds(self, answers: Mapping[str, str]) -> bool:
        matches = (answers.get(q) in values for q, values in self.answers.items())
        return any(matches) if self.any_of else all(matches)


@dataclass(frozen=True)
class _Item:
    id: str
    group: str
    section: str
    # Whole sentences, most specific first, over {role}, {company} and {date}.
    sentences: tuple[str, ...]
    # None means the item is for everyone.
    when: When | None = None


_NOT_KEEN = When(
    {"interest": ("none", "low"), "company_appeal": ("neutral", "undesirable")}
)
_KEEN = When({"interest": ("open",), "company_appeal": ("desirable",)}, any_of=True)
_NEEDS_PRACTICE = When({"interview_practice": ("rusty", "nervous")})

_ITEMS: tuple[_Item, ...] = (
    _Item(
        id="research_company",
        group="prepare",
        section=PRACTICE_TIPS_SECTION,
        sentences=(
            _(
                "Before {date:%A} {date.day} {date:%B}, research {company}: what "
                "it does, what it stands for and what it has been working on "
                "lately."
            ),
            _(
                "Before {date:%A} {date.day} {date:%B}, research the company: "
                "what it does, what it stands for and what it has been working "
                "on lately."
            ),
            _(
                "Research {company}: what it does, what it stands for and what "
                "it has been working on lately."
            ),
            _(
                "Research the company: what it does, what it stands for and what "
                "it has been working on lately."
            ),
        ),
    ),
    _Item(
        id="match_your_skills",
        group="prepare",
        section=PRACTICE_TIPS_SECTION,
        sentences=(
            _(
                "Go through the {role} job description line by line and note "
                "which of your skills and results answer each requirement."
            ),
            _(
                "Go through the job description line by line and note which of "
                "your skills and results answer each requirement."
            ),
        ),
    ),
    _Item(
        id="tailor_your_cv",
        group="prepare",
        section=DRAWBACKS_SECTION,
        sentences=(
            _(
                "Tailor your CV to the {role} role, putting first the experience "
                "that matches what they ask for."
            ),
            _(
                "Tailor your CV to the role, putting first the experience that "
                "matches what they ask for."
            ),
        ),
    ),
    _Item(
        id="practise_aloud",
        group="prepare",
        section=BENEFITS_SECTION,
        when=_NEEDS_PRACTICE,
        sentences=(
            _(
                "Practise your answers out loud, with a friend if you can, "
                'starting with "Tell me about yourself" and "Why this job?"'
            ),
        ),
    ),
    _Item(
        id="ask_about_strategy",
        group="questions",
        section=PRACTICE_TIPS_SECTION,
        sentences=(
            _(
                "Prepare a question about where the business is heading, such as "
                '"What are the main priorities at {company} for the next few '
                'years?"'
            ),
            _(
                "Prepare a question about where the business is heading, such as "
                '"What are the main priorities here for the next few years?"'
            ),
        ),
    ),
    _Item(
        id="ask_about_challenges",
        group="questions",
        section=PRACTICE_TIPS_SECTION,
        sentences=(
            _(
                "Ask about the team's hardest problems, such as "
                '"What is the biggest challenge your team is working through '
                'right now?"'
            ),
        ),
    ),
    _Item(
        id="ask_about_success",
        group="questions",
        section=PRACTICE_TIPS_SECTION,
        sentences=(
            _(
                'Ask how success is judged, such as "Six months in, how would you '
                'know that the person in the {role} role is doing well?"'
            ),
            _(
                'Ask how success is judged, such as "Six months in, how would you '
                'know that the person in this role is doing well?"'
            ),
        ),
    ),
    _Item(
        id="answer_career_goals",
        group="answers",
        section=PRACTICE_TIPS_SECTION,
        when=_NOT_KEEN,
        sentences=(
            _(
                "When they ask where you see your career going, don't pretend "
                "this is your dream job, and don't dismiss it either. Say you're "
                "weighing your options, for example: \"I'm looking at what's out "
                "there, and what I've seen of {company} made me want to learn "
                'more."'
            ),
            _(
                "When they ask where you see your career going, don't pretend "
                "this is your dream job, and don't dismiss it either. Say you're "
                "weighing your options, for example: \"I'm looking at what's out "
                "there, and what I've seen of your work made me want to learn "
                'more."'
            ),
        ),
    ),
    _Item(
        id="share_what_draws_you",
        group="answers",
        section=PRACTICE_TIPS_SECTION,
        when=_KEEN,
        sentences=(
            _(
                "When they ask where you see your career going, say honestly "
                "what draws you to {company} and that you are exploring what "
                "would suit you best."
            ),
            _(
                "When they ask where you see your career going, say honestly "
                "what draws you to the company and that you are exploring what "
                "would suit you best."
            ),
        ),
    ),
    _Item(
        id="decide_how_to_answer_an_offer",
        group="answers",
        section=DRAWBACKS_SECTION,
        when=When({"interest": ("none",)}),
        sentences=(
            _(
                "Decide now how you would answer if they offered you the job, so "
                "you can reply promptly and graciously rather than keep them "
                "waiting."
            ),
        ),
    ),
    _Item(
        id="leave_good_impression",
        group="impression",
        section=PRACTICE_TIPS_SECTION,
        sentences=(
            _(
                "Arrive on time, well prepared and friendly, so you're remembered "
                "for good reasons: people change jobs, and this interviewer could "
                "be hiring for a role that suits you better next year."
            ),
        ),
    ),
    _Item(
        id="ask_for_a_convenient_slot",
        group="tailored",
        section=DRAWBACKS_SECTION,
        when=When({"discreet_time": ("hard",)}),
        sentences=(
            _(
                "Ask for an early, late or video interview, so you can fit it "
                "around your current job without drawing attention."
            ),
        ),
    ),
    _Item(
        id="keep_up_momentum",
        group="tailored",
        section=KEY_SITUATIONS_SECTION,
        when=When(
            {
                "employment": ("unemployed",),
                "other_process": ("none", "early_stages", "final_stages"),
            }
        ),
        sentences=(
            _(
                "Keep applying for the jobs you really want meanwhile, and use "
                "this interview to keep your skills sharp and your confidence up."
            ),
        ),
    ),
    _Item(
        id="align_timelines",
        group="tailored",
        section=KEY_SITUATIONS_SECTION,
        when=When({"other_process": ("final_stages",)}),
        sentences=(
            _(
                "Tell your top-choice employer honestly that you have another "
                "process under way, and keep both timelines in step so you can "
                "compare offers."
            ),
        ),
    ),
    _Item(
        id="negotiate_with_offer",
        group="tailored",
        section=KEY_SITUATIONS_SECTION,
        when=When({"other_process": ("final_stages",)}),
        sentences=(
            _(
                "If {company} makes an offer, mention it truthfully when you "
                "negotiate pay and terms with your top choice."
            ),
            _(
                "If the company makes an offer, mention it truthfully when you "
                "negotiate pay and terms with your top choice."
            ),
        ),
    ),
    _Item(
        id="ask_about_other_openings",
        group="tailored",
        section=KEY_SITUATIONS_SECTION,
        when=When({"company_appeal": ("desirable",)}),
        sentences=(
            _(
                "Ask which other teams at {company} are growing and whether "
                "openings that suit you better may come up."
            ),
            _(
                "Ask which other teams here are growing and whether openings that "
                "suit you better may come up."
            ),
        ),
    ),
    _Item(
        id="learn_the_field",
        group="tailored",
        section=KEY_SITUATIONS_SECTION,
        when=When({"career_pivot": ("yes",)}),
        sentences=(
            _(
                "Learn the field's everyday vocabulary and the problems people in "
                "it are solving, and notice whether the work suits where you want "
                "to be."
            ),
        ),
    ),
    _Item(
        id="learn_pay_and_benefits",
        group="tailored",
        section=BENEFITS_SECTION,
        when=When({"market_insight": ("wanted", "unsure")}),
        sentences=(
            _(
                "Note what you learn about pay, benefits and ways of working for "
                "the {role} role, so you know your market value when comparing "
                "offers."
            ),
            _(
                "Note what you learn about pay, benefits and ways of working for "
                "this role, so you know your market value when comparing offers."
            ),
        ),
    ),
    _Item(
        id="send_thank_you_note",
        group="afterwards",
        section=PRACTICE_TIPS_SECTION,
        sentences=(
            _(
                "Within a day, send the interviewer a short thank-you note: "
                "it is a courtesy, and it helps them remember you well."
            ),
        ),
    ),
    _Item(
        id="stay_in_touch",
        group="afterwards",
        section=BENEFITS_SECTION,
        when=When({"network_value": ("high", "unsure")}),
        sentences=(
            _(
                "Connect with the people you met on a professional network, so "
                "they can think of you when a better-suited opening comes up."
            ),
        ),
    ),
    _Item(
        id="review_afterwards",
        group="afterwards",
        section=BENEFITS_SECTION,
        when=_NEEDS_PRACTICE,
        sentences=(
            _(
                "Straight after the interview, write down what went well and "
                "which answers you want to sharpen next time."
            ),
        ),
    ),
)


def prep_checklist(verdict: Verdict, context: Context) -> tuple[ChecklistItem, ...]:
    """What to do before and after the interview, fitted to the answers judged."""
    values = _values(context)
    return tuple(
        ChecklistItem(
            id=item.id,
            text=_most_specific(item.sentences, values),
            section=item.section,
            group=item.group,
        )
        for item in _ITEMS
        if item.when is None or item.when.holds(verdict.answers)
    )


# What the person gets next: the email and the checklist, the one that fits
# the recommendation first.


@dataclass(frozen=True)
class FollowUp:
    email: Email
    checklist: tuple[ChecklistItem, ...]
    # The email fits a decline and comes first; the checklist fits an interview.
    email_first: bool

    def to_dict(self) -> dict[str, Any]:
        """The API's shape: both, whatever the recommendation."""
        return {
            "decline_email": asdict(self.email),
            "checklist": [asdict(item) for item in self.checklist],
        }


def follow_up(
    verdict: Verdict,
    context: Context,
    *,
    reason: EmailReason | str | None = None,
    kind: EmailKind | str | None = None,
    keep_in_mind_for: str = "",
) -> FollowUp:
    """The email and the checklist; options left out take the verdict's defaults."""
    default_reason, default_kind = default_email_options(verdict)
    email = draft_email(
        context,
        reason=reason or default_reason,
        kind=kind or default_kind,
        keep_door_open=keeps_door_open(verdict),
        keep_in_mind_for=keep_in_mind_for,
    )
    return FollowUp(
        email=email,
        checklist=prep_checklist(verdict, context),
        email_first=verdict.recommendation is Recommendation.DECLINE,
    )
