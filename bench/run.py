"""The benchmark behind `scripts/bench`: gunicorn in production mode, one locust phase
per target at 20 users, and a record in bench/results/<db>.json that bench/doc.py
turns into docs/benchmarks.md.

Each server run gets a fresh database (SQLite in a temporary directory, or a new
database on scripts/postgres with BENCH_DB=postgres), migrated and seeded by
bench/seed.py. The load generator shares the machine's cores with the server,
so throughput compares only within one run; CPU per request compares better.

Environment: BENCH_DB (sqlite, postgres), BENCH_SECONDS (20 per phase),
BENCH_USERS (20), BENCH_PACED_SECONDS (15 per paced phase; 0 skips them),
WEB_CONCURRENCY and GUNICORN_THREADS (otherwise gunicorn.conf.py's defaults),
BENCH_TARGETS (a comma-separated subset of the user classes; SignUpFlood for
the sign-up floods), BENCH_GUNICORN_ARGS
(extra gunicorn options, for experiments), BENCH_WRITE_DOC (1; 0 prints only and
keeps no record), BENCH_KEEP (1 keeps the temporary directory with the logs).
"""

import contextlib
import csv
import datetime
import functools
import importlib.metadata
import json
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
from collections import Counter
from collections.abc import Iterator
from dataclasses import asdict, dataclass
from pathlib import Path

import psutil
import psycopg

BASE_DIR = Path(__file__).resolve().parent.parent
BENCH_DIR = BASE_DIR / "bench"
BIN = Path(sys.executable).parent

sys.path.insert(0, str(BASE_DIR))

from bench import doc  # noqa: E402
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
# Not pages anyone reads: the cheapest that look up a decision's owner (the
# session, the account if logged in, one decision row, then a redirect), so the
# least that any page that checks who owns a decision can cost.
FLOORS = ("VisitorFloor", "OwnerFloor")
# A person reads a page before the next click; paced phases wait about this long.
PACE_SECONDS = 1.0
# The sign-up floods: FLOOD_SIGN_UPS sign-ups, one every FLOOD_GAP seconds (what
# deploy/nginx.conf lets one address post), from one address and from many,
# while the start page's readers go as fast as they can.
FLOOD_SIGN_UPS = 30
FLOOD_GAP = 0.5
FLOODS = (
    (1, "(i) start page / while 30 sign-ups arrive in 15 s from one address"),
    (30, "(j) start page / while 30 sign-ups arrive in 15 s from 30 addresses"),
)


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


@contextlib.contextmanager
def database(kind: str, workdir: Path) -> Iterator[str]:
    """The URL of a fresh, empty database for one server run."""
    name = f"bench_{secrets.token_hex(4)}"
    if kind == "sqlite":
        yield f"sqlite:///{workdir / name}.sqlite3"
        return
    postgres = [str(BASE_DIR / "scripts" / "postgres"), "start"]
    admin_url = subprocess.run(
        postgres, check=True, capture_output=True, text=True
    ).stdout.strip()
    with psycopg.connect(admin_url, autocommit=True) as connection:
        connection.execute(f'CREATE DATABASE "{name}"')
    try:
        yield admin_url.rsplit("/", 1)[0] + "/" + name
    finally:
        with psycopg.connect(admin_url, autocommit=True) as connection:
            connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


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
        # The sign-up flood from many addresses names them in X-Forwarded-For;
        # without that header, a request's address is the connection's.
        "DJANGO_PROXY_COUNT": "1",
        "WEB_CONCURRENCY": str(workers),
        "GUNICORN_THREADS": str(threads),
    }
    for name in ("GUNICORN_BIND", "DJANGO_SECURE_PROXY_SSL_HEADER"):
        env.pop(name, None)
    return env


def manage(env: dict, *args: str) -> str:
    command = [str(BIN / "python"), *args]
    result = subprocess.run(
        command, cwd=BASE_DIR, env=env, capture_output=True, text=True, timeout=300
    )
    if result.returncode != 0:
        sys.exit(f"{' '.join(args)} failed:\n{result.stdout}{result.stderr}")
    return result.stdout


