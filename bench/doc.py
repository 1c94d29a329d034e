"""Writes docs/benchmarks.md from the records in bench/results/.

Run on its own (`scripts/bench --doc`), it rewrites the document without a run.
"""

import json
from pathlib import Path
from typing import Any

BASE_DIR = Path(__file__).resolve().parent.parent
DOC = BASE_DIR / "docs" / "benchmarks.md"
RESULTS_DIR = BASE_DIR / "bench" / "results"
DATABASES = {"sqlite": "SQLite", "postgres": "PostgreSQL"}
BASELINE = "Healthz"
P95_BAR_MS = 100
# The most each target may cost the server in CPU, as a multiple of one /healthz
# request's in the same run (issue 17); the journey's is for a whole journey.
CPU_BARS = {
    "StartPage": 2,
    "Journey": 90,
    "VerdictPage": 5,
    "SharedPage": 3,
    "MyDecisions": 5,
}
# Other processes using more than this many cores make a phase's figures suspect.
OTHER_CPU_WARNING = 0.1
# Tuning scores this close to the best are within run-to-run noise.
TIE_MARGIN = 0.05
# A page's p95 while sign-ups flood in (each costs a password hash) stays under this.
FLOOD_P95_BAR_MS = 250
LIGHTHOUSE_RESULT = RESULTS_DIR / "lighthouse.json"
LIGHTHOUSE_CATEGORIES = {
    "performance": "Performance",
    "accessibility": "Accessibility",
    "best-practices": "Best practices",
    "seo": "SEO",
}
# The performance timings the table shows (FCP, LCP, TBT, CLS).
LIGHTHOUSE_TIMINGS = (
    "first-contentful-paint",
    "largest-contentful-paint",
    "total-blocking-time",
    "cumulative-layout-shift",
)
# Audits a page fails on purpose, and why.
LIGHTHOUSE_INTENDED = {
    "is-crawlable": "a share link is private, so the shared page asks search "
    "engines not to index it (`noindex`), which this audit counts against SEO",
}

COLUMNS = (
    "Target | Requests | req/s | p50 ms | p95 ms | p99 ms | Server p95 ms | Errors"
)
CPU_COLUMNS = (
    "Server CPU ms/req | × /healthz | CPU cores: server / locust / database / other"
)
CORES = ("server_cpu_s", "locust_cpu_s", "database_cpu_s", "other_cpu_s")

# One phase of a record: bench/run.py's Phase, as stored.
Phase = dict[str, Any]


def cpu_ms(phase: Phase) -> float:
    """gunicorn's CPU per request it served, in milliseconds."""
    return phase["server_cpu_s"] * 1000 / max(phase["served"], 1)


def table(phases: list[Phase], seconds: int, *, cpu: bool = True) -> str:
    """The phases' figures; with `cpu`, what each request cost the server.

    Paced phases leave the CPU out: at about a request a second per user, the
    cost per request runs twice what it is flat out and says little.
    """
    baseline = next((p for p in phases if p["target"] == BASELINE), None)
    columns = COLUMNS + (" | " + CPU_COLUMNS if cpu else "")
    lines = [f"| {columns} |", "|---" + "|--:" * columns.count("|") + "|"]
    for p in phases:
        label = p["label"]
        server_p95 = "–" if p["server_p95"] is None else f"{p['server_p95']:.0f}"
        row = (
            f"{p['requests']} | {p['rps']:.0f} | {p['p50']:.0f} | {p['p95']:.0f} "
            f"| {p['p99']:.0f} | {server_p95} | {p['failures'] + p['server_5xx']}"
        )
        if cpu:
            multiple = cpu_ms(p) / cpu_ms(baseline) if baseline else float("nan")
            if p["journeys"] and baseline:
                label += (
                    f" ({p['journeys'] / seconds:.1f} journeys/s, "
                    f"{cpu_multiple(p, baseline):.0f}× /healthz each)"
                )
            cores = " / ".join(f"{p[used] / seconds:.2f}" for used in CORES)
            row += f" | {cpu_ms(p):.1f} | {multiple:.1f}× | {cores}"
        lines.append(f"| {label} | {row} |")
    return "\n".join(lines)


def disturbed(phases: list[Phase], seconds: int) -> list[str]:
    """Phases during which other processes took a noticeable share of the CPU."""
    return [
        f"{p['label']} ({p['other_cpu_s'] / seconds:.2f} cores)"
        for p in phases
        if p["other_cpu_s"] / seconds > OTHER_CPU_WARNING
    ]


