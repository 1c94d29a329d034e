"""Two writes to one decision at the same moment, on real gunicorn: neither loses
the other's change.

Each pair posts the email options and a changed answer at once. A change counts
as acknowledged when its POST got its 302; every acknowledged change must be
what the database holds once the pair is done.
"""

import threading
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field

import pytest
import requests

from django.conf import settings
from django.contrib.sessions.backends.db import SessionStore
from django.test import override_settings

from decisions import engine, ownership, writes
from decisions.models import Decision
from decisions.questionnaire import QUESTIONS_BY_ID
from tests.answers import DECLINE_ANSWERS
from tests.servers import gunicorn, production_env

pytestmark = [pytest.mark.system, pytest.mark.django_db(transaction=True)]

PAIRS = 160
EMAIL_CHOICES = [("accepted_other", "decline"), ("rethinking_goals", "withdraw")]


@dataclass
class Race:
    acknowledged: dict[str, int] = field(default_factory=dict)
    lost: list[str] = field(default_factory=list)
    statuses: list[int] = field(default_factory=list)


def browser(server: str) -> tuple[requests.Session, Decision]:
    """A browser of the server's (its session signed with the server's key),
    owning one complete decision."""
    with override_settings(SECRET_KEY=production_env()["DJANGO_SECRET_KEY"]):
        session = SessionStore()
        session[ownership.BROWSER_KEY] = "racing-browser"
        session.create()
    decision = Decision.objects.create(
        browser_id="racing-browser", answers=dict(DECLINE_ANSWERS), details_given=True
    )
    writes.complete(decision)
    client = requests.Session()
    client.headers["Origin"] = server
    client.cookies.set(settings.SESSION_COOKIE_NAME, session.session_key)
    verdict = client.get(f"{server}/decisions/{decision.pk}/verdict/")
    assert verdict.status_code == 200
    return client, decision


def post(client, url, data):
    token = client.cookies["csrftoken"]
    response = client.post(
        url, {"csrfmiddlewaretoken": token, **data}, allow_redirects=False, timeout=20
    )
    return response.status_code


def race(server, client, decision) -> Race:
    base = f"{server}/decisions/{decision.pk}"
    interests = QUESTIONS_BY_ID["interest"].values
    result = Race()
    start = threading.Barrier(2)

    def at_once(url, data):
        start.wait()
        return post(client, url, data)

    with ThreadPoolExecutor(2) as pool:
        for number in range(PAIRS):
            reason, kind = EMAIL_CHOICES[number % 2]
            interest = interests[number % len(interests)]
            email = pool.submit(
                at_once,
                f"{base}/email/",
                {"email_reason": reason, "email_kind": kind},
            )
            answer = pool.submit(
                at_once,
                f"{base}/questions/interest/?return_to=verdict",
                {"answer": interest},
            )
            statuses = (email.result(), answer.result())
            result.statuses += statuses
            stored = Decision.objects.get(pk=decision.pk)
            if statuses[0] == 302:
                result.acknowledged["email"] = result.acknowledged.get("email", 0) + 1
                if (stored.email_reason, stored.email_kind) != (reason, kind):
                    result.lost.append(f"pair {number}: email {reason}/{kind}")
            if statuses[1] == 302:
                result.acknowledged["answer"] = result.acknowledged.get("answer", 0) + 1
                if stored.answers.get("interest") != interest:
                    result.lost.append(f"pair {number}: interest {interest}")
    return result


@pytest.fixture(scope="module")
def raced(django_db_setup, django_db_blocker) -> tuple[Race, Decision]:
    """One race for the module's tests, and the decision as it ends."""
    # Plain HTTP, so the test's own client can send the cookies back.
    env = production_env(DJANGO_HTTPS="0")
    with django_db_blocker.unblock(), gunicorn(env) as (server, _):
        client, decision = browser(server)
        result = race(server, client, decision)
        return result, Decision.objects.get(pk=decision.pk)


def test_no_acknowledged_change_is_lost(raced):
    """Across 160 pairs of simultaneous email and answer posts, every change the
    server acknowledged is stored."""
    result, _ = raced

    assert result.lost == []
    assert result.acknowledged["email"] >= PAIRS // 2
    assert result.acknowledged["answer"] == PAIRS


def test_racing_writes_get_answers_not_errors(raced):
    """Every racing post is answered with a redirect (or a 404 for an email post
    that arrives while the answer's new verdict is being worked out), never 5xx."""
    result, _ = raced

    assert set(result.statuses) <= {302, 404}


def test_the_stored_verdict_matches_the_stored_answers(raced):
    """After the race, the verdict is the one the final answers give."""
    _, decision = raced

    assert decision.is_complete
    assert decision.verdict == engine.evaluate(decision.answers).to_dict()
