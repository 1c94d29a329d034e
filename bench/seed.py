"""Seed a fresh database for the benchmark and print what the load needs, as JSON.

One account owns 1,000 decisions (most complete, some in progress); two of them
are finished decisions with full details, one to decline and one to interview,
and the decline has a share link. A visitor without an account has one decision
in progress. Both sessions are created here, so the load test carries their
cookies instead of logging in or starting during the measured phases.

    DATABASE_URL=... python bench/seed.py > seed.json
"""

import datetime
import itertools
import json
import os
import secrets
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "interviewdecider.settings")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY  # noqa: E402
from django.contrib.auth.models import User  # noqa: E402
from django.contrib.sessions.backends.db import SessionStore  # noqa: E402
from django.utils import timezone  # noqa: E402

from decisions import engine, ownership, writes  # noqa: E402
from decisions.models import Decision, ShareLink  # noqa: E402
from tests.answers import DECLINE_ANSWERS, INTERVIEW_ANSWERS  # noqa: E402

OWNER_DECISIONS = 1000
ANSWERS = {"decline": DECLINE_ANSWERS, "interview": INTERVIEW_ANSWERS}
DETAILS = {
    "role_title": "Account Manager",
    "company_name": "Acme Widgets",
    "contact_name": "Ms Patel",
    "your_name": "Sam Jones",
}


def owner_decisions(user: User) -> list[Decision]:
    """Varied decisions, newest first, each a day older than the one before."""
    now = timezone.now()
    snapshots = {
        kind: engine.evaluate(chosen).to_dict() for kind, chosen in ANSWERS.items()
    }
    kinds = itertools.cycle(["decline", "interview", "decline", "in_progress"])
    decisions = []
    # Two more, finished with full details, are added by main().
    for number, kind in zip(range(OWNER_DECISIONS - 2), kinds, strict=False):
        created = now - datetime.timedelta(days=number, minutes=number)
        if kind == "in_progress":
            decision = Decision(user=user, answers={"employment": "employed"})
        else:
            decision = Decision(
                user=user,
                answers=ANSWERS[kind],
                details_given=True,
                status=Decision.Status.COMPLETE,
                verdict=snapshots[kind],
                rules_version=engine.RULES_VERSION,
                completed_at=created,
                role_title=f"Role {number}",
                company_name=f"Company {number}",
            )
        decisions.append(decision)
    created = Decision.objects.bulk_create(decisions)
    # created_at is auto_now_add; spread it out so the history pages differ.
    for number, decision in enumerate(created):
        decision.created_at = now - datetime.timedelta(days=number, minutes=number)
    Decision.objects.bulk_update(created, ["created_at"], batch_size=500)
    return created


def finished(user: User, answers: dict[str, str]) -> Decision:
    decision = Decision.objects.create(
        user=user,
        answers=answers,
        details_given=True,
        interview_date=timezone.localdate() + datetime.timedelta(days=7),
        **DETAILS,
    )
    writes.complete(decision)
    return decision


def visitor_session() -> tuple[str, Decision]:
    """A browser without an account, and the decision it has in progress."""
    session = SessionStore()
    session[ownership.BROWSER_KEY] = secrets.token_urlsafe(32)
    session.create()
    decision = Decision.objects.create(
        browser_id=session[ownership.BROWSER_KEY], answers={"employment": "employed"}
    )
    return session.session_key, decision


def owner_session(user: User) -> str:
    """A logged-in session for the owner, as the login view would store it."""
    session = SessionStore()
    session[SESSION_KEY] = str(user.pk)
    session[BACKEND_SESSION_KEY] = settings.AUTHENTICATION_BACKENDS[-1]
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session.create()
    return session.session_key


def main() -> None:
    owner = User.objects.create_user("bench-owner", password=None)
    owner_decisions(owner)
    decline = finished(owner, DECLINE_ANSWERS)
    interview = finished(owner, INTERVIEW_ANSWERS)
    link = writes.create_share_link(decline, include_company=True)
    assert isinstance(link, ShareLink)
    visitor, in_progress = visitor_session()
    json.dump(
        {
            "session_cookie": settings.SESSION_COOKIE_NAME,
            "owner_session": owner_session(owner),
            "owner_decisions": Decision.objects.filter(user=owner).count(),
            "verdict_paths": [
                f"/decisions/{decision.pk}/verdict/"
                for decision in (decline, interview)
            ],
            "shared_path": link.get_absolute_url(),
            "owner_resume_path": decline.get_absolute_url(),
            "visitor_session": visitor,
            "visitor_resume_path": in_progress.get_absolute_url(),
        },
        sys.stdout,
        indent=2,
    )
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
