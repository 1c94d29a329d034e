"""The benchmark behind `scripts/bench`: gunicorn in production mode, one locust phase
per target at 20 users, a table of throughput and latency, and docs/benchmarks.md.

Each server run gets a fresh database (SQLite in a temporary directory, or a new
database on scripts/postgres with BENCH_DB=postgres), migrated and seeded by
bench/seed.py. The load generator shares the machine's cores with the server,
so only ratios from one run compare fairly. Each run's figures are kept in
bench/results/<db>.json (the tuning grid in bench/results/tuning-<db>.json), and
docs/benchmarks.md is written from every record there.

    scripts/bench              one run with gunicorn.conf.py's settings
    scripts/bench --tune       also try workers x threads on short phases first
    scripts/bench --doc        only rewrite docs/benchmarks.md from bench/results/

Environment: BENCH_DB (sqlite, postgres), BENCH_SECONDS (20 per phase),
BENCH_USERS (20), BENCH_PACED_SECONDS (15 per paced phase; 0 skips them),
BENCH_TUNE_SECONDS (6) and BENCH_TUNE_ROUNDS (2), WEB_CONCURRENCY
and GUNICORN_THREADS (otherwise gunicorn.conf.py's defaults), BENCH_TARGETS (a
comma-separated subset of the user classes), BENCH_GUNICORN_ARGS (extra gunicorn
options, for experiments), BENCH_WRITE_DOC (1; 0 prints only and keeps no record),
BENCH_KEEP (1 keeps the temporary directory with the logs).
"""

import contextlib
import csv
import datetime
import json
import math
import os
import platform
import re
import resource
import secrets
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from dataclasses import asdict, dataclass
from pathlib import Path

import psutil

BASE_DIR = Path(__file__).resolve().parent.parent
BENCH_DIR = BASE_DIR / "bench"
DOC = BASE_DIR / "docs" / "benchmarks.md"
RESULTS_DIR = BENCH_DIR / "results"
DATABASES = {"sqlite": "SQLite", "postgres": "PostgreSQL"}
BIN = Path(sys.executable).parent

sys.path.insert(0, str(BASE_DIR))

from bench import engine as engine_bench  # noqa: E402

# (user class in bench/locustfile.py, label), in the order they run.
TARGETS = (
    ("Healthz", "(a) /healthz (baseline)"),
    ("StartPage", "(b) start page /"),
    ("Journey", "(c) full questionnaire journey"),
    ("VerdictPage", "(d) verdict page"),
    ("SharedPage", "(e) shared page /s/<token>/"),
    ("MyDecisions", "(f) My decisions, 1,000 decisions"),
    ("VisitorFloor", "(g) floor: a visitor's /decisions/<id>/"),
    ("OwnerFloor", "(h) floor: an owner's /decisions/<id>/"),
)
BASELINE = "Healthz"
# Not targets of the brief: the cheapest pages that look up a decision's owner
# (the session, the account if logged in, one decision row, then a redirect),
# an upper bound, as measured, for any page that must check who owns a decision.
FLOORS = ("VisitorFloor", "OwnerFloor")
# Bars from the brief: (c) and (d) at half the baseline's throughput or more.
RATIO_BAR = 0.5
RATIO_BARRED = ("Journey", "VerdictPage")
P95_BAR_MS = 100
# A person reads a page before the next click; paced phases wait this long.
PACE_SECONDS = 1.0
# Tuning scores this close to the best are within run-to-run noise.
TIE_MARGIN = 0.05
# Other processes using more than this many cores make a phase's figures suspect.
OTHER_CPU_WARNING = 0.1
TUNING_GRID = [(workers, threads) for workers in (2, 3, 4) for threads in (1, 2, 4)]


