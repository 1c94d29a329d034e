"""A person's own record: every one of their decisions and journals summed up.

Plain values in, plain counts out. No Django import.
"""

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum

from decisions.engine import Recommendation
from journal.timeline import (
    BENEFITS,
    DRAWBACKS,
    TURNED_DOWN_STEPS,
    Regret,
    Step,
    WorthIt,
)


class Reply(StrEnum):
    """What a person did first about an invitation, by their journal."""

    TOOK = "took"
    TURNED_DOWN = "turned_down"
    NOT_RECORDED = "not_recorded"


def first_reply(steps: tuple[Step, ...]) -> Reply:
    if not steps:
        return Reply.NOT_RECORDED
    return Reply.TURNED_DOWN if steps[0] in TURNED_DOWN_STEPS else Reply.TOOK


@dataclass(frozen=True)
class Kept:
    """One decision as the record counts it; no recommendation while unfinished."""

    recommendation: Recommendation | None
    steps: tuple[Step, ...] = ()
    worth_it: WorthIt | None = None
    regret: Regret | None = None
    benefits: tuple[str, ...] = ()
    drawbacks: tuple[str, ...] = ()


@dataclass(frozen=True)
class Row:
    """What a person did about the invitations given one recommendation."""

    recommendation: Recommendation
    took: int
    turned_down: int
    not_recorded: int

    @property
    def total(self) -> int:
        return self.took + self.turned_down + self.not_recorded

    @property
    def followed(self) -> int:
        """Replies that did what the recommendation said."""
        if self.recommendation is Recommendation.INTERVIEW:
            return self.took
        return self.turned_down


@dataclass(frozen=True)
class Record:
    unfinished: int
    rows: tuple[Row, ...]
    attended: int
    offers: int
    offers_accepted: int
    worth_it: tuple[tuple[WorthIt, int], ...]
    regrets: tuple[tuple[Regret, int], ...]
    benefits: tuple[tuple[str, int], ...]
    drawbacks: tuple[tuple[str, int], ...]

    @property
    def invitations(self) -> int:
        """Decisions with a verdict: the invitations weighed."""
        return sum(row.total for row in self.rows)

    @property
    def replied(self) -> int:
        return sum(row.took + row.turned_down for row in self.rows)

    @property
    def followed(self) -> int:
        return sum(row.followed for row in self.rows)

    @property
    def looked_back_on_going(self) -> int:
        return sum(count for _, count in self.worth_it)

    @property
    def looked_back_on_staying_away(self) -> int:
        return sum(count for _, count in self.regrets)


def record(decisions: Iterable[Kept]) -> Record:
    replies: Counter[tuple[Recommendation, Reply]] = Counter()
    steps: Counter[Step] = Counter()
    worth_it: Counter[WorthIt] = Counter()
    regrets: Counter[Regret] = Counter()
    got: Counter[str] = Counter()
    unfinished = 0
    for kept in decisions:
        if kept.recommendation is None:
            unfinished += 1
            continue
        replies[kept.recommendation, first_reply(kept.steps)] += 1
        steps.update(set(kept.steps))
        if kept.worth_it is not None:
            worth_it[kept.worth_it] += 1
        if kept.regret is not None:
            regrets[kept.regret] += 1
        got.update(set(kept.benefits) | set(kept.drawbacks))
    return Record(
        unfinished=unfinished,
        rows=tuple(
            Row(
                recommendation,
                took=replies[recommendation, Reply.TOOK],
                turned_down=replies[recommendation, Reply.TURNED_DOWN],
                not_recorded=replies[recommendation, Reply.NOT_RECORDED],
            )
            for recommendation in Recommendation
        ),
        attended=steps[Step.ATTENDED],
        offers=steps[Step.OFFER_RECEIVED],
        offers_accepted=steps[Step.OFFER_ACCEPTED],
        worth_it=tuple((answer, worth_it[answer]) for answer in WorthIt),
        regrets=tuple((answer, regrets[answer]) for answer in Regret),
        benefits=tuple((factor, got[factor]) for factor in BENEFITS),
        drawbacks=tuple((factor, got[factor]) for factor in DRAWBACKS),
    )
