"""Settings for Interview Decider, read from environment variables.

Defaults suit a laptop (SQLite next to manage.py). With DJANGO_DEBUG off, a
DJANGO_SECRET_KEY is required and the HTTPS protections are on unless
DJANGO_HTTPS=0 says the site is served over plain HTTP (local runs only).
An unset or empty variable takes its default; a value that doesn't fit its type
stops start-up with an error naming the variable and what it accepts.
"""

import tempfile
from functools import partial
from pathlib import Path
from typing import Any

import dj_database_url
import environ
from csp.constants import NONE, SELF

from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent


def boolean(value: str) -> bool:
    spelling = value.strip().lower()
    if spelling in ("1", "true", "yes", "on"):
        return True
    if spelling in ("0", "false", "no", "off"):
        return False
    raise ValueError(f"{value!r} is not one of 1, true, yes, on, 0, false, no, off.")


def whole_number(value: str) -> int:
    try:
        number = int(value)
    except ValueError:
        number = -1
    if number < 0:
        raise ValueError(f"{value!r} is not a whole number, 0 or more.")
    return number


def header_and_value(value: str) -> tuple[str, str]:
    header, _, expected = (part.strip() for part in value.partition(","))
    if not (header and expected):
        example = "HTTP_X_FORWARDED_PROTO,https"
        raise ValueError(f"{value!r} is not a header and a value, such as {example}.")
    return header, expected


class Env(environ.Env):
    """django-environ's typed reads, made strict.

    env.bool and env.int take only the values above, a bad value stops start-up
    naming its variable, and an empty one means the default. Values are used as
    written: django-environ would read a leading "$" as the name of another
    variable, and print the rest of the secret in its error.
    """

    def get_value(
        self,
        var: str,
        cast: Any = None,
        default: Any = environ.Env.NOTSET,
        parse_default: bool = False,
    ) -> Any:
        value = self.ENVIRON.get(var, "")
        if not value:
            if default is self.NOTSET:
                raise ImproperlyConfigured(f"Set the {var} environment variable.")
            if not parse_default:
                return default
            value = default
        try:
            return self.parse_value(value, cast)
        except ValueError as error:
            raise ImproperlyConfigured(f"{var}: {error}") from None

    def bool(self, var: str, default: Any = environ.Env.NOTSET) -> Any:
        return self.get_value(var, cast=boolean, default=default)

    def int(self, var: str, default: Any = environ.Env.NOTSET) -> Any:
        return self.get_value(var, cast=whole_number, default=default)


env = Env()

DEBUG = env.bool("DJANGO_DEBUG", default=False)

SECRET_KEY = env.str("DJANGO_SECRET_KEY", default="")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("Set DJANGO_SECRET_KEY, or DJANGO_DEBUG=1 locally.")
    SECRET_KEY = "django-insecure-local-development-only"

ALLOWED_HOSTS = env.list(
    "DJANGO_ALLOWED_HOSTS", cast=str.strip, default=["127.0.0.1", "localhost"]
)
CSRF_TRUSTED_ORIGINS = env.list(
    "DJANGO_CSRF_TRUSTED_ORIGINS", cast=str.strip, default=[]
)

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    # By its class path, so pytest-django's live server leaves static files to
    # whitenoise and serves the hashed, compressed files production serves.
    "django.contrib.staticfiles.apps.StaticFilesConfig",
    "crispy_forms",
    "crispy_bootstrap5",
    # The API's docs page, from ninja's own copy of Swagger UI rather than a CDN.
    "ninja",
    "csp",
    "axes",
    "decisions",
    "journal",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "interviewdecider.middleware.private_by_default",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "interviewdecider.middleware.ThrottledDoorsMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "interviewdecider.urls"
WSGI_APPLICATION = "interviewdecider.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