@dataclass
class Phase:
    """One target's figures: locust's view, then the server's and the machine's."""

    target: str
    label: str
    requests: int
    failures: int
    rps: float
    p50: float
    p95: float
    p99: float
    server_5xx: int
    served: int
    server_p95: float | None
    server_cpu_s: float
    locust_cpu_s: float
    database_cpu_s: float
    other_cpu_s: float
    journeys: int = 0
    ratio: float = 0.0


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def machine() -> dict[str, str]:
    model = "unknown"
    with contextlib.suppress(OSError):
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    return {
        "cpus": str(os.cpu_count()),
        "model": model,
        "ram": f"{psutil.virtual_memory().total / 2**30:.1f} GiB",
        "python": platform.python_version(),
        "kernel": platform.release(),
        "load_before": " ".join(f"{load:.2f}" for load in os.getloadavg()),
    }


def gunicorn_config() -> dict:
    """The settings gunicorn.conf.py picks in this environment."""
    config: dict = {}
    exec(compile((BASE_DIR / "gunicorn.conf.py").read_text(), "conf", "exec"), config)
    return config


class Database:
    """A fresh, empty database for one server run."""

    def __init__(self, kind: str, workdir: Path):
        self.kind = kind
        self.workdir = workdir
        self.name = f"bench_{secrets.token_hex(4)}"
        self.admin_url = ""

    def __enter__(self) -> str:
        if self.kind == "sqlite":
            return f"sqlite:///{self.workdir / (self.name + '.sqlite3')}"
        self.admin_url = subprocess.run(
            [str(BASE_DIR / "scripts" / "postgres"), "start"],
            check=True,
            capture_output=True,
            text=True,
        ).stdout.strip()
        self.execute(f'CREATE DATABASE "{self.name}"')
        return self.admin_url.rsplit("/", 1)[0] + "/" + self.name

    def __exit__(self, *exc) -> None:
        if self.kind == "postgres":
            self.execute(f'DROP DATABASE IF EXISTS "{self.name}" WITH (FORCE)')

    def execute(self, sql: str) -> None:
        import psycopg

        with psycopg.connect(self.admin_url, autocommit=True) as connection:
            connection.execute(sql)


def server_env(database_url: str, workers: int, threads: int) -> dict:
    env = {
        **os.environ,
        "DJANGO_DEBUG": "0",
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
        "DJANGO_HTTPS": "0",
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost",
        "DATABASE_URL": database_url,
        # Every simulated visitor comes from 127.0.0.1.
        "DJANGO_DECISIONS_PER_HOUR": "1000000000",
        "WEB_CONCURRENCY": str(workers),
        "GUNICORN_THREADS": str(threads),
    }
    for name in ("GUNICORN_BIND", "DJANGO_SECURE_PROXY_SSL_HEADER"):
        env.pop(name, None)
    return env


