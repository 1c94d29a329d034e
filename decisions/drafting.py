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
from dataclasses import asdict, dataclass
from enum import StrEnum
from typing import Any

from decisions.engine import (
    BENEFITS_SECTION,
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
    """One line of text: control characters and runs of whitespace become a space.

    This keeps a name typed with a line break from starting a new email header.
    """
    if not value:
        return ""
    visible = "".join(
        " " if unicodedata.category(char) == "Cc" else char for char in value
    )
    return " ".join(visible.split())


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
            return translate(sentence).format(**values)
    raise ValueError(f"No sentence fits: {sentences[-1]!r}")


# The decline email: short enough to stay under 120 words even when every
# name is 100 characters long.


class EmailReason(StrEnum):
    NONE = "none"
    ACCEPTED_OTHER = "accepted_other"
    RETHINKING_GOALS = "rethinking_goals"


class EmailKind(StrEnum):
    DECLINE = "decline"
    WITHDRAW = "withdraw"


EMAIL_REASON_LABELS: dict[EmailReason, str] = {
    EmailReason.NONE: _("No reason"),
    EmailReason.ACCEPTED_OTHER: _("I've accepted another position"),
    EmailReason.RETHINKING_GOALS: _("I'm re-evaluating my career goals"),
}
EMAIL_KIND_LABELS: dict[EmailKind, str] = {
    EmailKind.DECLINE: _("Decline the interview"),
    EmailKind.WITHDRAW: _("Withdraw my application"),
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
}
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
}
_DOOR_OPEN = _("I would welcome hearing about future openings.")
_GOOD_WISHES = _("I wish you every success in finding the right candidate.")
_SIGN_OFFS = (_("Best regards,\n{your_name}"), _("Best regards"))


@dataclass(frozen=True)
class Email:
    subject: str
    body: str


def decline_email(
    context: Context,
    *,
    reason: EmailReason | str = EmailReason.NONE,
    kind: EmailKind | str = EmailKind.DECLINE,
    keep_door_open: bool = False,
) -> Email:
    """A prompt, polite and brief message turning the interview down."""
    reason, kind = EmailReason(reason), EmailKind(kind)
    values = {
        "role": _clean(context.role_title),
        "company": _clean(context.company_name),
        "contact": _clean(context.contact_name),
        "your_name": _clean(context.your_name),
    }
    thanks = _most_specific(_THANKS[kind], values)
    wishes = translate(_GOOD_WISHES)
    paragraphs = [
        _most_specific(_GREETINGS, values),
        f"{thanks} {translate(_DECISIONS[kind, reason])}",
        f"{translate(_DOOR_OPEN)} {wishes}" if keep_door_open else wishes,
        _most_specific(_SIGN_OFFS, values),
    ]
    return Email(
        subject=_most_specific(_SUBJECTS[kind], values),
        body="\n\n".join(paragraphs),
    )


def keeps_door_open(verdict: Verdict) -> bool:
    """A decline leaves the door open when the company or its people matter."""
    reasons = {reason.factor for reason in verdict.reasons}
    return "desirable_company" in verdict.situations or "networking" in reasons


# The checklist: general items always, tailored ones when the verdict shows
# the reason they serve.


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
)
GROUPS_BY_ID: dict[str, Group] = {group.id: group for group in GROUPS}


@dataclass(frozen=True)
class ChecklistItem:
    id: str
    text: str
    section: str
    group: str


@dataclass(frozen=True)
class _Item:
    id: str
    group: str
    section: str
    # Whole sentences, most specific first, over {role}, {company} and {date}.
    sentences: tuple[str, ...]
    # A situation or factor id from the engine; None means always included.
    trigger: str | None = None


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
        id="align_timelines",
        group="tailored",
        section=KEY_SITUATIONS_SECTION,
        trigger="leverage",
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
        trigger="leverage",
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
        id="learn_pay_and_benefits",
        group="tailored",
        section=BENEFITS_SECTION,
        trigger="market_insight",
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
        group="tailored",
        section=BENEFITS_SECTION,
        trigger="networking",
        sentences=(
            _(
                "Within a day, send the interviewer a short thank-you note and "
                "connect with them on a professional network."
            ),
        ),
    ),
    _Item(
        id="review_afterwards",
        group="tailored",
        section=BENEFITS_SECTION,
        trigger="practice",
        sentences=(
            _(
                "Straight after the interview, write down what went well and "
                "which answers you want to sharpen next time."
            ),
        ),
    ),
    _Item(
        id="ask_about_other_openings",
        group="tailored",
        section=KEY_SITUATIONS_SECTION,
        trigger="desirable_company",
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
        trigger="career_pivot",
        sentences=(
            _(
                "Learn the field's everyday vocabulary and the problems people in "
                "it are solving, and notice whether the work suits where you want "
                "to be."
            ),
        ),
    ),
)


def prep_checklist(verdict: Verdict, context: Context) -> tuple[ChecklistItem, ...]:
    """What to do before and after the interview, personalised and in order."""
    applies = set(verdict.situations) | {reason.factor for reason in verdict.reasons}
    values = {
        "role": _clean(context.role_title),
        "company": _clean(context.company_name),
        "date": context.interview_date,
    }
    return tuple(
        ChecklistItem(
            id=item.id,
            text=_most_specific(item.sentences, values),
            section=item.section,
            group=item.group,
        )
        for item in _ITEMS
        if item.trigger is None or item.trigger in applies
    )


# What the person gets next: exactly one of the email and the checklist.


@dataclass(frozen=True)
class FollowUp:
    email: Email | None = None
    checklist: tuple[ChecklistItem, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        """The API's shape: one of the two is given, the other is null."""
        if self.email is not None:
            return {"decline_email": asdict(self.email), "checklist": None}
        return {
            "decline_email": None,
            "checklist": [asdict(item) for item in self.checklist],
        }


def follow_up(
    verdict: Verdict,
    context: Context,
    *,
    reason: EmailReason | str = EmailReason.NONE,
    kind: EmailKind | str = EmailKind.DECLINE,
) -> FollowUp:
    """The decline email for a decline, the practice checklist for an interview."""
    if verdict.recommendation is Recommendation.DECLINE:
        return FollowUp(
            email=decline_email(
                context,
                reason=reason,
                kind=kind,
                keep_door_open=keeps_door_open(verdict),
            )
        )
    return FollowUp(checklist=prep_checklist(verdict, context))
