"""CPU per request of bench's targets, measured in-process through the WSGI app
as multiples of /healthz: where a page's time goes, without gunicorn or a network.
Run by hand, not by the tests.

    .venv/bin/python bench/inprocess.py [target ...]

Page targets (every one when none is named), each the same GET with the same
cookies: healthz start verdict verdict2 shared history floor_g floor_h question.
The journey target is a new visitor's whole questionnaire, as bench/locustfile.py's
Journey does it (each question GET + POST, the first at /start/, details GET +
POST, check GET + POST, verdict GET) with a real CSRF cookie and token, reported
per journey and per kind of request.

N (300) requests per page target, JOURNEYS (40) journeys; PROFILE=<target> adds
a cProfile of it, sorted by SORT (cumulative or tottime), TOP lines (60). A fresh
SQLite database is seeded by bench/seed.py unless PROF_DB names a database.
Multiples in `make bench` differ (gunicorn adds about 0.43 ms a request, a busy
machine more): compare before and after here, in the same minute, then confirm
there.
"""

import ast
import contextlib
import cProfile
import io
import json
import os
import pstats
import random
import runpy
import secrets
import sys
import tempfile
import time
from collections import defaultdict
from collections.abc import Callable
from http.cookies import SimpleCookie
from pathlib import Path
from urllib.parse import urlencode, urlsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.chdir(ROOT)
os.environ.update(
    {
        "DJANGO_SETTINGS_MODULE": "interviewdecider.settings",
        "DJANGO_DEBUG": "0",
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
        "DJANGO_HTTPS": "0",
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost,testserver",
        "DATABASE_URL": os.environ.get("PROF_DB")
        or f"sqlite:///{tempfile.mkdtemp()}/db.sqlite3",
        "DJANGO_DECISIONS_PER_HOUR": "1000000000",
    }
)

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.core.wsgi import get_wsgi_application  # noqa: E402

from decisions.questionnaire import QUESTIONS, QUESTIONS_BY_ID  # noqa: E402

REQUESTS = int(os.environ.get("N", "300"))
JOURNEYS = int(os.environ.get("JOURNEYS", "40"))
APP = get_wsgi_application()


def locust_details() -> dict[str, str]:
    """The details bench/locustfile.py's Journey types, read without importing
    it: importing locust patches the runtime."""
    tree = ast.parse((ROOT / "bench" / "locustfile.py").read_text())
    return next(
        ast.literal_eval(node.value)
        for node in tree.body
        if isinstance(node, ast.Assign)
        and [getattr(target, "id", None) for target in node.targets] == ["DETAILS"]
    )


def seeded() -> dict:
    """bench/seed.py's JSON, after migrating the database."""
    call_command("migrate", verbosity=0)
    printed = io.StringIO()
    with contextlib.redirect_stdout(printed):
        sys.argv = ["seed"]
        runpy.run_path(str(ROOT / "bench" / "seed.py"), run_name="__main__")
    return json.loads(printed.getvalue())


def wsgi_request(
    method: str, url: str, cookies: dict[str, str], data: dict[str, str] | None = None
) -> tuple[int, list[tuple[str, str]]]:
    """One request through the WSGI app, its body read: status code and headers."""
    path, _, query = url.partition("?")
    body = urlencode(data or {}).encode()
    environ = {
        "REQUEST_METHOD": method,
        "PATH_INFO": path,
        "QUERY_STRING": query,
        "SCRIPT_NAME": "",
        "SERVER_NAME": "127.0.0.1",
        "SERVER_PORT": "80",
        "SERVER_PROTOCOL": "HTTP/1.1",
        "REMOTE_ADDR": "127.0.0.1",
        "HTTP_HOST": "127.0.0.1",
        "HTTP_COOKIE": "; ".join(f"{name}={value}" for name, value in cookies.items()),
        "CONTENT_TYPE": "application/x-www-form-urlencoded",
        "CONTENT_LENGTH": str(len(body)),
        "wsgi.input": io.BytesIO(body),
        "wsgi.errors": sys.stderr,
        "wsgi.version": (1, 0),
        "wsgi.url_scheme": "http",
        "wsgi.multithread": False,
        "wsgi.multiprocess": True,
        "wsgi.run_once": False,
    }
    started = []

    def start_response(status, headers, exc_info=None):
        started.extend([status, headers])
        return lambda _: None

    response = APP(environ, start_response)
    b"".join(response)
    response.close()
    status, headers = started
    return int(status.split()[0]), headers


class Browser:
    """Keeps the cookies it is sent, as a browser does."""

    def __init__(self) -> None:
        self.cookies: dict[str, str] = {}

    def request(
        self, method: str, url: str, data: dict[str, str] | None = None
    ) -> tuple[int, str]:
        """The response's status code and where it redirects to, if it does."""
        status, headers = wsgi_request(method, url, self.cookies, data)
        location = ""
        for name, value in headers:
            if name == "Set-Cookie":
                for morsel in SimpleCookie(value).values():
                    self.cookies[morsel.key] = morsel.value
            elif name == "Location":
                location = urlsplit(value)._replace(scheme="", netloc="").geturl()
        return status, location


def expect(status: int, wanted: int, what: str) -> None:
    if status != wanted:
        raise SystemExit(f"{what} answered {status}, expected {wanted}")