def bars(phases: list[Phase], paced: list[Phase]) -> list[str]:
    verdicts = []
    for kind, measured in (("as fast as they can", phases), ("paced", paced)):
        if not measured:
            continue
        slow = [p["label"] for p in measured if p["p95"] >= P95_BAR_MS]
        verdicts.append(
            ("PASS" if not slow else "FAIL")
            + f": p95 under {P95_BAR_MS} ms with 20 users going {kind}"
            + ("" if not slow else " (not: " + ", ".join(slow) + ")")
        )
    errors = sum(p["failures"] + p["server_5xx"] for p in phases + paced)
    verdicts.append(f"{'PASS' if not errors else 'FAIL'}: {errors} errors")
    return verdicts + cpu_bars(phases)


def cpu_multiple(phase: Phase, baseline: Phase) -> float:
    """The phase's CPU per request, or per journey, as a multiple of /healthz's."""
    multiple = cpu_ms(phase) / cpu_ms(baseline)
    if phase["journeys"]:
        multiple *= phase["requests"] / phase["journeys"]
    return multiple


def cpu_bars(phases: list[Phase]) -> list[str]:
    baseline = next((p for p in phases if p["target"] == BASELINE), None)
    if baseline is None:
        return []
    verdicts = []
    for p in phases:
        bar = CPU_BARS.get(p["target"])
        if bar is None:
            continue
        multiple = cpu_multiple(p, baseline)
        each = " a journey" if p["journeys"] else ""
        verdicts.append(
            f"{'PASS' if multiple <= bar else 'FAIL'}: {p['label']} at most {bar}×"
            f" /healthz's server CPU{each} ({multiple:.1f}×)"
        )
    return verdicts


def flood_part(floods: list[dict], settings: dict) -> str:
    """The start page's latency while sign-ups arrive, and what became of them."""
    if not floods:
        return ""
    lines = [
        "| Target | Page requests | p50 ms | p95 ms | p99 ms | Sign-ups sent "
        "| Accepted (302) | Refused (429) | Other | Errors |",
        "|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|",
    ]
    for f in floods:
        lines.append(
            f"| {f['label']} | {f['requests']} | {f['p50']:.0f} | {f['p95']:.0f} "
            f"| {f['p99']:.0f} | {f['sign_ups']} | {f['accepted']} | {f['refused']} "
            f"| {f['other']} | {f['failures'] + f['server_5xx']} |"
        )
    return (
        "\n\nSign-up floods, on a fresh server of their own: "
        f"{settings['users']} users read the start page as fast as they can while "
        "a sign-up arrives every 0.5 s, each from a new browser, whether or not the "
        "earlier ones have been answered; from one address, then (a minute later, "
        "so the password-hash ceiling starts afresh) from 30 addresses in turn. "
        "Each sign-up the throttles let through costs a password hash:\n\n"
        + "\n".join(lines)
    )


def flood_bars(floods: list[dict]) -> list[str]:
    if not floods:
        return []
    slow = [f["label"] for f in floods if f["p95"] >= FLOOD_P95_BAR_MS]
    unmet = " (not: " + ", ".join(slow) + ")" if slow else ""
    bar = f"start page p95 under {FLOOD_P95_BAR_MS} ms during the sign-up floods"
    return [f"{'FAIL' if slow else 'PASS'}: {bar}{unmet}"]


def run_section(record: dict) -> str:
    """One server run: where and how it ran, its tables and the bars."""
    info, settings, seconds = record["info"], record["settings"], record["seconds"]
    phases, paced, pace = record["phases"], record["paced"], record["pace_seconds"]
    warnings = disturbed(phases, seconds)
    interference = (
        "\n\n**Other processes were busy during: "
        + "; ".join(warnings)
        + ". Those phases' figures are low; re-run on a quiet machine.**"
        if warnings
        else ""
    )
    server = (
        f"{settings['workers']} workers × {settings['threads']} "
        f"thread{'s' if settings['threads'] != 1 else ''} "
        f"({settings['worker_class']}), `max_requests` {settings['max_requests']} "
        f"(jitter {settings['max_requests_jitter']}){settings['extra_args']}"
    )
    floods = record.get("floods", [])
    bar_lines = "\n".join(
        "- " + line for line in bars(phases, paced) + flood_bars(floods)
    )
    paced_part = (
        f"\n\nThen paced, {record['paced_seconds']} s per target: each user "
        f"waits {pace / 2:g} to {pace * 3 / 2:g} s after each page "
        "it reads (in the journey, after each page before posting its form), so "
        "the server isn't saturated and the latency is what a person would "
        f"see:\n\n{table(paced, record['paced_seconds'], cpu=False)}"
        if paced
        else ""
    )
    return f"""## {settings["db"]}

- Date: {info["date"]}; load average before the run: {info["load_before"]}
- Machine: {info["cpus"]} CPUs ({info["model"]}), {info["ram"]} RAM,
  Linux {info["kernel"]}, Python {info["python"]}
- Server: gunicorn with `gunicorn.conf.py`:
  {server};
  `DJANGO_DEBUG=0`, `DJANGO_HTTPS=0` (plain HTTP on loopback),
  `DJANGO_DB_CONN_MAX_AGE={settings["conn_max_age"]}`
- Database: fresh, migrated and seeded by `bench/seed.py` (one account with
  1,000 decisions; a finished decision with a share link)
- Load: locust {settings["locust"]} headless, `FastHttpUser`,
  {settings["users"]} users with no wait, each target its own {seconds} s phase

As fast as the users can go:

{table(phases, seconds)}{interference}{paced_part}{flood_part(floods, settings)}

Bars:

{bar_lines}
"""


