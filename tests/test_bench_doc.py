"""bench/doc.py: the bars it writes under each run's tables."""

from bench import doc


def phase(target: str, *, cpu_s: float, served: int, journeys: int = 0) -> dict:
    return {
        "target": target,
        "label": target,
        "server_cpu_s": cpu_s,
        "served": served,
        "requests": served,
        "journeys": journeys,
    }


def test_a_page_passes_its_cpu_bar_at_the_multiple_and_fails_above_it():
    phases = [
        phase("Healthz", cpu_s=1.0, served=1000),
        phase("VerdictPage", cpu_s=5.0, served=1000),
        phase("SharedPage", cpu_s=3.1, served=1000),
    ]
    assert doc.cpu_bars(phases) == [
        "PASS: VerdictPage at most 5× /healthz's server CPU (5.0×)",
        "FAIL: SharedPage at most 3× /healthz's server CPU (3.1×)",
    ]


def test_a_journey_is_measured_whole():
    phases = [
        phase("Healthz", cpu_s=1.0, served=1000),
        # 24 requests a journey at 3× each: 72× a journey.
        phase("Journey", cpu_s=3.0 * 240 / 1000, served=240, journeys=10),
    ]
    assert doc.cpu_bars(phases) == [
        "PASS: Journey at most 90× /healthz's server CPU a journey (72.0×)"
    ]


def test_without_a_baseline_there_is_no_cpu_bar():
    assert doc.cpu_bars([phase("VerdictPage", cpu_s=5.0, served=1000)]) == []
