"""The decline email and the interview checklist, built from plain values.

The email follows the article's "How to Professionally Decline an Interview"
and the checklist its "Tips for a Successful Practice Interview", both in our
own words. Everything returned is plain text with the person's values
inserted as typed; whoever displays it escapes it. No Django import here.
"""

import datetime
import unicodedata
from dataclasses import dataclass
from typing import Any

from decisions.engine import (
    BENEFITS_SECTION,
    DECLINE,
    KEY_SITUATIONS_SECTION,
    PRACTICE_TIPS_SECTION,
    Verdict,
)


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


# The decline email: short enough to stay under 120 words even when every
# name is 100 characters long.

REASONS = ("none", "accepted_other", "rethinking_goals")
KINDS = ("decline", "withdraw")

_SUBJECTS = {
    "decline": "Declining the interview",
    "withdraw": "Withdrawing my application",
}
_THANKS = {
    "decline": "Thank you for inviting me to interview for {position}.",
    "withdraw": "Thank you for considering me for {position}.",
}
_DECISIONS = {
    "decline": "I have decided to decline the interview",
    "withdraw": "I would like to withdraw my application",
}
_REASON_CLAUSES = {
    "accepted_other": "I have accepted an offer elsewhere",
    "rethinking_goals": "I am rethinking my career direction",
}
_DOOR_OPEN = "I would welcome hearing about future openings."
_GOOD_WISHES = "I wish you every success in finding the right candidate."
_SIGN_OFF = "Best regards"


@dataclass(frozen=True)
class Email:
    subject: str
    body: str

    def to_dict(self) -> dict[str, Any]:
        return {"subject": self.subject, "body": self.body}


def decline_email(
    context: Context,
    *,
    reason: str = "none",
    kind: str = "decline",
    keep_door_open: bool = False,
) -> Email:
    """A prompt, polite and brief message turning the interview down."""
    if reason not in REASONS:
        raise ValueError(f"Unknown reason {reason!r}; expected one of {REASONS}.")
    if kind not in KINDS:
        raise ValueError(f"Unknown kind {kind!r}; expected one of {KINDS}.")
    role = _clean(context.role_title)
    company = _clean(context.company_name)
    contact = _clean(context.contact_name)
    your_name = _clean(context.your_name)

    subject_target = " at ".join(name for name in (role, company) if name)
    position = f"the {role} role" if role else "the role"
    position += f" at {company}" if company else " with your team"
    decision = _DECISIONS[kind]
    if reason in _REASON_CLAUSES:
        decision = f"{_REASON_CLAUSES[reason]}, so {decision}"

    paragraphs = [
        f"Dear {contact}," if contact else "Hello,",
        f"{_THANKS[kind].format(position=position)} {decision}.",
        f"{_DOOR_OPEN} {_GOOD_WISHES}" if keep_door_open else _GOOD_WISHES,
        f"{_SIGN_OFF},\n{your_name}" if your_name else _SIGN_OFF,
    ]
    subject = _SUBJECTS[kind]
    if subject_target:
        subject = f"{subject}: {subject_target}"
    return Email(subject=subject, body="\n\n".join(paragraphs))


# The checklist: general items always, tailored ones when the verdict shows
# the reason they serve.

GROUPS = ("prepare", "questions", "answers", "impression", "tailored")


@dataclass(frozen=True)
class ChecklistItem:
    id: str
    text: str
    section: str
    group: str

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "text": self.text,
            "section": self.section,
            "group": self.group,
        }


@dataclass(frozen=True)
class _ItemTemplate:
    id: str
    group: str
    section: str
    # A str.format template over the phrases built by _phrases().
    text: str
    # A situation or factor id from the engine; None means always included.
    trigger: str | None = None


