"""Geometry for the weighing chart: a labelled bar per weight, for and against.

The template draws the SVG; this module only works out where things go. Each
label sits above its bar, so long labels fit and the chart stays legible when a
phone scales it down.
"""

from dataclasses import dataclass

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
    direction: str
    weight: int
    y: int
    width: int

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


def weighing(situations, reasons) -> Chart:
    """Key situations and reasons as bars, strongest first, scaled to the largest.

    `situations` have a title and weight; `reasons` are (reason, factor) pairs.
    """
    weights = [(s.title, "for", s.weight) for s in situations] + [
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
        total_for=sum(w for _, d, w in weights if d == "for"),
        total_against=sum(w for _, d, w in weights if d == "against"),
    )