def page_target(url: str, cookies: dict[str, str]) -> Callable[[], int]:
    """The same GET each time, with the same cookies, whatever it is sent back."""
    return lambda: wsgi_request("GET", url, cookies)[0]


class Journey:
    """bench/locustfile.py's Journey, timing each kind of request."""

    KINDS = [
        "question GET",
        "question POST",
        "details GET",
        "details POST",
        "check GET",
        "check POST",
        "verdict GET",
    ]

    def __init__(self, session_cookie: str):
        self.session_cookie = session_cookie
        self.details = locust_details()
        self.browser = Browser()
        expect(self.browser.request("GET", "/")[0], 200, "GET /")
        self.choose = random.Random(17).choice
        self.ms: dict[str, float] = defaultdict(float)
        self.count: dict[str, int] = defaultdict(int)
        for _ in range(5):
            self()
        self.ms.clear()
        self.count.clear()

    def timed(self, kind: str, url: str, data: dict[str, str] | None = None) -> str:
        method = kind.rsplit(" ", 1)[1]
        if method == "POST":
            token = self.browser.cookies["csrftoken"]
            data = {"csrfmiddlewaretoken": token, **(data or {})}
        started = time.process_time()
        status, location = self.browser.request(method, url, data)
        self.ms[kind] += (time.process_time() - started) * 1000
        self.count[kind] += 1
        expect(status, 302 if method == "POST" else 200, f"{kind} {url}")
        return location

    def __call__(self) -> None:
        self.browser.cookies.pop(self.session_cookie, None)
        url, question = "/start/", QUESTIONS[0]
        while True:
            self.timed("question GET", url)
            url = self.timed(
                "question POST", url, {"answer": self.choose(question.values)}
            )
            if "/questions/" not in url:
                break
            question = QUESTIONS_BY_ID[url.rstrip("/").rsplit("/", 1)[1]]
        self.timed("details GET", url)
        url = self.timed("details POST", url, self.details)
        self.timed("check GET", url)
        url = self.timed("check POST", url)
        self.timed("verdict GET", url)

    def report(self, journeys: int, healthz_ms: float) -> None:
        total_ms = sum(self.ms.values())
        requests = sum(self.count.values()) / journeys
        per_journey = total_ms / journeys
        print(
            f"{'journey':14} {requests:.1f} requests  {per_journey:.2f} ms"
            f"  {per_journey / healthz_ms:.0f}x"
        )
        for kind in self.KINDS:
            ms, count = self.ms[kind], self.count[kind]
            print(
                f"  {kind:13} {count / journeys:4.1f} per journey"
                f"  {ms / count:6.3f} ms each  {ms / journeys:6.2f} ms"
                f"  {ms / total_ms:4.0%}"
            )


def measure(hit: Callable[[], object], times: int, warm_up: int) -> float:
    """CPU milliseconds per call, after a warm-up."""
    for _ in range(warm_up):
        hit()
    started = time.process_time()
    for _ in range(times):
        hit()
    return (time.process_time() - started) / times * 1000


def main(chosen: list[str]) -> None:
    seed = seeded()
    session = seed["session_cookie"]
    owner = {session: seed["owner_session"]}
    visitor = {session: seed["visitor_session"]}
    pages = {
        "healthz": ("/healthz", {}),
        "start": ("/", {}),
        "verdict": (seed["verdict_paths"][0], owner),
        "verdict2": (seed["verdict_paths"][1], owner),
        "shared": (seed["shared_path"], {}),
        "history": ("/decisions/", owner),
        "floor_g": (seed["visitor_resume_path"], visitor),
        "floor_h": (seed["owner_resume_path"], owner),
        "question": ("/start/", {}),
    }
    profiled = os.environ.get("PROFILE", "")
    unknown = {*chosen, profiled} - {*pages, "journey", ""}
    if unknown:
        raise SystemExit(f"Unknown target {', '.join(sorted(unknown))}")
    targets: dict[str, Callable[[], object]] = {
        name: page_target(url, cookie) for name, (url, cookie) in pages.items()
    }
    if "journey" in (*chosen, profiled):
        journey = targets["journey"] = Journey(session)
    healthz_ms = measure(targets["healthz"], REQUESTS, warm_up=30)
    print(f"{'healthz':14} {targets['healthz']()}  {healthz_ms:.3f} ms", flush=True)
    for name in chosen or pages:
        if name == "journey":
            measure(journey, JOURNEYS, warm_up=0)
            journey.report(JOURNEYS, healthz_ms)
        elif name != "healthz":
            ms = measure(targets[name], REQUESTS, warm_up=30)
            status = targets[name]()
            print(
                f"{name:14} {status}  {ms:.3f} ms  {ms / healthz_ms:.1f}x", flush=True
            )
    if profiled:
        hit, times = targets[profiled], 20 if profiled == "journey" else 200
        profile = cProfile.Profile()
        profile.runcall(lambda: [hit() for _ in range(times)])
        stats = pstats.Stats(profile).sort_stats(os.environ.get("SORT", "cumulative"))
        stats.print_stats(int(os.environ.get("TOP", "60")))


if __name__ == "__main__":
    main(sys.argv[1:])
