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

RUNS = 5000
ANSWER_SETS = {
    "decline, employed, no interest": {
        "employment": "employed",
        "interest": "none",
        "company_appeal": "neutral",
        "career_pivot": "no",
        "other_process": "none",
        "interview_practice": "recent",
        "prep_time": "none",
        "discreet_time": "hard",
        "network_value": "low",
        "market_insight": "not_needed",
    },
    "interview, unemployed": {
        "employment": "unemployed",
        "interest": "low",
        "company_appeal": "desirable",
        "career_pivot": "no",
        "other_process": "none",
        "interview_practice": "rusty",
        "prep_time": "plenty",
        "network_value": "high",
        "market_insight": "wanted",
    },
    "close call, employed, open": {
        "employment": "employed",
        "interest": "open",
        "company_appeal": "neutral",
        "career_pivot": "no",
        "other_process": "early_stages",
        "interview_practice": "recent",
        "prep_time": "some",
        "discreet_time": "easy",
        "network_value": "low",
        "market_insight": "not_needed",
    },
    "key situation, final stages": {
        "employment": "employed",
        "interest": "none",
        "company_appeal": "undesirable",
        "career_pivot": "yes",
        "other_process": "final_stages",
        "interview_practice": "rusty",
        "prep_time": "plenty",
        "discreet_time": "easy",
        "network_value": "high",
        "market_insight": "wanted",
    },
}


def median_ms(answers: dict[str, str], runs: int = RUNS) -> float:
    for _ in range(100):
        engine.evaluate(answers)
    timings = []
    for _ in range(runs):
        started = time.perf_counter_ns()
        engine.evaluate(answers)
        timings.append(time.perf_counter_ns() - started)
    return statistics.median(timings) / 1e6


def measure(runs: int = RUNS) -> dict:
    medians = {name: median_ms(answers, runs) for name, answers in ANSWER_SETS.items()}
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
