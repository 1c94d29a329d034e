"""Micro-benchmark of decisions.engine.evaluate(): median time per call.

python bench/engine.py            prints a table; --json prints JSON
"""

import json
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from decisions import engine  # noqa: E402
from tests import answers  # noqa: E402

RUNS = 5000
ANSWER_SETS = {
    "decline, employed, no interest": answers.DECLINE_ANSWERS,
    "interview, unemployed": answers.INTERVIEW_ANSWERS,
    "close call, employed, open": answers.CLOSE_CALL_ANSWERS,
    "key situation, final stages": answers.KEY_SITUATION_ANSWERS,
}


def median_ms(chosen: dict[str, str], runs: int = RUNS) -> float:
    for _ in range(100):
        engine.evaluate(chosen)
    timings = []
    for _ in range(runs):
        started = time.perf_counter_ns()
        engine.evaluate(chosen)
        timings.append(time.perf_counter_ns() - started)
    return statistics.median(timings) / 1e6


def measure(runs: int = RUNS) -> dict:
    medians = {name: median_ms(chosen, runs) for name, chosen in ANSWER_SETS.items()}
    return {
        "runs": runs,
        "medians_ms": medians,
        "worst_median_ms": max(medians.values()),
    }


def main() -> None:
    result = measure()
    if "--json" in sys.argv:
        json.dump(result, sys.stdout, indent=2)
        return
    for name, median in result["medians_ms"].items():
        print(f"{name:32} {median:.3f} ms")


if __name__ == "__main__":
    main()
