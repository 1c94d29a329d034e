"""Tries gunicorn's workers × threads on short phases: `scripts/bench --tune`.

Every pair in the grid gets BENCH_TUNE_ROUNDS (2) fresh server runs, taken in turn,
of BENCH_TUNE_SECONDS (6) per app target; other processes can only slow a run
down, so each target's best run is the fairest figure a pair gets. The results
go to bench/results/tuning-<db>.json, which docs/benchmarks.md shows.
"""

import datetime
import json
import math
import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench import doc, run  # noqa: E402

GRID = [(workers, threads) for workers in (2, 3, 4) for threads in (1, 2, 4)]
APP_TARGETS = [
    (target, label)
    for target, label in run.TARGETS
    if target != doc.BASELINE and target not in run.FLOORS
]


def score(phases: list[run.Phase]) -> float:
    """Geometric mean of the targets' requests/s: how the pairs compare."""
    rates = [max(p.rps, 0.01) for p in phases]
    return math.exp(sum(math.log(rate) for rate in rates) / len(rates))


def tune(db: str, users: int, seconds: int, rounds: int) -> dict:
    best: dict[tuple[int, int], dict[str, run.Phase]] = {pair: {} for pair in GRID}
    for round_number in range(1, rounds + 1):
        for workers, threads in GRID:
            phases, _ = run.run_server(
                db, workers, threads, seconds=seconds, users=users, targets=APP_TARGETS
            )
            kept = best[workers, threads]
            for phase in phases:
                if phase.target not in kept or phase.rps > kept[phase.target].rps:
                    kept[phase.target] = phase
            print(
                f"round {round_number}, {workers} workers x {threads} threads: "
                + ", ".join(f"{p.target} {p.rps:.0f}" for p in phases),
                flush=True,
            )
    results = [
        {
            "workers": workers,
            "threads": threads,
            "score": score(list(kept.values())),
            "rps": {p.target: p.rps for p in kept.values()},
            "p95": {p.target: p.p95 for p in kept.values()},
            "errors": sum(p.failures + p.server_5xx for p in kept.values()),
            "other_cpu": max(p.other_cpu_s / seconds for p in kept.values()),
        }
        for (workers, threads), kept in best.items()
    ]
    return {
        "date": datetime.date.today().isoformat(),
        "db": db,
        "users": users,
        "seconds_per_phase": seconds,
        "rounds": rounds,
        "machine": run.machine(),
        "results": results,
    }


def main() -> None:
    db = run.database_kind()
    run.collect_static()
    tuning = tune(
        db,
        users=int(os.environ.get("BENCH_USERS", "20")),
        seconds=int(os.environ.get("BENCH_TUNE_SECONDS", "6")),
        rounds=int(os.environ.get("BENCH_TUNE_ROUNDS", "2")),
    )
    doc.RESULTS_DIR.mkdir(exist_ok=True)
    doc.tuning_file(db).write_text(json.dumps(tuning, indent=2) + "\n")
    print(doc.tuning_section(tuning))


if __name__ == "__main__":
    main()
