"""Geometry for the weighing chart: a horizontal bar per weight, for and against.

The template draws the SVG; this module only works out where the bars go.
"""

from dataclasses import dataclass

BAR_HEIGHT = 28
BAR_GAP = 10
LABEL_WIDTH = 260
BARS_WIDTH = 300
CHART_WIDTH = LABEL_WIDTH + BARS_WIDTH + 40


@dataclass(frozen=True)
class Bar:
    label: str
    direction: str
    weight: int
    y: int
    width: int

    @property
    def text_y(self) -> int:
        return self.y + BAR_HEIGHT // 2 + 5


@dataclass(frozen=True)
class Chart:
    bars: tuple[Bar, ...]
    height: int
    width: int = CHART_WIDTH
    label_width: int = LABEL_WIDTH
    bar_height: int = BAR_HEIGHT
    total_for: int = 0
    total_against: int = 0


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
            y=index * (BAR_HEIGHT + BAR_GAP),
            width=max(2, round(BARS_WIDTH * weight / largest)),
        )
        for index, (label, direction, weight) in enumerate(weights)
    )
    return Chart(
        bars=bars,
        height=max(BAR_HEIGHT, len(bars) * (BAR_HEIGHT + BAR_GAP) - BAR_GAP),
        total_for=sum(w for _, d, w in weights if d == "for"),
        total_against=sum(w for _, d, w in weights if d == "against"),
    )
