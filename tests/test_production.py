"""Production mode, checked on real gunicorn processes and real responses."""

import re
import subprocess
import sys

import pytest
import requests

from tests.servers import BASE_DIR, gunicorn, production_env

HTTPS = {"X-Forwarded-Proto": "https"}
EXPECTED_CSP = {
    "default-src": "'none'",
    "script-src": "'self'",
    "style-src": "'self'",
    "img-src": "'self' data:",
    "connect-src": "'self'",
    "base-uri": "'none'",
    "frame-ancestors": "'none'",
    "form-action": "'self'",
}

pytestmark = [pytest.mark.system, pytest.mark.django_db(transaction=True)]


def manage(*args: str, **env: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=BASE_DIR,
        env={**production_env(), **env},
        capture_output=True,
        text=True,
        timeout=60,
    )


@pytest.fixture(scope="module")
def server(django_db_blocker):
    with django_db_blocker.unblock(), gunicorn() as (base_url, _process):
        yield base_url


def trust_secure_cookies(session: requests.Session) -> None:
    """Send the Secure cookies back: TLS ends at the (simulated) proxy."""
    for cookie in session.cookies:
        cookie.secure = False


def csrf_token(session: requests.Session, url: str) -> str:
    response = session.get(url, headers=HTTPS)
    response.raise_for_status()
    trust_secure_cookies(session)
    return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', response.text)[1]


# Starting a decision stores its first answer.
FIRST_ANSWER = {"answer": "unemployed"}


def post(session, base_url, path, data=None, **kwargs):
    token = csrf_token(session, base_url + kwargs.pop("form_page", "/accounts/login/"))
    headers = {**HTTPS, "Referer": base_url.replace("http:", "https:") + "/"}
    response = session.post(
        base_url + path,
        data={"csrfmiddlewaretoken": token, **(data or {})},
        headers=headers,
        allow_redirects=False,
        **kwargs,
    )
    trust_secure_cookies(session)
    return response