def tuning_file(db: str) -> Path:
    return RESULTS_DIR / f"tuning-{db}.json"


def worst_p95(result: dict) -> float:
    return max(result["p95"].values())


def tuning_section(tuning: dict) -> str:
    """The workers × threads grid that bench/tune.py ran, best score first."""
    names = list(tuning["results"][0]["rps"])
    lines = [
        f"Run on {tuning['date']}, {tuning['db']}, {tuning['users']} users, "
        f"{tuning['seconds_per_phase']} s per phase, each pair "
        f"{tuning['rounds']} times in turn and its best run per target "
        "kept. Score: the geometric "
        "mean of the five app targets' req/s. Other CPU: the most that other "
        "processes on the machine used during any kept phase, in cores.",
        "",
        "| Workers × threads | Score | "
        + " | ".join(names)
        + " | Worst p95 ms | Errors | Other CPU |",
        "|---|--:|" + "--:|" * len(names) + "--:|--:|--:|",
    ]
    for result in sorted(tuning["results"], key=lambda r: -r["score"]):
        cells = " | ".join(f"{result['rps'].get(name, 0):.0f}" for name in names)
        lines.append(
            f"| {result['workers']} × {result['threads']} | {result['score']:.0f} "
            f"| {cells} | {worst_p95(result):.0f} "
            f"| {result['errors']} | {result['other_cpu']:.2f} |"
        )
    # The pairs that keep every target's p95 under the bar (all, if none does).
    quick = [r for r in tuning["results"] if worst_p95(r) < P95_BAR_MS]
    quick = quick or tuning["results"]
    best = max(quick, key=lambda result: result["score"])
    tied = [r for r in quick if r["score"] >= best["score"] * (1 - TIE_MARGIN)]

    def pairs(results: list[dict]) -> str:
        return ", ".join(f"{r['workers']} × {r['threads']}" for r in results)

    met = worst_p95(best) < P95_BAR_MS
    lines += [
        "",
        (
            f"Every target's p95 stayed under {P95_BAR_MS} ms with: {pairs(quick)}. "
            if met
            else f"No pair kept every target's p95 under {P95_BAR_MS} ms. "
        )
        + f"Best score{' among them' if met else ''}: {pairs([best])}; within "
        f"{TIE_MARGIN:.0%} of it, a tie at this noise level: {pairs(tied)}. "
        "`gunicorn.conf.py` says which of those is the default, and why.",
    ]
    return "\n".join(lines)


def tuning_sections() -> str:
    sections = [
        f"### {name}\n\n{tuning_section(json.loads(tuning_file(db).read_text()))}"
        for db, name in DATABASES.items()
        if tuning_file(db).exists()
    ]
    return "\n\n".join(sections) or "Not run yet: `scripts/bench --tune`."


def lighthouse_table(record: dict) -> str:
    """Each page's Lighthouse scores, its timings, and the audits below full marks."""
    names = LIGHTHOUSE_CATEGORIES.values()
    lines = [
        f"| Page | {' | '.join(names)} | FCP / LCP / TBT / CLS "
        "| Audits below full marks |",
        "|---|" + "--:|" * len(names) + "--:|---|",
    ]
    for page in record["pages"]:
        scores = " | ".join(
            "–"
            if page["scores"].get(category) is None
            else str(page["scores"][category])
            for category in LIGHTHOUSE_CATEGORIES
        )
        timings = " / ".join(page["metrics"][metric] for metric in LIGHTHOUSE_TIMINGS)
        failing = "; ".join(
            f"{LIGHTHOUSE_CATEGORIES[category]}: "
            + ", ".join(f"`{audit}`" for audit in audits)
            for category, audits in page["failing"].items()
        )
        lines.append(f"| {page['page']} | {scores} | {timings} | {failing or 'none'} |")
    return "\n".join(lines)