def manage(env: dict, *args: str) -> str:
    result = subprocess.run(
        [str(BIN / "python"), *args],
        cwd=BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    if result.returncode != 0:
        sys.exit(f"{' '.join(args)} failed:\n{result.stdout}{result.stderr}")
    return result.stdout


@contextlib.contextmanager
def gunicorn(env: dict, log_path: Path):
    port = free_port()
    with open(log_path, "wb") as log:
        process = subprocess.Popen(
            [
                str(BIN / "gunicorn"),
                "--config",
                "gunicorn.conf.py",
                "interviewdecider.wsgi",
                # The access log counts requests and 5xx responses per phase.
                "--access-logfile",
                "-",
                *os.environ.get("BENCH_GUNICORN_ARGS", "").split(),
            ],
            cwd=BASE_DIR,
            env={**env, "PORT": str(port)},
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        base_url = f"http://127.0.0.1:{port}"
        try:
            deadline = time.monotonic() + 60
            while True:
                if process.poll() is not None or time.monotonic() > deadline:
                    sys.exit(f"gunicorn did not start; see {log_path}")
                with (
                    contextlib.suppress(OSError),
                    urllib.request.urlopen(base_url + "/healthz") as response,
                ):
                    if response.status == 200:
                        break
                time.sleep(0.2)
            yield base_url, process
        finally:
            process.terminate()
            process.wait(timeout=60)


def tree_cpu_seconds(pid: int) -> float:
    """CPU used by gunicorn's master and every worker, live or already reaped."""
    master = psutil.Process(pid)
    times = master.cpu_times()
    total = times.user + times.system + times.children_user + times.children_system
    for child in master.children(recursive=True):
        with contextlib.suppress(psutil.NoSuchProcess):
            child_times = child.cpu_times()
            total += child_times.user + child_times.system
    return total


def database_cpu_seconds() -> float:
    """CPU used by PostgreSQL servers on this machine (none for SQLite: it runs
    inside gunicorn's workers)."""
    total = 0.0
    for process in psutil.process_iter(["name", "ppid"]):
        with contextlib.suppress(psutil.NoSuchProcess, psutil.AccessDenied):
            if process.info["name"] != "postgres":
                continue
            parent = psutil.Process(process.info["ppid"])
            if parent.name() != "postgres":
                total += tree_cpu_seconds(process.pid)
    return total


def busy_cpu_seconds() -> float:
    """CPU time the whole machine spent busy, every process included."""
    times = psutil.cpu_times()
    return sum(times) - times.idle - getattr(times, "iowait", 0.0)


def children_cpu_seconds() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


@dataclass
class AccessLog:
    """What gunicorn's access log shows for one phase."""

    served: int
    errors: int
    # The server's own time per request (gunicorn.conf.py logs it as "<n>ms"),
    # from request read to response written: no queueing, no client.
    p95_ms: float | None


def access_log_since(log_path: Path, offset: int) -> tuple[AccessLog, int]:
    with open(log_path, "rb") as log:
        log.seek(offset)
        text = log.read().decode(errors="replace")
        offset = log.tell()
    statuses = re.findall(r'HTTP/1\.[01]" (\d\d\d) ', text)
    times = sorted(int(ms) for ms in re.findall(r'" \d\d\d \S+ (\d+)ms ', text))
    return AccessLog(
        served=len(statuses),
        errors=sum(1 for status in statuses if status.startswith("5")),
        p95_ms=times[int(len(times) * 0.95)] if times else None,
    ), offset


def aggregated(csv_path: Path) -> dict[str, dict[str, str]]:
    with open(csv_path, newline="") as stats:
        return {row["Name"]: row for row in csv.DictReader(stats)}


@dataclass
class Server:
    """A running gunicorn and the files one server run writes."""

    base_url: str
    process: subprocess.Popen
    log_path: Path
    workdir: Path
    seed_path: Path
    log_offset: int = 0


def run_phase(
    server: Server, target: str, label: str, *, seconds: int, users: int, wait: float
) -> Phase:
    """One user class against the server; `wait` seconds between each user's tasks."""
    name = f"{target}-wait-{wait:g}"
    prefix = server.workdir / name
    server_before = tree_cpu_seconds(server.process.pid)
    locust_before = children_cpu_seconds()
    busy_before = busy_cpu_seconds()
    database_before = database_cpu_seconds()
    with open(server.workdir / f"{name}.locust.log", "wb") as log:
        subprocess.run(
            [
                str(BIN / "locust"),
                "-f",
                str(BENCH_DIR / "locustfile.py"),
                "--headless",
                "--users",
                str(users),
                "--spawn-rate",
                str(users),
                "--run-time",
                f"{seconds}s",
                "--reset-stats",
                "--only-summary",
                "--exit-code-on-error",
                "0",
                "--csv",
                str(prefix),
                "--host",
                server.base_url,
                target,
            ],
            cwd=BASE_DIR,
            env={
                **os.environ,
                "BENCH_SEED": str(server.seed_path),
                "BENCH_WAIT": str(wait),
            },
            stdout=log,
            stderr=subprocess.STDOUT,
            check=True,
            timeout=seconds + 120,
        )
    server_cpu = tree_cpu_seconds(server.process.pid) - server_before
    locust_cpu = children_cpu_seconds() - locust_before
    busy = busy_cpu_seconds() - busy_before
    database_cpu = database_cpu_seconds() - database_before
    access, server.log_offset = access_log_since(server.log_path, server.log_offset)
    rows = aggregated(Path(f"{prefix}_stats.csv"))
    total = rows["Aggregated"]
    verdicts = rows.get("journey: GET verdict", {}).get("Request Count", "0")
    return Phase(
        target=target,
        label=label,
        requests=int(total["Request Count"]),
        failures=int(total["Failure Count"]),
        rps=float(total["Requests/s"]),
        p50=float(total["50%"]),
        p95=float(total["95%"]),
        p99=float(total["99%"]),
        server_5xx=access.errors,
        # Without an access log, count what locust saw (a little less: its
        # stats start once every user is running).
        served=access.served or int(total["Request Count"]),
        server_p95=access.p95_ms,
        server_cpu_s=server_cpu,
        locust_cpu_s=locust_cpu,
        database_cpu_s=database_cpu,
        other_cpu_s=max(busy - server_cpu - locust_cpu - database_cpu, 0.0),
        journeys=int(verdicts),
    )


def run_server(
    *,
    db: str,
    workers: int,
    threads: int,
    seconds: int,
    users: int,
    targets=TARGETS,
    paced_seconds: int = 0,
) -> tuple[list[Phase], list[Phase]]:
    """One fresh database, one gunicorn, every target as its own phase: first as
    fast as the users can go, then (if paced_seconds) with a second's pause
    between each user's tasks."""
    workdir = Path(tempfile.mkdtemp(prefix="interviewdecider-bench-"))
    try:
        with Database(db, workdir) as database_url:
            env = server_env(database_url, workers, threads)
            manage(env, "manage.py", "migrate", "--noinput")
            seed_path = workdir / "seed.json"
            seed_path.write_text(manage(env, str(BENCH_DIR / "seed.py")))
            log_path = workdir / "gunicorn.log"
            with gunicorn(env, log_path) as (base_url, process):
                server = Server(base_url, process, log_path, workdir, seed_path)
                phases = [
                    run_phase(
                        server, target, label, seconds=seconds, users=users, wait=0
                    )
                    for target, label in targets
                ]
                paced = [
                    run_phase(
                        server,
                        target,
                        label,
                        seconds=paced_seconds,
                        users=users,
                        wait=PACE_SECONDS,
                    )
                    for target, label in targets
                    if paced_seconds and target not in FLOORS
                ]
            baseline = next((p for p in phases if p.target == BASELINE), None)
            for phase in phases:
                phase.ratio = phase.rps / baseline.rps if baseline else math.nan
            return phases, paced
    finally:
        if os.environ.get("BENCH_KEEP") != "1":
            shutil.rmtree(workdir, ignore_errors=True)
        else:
            print(f"kept {workdir}", file=sys.stderr)


def table(phases: list[Phase], seconds: int) -> str:
    lines = [
        "| Target | Requests | req/s | × baseline | p50 ms | p95 ms | p99 ms "
        "| Server p95 ms | Errors | Server CPU ms/req "
        "| CPU cores: server / locust / database / other |",
        "|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|",
    ]
    for p in phases:
        label = p.label
        if p.journeys:
            label += f" ({p.journeys / seconds:.1f} journeys/s)"
        per_request = p.server_cpu_s * 1000 / max(p.served, 1)
        cores = " / ".join(
            f"{used / seconds:.2f}"
            for used in (
                p.server_cpu_s,
                p.locust_cpu_s,
                p.database_cpu_s,
                p.other_cpu_s,
            )
        )
        lines.append(
            f"| {label} | {p.requests} | {p.rps:.0f} | {p.ratio:.0%} | {p.p50:.0f} "
            f"| {p.p95:.0f} | {p.p99:.0f} | {server_p95(p)} "
            f"| {p.failures + p.server_5xx} | {per_request:.1f} | {cores} |"
        )
    return "\n".join(lines)


def server_p95(phase: Phase) -> str:
    return "–" if phase.server_p95 is None else f"{phase.server_p95:.0f}"


def paced_table(phases: list[Phase]) -> str:
    lines = [
        "| Target | Requests | req/s | p50 ms | p95 ms | p99 ms | Server p95 ms "
        "| Errors |",
        "|---|--:|--:|--:|--:|--:|--:|--:|",
    ]
    for p in phases:
        lines.append(
            f"| {p.label} | {p.requests} | {p.rps:.0f} | {p.p50:.0f} | {p.p95:.0f} "
            f"| {p.p99:.0f} | {server_p95(p)} | {p.failures + p.server_5xx} |"
        )
    return "\n".join(lines)


def disturbed(phases: list[Phase], seconds: int) -> list[str]:
    """Phases during which other processes took a noticeable share of the CPU."""
    return [
        f"{p.label} ({p.other_cpu_s / seconds:.2f} cores)"
        for p in phases
        if p.other_cpu_s / seconds > OTHER_CPU_WARNING
    ]


def bars(phases: list[Phase], paced: list[Phase]) -> list[str]:
    verdicts = []
    for p in phases:
        if p.target in RATIO_BARRED:
            verdicts.append(
                f"{'PASS' if p.ratio >= RATIO_BAR else 'FAIL'}: {p.label} at "
                f"{p.ratio:.0%} of the baseline's throughput (bar {RATIO_BAR:.0%})"
            )
    for kind, measured in (("as fast as they can", phases), ("paced", paced)):
        if not measured:
            continue
        slow = [p for p in measured if p.p95 >= P95_BAR_MS]
        verdicts.append(
            ("PASS" if not slow else "FAIL")
            + f": p95 under {P95_BAR_MS} ms with 20 users going {kind}"
            + ("" if not slow else " (not: " + ", ".join(p.label for p in slow) + ")")
        )
    for p in phases:
        if p.target in FLOORS:
            verdicts.append(
                f"FLOOR: {p.label} at {p.ratio:.0%} of the baseline's throughput: "
                "the most a page that checks who owns a decision can expect"
            )
    errors = sum(p.failures + p.server_5xx for p in phases + paced)
    verdicts.append(f"{'PASS' if not errors else 'FAIL'}: {errors} errors")
    return verdicts


def app_score(phases: list[Phase]) -> float:
    """Geometric mean of the app targets' requests/s: how tuning choices compare."""
    rates = [p.rps for p in phases if p.target != BASELINE]
    return math.exp(sum(math.log(max(rate, 0.01)) for rate in rates) / len(rates))


def tune(db: str, users: int, seconds: int, rounds: int) -> dict:
    """Every workers x threads pair, `rounds` times in turn; each target's best run.

    Other processes on the machine can only slow a run down, so the best of a
    few interleaved runs is the fairest figure each pair gets.
    """
    targets = [t for t in TARGETS if t[0] != BASELINE and t[0] not in FLOORS]
    best: dict[tuple[int, int], dict[str, Phase]] = {pair: {} for pair in TUNING_GRID}
    for round_number in range(1, rounds + 1):
        for workers, threads in TUNING_GRID:
            phases, _ = run_server(
                db=db,
                workers=workers,
                threads=threads,
                seconds=seconds,
                users=users,
                targets=targets,
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
    results = []
    for (workers, threads), kept in best.items():
        phases = list(kept.values())
        results.append(
            {
                "workers": workers,
                "threads": threads,
                "score": app_score(phases),
                "rps": {p.target: p.rps for p in phases},
                "p95": {p.target: p.p95 for p in phases},
                "errors": sum(p.failures + p.server_5xx for p in phases),
                "other_cpu": max(p.other_cpu_s / seconds for p in phases),
            }
        )
    tuning = {
        "date": datetime.date.today().isoformat(),
        "db": db,
        "users": users,
        "seconds_per_phase": seconds,
        "rounds": rounds,
        "machine": machine(),
        "results": results,
    }
    RESULTS_DIR.mkdir(exist_ok=True)
    tuning_file(db).write_text(json.dumps(tuning, indent=2) + "\n")
    return tuning


def tuning_file(db: str) -> Path:
    return RESULTS_DIR / f"tuning-{db}.json"


def worst_p95(result: dict) -> float:
    return max(result["p95"].values())


def quick_enough(results: list[dict]) -> list[dict]:
    """The pairs that keep every target's p95 under the bar (all, if none does)."""
    return [r for r in results if worst_p95(r) < P95_BAR_MS] or results


def tuning_section(tuning: dict | None) -> str:
    if tuning is None:
        return "Not run yet: `scripts/bench --tune`."
    names = [t for t, _ in TARGETS if t != BASELINE and t not in FLOORS]
    lines = [
        f"Run on {tuning['date']}, {tuning['db']}, {tuning['users']} users, "
        f"{tuning['seconds_per_phase']} s per phase, each pair "
        f"{tuning.get('rounds', 1)} times in turn and its best run per target "
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
    quick = quick_enough(tuning["results"])
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


def load_phase(data: dict) -> Phase:
    """A phase from a record, older records lacking the newer columns."""
    return Phase(**{"server_p95": None, "database_cpu_s": 0.0, **data})


def run_section(record: dict) -> str:
    """One server run: where and how it ran, its table and the bars."""
    info, settings, seconds = record["info"], record["settings"], record["seconds"]
    phases = [load_phase(phase) for phase in record["phases"]]
    paced = [load_phase(phase) for phase in record.get("paced", [])]
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
    bar_lines = "\n".join("- " + line for line in bars(phases, paced))
    paced_part = (
        f"\n\nThen paced, {record['paced_seconds']} s per target: each user "
        f"waits {PACE_SECONDS / 2:g} to {PACE_SECONDS * 3 / 2:g} s after each page "
        "it reads (in the journey, after each page before posting its form), so "
        "the server isn't saturated and the latency is what a person would "
        f"see:\n\n{paced_table(paced)}"
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

{table(phases, seconds)}{interference}{paced_part}

Bars:

{bar_lines}
"""


def tuning_sections() -> str:
    sections = [
        f"### {name}\n\n{tuning_section(json.loads(tuning_file(db).read_text()))}"
        for db, name in DATABASES.items()
        if tuning_file(db).exists()
    ]
    return "\n\n".join(sections) or tuning_section(None)


def write_doc() -> None:
    records = [
        json.loads(path.read_text())
        for path in (RESULTS_DIR / "sqlite.json", RESULTS_DIR / "postgres.json")
        if path.exists()
    ]
    engine_result = max(records, key=lambda r: r["info"]["date"])["engine"]
    engine_rows = "\n".join(
        f"| {name} | {median * 1000:.0f} µs |"
        for name, median in engine_result["medians_ms"].items()
    )
    runs = "\n".join(run_section(record) for record in records)
    doc = f"""# Benchmarks

Written by `make bench` (`scripts/bench`; `BENCH_DB=postgres` for PostgreSQL; the
code is in `bench/`). The figures are from real runs: re-run it rather than
editing them. Each run's record is kept in `bench/results/`.

How to read the tables:

- The load generator runs on the same cores as the server, so compare each
  target's throughput with the baseline's (× baseline), within one run only.
- Errors are locust failures (a status other than the one expected, or a
  connection error) plus 5xx lines in gunicorn's access log.
- p50/p95/p99 are what locust saw. Server p95 is the server's own time per
  request from gunicorn's access log (request read to response written), without
  the wait for a free worker or the client's side.
- Server CPU ms/req is what gunicorn's processes used during the phase divided
  by the requests its access log shows: what each page costs, whatever else the
  machine was doing. The CPU cores column splits the machine between gunicorn,
  locust, PostgreSQL (SQLite runs inside gunicorn) and every other process.
- The journey is a new visitor: `POST /start/`, each question `GET` + `POST`,
  details `GET` + `POST`, check `GET` + `POST`, verdict `GET`, all with CSRF;
  its req/s counts every one of those requests.
- The floors (g) and (h) are not pages anyone reads: `/decisions/<id>/` only
  loads the session (and, for an owner who is logged in, the account), reads one
  decision the request owns, and redirects to where it stands. Every page of a
  decision does at least that, so a floor's throughput is the most such a page
  could reach on this stack, however little it rendered.

{runs}
## Engine

Median time of one `decisions.engine.evaluate()` call over
{engine_result["runs"]:,} runs per answer set (target: under 1 ms):

| Answer set | Median |
|---|--:|
{engine_rows}

## Gunicorn workers × threads

{tuning_sections()}
"""
    DOC.write_text(doc)


def main() -> None:
    db = os.environ.get("BENCH_DB", "sqlite")
    if db not in ("sqlite", "postgres"):
        sys.exit("BENCH_DB is sqlite or postgres")
    seconds = int(os.environ.get("BENCH_SECONDS", "20"))
    users = int(os.environ.get("BENCH_USERS", "20"))

    if "--doc" in sys.argv[1:]:
        write_doc()
        print(f"Wrote {DOC.relative_to(BASE_DIR)} from bench/results/")
        return

    engine_result = engine_bench.measure()
    print("Engine, median evaluate():")
    for name, median in engine_result["medians_ms"].items():
        print(f"  {name:32} {median * 1000:.0f} µs")

    collect_env = server_env("sqlite:///:memory:", 1, 1)
    manage(collect_env, "manage.py", "collectstatic", "--noinput", "-v", "0")

    if "--tune" in sys.argv[1:]:
        tune_seconds = int(os.environ.get("BENCH_TUNE_SECONDS", "6"))
        rounds = int(os.environ.get("BENCH_TUNE_ROUNDS", "2"))
        print(tuning_section(tune(db, users, tune_seconds, rounds)))

    config = gunicorn_config()
    workers, threads = config["workers"], config["threads"]
    info = {**machine(), "date": datetime.datetime.now().strftime("%Y-%m-%d %H:%M")}
    chosen = os.environ.get("BENCH_TARGETS", "").split(",")
    targets = [t for t in TARGETS if t[0] in chosen] if chosen != [""] else TARGETS
    paced_seconds = int(os.environ.get("BENCH_PACED_SECONDS", "15"))
    phases, paced = run_server(
        db=db,
        workers=workers,
        threads=threads,
        seconds=seconds,
        users=users,
        targets=targets,
        paced_seconds=paced_seconds,
    )
    print()
    print(f"{db}, {workers} workers × {threads} threads, {users} users, {seconds} s:")
    print(table(phases, seconds))
    if paced:
        print(f"Paced, about {PACE_SECONDS:g} s after each page:")
        print(paced_table(paced))
    print("\n".join(bars(phases, paced)))
    for warning in disturbed(phases, seconds):
        print(f"WARNING: other processes were busy during {warning}; run it again")

    if os.environ.get("BENCH_WRITE_DOC", "1") != "1":
        return
    import locust

    extra_args = os.environ.get("BENCH_GUNICORN_ARGS", "")
    record = {
        "info": info,
        "seconds": seconds,
        "engine": engine_result,
        "settings": {
            "db": "PostgreSQL 15 (scripts/postgres)" if db == "postgres" else "SQLite",
            "workers": workers,
            "threads": threads,
            "worker_class": "gthread" if threads > 1 else "sync",
            "max_requests": config["max_requests"],
            "max_requests_jitter": config["max_requests_jitter"],
            "extra_args": f", command line `{extra_args}`" if extra_args else "",
            "conn_max_age": os.environ.get("DJANGO_DB_CONN_MAX_AGE", "60"),
            "users": users,
            "locust": locust.__version__,
        },
        "phases": [asdict(phase) for phase in phases],
        "paced_seconds": paced_seconds,
        "paced": [asdict(phase) for phase in paced],
    }
    RESULTS_DIR.mkdir(exist_ok=True)
    (RESULTS_DIR / f"{db}.json").write_text(json.dumps(record, indent=2) + "\n")
    write_doc()
    print(f"\nWrote {DOC.relative_to(BASE_DIR)}")


if __name__ == "__main__":
    main()