_ITEMS: tuple[_ItemTemplate, ...] = (
    _ItemTemplate(
        id="research_company",
        group="prepare",
        section=PRACTICE_TIPS_SECTION,
        text="{research} {company}: what it does, what it stands for and what it "
        "has been working on lately.",
    ),
    _ItemTemplate(
        id="match_your_skills",
        group="prepare",
        section=PRACTICE_TIPS_SECTION,
        text="Go through {job_description} line by line and note which of your "
        "skills and results answer each requirement.",
    ),
    _ItemTemplate(
        id="ask_about_strategy",
        group="questions",
        section=PRACTICE_TIPS_SECTION,
        text="Prepare a question about where the business is heading, such as "
        '"What are the main priorities {at_company} for the next few years?"',
    ),
    _ItemTemplate(
        id="ask_about_challenges",
        group="questions",
        section=PRACTICE_TIPS_SECTION,
        text="Ask about the team's hardest problems, such as "
        '"What is the biggest challenge your team is working through right now?"',
    ),
    _ItemTemplate(
        id="ask_about_success",
        group="questions",
        section=PRACTICE_TIPS_SECTION,
        text="Ask how success is judged, such as "
        '"Six months in, how would you know that the person {in_role} is doing '
        'well?"',
    ),
    _ItemTemplate(
        id="answer_career_goals",
        group="answers",
        section=PRACTICE_TIPS_SECTION,
        text="When they ask where you see your career going, don't pretend this is "
        "your dream job, and don't dismiss it either. Say you're weighing your "
        "options, for example: \"I'm looking at what's out there, and what I've "
        'seen of {company_or_your_work} made me want to learn more."',
    ),
    _ItemTemplate(
        id="leave_good_impression",
        group="impression",
        section=PRACTICE_TIPS_SECTION,
        text="Arrive on time, well prepared and friendly, so you're remembered for "
        "good reasons: people change jobs, and this interviewer could be hiring "
        "for a role that suits you better next year.",
    ),
    _ItemTemplate(
        id="align_timelines",
        group="tailored",
        section=KEY_SITUATIONS_SECTION,
        trigger="leverage",
        text="Tell your top-choice employer honestly that you have another "
        "process under way, and keep both timelines in step so you can compare "
        "offers.",
    ),
    _ItemTemplate(
        id="negotiate_with_offer",
        group="tailored",
        section=KEY_SITUATIONS_SECTION,
        trigger="leverage",
        text="If {company} makes an offer, mention it truthfully when you "
        "negotiate pay and terms with your top choice.",
    ),
    _ItemTemplate(
        id="learn_pay_and_benefits",
        group="tailored",
        section=BENEFITS_SECTION,
        trigger="market_insight",
        text="Note what you learn about pay, benefits and ways of working for "
        "{the_role}, so you know your market value when comparing offers.",
    ),
    _ItemTemplate(
        id="send_thank_you_note",
        group="tailored",
        section=BENEFITS_SECTION,
        trigger="networking",
        text="Within a day, send the interviewer a short thank-you note and "
        "connect with them on a professional network.",
    ),
    _ItemTemplate(
        id="review_afterwards",
        group="tailored",
        section=BENEFITS_SECTION,
        trigger="practice",
        text="Straight after the interview, write down what went well and which "
        "answers you want to sharpen next time.",
    ),
    _ItemTemplate(
        id="ask_about_other_openings",
        group="tailored",
        section=KEY_SITUATIONS_SECTION,
        trigger="desirable_company",
        text="Ask which other teams {at_company} are growing and whether openings "
        "that suit you better may come up.",
    ),
    _ItemTemplate(
        id="learn_the_field",
        group="tailored",
        section=KEY_SITUATIONS_SECTION,
        trigger="career_pivot",
        text="Learn the field's everyday vocabulary and the problems people in it "
        "are solving, and notice whether the work suits where you want to be.",
    ),
)


def _phrases(context: Context) -> dict[str, str]:
    role = _clean(context.role_title)
    company = _clean(context.company_name)
    day = context.interview_date
    return {
        "research": f"Before {day:%A} {day.day} {day:%B}, research"
        if day
        else "Research",
        "company": company or "the company",
        "at_company": f"at {company}" if company else "here",
        "company_or_your_work": company or "your work",
        "job_description": f"the {role} job description"
        if role
        else "the job description",
        "the_role": f"the {role} role" if role else "this role",
        "in_role": f"in the {role} role" if role else "in this role",
    }


def prep_checklist(verdict: Verdict, context: Context) -> tuple[ChecklistItem, ...]:
    """What to do before and after the interview, personalised and in order."""
    applies = set(verdict.situations) | {reason.factor for reason in verdict.reasons}
    phrases = _phrases(context)
    return tuple(
        ChecklistItem(
            id=item.id,
            text=item.text.format(**phrases),
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
            return {"decline_email": self.email.to_dict(), "checklist": None}
        return {
            "decline_email": None,
            "checklist": [item.to_dict() for item in self.checklist],
        }


def keeps_door_open(answers) -> bool:
    """A decline leaves the door open when the company or its people matter."""
    return (
        answers.get("company_appeal") == "desirable"
        or answers.get("network_value") == "high"
    )


def follow_up(
    verdict: Verdict,
    answers,
    context: Context,
    *,
    reason: str = "none",
    kind: str = "decline",
) -> FollowUp:
    """The decline email for a decline, the practice checklist for an interview."""
    if verdict.verdict == DECLINE:
        return FollowUp(
            email=decline_email(
                context,
                reason=reason,
                kind=kind,
                keep_door_open=keeps_door_open(answers),
            )
        )
    return FollowUp(checklist=prep_checklist(verdict, context))
