"""Middleware for every page: how caches may keep it, and the throttles on the
doors that cost a password hash or send an email."""

import datetime
from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.cache import patch_cache_control

from decisions import throttles

# Each throttled door by view name, and the limits a POST to it must pass.
DOORS = {
    "signup": (throttles.SIGN_UPS, throttles.PASSWORD_HASHES),
    "login": (throttles.PASSWORD_HASHES,),
    "admin:login": (throttles.PASSWORD_HASHES,),
    "password_change": (throttles.PASSWORD_HASHES,),
    "password_reset_confirm": (throttles.PASSWORD_HASHES,),
    "password_reset": (throttles.PASSWORD_RESETS,),
}
LOG_IN_DOORS = ("login", "admin:login")
# When another worker is hashing a password: it takes a fraction of a second.
BUSY_RETRY_AFTER = datetime.timedelta(seconds=1)

Responder = Callable[[HttpRequest], HttpResponse]


def private_by_default(get_response: Responder) -> Responder:
    """Only the browser may keep a page, and only while showing it, unless its
    view says otherwise: pages show someone's decisions, a session's messages
    or a share link that can be turned off, and a shared cache could hand them
    to someone else, or after the link is gone. Static files never get here."""

    def middleware(request: HttpRequest) -> HttpResponse:
        response = get_response(request)
        if not response.has_header("Cache-Control"):
            patch_cache_control(response, private=True, no_store=True)
        return response

    return middleware


def too_many(request: HttpRequest, retry_after: datetime.timedelta) -> HttpResponse:
    response = render(request, "429.html", status=429)
    response["Retry-After"] = str(int(retry_after.total_seconds()))
    return response


def refusal(
    request: HttpRequest, limits: tuple[throttles.Limit, ...]
) -> HttpResponse | None:
    refused = throttles.refusing(request, limits)
    return None if refused is None else too_many(request, refused.window)


class ThrottledDoorsMiddleware:
    """Answers 429 to a POST that would break one of its door's limits, before
    any password is hashed or email sent (and after the CSRF check); a door
    that hashes a password runs only while no other worker on the machine is."""

    def __init__(self, get_response: Responder):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_view(
        self, request: HttpRequest, view: Callable, args: tuple, kwargs: dict
    ) -> HttpResponse | None:
        if request.method != "POST" or request.resolver_match is None:
            return None
        door = request.resolver_match.view_name
        if door in LOG_IN_DOORS and throttles.too_many_failed_log_ins(request):
            return render(request, "429_login.html", status=429)
        limits = DOORS.get(door)
        if limits is None:
            return None
        if throttles.PASSWORD_HASHES not in limits:
            return refusal(request, limits)
        with throttles.hashing_slot() as free:
            if not free:
                return too_many(request, BUSY_RETRY_AFTER)
            response: HttpResponse = refusal(request, limits) or view(
                request, *args, **kwargs
            )
            return response
