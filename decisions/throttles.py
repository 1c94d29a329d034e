"""How hard a client may push the doors that cost a password hash or send an
email: sign-up, log-in, password reset and password change.

Every count is kept in the database, so every worker and replica shares it.
Only "one password hash at a time" is a lock on each machine: it shares out
that machine's workers.
"""

import contextlib
import datetime
import fcntl
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from axes.helpers import get_cool_off
from axes.models import AccessAttempt

from django.conf import settings
from django.db import transaction
from django.db.models import Sum
from django.http import HttpRequest
from django.utils import timezone

from decisions import ownership
from decisions.models import Hit


@dataclass(frozen=True)
class Limit:
    """At most the number in `setting` uses of `door` within `window`, from one
    client address or, if not `per_client`, from every address together."""

    door: str
    setting: str
    window: datetime.timedelta
    per_client: bool = True

    @property
    def allowed(self) -> int:
        allowed: int = getattr(settings, self.setting)
        return allowed


SIGN_UPS = Limit("sign_up", "SIGN_UPS_PER_HOUR", datetime.timedelta(hours=1))
PASSWORD_RESETS = Limit(
    "password_reset", "PASSWORD_RESETS_PER_HOUR", datetime.timedelta(hours=1)
)
# A password hash takes a worker for a quarter of a second or more (that is the
# point of it): past this many a minute, from anywhere, the rest are refused.
PASSWORD_HASHES = Limit(
    "password_hash",
    "PASSWORD_HASHES_PER_MINUTE",
    datetime.timedelta(minutes=1),
    per_client=False,
)


@contextlib.contextmanager
def hashing_slot() -> Iterator[bool]:
    """Whether this request may hash a password now: one at a time on a machine,
    however many arrive, so the other workers are always left for pages. The
    ceiling a minute bounds how many; this bounds how many at once."""
    with open(settings.PASSWORD_HASHING_LOCK, "a") as lock:
        try:
            fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            yield False
            return
        try:
            yield True
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)


def refusing(request: HttpRequest, limits: Sequence[Limit]) -> Limit | None:
    """The first of `limits` this request would break, if any; if none, the
    request counts against each of them.

    On SQLite the count and the new hits are one write transaction, so limits
    are exact. On PostgreSQL, requests in flight at the same moment may each
    see room for one more, so a limit can be passed by at most that many.
    """
    key = ownership.client_key(request)
    now = timezone.now()
    with transaction.atomic():
        for limit in limits:
            used = Hit.objects.filter(door=limit.door, at__gt=now - limit.window)
            if limit.per_client:
                used = used.filter(client_key=key)
            if used.count() >= limit.allowed:
                return limit
        for limit in limits:
            Hit.objects.filter(door=limit.door, at__lte=now - limit.window).delete()
        Hit.objects.bulk_create(
            Hit(door=limit.door, client_key=key if limit.per_client else "", at=now)
            for limit in limits
        )
    return None


def too_many_failed_log_ins(request: HttpRequest) -> bool:
    """Whether this address has failed to log in as often as the lockout period
    allows, whatever usernames it tried.

    The failures are django-axes' own records. A successful log-in clears only
    its own username's, so guesses at other accounts still count here.
    """
    since = timezone.now() - get_cool_off(request)
    failures = AccessAttempt.objects.filter(
        ip_address=ownership.client_ip(request), attempt_time__gte=since
    ).aggregate(total=Sum("failures_since_start"))["total"]
    return (failures or 0) >= settings.LOG_IN_FAILURES_PER_ADDRESS
