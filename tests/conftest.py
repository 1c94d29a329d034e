import datetime
import os

import pytest
from hypothesis import settings as hypothesis_settings

from django.conf import settings
from django.core.cache import caches
from django.core.management import call_command
from django.urls import reverse

from decisions import writes
from decisions.models import Decision
from tests.answers import DECLINE_ANSWERS, INTERVIEW_ANSWERS

# Tests import the two common answer sets from here too.
__all__ = ["DECLINE_ANSWERS", "FIRST_ANSWER", "INTERVIEW_ANSWERS", "question_url"]

# What the first question's form posts; a decision is stored at its first answer.
FIRST_ANSWER = {"answer": DECLINE_ANSWERS["employment"]}

# CI replays the same examples every run, so a red build is always reproducible;
# locally Hypothesis keeps exploring new ones.
hypothesis_settings.register_profile("ci", derandomize=True, print_blob=True)
if os.environ.get("CI"):
    hypothesis_settings.load_profile("ci")


@pytest.fixture(scope="session", autouse=True)
def collected_static():
    """Serve hashed, compressed static files as production does.

    Collecting takes seconds, so it is skipped when nothing has changed since.
    """
    manifest = settings.STATIC_ROOT / "staticfiles.json"
    sources = [settings.BASE_DIR / "requirements.lock"]
    sources += list(settings.BASE_DIR.glob("static/**/*.*"))
    sources += list(settings.BASE_DIR.glob("*/static/**/*.*"))
    newest_source = max(path.stat().st_mtime for path in sources)
    if not manifest.exists() or manifest.stat().st_mtime < newest_source:
        call_command("collectstatic", interactive=False, verbosity=0)


@pytest.fixture(autouse=True)
def fast_test_setup(settings):
    """Skip work that costs time in every test and proves nothing here.

    Whitenoise otherwise indexes every static file for each new test client, and
    real password hashing takes a third of a second. Real gunicorn tests keep both.
    """
    settings.WHITENOISE_AUTOREFRESH = True
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def fresh_fragment_cache():
    """Each test starts with no cached page parts, as a worker does."""
    caches["template_fragments"].clear()


@pytest.fixture(autouse=True)
def own_password_hashing_lock(settings, tmp_path):
    """Each test its own "one password hash at a time" lock: tests running in
    parallel are separate visitors, not workers of one server."""
    settings.PASSWORD_HASHING_LOCK = tmp_path / "password-hashing.lock"


@pytest.fixture(scope="session")
def django_db_modify_db_settings(
    django_db_modify_db_settings_parallel_suffix, tmp_path_factory
):
    """Keep the SQLite test database in a file, so gunicorn processes can share it.

    Parallel workers each keep their own database, on PostgreSQL too.
    """
    database = settings.DATABASES["default"]
    if database["ENGINE"].endswith("sqlite3"):
        path = tmp_path_factory.mktemp("db") / "test.sqlite3"
        database.setdefault("TEST", {})["NAME"] = str(path)


@pytest.fixture
def start_decision(client):
    """Start a decision as this test client's browser, the way a person does:
    the first answer stores it."""

    def start() -> Decision:
        response = client.post(reverse("decisions:new_decision"), FIRST_ANSWER)
        assert response.status_code == 302
        return Decision.objects.latest("created_at")

    return start


@pytest.fixture
def make_decision(client, start_decision):
    """A decision owned by the test client, with answers and optionally complete."""

    def make(answers=None, *, complete=False, **details) -> Decision:
        decision = start_decision()
        decision.answers = dict(answers or {})
        for name, value in details.items():
            setattr(decision, name, value)
        if complete:
            decision.details_given = True
            decision.save()
            writes.complete(decision)
        else:
            decision.save()
        return decision

    return make


# Every page of a decision that answers GET, by URL name (each takes the id).
DECISION_PAGES = [
    "decisions:resume",
    "decisions:details",
    "decisions:check",
    "decisions:verdict",
    "decisions:calendar",
    "decisions:email_text",
    "decisions:delete",
]


@pytest.fixture
def interview_decision(make_decision):
    """A complete decision to take an interview a week away: every page of a
    decision, its calendar file included, has something to show."""
    return make_decision(
        INTERVIEW_ANSWERS,
        complete=True,
        interview_date=datetime.date.today() + datetime.timedelta(days=7),
    )


def question_url(decision: Decision, question_id: str) -> str:
    return reverse("decisions:question", args=[decision.pk, question_id])
