"""Load for `scripts/bench`: one user class per target, each run as its own phase.

    locust -f bench/locustfile.py --headless -u 20 --host http://... Journey

Users wait about BENCH_WAIT seconds between tasks, and between the steps of a
journey: 0 (the default) measures how much the server can do at 20 concurrent
users; 1 is closer to people reading pages.
BENCH_SEED names the JSON written by bench/seed.py (the owner's session cookie,
a verdict page, a share link).

SignUpFlood runs beside StartPage's readers: BENCH_FLOOD_SIGN_UPS sign-ups (30)
arrive one every BENCH_FLOOD_GAP seconds (0.5), each from a fresh browser and,
when BENCH_FLOOD_ADDRESSES is above 1, from that many addresses in turn (in
X-Forwarded-For, for a server with DJANGO_PROXY_COUNT=1).
"""

import json
import os
import random
import secrets
import sys
from pathlib import Path
from urllib.parse import urlencode

import gevent
from locust import FastHttpUser, between, constant, task
from locust.contrib.fasthttp import FastHttpSession
from locust.exception import RescheduleTask

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from decisions.questionnaire import QUESTIONS, QUESTIONS_BY_ID  # noqa: E402

PACE = float(os.environ.get("BENCH_WAIT", "0"))
SEED = json.loads(Path(os.environ.get("BENCH_SEED", "seed.json")).read_text())
OWNER_COOKIE = {"Cookie": f"{SEED['session_cookie']}={SEED['owner_session']}"}
FORM = {"Content-Type": "application/x-www-form-urlencoded"}
FLOOD_SIGN_UPS = int(os.environ.get("BENCH_FLOOD_SIGN_UPS", "30"))
FLOOD_GAP = float(os.environ.get("BENCH_FLOOD_GAP", "0.5"))
FLOOD_ADDRESSES = int(os.environ.get("BENCH_FLOOD_ADDRESSES", "1"))
DETAILS = {
    "role_title": "Account Manager",
    "company_name": "Acme Widgets",
    "contact_name": "Ms Patel",
    "your_name": "Sam Jones",
    "interview_date": "",
}


class Target(FastHttpUser):
    abstract = True
    # Around PACE seconds, not exactly, so paced users don't click in step.
    wait_time = between(PACE / 2, PACE * 3 / 2) if PACE else constant(0)

    def expect(self, method: str, path: str, status: int, name: str, **kwargs):
        """One request, counted as a failure unless it answers `status`."""
        with self.client.request(
            method,
            path,
            name=name,
            allow_redirects=False,
            catch_response=True,
            **kwargs,
        ) as response:
            if response.status_code != status:
                response.failure(f"{response.status_code}, expected {status}")
                raise RescheduleTask()
            response.success()
            return response


class Healthz(Target):
    @task
    def healthz(self):
        self.expect("GET", "/healthz", 200, "/healthz")


class StartPage(Target):
    @task
    def start_page(self):
        self.expect("GET", "/", 200, "/")


class VerdictPage(Target):
    @task
    def verdict(self):
        path = random.choice(SEED["verdict_paths"])
        self.expect("GET", path, 200, "/decisions/<id>/verdict/", headers=OWNER_COOKIE)


class SharedPage(Target):
    @task
    def shared(self):
        self.expect("GET", SEED["shared_path"], 200, "/s/<token>/")


class MyDecisions(Target):
    @task
    def history(self):
        self.expect("GET", "/decisions/", 200, "/decisions/", headers=OWNER_COOKIE)


class Floor(Target):
    """/decisions/<id>/ only finds the owner's decision and redirects to its step."""

    abstract = True
    who = ""

    @task
    def resume(self):
        cookie = {"Cookie": f"{SEED['session_cookie']}={SEED[f'{self.who}_session']}"}
        path = SEED[f"{self.who}_resume_path"]
        name = f"/decisions/<id>/ ({self.who})"
        self.expect("GET", path, 302, name, headers=cookie)


class VisitorFloor(Floor):
    who = "visitor"


class OwnerFloor(Floor):
    who = "owner"


class Journey(Target):
    """A new visitor answers every question, the details and the check, with CSRF."""

    def on_start(self):
        self.expect("GET", "/", 200, "journey: GET / (once)")

    def cookie(self, name: str):
        return next((c for c in self.client.cookiejar if c.name == name), None)

    def get(self, path: str, name: str) -> None:
        self.expect("GET", path, 200, name)
        if PACE:
            self.wait()

    def post(self, path: str, name: str, data: dict[str, str] | None = None) -> str:
        token = self.cookie("csrftoken").value
        body = urlencode({"csrfmiddlewaretoken": token, **(data or {})})
        response = self.expect("POST", path, 302, name, data=body, headers=FORM)
        return response.headers["Location"]

    @task
    def journey(self):
        session = self.cookie(SEED["session_cookie"])
        if session is not None:
            self.client.cookiejar.clear(session.domain, session.path, session.name)
        # The first question is at /start/, and its answer stores the decision.
        path, question = "/start/", QUESTIONS[0]
        while True:
            self.get(path, "journey: GET question")
            answer = {"answer": random.choice(question.values)}
            path = self.post(path, "journey: POST question", answer)
            if "/questions/" not in path:
                break
            question = QUESTIONS_BY_ID[path.rstrip("/").rsplit("/", 1)[1]]
        self.get(path, "journey: GET details")
        path = self.post(path, "journey: POST details", DETAILS)
        self.get(path, "journey: GET check")
        path = self.post(path, "journey: POST check")
        self.expect("GET", path, 200, "journey: GET verdict")


class SignUpFlood(FastHttpUser):
    """One user that sends every sign-up of the flood on schedule, each in its
    own greenlet and browser, whether or not earlier ones have been answered."""

    fixed_count = 1
    wait_time = constant(1)

    def on_start(self):
        self.sent = [
            gevent.spawn_later(number * FLOOD_GAP, self.sign_up, number)
            for number in range(FLOOD_SIGN_UPS)
        ]

    def sign_up(self, number: int) -> None:
        browser = FastHttpSession(self.host, self.environment.events.request, user=self)
        headers = {}
        if FLOOD_ADDRESSES > 1:
            headers["X-Forwarded-For"] = f"198.18.0.{number % FLOOD_ADDRESSES + 1}"
        browser.get("/accounts/signup/", name="flood: sign-up form", headers=headers)
        token = next(c.value for c in browser.cookiejar if c.name == "csrftoken")
        password = secrets.token_urlsafe(16)
        body = urlencode(
            {
                "csrfmiddlewaretoken": token,
                "username": f"flood-{secrets.token_hex(6)}",
                "password1": password,
                "password2": password,
            }
        )
        with browser.request(
            "POST",
            "/accounts/signup/",
            name="flood: POST sign-up",
            data=body,
            headers={**FORM, **headers},
            allow_redirects=False,
            catch_response=True,
        ) as response:
            # Refused (429) is as expected as accepted (302): either is an answer.
            if response.status_code in (302, 429):
                response.success()
            else:
                response.failure(f"{response.status_code}, expected 302 or 429")

    @task
    def wait_for_the_flood(self):
        """The sign-ups run in their own greenlets; this user only waits."""
