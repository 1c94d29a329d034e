"""Settings read from the environment: typed, strict, and documented."""

import os
import re
import runpy
from pathlib import Path

import pytest

from django.core.exceptions import ImproperlyConfigured

from interviewdecider.settings import Env

BASE_DIR = Path(__file__).resolve().parent.parent
SETTINGS = BASE_DIR / "interviewdecider" / "settings.py"
BOOLEANS = [
    "DJANGO_DEBUG",
    "DJANGO_HTTPS",
    "DJANGO_HSTS_SUBDOMAINS",
    "DJANGO_DB_POOL",
    "DJANGO_EMAIL_USE_TLS",
]
WHOLE_NUMBERS = [
    "DJANGO_DB_CONN_MAX_AGE",
    "DJANGO_PROXY_COUNT",
    "DJANGO_LOGIN_FAILURE_LIMIT",
    "DJANGO_DECISIONS_PER_HOUR",
    "DJANGO_EMAIL_PORT",
]


@pytest.fixture
def load(monkeypatch):
    """Run settings.py afresh with only the given variables (and a secret key) set."""

    def load(**env: str) -> dict:
        for name in list(os.environ):
            if name.startswith("DJANGO_") or name == "DATABASE_URL":
                monkeypatch.delenv(name)
        for name, value in {"DJANGO_SECRET_KEY": "test-only", **env}.items():
            monkeypatch.setenv(name, value)
        return runpy.run_path(str(SETTINGS))

    return load


@pytest.mark.parametrize("name", BOOLEANS)
def test_an_unknown_boolean_spelling_stops_start_up(load, name):
    """`ture` is an error naming the variable and the spellings it accepts."""
    with pytest.raises(ImproperlyConfigured) as error:
        load(**{name: "ture"})
    assert str(error.value) == (
        f"{name}: 'ture' is not one of 1, true, yes, on, 0, false, no, off."
    )


@pytest.mark.parametrize("value", ["ten", "-1", "1.5"])
@pytest.mark.parametrize("name", WHOLE_NUMBERS)
def test_a_number_that_is_not_a_whole_number_stops_start_up(load, name, value):
    """A count or port must be a whole number, 0 or more; the error names it."""
    with pytest.raises(ImproperlyConfigured) as error:
        load(**{name: value})
    assert str(error.value) == f"{name}: {value!r} is not a whole number, 0 or more."


def test_a_proxy_header_without_its_value_stops_start_up(load):
    """The proxy header setting needs a header and a value, and says so."""
    with pytest.raises(ImproperlyConfigured) as error:
        load(DJANGO_SECURE_PROXY_SSL_HEADER="HTTP_X_FORWARDED_PROTO")
    assert str(error.value).startswith("DJANGO_SECURE_PROXY_SSL_HEADER: ")
    assert "such as HTTP_X_FORWARDED_PROTO,https" in str(error.value)


def test_a_database_url_with_an_unknown_scheme_stops_start_up(load):
    """A mistyped scheme names DATABASE_URL and the schemes it accepts."""
    with pytest.raises(ImproperlyConfigured) as error:
        load(DATABASE_URL="postgress://user:secret@db:5432/name")
    assert str(error.value).startswith("DATABASE_URL: Scheme 'postgress://'")
    assert "postgres, postgresql" in str(error.value)
    assert "secret" not in str(error.value)


@pytest.mark.parametrize(
    ("value", "expected"),
    [("1", True), ("TRUE", True), (" yes ", True), ("On", True)]
    + [("0", False), ("false", False), ("NO", False), ("off", False)],
)
def test_booleans_accept_the_usual_spellings(load, value, expected):
    """1/0, true/false, yes/no and on/off, in any case."""
    assert load(DJANGO_HTTPS=value)["HTTPS"] is expected


def test_an_empty_variable_takes_the_default(load):
    """An empty value, as compose passes for `${VAR:-}`, means the default."""
    settings = load(DJANGO_HTTPS="", DJANGO_PROXY_COUNT="", DJANGO_ALLOWED_HOSTS="")
    assert settings["HTTPS"] is True
    assert settings["PROXY_COUNT"] == 0
    assert settings["ALLOWED_HOSTS"] == ["127.0.0.1", "localhost"]


def test_typed_values_reach_the_settings(load):
    """Lists are split and trimmed, numbers and the proxy header parsed."""
    settings = load(
        DJANGO_ALLOWED_HOSTS="a.example, b.example",
        DJANGO_PROXY_COUNT="1",
        DJANGO_SECURE_PROXY_SSL_HEADER="HTTP_X_FORWARDED_PROTO, https",
        DJANGO_DB_CONN_MAX_AGE="0",
    )
    assert settings["ALLOWED_HOSTS"] == ["a.example", "b.example"]
    assert settings["PROXY_COUNT"] == 1
    assert settings["SECURE_PROXY_SSL_HEADER"] == ("HTTP_X_FORWARDED_PROTO", "https")
    assert settings["DATABASES"]["default"]["CONN_MAX_AGE"] == 0


def test_a_secret_starting_with_a_dollar_is_used_as_written(load):
    """A leading `$` is part of the secret, not the name of another variable."""
    settings = load(DJANGO_SECRET_KEY="$k7Q2", DJANGO_EMAIL_HOST_PASSWORD="$pw")
    assert settings["SECRET_KEY"] == "$k7Q2"
    assert settings["EMAIL_HOST_PASSWORD"] == "$pw"


def test_debug_is_off_unless_asked_for(load):
    """With nothing set, debug is off and the HTTPS protections are on."""
    settings = load()
    assert settings["DEBUG"] is False
    assert settings["HTTPS"] is True


def test_missing_secret_key_is_an_error_only_without_debug(load):
    """Debug runs get a throwaway key; production must set its own."""
    assert load(DJANGO_DEBUG="1", DJANGO_SECRET_KEY="")["SECRET_KEY"]
    with pytest.raises(ImproperlyConfigured, match="Set DJANGO_SECRET_KEY"):
        load(DJANGO_SECRET_KEY="")


def test_a_variable_without_a_default_must_be_set(monkeypatch):
    """Reading a variable that has no default and is unset or empty says to set it."""
    monkeypatch.setenv("DJANGO_TEST_REQUIRED", "")
    with pytest.raises(ImproperlyConfigured, match="Set the DJANGO_TEST_REQUIRED "):
        Env().str("DJANGO_TEST_REQUIRED")


def test_every_variable_read_is_in_the_deploy_table():
    """docs/deploy.md lists each environment variable the settings read."""
    read = set(re.findall(r'env(?:\.\w+)?\(\s*"(\w+)"', SETTINGS.read_text()))
    table = (BASE_DIR / "docs" / "deploy.md").read_text()
    documented = set(re.findall(r"^\| `(\w+)`(?:, `(\w+)`)?", table, re.MULTILINE))
    assert {"DJANGO_SECRET_KEY", "DATABASE_URL", *BOOLEANS, *WHOLE_NUMBERS} <= read
    assert read <= {name for row in documented for name in row}


def test_a_pool_on_postgresql_replaces_persistent_connections(load):
    """DJANGO_DB_POOL=1 gives each worker psycopg's pool, and no kept connection."""
    database = load(
        DATABASE_URL="postgres://user:password@db:5432/name", DJANGO_DB_POOL="1"
    )["DATABASES"]["default"]
    assert database["OPTIONS"] == {"pool": True}
    assert database["CONN_MAX_AGE"] == 0