@contextlib.contextmanager
def gunicorn(env: dict, log_path: Path) -> Iterator[tuple[str, subprocess.Popen]]:
    """gunicorn.conf.py's server on a free port, logging every request to log_path."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    extra_args = os.environ.get("BENCH_GUNICORN_ARGS", "").split()
    command = [str(BIN / "gunicorn"), "--config", "gunicorn.conf.py", *extra_args]
    with open(log_path, "wb") as log:
        process = subprocess.Popen(
            command,
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
    """CPU used by a process and its children, live or already reaped."""
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


def cpu_seconds(server_pid: int) -> dict[str, float]:
    """CPU used so far by gunicorn, by locust (this process's reaped children),
    by PostgreSQL, and by the whole machine (busy, every process included)."""
    locust = resource.getrusage(resource.RUSAGE_CHILDREN)
    everything = psutil.cpu_times()
    return {
        "server": tree_cpu_seconds(server_pid),
        "locust": locust.ru_utime + locust.ru_stime,
        "database": database_cpu_seconds(),
        "busy": sum(everything) - everything.idle - getattr(everything, "iowait", 0),
    }


@dataclass
class AccessLog:
    """What gunicorn's access log shows for one phase."""

    served: int
    errors: int
    # The server's own time per request (gunicorn.conf.py logs it as "<n>ms"),
    # from request read to response written: no queueing, no client.
    p95_ms: float | None


def log_since(log_path: Path, offset: int) -> tuple[str, int]:
    """What the log gained after `offset`, and where it ends now."""
    with open(log_path, "rb") as log:
        log.seek(offset)
        return log.read().decode(errors="replace"), log.tell()


def access_log_since(log_path: Path, offset: int) -> tuple[AccessLog, int]:
    text, offset = log_since(log_path, offset)
    statuses = re.findall(r'HTTP/1\.[01]" (\d\d\d) ', text)
    times = sorted(int(ms) for ms in re.findall(r'" \d\d\d \S+ (\d+)ms ', text))
    return AccessLog(
        served=len(statuses),
        errors=sum(1 for status in statuses if status.startswith("5")),
        p95_ms=times[int(len(times) * 0.95)] if times else None,
    ), offset


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
    options = f"--users {users} --spawn-rate {users} --run-time {seconds}s --headless"
    options += " --reset-stats --only-summary --exit-code-on-error 0"
    command = [str(BIN / "locust"), "-f", str(BENCH_DIR / "locustfile.py"), target]
    command += [*options.split(), "--csv", str(prefix), "--host", server.base_url]
    seed = server.seed_path
    before = cpu_seconds(server.process.pid)
    with open(server.workdir / f"{name}.locust.log", "wb") as log:
        subprocess.run(
            command,
            cwd=BASE_DIR,
            env={**os.environ, "BENCH_SEED": str(seed), "BENCH_WAIT": str(wait)},
            stdout=log,
            stderr=subprocess.STDOUT,
            check=True,
            timeout=seconds + 120,
        )
    after = cpu_seconds(server.process.pid)
    used = {kind: after[kind] - before[kind] for kind in after}
    others = used["busy"] - used["server"] - used["locust"] - used["database"]
    access, server.log_offset = access_log_since(server.log_path, server.log_offset)
    with open(f"{prefix}_stats.csv", newline="") as stats:
        rows = {row["Name"]: row for row in csv.DictReader(stats)}
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
        server_cpu_s=used["server"],
        locust_cpu_s=used["locust"],
        database_cpu_s=used["database"],
        other_cpu_s=max(others, 0.0),
        journeys=int(verdicts),
    )


def run_server(
    db: str,
    workers: int,
    threads: int,
    *,
    seconds: int,
    users: int,
    targets=TARGETS,
    paced_seconds: int = 0,
) -> tuple[list[Phase], list[Phase]]:
    """One fresh database, one gunicorn, every target as its own phase: first as
    fast as the users can go, then (if paced_seconds) with about PACE_SECONDS
    between each user's tasks."""
    with fresh_server(db, workers, threads) as server:
        phase = functools.partial(run_phase, server, users=users)
        phases = [
            phase(target, label, seconds=seconds, wait=0) for target, label in targets
        ]
        paced = [
            phase(target, label, seconds=paced_seconds, wait=PACE_SECONDS)
            for target, label in targets
            if paced_seconds and target not in FLOORS
        ]
    return phases, paced


@contextlib.contextmanager
def fresh_server(db: str, workers: int, threads: int) -> Iterator[Server]:
    """gunicorn on a fresh database, migrated and seeded."""
    workdir = Path(tempfile.mkdtemp(prefix="interviewdecider-bench-"))
    try:
        with database(db, workdir) as database_url:
            env = server_env(database_url, workers, threads)
            manage(env, "manage.py", "migrate", "--noinput")
            seed_path = workdir / "seed.json"
            seed_path.write_text(manage(env, str(BENCH_DIR / "seed.py")))
            log_path = workdir / "gunicorn.log"
            with gunicorn(env, log_path) as (base_url, process):
                yield Server(base_url, process, log_path, workdir, seed_path)
    finally:
        if os.environ.get("BENCH_KEEP") != "1":
            shutil.rmtree(workdir, ignore_errors=True)
        else:
            print(f"kept {workdir}", file=sys.stderr)


