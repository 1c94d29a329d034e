"""What happened after a verdict: the steps a person records, what may follow
each one, the next thing to do, and when to look back.

A journal is replayed from its steps, as the flow is from its answers: nothing
stores where the person has got to. Today's date comes in as a value, so the
same journal on the same day always gives the same answer. No Django import.
"""

import datetime
from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum

from decisions.wording import gettext_noop as _


class Step(StrEnum):
    DECLINED = "declined"
    WITHDREW = "withdrew"
    INTERVIEW_BOOKED = "interview_booked"
    ATTENDED = "attended"
    OFFER_RECEIVED = "offer_received"
    NO_OFFER = "no_offer"
    OFFER_ACCEPTED = "offer_accepted"
    OFFER_DECLINED = "offer_declined"
    WITHDREW_LATER = "withdrew_later"


STEP_LABELS: dict[Step, str] = {
    Step.DECLINED: _("I declined the interview"),
    Step.WITHDREW: _("I withdrew my application"),
    Step.INTERVIEW_BOOKED: _("Interview booked"),
    Step.ATTENDED: _("I went to the interview"),
    Step.OFFER_RECEIVED: _("They offered me the job"),
    Step.NO_OFFER: _("They didn't offer me the job"),
    Step.OFFER_ACCEPTED: _("I accepted the offer"),
    Step.OFFER_DECLINED: _("I turned the offer down"),
    Step.WITHDREW_LATER: _("I withdrew from the process"),
}

# What may be recorded after each step; None stands for an empty journal. A
# step nothing may follow closes the journal. Another interview may follow
# one attended: a second round.
FOLLOWS: Mapping[Step | None, tuple[Step, ...]] = {
    None: (Step.INTERVIEW_BOOKED, Step.DECLINED, Step.WITHDREW),
    Step.INTERVIEW_BOOKED: (Step.ATTENDED, Step.WITHDREW_LATER),
    Step.ATTENDED: (
        Step.OFFER_RECEIVED,
        Step.NO_OFFER,
        Step.INTERVIEW_BOOKED,
        Step.WITHDREW_LATER,
    ),
    Step.OFFER_RECEIVED: (Step.OFFER_ACCEPTED, Step.OFFER_DECLINED),
    Step.DECLINED: (),
    Step.WITHDREW: (),
    Step.NO_OFFER: (),
    Step.OFFER_ACCEPTED: (),
    Step.OFFER_DECLINED: (),
    Step.WITHDREW_LATER: (),
}

# Only an interview is booked for a day still to come; every other step has
# happened by the time it is recorded.
PLANNED_STEPS = frozenset({Step.INTERVIEW_BOOKED})

# Turning the invitation down, as a first reply, without going.
TURNED_DOWN_STEPS = frozenset({Step.DECLINED, Step.WITHDREW})

# Steps after which the person did not go to (another) interview.
STAYED_AWAY_STEPS = TURNED_DOWN_STEPS | {Step.WITHDREW_LATER}


class WorthIt(StrEnum):
    YES = "yes"
    PARTLY = "partly"
    NO = "no"


WORTH_IT_LABELS: dict[WorthIt, str] = {
    WorthIt.YES: _("Yes, it was worth going"),
    WorthIt.PARTLY: _("Partly"),
    WorthIt.NO: _("No, it wasn't worth it"),
}


class Regret(StrEnum):
    NONE = "none"
    SOME = "some"
    YES = "yes"


REGRET_LABELS: dict[Regret, str] = {
    Regret.NONE: _("No regrets"),
    Regret.SOME: _("A few"),
    Regret.YES: _("Yes, I wish I had gone"),
}

# The article's benefits a person may say they really got, and the drawbacks
# that may have bitten, by the engine's factor ids. Taking another candidate's
# slot is left out: it costs someone else, not the person looking back.
BENEFITS = ("practice", "networking", "market_insight", "hidden_upside")
DRAWBACKS = ("time_cost", "reputation", "awkward_offer")


class LookBack(StrEnum):
    """Which question looking back asks."""

    WENT = "went"  # Was it worth going?
    STAYED_AWAY = "stayed_away"  # Any regrets?


class Todo(StrEnum):
    """The next thing to do about a decision, said in words by a template."""

    FINISH_QUESTIONS = "finish_questions"
    REPLY = "reply"
    WHAT_HAPPENED = "what_happened"
    INTERVIEW = "interview"
    HOW_DID_IT_GO = "how_did_it_go"
    ANY_REGRETS = "any_regrets"
    DECIDE_ON_OFFER = "decide_on_offer"
    WAIT_FOR_NEWS = "wait_for_news"
    NOTHING = "nothing"


@dataclass(frozen=True)
class Entry:
    """One recorded step; an interview booked keeps its time when given."""

    step: Step
    on: datetime.date
    at: datetime.time | None = None


@dataclass(frozen=True)
class Interview:
    on: datetime.date
    at: datetime.time | None = None


@dataclass(frozen=True)
class NextStep:
    todo: Todo
    interview: Interview | None = None


@dataclass(frozen=True)
class Journal:
    """One decision's journal: whether it has a verdict yet, its steps in the
    order recorded, the interview its details gave, and whether the person
    has looked back."""

    decided: bool
    entries: tuple[Entry, ...] = ()
    planned: Interview | None = None
    reflected: bool = False

    @property
    def last(self) -> Step | None:
        return self.entries[-1].step if self.entries else None

    @property
    def steps(self) -> tuple[Step, ...]:
        return tuple(entry.step for entry in self.entries)

    def can_follow(self) -> tuple[Step, ...]:
        """The steps that may be recorded next; none before a verdict."""
        return FOLLOWS[self.last] if self.decided else ()

    def interview(self) -> Interview | None:
        """The latest interview booked, else the one the details gave."""
        for entry in reversed(self.entries):
            if entry.step is Step.INTERVIEW_BOOKED:
                return Interview(entry.on, entry.at)
        return self.planned

    def looking_back(self, today: datetime.date) -> LookBack | None:
        """What to ask once the person went, or chose not to; None before."""
        if Step.ATTENDED in self.steps:
            return LookBack.WENT
        if self.last in STAYED_AWAY_STEPS:
            return LookBack.STAYED_AWAY
        interview = self.interview()
        if self.last is Step.INTERVIEW_BOOKED and interview and interview.on < today:
            return LookBack.WENT
        return None

    def next_step(self, today: datetime.date) -> NextStep:
        if not self.decided:
            return NextStep(Todo.FINISH_QUESTIONS)
        if self.last is Step.OFFER_RECEIVED:
            return NextStep(Todo.DECIDE_ON_OFFER)
        looking_back = self.looking_back(today)
        if looking_back is not None and not self.reflected:
            if looking_back is LookBack.WENT:
                return NextStep(Todo.HOW_DID_IT_GO)
            return NextStep(Todo.ANY_REGRETS)
        if not FOLLOWS[self.last]:
            return NextStep(Todo.NOTHING)
        interview = self.interview()
        is_past = interview is not None and interview.on < today
        if self.last is None:
            return NextStep(Todo.WHAT_HAPPENED if is_past else Todo.REPLY)
        if self.last is Step.INTERVIEW_BOOKED and not is_past:
            return NextStep(Todo.INTERVIEW, interview)
        return NextStep(Todo.WAIT_FOR_NEWS)
