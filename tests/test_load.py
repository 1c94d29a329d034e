"""Fifty people at once on real gunicorn, with a worker killed halfway through.

One run drives the load (module fixture); each test checks one promise about it:
no server errors, no locked database, every acknowledged answer stored, and
service carrying on after a worker dies. An answer counts as acknowledged when
its POST got the 302 to the next step; a request cut off by the killed worker
was never acknowledged, so its outcome may go either way.
"""

import random
import re
import signal
import threading
import time
import uuid
from collections import Counter
from dataclasses import dataclass, field

import psutil
import pytest
import requests

from decisions import engine
from decisions.models import Decision
from decisions.questionnaire import QUESTIONS, QUESTIONS_BY_ID
from tests.servers import gunicorn, production_env

pytestmark = [pytest.mark.system, pytest.mark.django_db(transaction=True)]

USERS = 50
SECONDS = 30
KILL_AFTER = 15
WORKERS = 2
REQUEST_TIMEOUT = 20
DETAIL_FIELDS = ("role_title", "company_name", "contact_name", "your_name")
DECISION_PATH = re.compile(r"^/decisions/([0-9a-f-]{36})/")


@dataclass
class Ledger:
    """One visitor thread's record of what the server told it."""

    answers: dict[uuid.UUID, dict[str, str]] = field(default_factory=dict)
    details: dict[uuid.UUID, dict[str, str]] = field(default_factory=dict)
    completed: set[uuid.UUID] = field(default_factory=set)
    # The answer whose POST was cut off, per decision: stored or not, unknown.
    unconfirmed: dict[uuid.UUID, tuple[str, str]] = field(default_factory=dict)
    statuses: Counter = field(default_factory=Counter)
    unexpected: list[str] = field(default_factory=list)
    connection_errors: int = 0
    acknowledged_after_kill: int = 0
    journeys: int = 0


@dataclass
class LoadRun:
    ledger: Ledger
    log: str
    stored: dict[uuid.UUID, Decision]
    killed_worker: int
    workers_after: set[int]
    healthy_after: bool


class Visitor:
    """A person with a fresh browser, clicking through one questionnaire."""

    def __init__(self, base_url: str, ledger: Ledger, rng: random.Random, killed):
        self.base_url = base_url
        self.ledger = ledger
        self.rng = rng
        self.killed = killed
        self.session = requests.Session()
        origin = base_url.replace("http:", "https:")
        self.session.headers.update(
            {"X-Forwarded-Proto": "https", "Origin": origin, "Referer": origin + "/"}
        )

    def request(self, method: str, path: str, expected: int, **kwargs):
        response = self.session.request(
            method,
            self.base_url + path,
            allow_redirects=False,
            timeout=REQUEST_TIMEOUT,
            **kwargs,
        )
        # TLS ends at the (simulated) proxy, so Secure cookies come back over HTTP.
        for cookie in self.session.cookies:
            cookie.secure = False
        self.ledger.statuses[response.status_code] += 1
        if response.status_code != expected:
            self.ledger.unexpected.append(f"{method} {path}: {response.status_code}")
            return None
        return response

    def get(self, path: str) -> bool:
        return self.request("GET", path, 200) is not None

    def post(self, path: str, data: dict[str, str] | None = None) -> str | None:
        token = self.session.cookies["csrftoken"]
        response = self.request(
            "POST", path, 302, data={"csrfmiddlewaretoken": token, **(data or {})}
        )
        return response.headers["Location"] if response is not None else None

    def acknowledge(self) -> None:
        if self.killed.is_set():
            self.ledger.acknowledged_after_kill += 1

    def journey(self) -> None:
        if not (self.get("/") and self.get("/start/")):
            return
        first = QUESTIONS[0]
        value = self.rng.choice(first.values)
        # The first answer stores the decision.
        path = self.post("/start/", {"answer": value})
        if path is None:
            return
        self.acknowledge()
        decision = uuid.UUID(DECISION_PATH.match(path)[1])
        answers = self.ledger.answers[decision] = {first.id: value}
        while "/questions/" in path:
            if not self.get(path):
                return
            question_id = path.rstrip("/").rsplit("/", 1)[1]
            value = self.rng.choice(QUESTIONS_BY_ID[question_id].values)
            self.ledger.unconfirmed[decision] = (question_id, value)
            path = self.post(path, {"answer": value})
            if path is None:
                return
            del self.ledger.unconfirmed[decision]
            answers[question_id] = value
            self.acknowledge()
        if not self.get(path):
            return
        details = {
            name: f"{name} {self.rng.randrange(10**6)}"
            for name in self.rng.sample(DETAIL_FIELDS, self.rng.randint(0, 4))
        }
        path = self.post(path, details)
        if path is None:
            return
        self.ledger.details[decision] = details
        self.acknowledge()
        if not self.get(path):
            return
        path = self.post(path)
        if path is None:
            return
        self.ledger.completed.add(decision)
        self.acknowledge()
        if self.get(path):
            self.ledger.journeys += 1


def visit_until(base_url, deadline, ledger, seed, killed) -> None:
    rng = random.Random(seed)
    while time.monotonic() < deadline:
        visitor = Visitor(base_url, ledger, rng, killed)
        try:
            visitor.journey()
        except requests.RequestException:
            ledger.connection_errors += 1
        except Exception as error:  # reported by the tests rather than lost
            ledger.unexpected.append(repr(error))
        finally:
            visitor.session.close()


