"""Who a request acts for and how hard it may push: owners, client keys, throttles."""

import contextlib
import datetime
import hashlib
import hmac
import ipaddress
import secrets
import uuid

from django.conf import settings
from django.http import Http404, HttpRequest
from django.utils import timezone

from decisions.models import Decision, Owner

BROWSER_KEY = "browser_id"


def owner_for(request: HttpRequest, *, create: bool = False) -> Owner:
    """The account, or this browser's random id (made on first need)."""
    if request.user.is_authenticated:
        return Owner(user=request.user)
    browser_id = request.session.get(BROWSER_KEY, "")
    if not browser_id and create:
        browser_id = secrets.token_urlsafe(32)
        request.session[BROWSER_KEY] = browser_id
    return Owner(browser_id=browser_id)


def owned_decision(
    request: HttpRequest,
    pk: uuid.UUID,
    *,
    with_share_link: bool = False,
    columns: tuple[str, ...] = (),
) -> Decision:
    """The request's own decision, or 404 whether it is missing or someone
    else's; with `with_share_link`, its live share link too, and with
    `columns`, only those (DecisionQuerySet.owned_one)."""
    owner = owner_for(request)
    decision = Decision.objects.owned_one(
        owner, pk, with_share_link=with_share_link, columns=columns
    )
    if decision is None:
        raise Http404("No such decision of this owner's")
    return decision


def client_ip(request: HttpRequest) -> str:
    """The client's address, trusting only the proxies we run in front of us.

    Each trusted proxy appends the address it saw to X-Forwarded-For, so the
    client is the entry DJANGO_PROXY_COUNT places from the right; anything
    further left was written by the client and proves nothing.
    """
    remote_addr: str = request.META.get("REMOTE_ADDR", "")
    proxies = settings.PROXY_COUNT
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    hops = [hop.strip() for hop in forwarded.split(",") if hop.strip()]
    if proxies and len(hops) >= proxies:
        with contextlib.suppress(ValueError):
            return str(ipaddress.ip_address(hops[-proxies]))
    return remote_addr


def client_key(request: HttpRequest) -> str:
    """A keyed hash of the client address: enough to throttle, useless to read."""
    address = client_ip(request)
    digest = hmac.new(settings.SECRET_KEY.encode(), address.encode(), hashlib.sha256)
    return digest.hexdigest()


def is_over_start_limit(key: str) -> bool:
    """Whether this client has started as many decisions as an hour allows."""
    since = timezone.now() - datetime.timedelta(hours=1)
    recent = Decision.objects.filter(client_key=key, created_at__gte=since)
    return recent.count() >= settings.DECISIONS_PER_HOUR
