"""Geometry for the weighing chart: a labelled bar per weight, for and against.

The template draws the SVG; this module only works out where things go. Each
label sits above its bar, so long labels fit and the chart stays legible when a
phone scales it down.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol

from decisions.engine import Direction

LABEL_HEIGHT = 20
BAR_HEIGHT = 18
ROW_GAP = 12
ROW_HEIGHT = LABEL_HEIGHT + BAR_HEIGHT + ROW_GAP
VALUE_WIDTH = 44
CHART_WIDTH = 420
BARS_WIDTH = CHART_WIDTH - VALUE_WIDTH


@dataclass(frozen=True)
class Bar:
    label: str
    direction: Direction
    weight: int
    y: int
    width: int

    @property
    def is_for(self) -> bool:
        return self.direction is Direction.FOR

    @property
    def label_y(self) -> int:
        return self.y + LABEL_HEIGHT - 6

    @property
    def bar_y(self) -> int:
        return self.y + LABEL_HEIGHT

    @property
    def value_x(self) -> int:
        return self.width + 6

    @property
    def value_y(self) -> int:
        return self.bar_y + BAR_HEIGHT - 4


@dataclass(frozen=True)
class Chart:
    bars: tuple[Bar, ...]
    height: int
    total_for: int
    total_against: int
    width: int = CHART_WIDTH
    bar_height: int = BAR_HEIGHT


class Weighed(Protocol):
    """A key situation, a factor, or a stand-in for one today's rules retired."""

    @property
    def title(self) -> str: ...


class Situated(Weighed, Protocol):
    @property
    def weight(self) -> int: ...


class Weight(Protocol):
    @property
    def direction(self) -> Direction: ...

    @property
    def weight(self) -> int: ...


def weighing(
    situations: Sequence[Situated], reasons: Sequence[tuple[Weight, Weighed]]
) -> Chart:
    """Key situations and reasons as bars, strongest first, scaled to the largest.

    `reasons` are (reason, factor) pairs: the reason's weight, the factor's title.
    """
    weights = [(s.title, Direction.FOR, s.weight) for s in situations] + [
        (factor.title, reason.direction, reason.weight) for reason, factor in reasons
    ]
    weights.sort(key=lambda item: -item[2])
    largest = max((weight for _, _, weight in weights), default=1)
    bars = tuple(
        Bar(
            label=label,
            direction=direction,
            weight=weight,
            y=index * ROW_HEIGHT,
            width=max(2, round(BARS_WIDTH * weight / largest)),
        )
        for index, (label, direction, weight) in enumerate(weights)
    )
    return Chart(
        bars=bars,
        height=max(ROW_HEIGHT, len(bars) * ROW_HEIGHT - ROW_GAP),
        total_for=sum(w for _, d, w in weights if d is Direction.FOR),
        total_against=sum(w for _, d, w in weights if d is Direction.AGAINST),
    )