def merged(ledgers: list[Ledger]) -> Ledger:
    total = Ledger()
    for ledger in ledgers:
        total.answers |= ledger.answers
        total.details |= ledger.details
        total.completed |= ledger.completed
        total.unconfirmed |= ledger.unconfirmed
        total.statuses += ledger.statuses
        total.unexpected += ledger.unexpected
        total.connection_errors += ledger.connection_errors
        total.acknowledged_after_kill += ledger.acknowledged_after_kill
        total.journeys += ledger.journeys
    return total


def open_connections(worker: psutil.Process) -> int:
    return sum(
        1 for c in worker.net_connections("tcp") if c.status == psutil.CONN_ESTABLISHED
    )


def kill_busiest_worker(master: psutil.Process) -> int:
    """SIGKILL the worker holding the most connections, so some are cut mid-request."""
    worker = max(master.children(), key=open_connections)
    worker.send_signal(signal.SIGKILL)
    return worker.pid


def workers_once_replaced(master: psutil.Process, killed: int) -> set[int]:
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        workers = {child.pid for child in master.children()}
        if len(workers) == WORKERS and killed not in workers:
            break
        time.sleep(0.2)
    return workers


def is_healthy(base_url: str) -> bool:
    try:
        return requests.get(base_url + "/healthz", timeout=5).text == "ok"
    except requests.RequestException:
        return False


@pytest.fixture(scope="module")
def load_run(django_db_setup, django_db_blocker, tmp_path_factory) -> LoadRun:
    log_path = tmp_path_factory.mktemp("load") / "gunicorn.log"
    env = production_env(
        WEB_CONCURRENCY=str(WORKERS), DJANGO_DECISIONS_PER_HOUR="1000000"
    )
    with (
        django_db_blocker.unblock(),
        gunicorn(env, log_path=log_path) as (
            base_url,
            process,
        ),
    ):
        master = psutil.Process(process.pid)
        ledgers = [Ledger() for _ in range(USERS)]
        killed = threading.Event()
        deadline = time.monotonic() + SECONDS
        threads = [
            threading.Thread(
                target=visit_until, args=(base_url, deadline, ledger, seed, killed)
            )
            for seed, ledger in enumerate(ledgers)
        ]
        for thread in threads:
            thread.start()
        time.sleep(KILL_AFTER)
        killed_worker = kill_busiest_worker(master)
        killed.set()
        for thread in threads:
            thread.join()
        ledger = merged(ledgers)
        run = LoadRun(
            ledger=ledger,
            log="",
            stored=Decision.objects.in_bulk(list(ledger.answers)),
            killed_worker=killed_worker,
            workers_after=workers_once_replaced(master, killed_worker),
            healthy_after=is_healthy(base_url),
        )
    run.log = log_path.read_text(errors="replace")
    return run


def test_load_completes_many_questionnaires(load_run):
    """The load is real: fifty visitors finish a good number of questionnaires."""
    assert load_run.ledger.journeys >= USERS
    assert load_run.ledger.unexpected == []


def test_no_server_errors_under_load(load_run):
    """Nobody gets a 5xx, and every response is the page or redirect expected."""
    statuses = load_run.ledger.statuses

    assert [status for status in statuses if status >= 500] == []
    assert set(statuses) <= {200, 302}
    assert not re.search(r'HTTP/1\.[01]" 5\d\d ', load_run.log)


def test_database_is_never_locked(load_run):
    """Concurrent writers wait their turn instead of failing."""
    assert "database is locked" not in load_run.log
    assert "Traceback" not in load_run.log


def test_acknowledged_answers_are_stored(load_run):
    """The answers stored for each decision are exactly those acknowledged.

    Only a POST cut off by the killed worker may or may not have been stored.
    """
    ledger = load_run.ledger
    mismatched = {}
    for decision_id, acknowledged in ledger.answers.items():
        stored = load_run.stored[decision_id].answers
        possible = [acknowledged]
        if decision_id in ledger.unconfirmed:
            question_id, value = ledger.unconfirmed[decision_id]
            possible.append({**acknowledged, question_id: value})
        if stored not in possible:
            mismatched[decision_id] = (stored, possible)

    assert mismatched == {}
    assert len(load_run.stored) == len(ledger.answers)


def test_acknowledged_details_and_verdicts_are_stored(load_run):
    """Acknowledged details are stored, and each acknowledged check has a verdict."""
    ledger = load_run.ledger
    for decision_id, details in ledger.details.items():
        decision = load_run.stored[decision_id]
        assert decision.details_given
        for name in DETAIL_FIELDS:
            assert getattr(decision, name) == details.get(name, "")
    for decision_id in ledger.completed:
        decision = load_run.stored[decision_id]
        assert decision.is_complete
        assert decision.verdict == engine.evaluate(decision.answers).to_dict()


def test_service_carries_on_after_a_worker_is_killed(load_run):
    """A SIGKILLed worker is replaced, and visitors keep being served meanwhile."""
    assert len(load_run.workers_after) == WORKERS
    assert load_run.killed_worker not in load_run.workers_after
    assert load_run.healthy_after
    assert load_run.ledger.acknowledged_after_kill > 0
    assert "was sent SIGKILL" in load_run.log