# Each worker thread keeps its connection between requests: opening one (and, on
# SQLite, setting it up) costs more than many of our pages do.
database = partial(
    dj_database_url.parse,
    conn_max_age=env.int("DJANGO_DB_CONN_MAX_AGE", default=60),
    conn_health_checks=True,
)
DATABASES = {
    "default": env(
        "DATABASE_URL",
        cast=database,
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        parse_default=True,
    )
}
connection_pool = env.bool("DJANGO_DB_POOL", default=False)
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets readers and one writer work at once; IMMEDIATE transactions take
    # the write lock up front, so concurrent workers wait (up to the timeout)
    # instead of failing with "database is locked".
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        "init_command": (
            "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; "
            "PRAGMA busy_timeout=20000;"
        ),
    }
elif connection_pool:
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    DATABASES["default"]["OPTIONS"] = {"pool": True}

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "interviewdecider.backends.AccountBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": f"django.contrib.auth.password_validation.{name}"}
    for name in (
        "UserAttributeSimilarityValidator",
        "MinimumLengthValidator",
        "CommonPasswordValidator",
        "NumericPasswordValidator",
    )
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "decisions:history"
LOGOUT_REDIRECT_URL = "decisions:start"

LANGUAGE_CODE = "en-gb"
# Input formats per language, tried before Django's own (interviewdecider/formats).
FORMAT_MODULE_PATH = ["interviewdecider.formats"]
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

# Sessions live in the database, so any replica can serve any request.
SESSION_ENGINE = "interviewdecider.sessions"
SESSION_COOKIE_AGE = 60 * 60 * 24 * 365
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
# Forms carry the token in a hidden field; no script needs to read the cookie.
CSRF_COOKIE_HTTPONLY = True

# Nothing is shared between requests through a cache, so every replica answers
# the same. The one exception is `{% cache %}`'s "template_fragments": each
# worker keeps, in its own memory, page parts that are the same for everyone
# who may see them (never a CSRF token, a message or a form's state), keyed by
# what would change them: the decision and its last update, the rules and the
# language. A changed or deleted decision has a new key or none, so a stale
# part is never shown; each part is kept ten minutes at most (`{% cache 600 %}`).
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"},
    "template_fragments": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "template-fragments",
        "OPTIONS": {"MAX_ENTRIES": env.int("DJANGO_FRAGMENT_ENTRIES", default=2000)},
    },
}

HTTPS = env.bool("DJANGO_HTTPS", default=not DEBUG)
SESSION_COOKIE_SECURE = HTTPS
CSRF_COOKIE_SECURE = HTTPS
SECURE_SSL_REDIRECT = HTTPS
SECURE_HSTS_SECONDS = 31536000 if HTTPS else 0
# Subdomains and the browsers' preload list are covered too, unless some subdomain
# still needs plain HTTP: DJANGO_HSTS_SUBDOMAINS=0 keeps HSTS to this host alone.
SECURE_HSTS_INCLUDE_SUBDOMAINS = (
    env.bool("DJANGO_HSTS_SUBDOMAINS", default=True) and HTTPS
)
SECURE_HSTS_PRELOAD = SECURE_HSTS_INCLUDE_SUBDOMAINS
SECURE_REDIRECT_EXEMPT = [r"^healthz$", r"^readyz$"]
# "HTTP_X_FORWARDED_PROTO,https" behind a TLS-terminating proxy that sets it.
SECURE_PROXY_SSL_HEADER = env(
    "DJANGO_SECURE_PROXY_SSL_HEADER", cast=header_and_value, default=None
)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

# Nothing is allowed unless named here: our own scripts, styles and images
# (Bootstrap draws some icons as data: URLs), and requests to ourselves (the
# verdict page saves the email options and checklist ticks with fetch).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [NONE],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "connect-src": [SELF],
        "base-uri": [NONE],
        "frame-ancestors": [NONE],
        "form-action": [SELF],
    }
}