def lighthouse_section() -> str:
    if not LIGHTHOUSE_RESULT.exists():
        return "Not run yet: `make lighthouse`."
    record = json.loads(LIGHTHOUSE_RESULT.read_text())
    failed = {
        audit
        for page in record["pages"]
        for audits in page["failing"].values()
        for audit in audits
    }
    intended = "".join(
        f"\n\n`{audit}` fails on purpose: {why}."
        for audit, why in LIGHTHOUSE_INTENDED.items()
        if audit in failed
    )
    return f"""Written by `make lighthouse` (`scripts/lighthouse`; the code is in
`bench/lighthouse.py`). Each score is out of 100; a metric audit can fall just
short of full marks while its category still rounds to 100.

- Date: {record["date"]}; machine: {record["machine"]}
- Lighthouse {record["lighthouse"]} in {record["browser"]}, its default
  {record["form_factor"]} profile (slow 4G and a 4× slower CPU, throttling
  `{record["throttling"]}`)
- Server: gunicorn in production mode on loopback, a fresh {record["db"]} database
- Pages: one decision is made through the pages (start, every question,
  details, check) and shared first; the question and verdict pages are that
  visitor's, loaded with its session cookie; each page is measured
  {record["runs"]} times and the run with the median performance score kept

{lighthouse_table(record)}{intended}"""


def write() -> None:
    records = [
        json.loads(path.read_text())
        for path in (RESULTS_DIR / f"{db}.json" for db in DATABASES)
        if path.exists()
    ]
    engine_result = max(records, key=lambda r: r["info"]["date"])["engine"]
    engine_rows = "\n".join(
        f"| {name} | {median * 1000:.0f} µs |"
        for name, median in engine_result["medians_ms"].items()
    )
    runs = "\n".join(run_section(record) for record in records)
    DOC.write_text(f"""# Benchmarks

Written by `make bench` (`scripts/bench`; `BENCH_DB=postgres` for PostgreSQL; the
code is in `bench/`). The figures are from real runs: re-run it rather than
editing them. Each run's record is kept in `bench/results/`.

How to read the tables:

- The load generator runs on the same cores as the server, so throughput
  compares fairly only within one run.
- Errors are locust failures (a status other than the one expected, or a
  connection error) plus 5xx lines in gunicorn's access log.
- p50/p95/p99 are what locust saw. Server p95 is the server's own time per
  request from gunicorn's access log (request read to response written), without
  the wait for a free worker or the client's side.
- Server CPU ms/req is what gunicorn's processes used during the phase divided
  by the requests its access log shows: what each page costs, whatever else the
  machine was doing. × /healthz is that cost as a multiple of one /healthz
  request's in the same run, a figure less tied to the machine than req/s. The
  CPU cores column splits the machine between gunicorn, locust, PostgreSQL
  (SQLite runs inside gunicorn) and every other process.
- The journey is a new visitor: each question `GET` + `POST` (the first at
  `/start/`, whose answer stores the decision), details `GET` + `POST`, check
  `GET` + `POST`, verdict `GET`, all with CSRF;
  its req/s counts every one of those requests, and "each" is the CPU of one
  whole journey as a multiple of one /healthz request's.
- The floors (g) and (h) are not pages anyone reads: `/decisions/<id>/` only
  loads the session (and, for an owner who is logged in, the account), reads one
  decision the request owns, and redirects to where it stands. Every page of a
  decision does at least that, so a floor's CPU is the least such a page could
  cost on this stack, however little it rendered.

{runs}
## What bought what

{(BASE_DIR / "bench" / "levers.md").read_text().strip()}

## Engine

Median time of one `decisions.engine.evaluate()` call over
{engine_result["runs"]:,} runs per answer set (target: under 1 ms):

| Answer set | Median |
|---|--:|
{engine_rows}

## Gunicorn workers × threads

{tuning_sections()}

## Lighthouse

{lighthouse_section()}
""")


if __name__ == "__main__":
    write()
    print(f"Wrote {DOC.relative_to(BASE_DIR)} from bench/results/")