def run_flood(server: Server, label: str, *, addresses: int, users: int) -> dict:
    """StartPage's readers, going as fast as they can, while SignUpFlood's
    sign-ups arrive on schedule (bench/locustfile.py): how the page fares, and
    how the server answered the sign-ups (from its access log)."""
    name = f"flood-{addresses}"
    prefix = server.workdir / name
    seconds = FLOOD_SIGN_UPS * FLOOD_GAP + 1
    options = f"--users {users + 1} --spawn-rate {users + 1} --run-time {seconds:g}s"
    options += " --headless --only-summary --exit-code-on-error 0"
    command = [str(BIN / "locust"), "-f", str(BENCH_DIR / "locustfile.py")]
    command += ["StartPage", "SignUpFlood", *options.split(), "--csv", str(prefix)]
    command += ["--host", server.base_url]
    with open(server.workdir / f"{name}.locust.log", "wb") as log:
        subprocess.run(
            command,
            cwd=BASE_DIR,
            env={
                **os.environ,
                "BENCH_SEED": str(server.seed_path),
                "BENCH_FLOOD_SIGN_UPS": str(FLOOD_SIGN_UPS),
                "BENCH_FLOOD_GAP": str(FLOOD_GAP),
                "BENCH_FLOOD_ADDRESSES": str(addresses),
            },
            stdout=log,
            stderr=subprocess.STDOUT,
            check=True,
            timeout=seconds + 120,
        )
    text, server.log_offset = log_since(server.log_path, server.log_offset)
    sign_up = r'"POST /accounts/signup/ HTTP/1\.[01]" (\d\d\d) '
    answers = Counter(re.findall(sign_up, text))
    with open(f"{prefix}_stats.csv", newline="") as stats:
        rows = {row["Name"]: row for row in csv.DictReader(stats)}
    page = rows["/"]
    return {
        "label": label,
        "addresses": addresses,
        "sign_ups": sum(answers.values()),
        "accepted": answers["302"],
        "refused": answers["429"],
        "other": sum(answers.values()) - answers["302"] - answers["429"],
        "requests": int(page["Request Count"]),
        "failures": int(rows["Aggregated"]["Failure Count"]),
        "p50": float(page["50%"]),
        "p95": float(page["95%"]),
        "p99": float(page["99%"]),
        "server_5xx": len(re.findall(r'HTTP/1\.[01]" 5\d\d ', text)),
    }


def run_floods(db: str, workers: int, threads: int, *, users: int) -> list[dict]:
    """The sign-up floods, on a server of their own, a minute apart so the
    second doesn't meet the first's password hashes."""
    floods = []
    with fresh_server(db, workers, threads) as server:
        for addresses, label in FLOODS:
            if floods:
                time.sleep(60)
            floods.append(run_flood(server, label, addresses=addresses, users=users))
    return floods


def collect_static() -> None:
    """Hashed, compressed static files, as the image has them."""
    env = server_env("sqlite:///:memory:", 1, 1)
    manage(env, "manage.py", "collectstatic", "--noinput", "-v", "0")


def database_kind() -> str:
    db = os.environ.get("BENCH_DB", "sqlite")
    if db not in doc.DATABASES:
        sys.exit("BENCH_DB is sqlite or postgres")
    return db


def main() -> None:
    db = database_kind()
    seconds = int(os.environ.get("BENCH_SECONDS", "20"))
    users = int(os.environ.get("BENCH_USERS", "20"))
    paced_seconds = int(os.environ.get("BENCH_PACED_SECONDS", "15"))
    chosen = os.environ.get("BENCH_TARGETS", "").split(",")
    targets = [t for t in TARGETS if t[0] in chosen] if chosen != [""] else TARGETS

    engine_result = engine_bench.measure()
    print("Engine, median evaluate():")
    for name, median in engine_result["medians_ms"].items():
        print(f"  {name:32} {median * 1000:.0f} µs")
    collect_static()
    config = gunicorn_config()
    workers, threads = config["workers"], config["threads"]
    info = {**machine(), "date": datetime.datetime.now().strftime("%Y-%m-%d %H:%M")}
    phases, paced = run_server(
        db,
        workers,
        threads,
        seconds=seconds,
        users=users,
        targets=targets,
        paced_seconds=paced_seconds,
    )
    flooding = chosen == [""] or "SignUpFlood" in chosen
    floods = run_floods(db, workers, threads, users=users) if flooding else []
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
            # Importing locust would monkey-patch this process; ask its metadata.
            "locust": importlib.metadata.version("locust"),
        },
        "phases": [asdict(phase) for phase in phases],
        "paced_seconds": paced_seconds,
        "pace_seconds": PACE_SECONDS,
        "paced": [asdict(phase) for phase in paced],
        "floods": floods,
    }
    print("\n" + doc.run_section(record))
    if os.environ.get("BENCH_WRITE_DOC", "1") != "1":
        return
    doc.RESULTS_DIR.mkdir(exist_ok=True)
    (doc.RESULTS_DIR / f"{db}.json").write_text(json.dumps(record, indent=2) + "\n")
    doc.write()
    print(f"Wrote {doc.DOC.relative_to(BASE_DIR)}")


if __name__ == "__main__":
    main()