# Reverse proxies in front of the app that append to X-Forwarded-For (0: none).
PROXY_COUNT = env.int("DJANGO_PROXY_COUNT", default=0)

# Failed log-ins are counted in the database, shared by every worker and replica.
# A username is locked out from one address at a time: failures from elsewhere
# can't lock its owner out at home, and a log-in forgets only the failures of
# its own username and address, never guesses at other accounts. (A User-Agent
# identifies no one: millions of browsers send the same.)
AXES_CLIENT_IP_CALLABLE = "decisions.ownership.client_ip"
AXES_FAILURE_LIMIT = env.int("DJANGO_LOGIN_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = 1  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_LOCKOUT_TEMPLATE = "429_login.html"
AXES_RESET_ON_SUCCESS = True
# Failed log-ins one address may make in an hour across every username
# (decisions/throttles.py), which a successful log-in does not reset.
LOG_IN_FAILURES_PER_ADDRESS = env.int("DJANGO_LOGIN_FAILURES_PER_ADDRESS", default=20)
AXES_VERBOSE = False
# Keep failed attempts only (for the lockout), not a log of every log-in.
AXES_DISABLE_ACCESS_LOG = True

# New decisions a single client may start per hour, counted in the database.
DECISIONS_PER_HOUR = env.int("DJANGO_DECISIONS_PER_HOUR", default=60)

# The doors that cost a password hash or send an email, throttled in the
# database (decisions/throttles.py): sign-ups and password resets per address
# an hour, and password hashes a minute across every address, so that a flood
# of them can't take every worker from the people reading pages.
SIGN_UPS_PER_HOUR = env.int("DJANGO_SIGNUPS_PER_HOUR", default=10)
PASSWORD_RESETS_PER_HOUR = env.int("DJANGO_PASSWORD_RESETS_PER_HOUR", default=5)
PASSWORD_HASHES_PER_MINUTE = env.int("DJANGO_PASSWORD_HASHES_PER_MINUTE", default=60)
# And one at a time on a machine: its workers share this lock file.
PASSWORD_HASHING_LOCK = Path(tempfile.gettempdir()) / "interviewdecider-hashing.lock"

EMAIL_BACKEND = env.str(
    "DJANGO_EMAIL_BACKEND", default="django.core.mail.backends.console.EmailBackend"
)
EMAIL_HOST = env.str("DJANGO_EMAIL_HOST", default="localhost")
EMAIL_PORT = env.int("DJANGO_EMAIL_PORT", default=25)
EMAIL_HOST_USER = env.str("DJANGO_EMAIL_HOST_USER", default="")
EMAIL_HOST_PASSWORD = env.str("DJANGO_EMAIL_HOST_PASSWORD", default="")
EMAIL_USE_TLS = env.bool("DJANGO_EMAIL_USE_TLS", default=False)
DEFAULT_FROM_EMAIL = env.str(
    "DJANGO_DEFAULT_FROM_EMAIL", default="Interview Decider <noreply@localhost>"
)

# Largest request body we read; the API and forms are small.
DATA_UPLOAD_MAX_MEMORY_SIZE = 64 * 1024

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"},
    },
    "filters": {"client_fault": {"()": "interviewdecider.logs.ClientFault"}},
    "handlers": {
        "stdout": {
            "class": "logging.StreamHandler",
            "stream": "ext://sys.stdout",
            "formatter": "plain",
        },
    },
    "root": {"handlers": ["stdout"], "level": "WARNING"},
    "loggers": {
        "django": {"handlers": ["stdout"], "level": "INFO", "propagate": False},
        "django.server": {"level": "WARNING"},
        # A request refused for its size is the client's doing: a warning, with
        # no traceback (Django logs these as errors).
        **{
            f"django.security.{refusal}": {"filters": ["client_fault"]}
            for refusal in (
                "RequestDataTooBig",
                "TooManyFieldsSent",
                "TooManyFilesSent",
            )
        },
    },
}
