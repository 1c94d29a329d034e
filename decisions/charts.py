"""Geometry for the weighing chart: one bar per weight, for and against, each
with the reason behind it.

The template lays every bar out beside its reason, so the chart and the reasons
are one list; this module only works out their order, the bars' lengths and the
totals.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol

from decisions.engine import Direction

BAR_HEIGHT = 12
# Bars are drawn in a box this wide, the heaviest weight filling it.
CHART_WIDTH = 100


@dataclass(frozen=True)
class Bar:
    label: str
    direction: Direction
    weight: int
    width: int
    text: str
    section: str

    @property
    def is_for(self) -> bool:
        return self.direction is Direction.FOR


@dataclass(frozen=True)
class Chart:
    bars: tuple[Bar, ...]
    total_for: int
    total_against: int
    width: int = CHART_WIDTH
    bar_height: int = BAR_HEIGHT


class Situated(Protocol):
    """A key situation, or a stand-in for one today's rules retired."""

    @property
    def title(self) -> str: ...

    @property
    def summary(self) -> str: ...

    @property
    def section(self) -> str: ...

    @property
    def direction(self) -> Direction: ...

    @property
    def weight(self) -> int: ...


class Weighed(Protocol):
    """A factor, or a stand-in for one today's rules retired."""

    @property
    def title(self) -> str: ...


class Weight(Protocol):
    """A reason: how much an answer weighs, which way, and why."""

    @property
    def direction(self) -> Direction: ...

    @property
    def weight(self) -> int: ...

    @property
    def text(self) -> str: ...

    @property
    def section(self) -> str: ...


def weighing(
    situations: Sequence[Situated], reasons: Sequence[tuple[Weight, Weighed]]
) -> Chart:
    """Key situations and reasons as bars, strongest first, scaled to the largest.

    `reasons` are (reason, factor) pairs: the reason's weight and text, the
    factor's title.
    """
    weights = [
        (s.title, s.direction, s.weight, s.summary, s.section) for s in situations
    ] + [
        (factor.title, reason.direction, reason.weight, reason.text, reason.section)
        for reason, factor in reasons
    ]
    weights.sort(key=lambda item: -item[2])
    largest = max((item[2] for item in weights), default=1)
    bars = tuple(
        Bar(
            label=label,
            direction=direction,
            weight=weight,
            width=max(1, round(CHART_WIDTH * weight / largest)),
            text=text,
            section=section,
        )
        for label, direction, weight, text, section in weights
    )
    return Chart(
        bars=bars,
        total_for=sum(bar.weight for bar in bars if bar.is_for),
        total_against=sum(bar.weight for bar in bars if not bar.is_for),
    )