def test_deploy_check_reports_no_issues():
    """`check --deploy` is clean with the production environment variables."""
    result = manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        DJANGO_DEBUG="0",
        DJANGO_SECRET_KEY="a-long-random-production-key-" + "k7Q2" * 10,
        DJANGO_HTTPS="1",
        DJANGO_ALLOWED_HOSTS="decider.example.org",
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def production_setting(expression: str, **env: str) -> str:
    """What a settings expression prints in production mode with `env`."""
    result = manage(
        "shell",
        "--verbosity",
        "0",
        "-c",
        f"from django.conf import settings; print({expression})",
        **env,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


@pytest.mark.parametrize(
    ("subdomains", "expected"), [("", "True True"), ("0", "False False")]
)
def test_hsts_covers_subdomains_and_preload_unless_turned_off(subdomains, expected):
    """A site with a plain-HTTP subdomain can keep HSTS to its own host."""
    hsts = production_setting(
        "settings.SECURE_HSTS_INCLUDE_SUBDOMAINS, settings.SECURE_HSTS_PRELOAD",
        DJANGO_HSTS_SUBDOMAINS=subdomains,
    )
    assert hsts == expected


def test_database_connections_are_kept_between_requests_by_default():
    """Each worker reuses its connection for up to a minute unless told otherwise."""
    max_age = 'settings.DATABASES["default"]["CONN_MAX_AGE"]'
    assert production_setting(max_age) == "60"
    assert production_setting(max_age, DJANGO_DB_CONN_MAX_AGE="0") == "0"


def test_missing_secret_key_stops_production_start():
    """With debug off, a missing secret key is a configuration error."""
    result = manage("check", DJANGO_DEBUG="0", DJANGO_SECRET_KEY="")
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY" in result.stderr


def test_html_responses_carry_the_security_headers(server):
    """Every HTML page sends CSP, HSTS, nosniff, frame, referrer and COOP headers."""
    response = requests.get(server + "/", headers=HTTPS)
    assert response.status_code == 200
    policy = dict(
        directive.strip().split(" ", 1)
        for directive in response.headers["Content-Security-Policy"].split(";")
    )
    assert policy == EXPECTED_CSP
    assert "unsafe-inline" not in response.headers["Content-Security-Policy"]
    hsts = response.headers["Strict-Transport-Security"]
    assert int(re.search(r"max-age=(\d+)", hsts)[1]) >= 31536000
    assert "includeSubDomains" in hsts
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["X-Frame-Options"] == "DENY"
    assert response.headers["Referrer-Policy"] == "same-origin"
    assert response.headers["Cross-Origin-Opener-Policy"] == "same-origin"


def test_cookies_are_secure_httponly_and_lax(server):
    """Session and CSRF cookies are Secure, HttpOnly and SameSite=Lax."""
    session = requests.Session()
    response = post(session, server, "/start/", FIRST_ANSWER)
    assert response.status_code == 302
    cookies = {
        header.split("=", 1)[0]: header.lower()
        for header in response.raw.headers.getlist("Set-Cookie")
    }
    assert "secure" in cookies["sessionid"]
    assert "httponly" in cookies["sessionid"]
    assert "samesite=lax" in cookies["sessionid"]
    login_page = requests.get(server + "/accounts/login/", headers=HTTPS)
    csrf_cookie = login_page.raw.headers["Set-Cookie"]
    assert "secure" in csrf_cookie.lower()
    assert "httponly" in csrf_cookie.lower()
    assert "samesite=lax" in csrf_cookie.lower()


def test_plain_http_redirects_to_https_but_health_check_answers(server):
    """Plain HTTP is sent to HTTPS, except the health check a load balancer uses."""
    response = requests.get(server + "/", allow_redirects=False)
    assert response.status_code == 301
    assert response.headers["Location"].startswith("https://")
    health = requests.get(server + "/healthz", allow_redirects=False)
    assert health.status_code == 200
    assert health.text == "ok"


def test_readiness_answers_over_plain_http(server):
    """/readyz, like /healthz, answers a load balancer's plain-HTTP check."""
    ready = requests.get(server + "/readyz", allow_redirects=False)

    assert ready.status_code == 200
    assert ready.text == "ok"


def test_head_answers_without_a_body(server):
    """HEAD gets the GET's status and headers and no body, through gunicorn too."""
    page = requests.head(server + "/", headers=HTTPS)

    assert page.status_code == 200
    assert page.headers["Content-Type"].startswith("text/html")
    assert page.content == b""


def test_sqlite_write_transactions_take_the_lock_up_front():
    """On SQLite every transaction is IMMEDIATE, so read-then-write ones queue for
    the write lock instead of failing or losing an update."""
    options = 'settings.DATABASES["default"]["OPTIONS"]["transaction_mode"]'
    sqlite = f"sqlite:///{BASE_DIR / 'unused.sqlite3'}"
    assert production_setting(options, DATABASE_URL=sqlite) == "IMMEDIATE"


@pytest.mark.parametrize(
    "database_url",
    ["sqlite:////nonexistent/directory/db.sqlite3", "postgres://nobody@127.0.0.1:9/x"],
    ids=["sqlite-unopenable", "postgresql-unreachable"],
)
def test_readiness_fails_when_the_database_cannot_serve(database_url, tmp_path):
    """With a database it can't use, the server still says it is alive, but
    /readyz answers 503, so checks take it out of service; the log says why,
    without a traceback."""
    env = production_env(DATABASE_URL=database_url, WEB_CONCURRENCY="1")
    log_path = tmp_path / "gunicorn.log"
    with gunicorn(env, log_path=log_path) as (base_url, _):
        alive = requests.get(base_url + "/healthz")
        ready = requests.get(base_url + "/readyz")

    assert alive.status_code == 200
    assert ready.status_code == 503
    assert ready.text == "database unavailable"
    log = log_path.read_text()
    assert "WARNING decisions.views Not ready" in log
    assert "Traceback" not in log


def test_an_oversized_request_is_logged_as_a_warning(tmp_path, django_db_blocker):
    """A 70 KiB form post gets 400 and one warning line in the server's log: no
    ERROR, no traceback."""
    log_path = tmp_path / "gunicorn.log"
    with (
        django_db_blocker.unblock(),
        gunicorn(log_path=log_path) as (base_url, _),
    ):
        session = requests.Session()
        response = post(
            session, base_url, "/accounts/login/", {"username": "x" * 70_000}
        )

    assert response.status_code == 400
    log = log_path.read_text()
    assert "WARNING django.security.RequestDataTooBig" in log
    assert " ERROR " not in log
    assert "Traceback" not in log


def test_hashed_static_files_are_immutable_and_precompressed(server):
    """Hashed static files are cached for ten years and served as brotli or gzip."""
    page = requests.get(server + "/", headers=HTTPS).text
    css = re.search(r'href="(/static/css/site\.[0-9a-f]{12}\.css)"', page)[1]
    for encoding in ("br", "gzip"):
        response = requests.get(
            server + css, headers={**HTTPS, "Accept-Encoding": encoding}
        )
        assert response.status_code == 200
        assert response.headers["Content-Encoding"] == encoding
        cache = response.headers["Cache-Control"]
        assert "max-age=315360000" in cache
        assert "public" in cache
        assert "immutable" in cache


def test_not_found_is_our_page_without_debug_details(server):
    """A 404 uses the site's layout and shows no settings or traceback."""
    response = requests.get(server + "/no-such-page/", headers=HTTPS)
    assert response.status_code == 404
    assert "Page not found" in response.text
    assert "Interview Decider" in response.text
    assert "Traceback" not in response.text
    assert "DEBUG" not in response.text


def test_two_replicas_share_one_database(django_db_blocker):
    """A questionnaire begun on one replica finishes on another; shares work on both."""
    env = production_env(WEB_CONCURRENCY="1")
    with (
        django_db_blocker.unblock(),
        gunicorn(env) as (first, _),
        gunicorn(env) as (
            second,
            _,
        ),
    ):
        session = requests.Session()
        started = post(session, first, "/start/", FIRST_ANSWER)
        assert started.status_code == 302
        question_path = started.headers["Location"]
        answers = {
            "employment": "unemployed",
            "interest": "low",
            "company_appeal": "neutral",
            "career_pivot": "no",
            "other_process": "none",
            "interview_practice": "rusty",
            "prep_time": "some",
            "network_value": "high",
            "market_insight": "wanted",
        }
        servers = [first, second]
        path = question_path
        step = 0
        while "/questions/" in path:
            base = servers[step % 2]
            question_id = path.rstrip("/").rsplit("/", 1)[1]
            response = post(
                session, base, path, {"answer": answers[question_id]}, form_page=path
            )
            assert response.status_code == 302, response.text
            path = response.headers["Location"]
            step += 1
        details = post(session, second, path, {"company_name": "Acme"}, form_page=path)
        check_path = details.headers["Location"]
        verdict = post(session, second, check_path, form_page=check_path)
        verdict_path = verdict.headers["Location"]
        page = session.get(second + verdict_path, headers=HTTPS)
        assert page.status_code == 200
        assert "Take the interview" in page.text
        share_path = verdict_path.replace("verdict/", "share/")
        shared = post(session, second, share_path, form_page=verdict_path)
        assert shared.status_code == 302
        page = session.get(second + verdict_path, headers=HTTPS).text
        share_url = re.search(r'id="share-url"[^>]*value="[^"]*(/s/[^"]+)"', page)[1]
        stranger = requests.get(first + share_url, headers=HTTPS)
        assert stranger.status_code == 200
        assert "Take the interview" in stranger.text


def test_pooled_or_persistent_connections_serve_requests(django_db_blocker):
    """With psycopg's pool (PostgreSQL) or persistent connections, pages still work,
    here on threaded workers, whose threads share the pool."""
    env = production_env(
        WEB_CONCURRENCY="1",
        GUNICORN_THREADS="2",
        DJANGO_DB_POOL="1",
        DJANGO_DB_CONN_MAX_AGE="60",
    )
    with django_db_blocker.unblock(), gunicorn(env) as (base_url, _):
        session = requests.Session()
        for _ in range(3):
            started = post(session, base_url, "/start/", FIRST_ANSWER)
            assert started.status_code == 302
            page = session.get(base_url + started.headers["Location"], headers=HTTPS)
            assert page.status_code == 200
