"""How hard a client may push: log-in lockouts, and throttles on the doors that
cost a password hash or send an email."""

import datetime

import pytest
from axes.models import AccessAttempt

from django.conf import settings
from django.contrib.auth.models import User
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from decisions import throttles
from decisions.models import Hit

pytestmark = pytest.mark.django_db

PASSWORD = "correct-horse-battery-staple"
ATTACKER = "203.0.113.66"
VICTIM_HOME = "198.51.100.7"
# One of the most common browser User-Agents: millions of people send it.
COMMON_BROWSER = (
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 "
    "(KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36"
)


@pytest.fixture
def victim():
    return User.objects.create_user("victim", password=PASSWORD)


@pytest.fixture
def attacker():
    return User.objects.create_user("attacker", password="attackers-own-passphrase")


def log_in(client, username, password, address, *, user_agent=COMMON_BROWSER):
    return client.post(
        reverse("login"),
        {"username": username, "password": password},
        REMOTE_ADDR=address,
        HTTP_USER_AGENT=user_agent,
    )


def sign_up(client, username, address):
    return client.post(
        reverse("signup"),
        {"username": username, "password1": PASSWORD, "password2": PASSWORD},
        REMOTE_ADDR=address,
    )


# Log-in lockouts


def test_logging_into_ones_own_account_does_not_wipe_guesses_at_another(
    client, victim, attacker
):
    """Four wrong guesses, a log-in to one's own account, again and again: the
    guesses at the victim still add up to the lockout."""
    told_wrong = 0
    for _round in range(4):
        for _guess in range(4):
            response = log_in(client, "victim", "wrong", ATTACKER)
            told_wrong += response.status_code == 200
        own = log_in(client, "attacker", "attackers-own-passphrase", ATTACKER)
        assert own.status_code == 302
        client.post(reverse("logout"), REMOTE_ADDR=ATTACKER)

    assert told_wrong < settings.AXES_FAILURE_LIMIT
    assert log_in(client, "victim", PASSWORD, ATTACKER).status_code == 429


def test_a_successful_log_in_forgets_only_its_own_failures(client, victim, attacker):
    """Success clears the failures of that username from that address, no others."""
    log_in(client, "victim", "wrong", ATTACKER)
    log_in(client, "attacker", "wrong", ATTACKER)

    log_in(client, "attacker", "attackers-own-passphrase", ATTACKER)

    assert list(AccessAttempt.objects.values_list("username", flat=True)) == ["victim"]


def test_guesses_from_elsewhere_do_not_lock_the_owner_out(victim):
    """Failures for a username from other addresses, even with the most common
    User-Agent, never lock its owner out at home."""
    for number in range(settings.AXES_FAILURE_LIMIT):
        log_in(Client(), "victim", "wrong", f"203.0.113.{number + 10}")
    for _ in range(settings.AXES_FAILURE_LIMIT):
        log_in(Client(), "victim", "wrong", ATTACKER)

    response = log_in(Client(), "victim", PASSWORD, VICTIM_HOME)

    assert response.status_code == 302


def test_lockouts_ignore_the_user_agent(client, victim):
    """Changing User-Agent between guesses doesn't buy more of them."""
    for number in range(settings.AXES_FAILURE_LIMIT):
        log_in(client, "victim", "wrong", ATTACKER, user_agent=f"Agent {number}")

    assert log_in(client, "victim", PASSWORD, ATTACKER).status_code == 429


def test_one_address_may_fail_only_so_often_across_usernames(client, settings):
    """Guessing a few passwords for each of many usernames hits a cap per address,
    with the lockout page; other addresses can still log in."""
    settings.LOG_IN_FAILURES_PER_ADDRESS = 8
    User.objects.create_user("someone", password=PASSWORD)
    for number in range(4):
        for _ in range(2):
            log_in(client, f"user{number}", "wrong", ATTACKER)

    refused = log_in(client, "someone", PASSWORD, ATTACKER)

    assert refused.status_code == 429
    assert "Too many failed log-in attempts" in refused.text
    assert "_auth_user_id" not in client.session
    assert log_in(Client(), "someone", PASSWORD, VICTIM_HOME).status_code == 302


def test_the_per_address_cap_outlasts_a_successful_log_in(client, attacker, settings):
    """Logging into one's own account doesn't reset the cap on guesses at others."""
    settings.LOG_IN_FAILURES_PER_ADDRESS = 6
    for number in range(3):
        for _ in range(2):
            log_in(client, f"user{number}", "wrong", ATTACKER)
        log_in(client, "attacker", "attackers-own-passphrase", ATTACKER)

    assert log_in(client, "user9", "wrong", ATTACKER).status_code == 429


# Sign-up


def test_sign_ups_from_one_address_are_throttled(client, settings):
    """Past the hourly limit an address gets 429 and no account; another can
    still sign up."""
    settings.SIGN_UPS_PER_HOUR = 2
    for number in range(2):
        assert sign_up(Client(), f"newbie{number}", ATTACKER).status_code == 302

    refused = sign_up(client, "newbie9", ATTACKER)

    assert refused.status_code == 429
    assert refused["Retry-After"] == "3600"
    assert "Too many attempts" in refused.text
    assert not User.objects.filter(username="newbie9").exists()
    assert sign_up(Client(), "newbie9", VICTIM_HOME).status_code == 302


def test_trying_taken_usernames_counts_against_the_sign_up_limit(client, settings):
    """Failed sign-ups count too, so the limit bounds how fast names can be tried."""
    settings.SIGN_UPS_PER_HOUR = 3
    User.objects.create_user("taken", password=PASSWORD)
    for _ in range(3):
        assert sign_up(client, "taken", ATTACKER).status_code == 200

    assert sign_up(client, "taken", ATTACKER).status_code == 429


def test_the_sign_up_limit_is_per_hour(client, settings):
    """An hour after the earlier sign-ups, the address may sign up again."""
    settings.SIGN_UPS_PER_HOUR = 1
    sign_up(Client(), "first", ATTACKER)
    Hit.objects.update(at=Hit.objects.earliest("at").at - datetime.timedelta(hours=1))

    assert sign_up(client, "second", ATTACKER).status_code == 302


def test_a_sign_up_page_view_is_never_throttled(client, settings):
    """Only posting the form counts; reading it does not."""
    settings.SIGN_UPS_PER_HOUR = 0

    assert client.get(reverse("signup"), REMOTE_ADDR=ATTACKER).status_code == 200


# Password reset


def test_password_resets_from_one_address_are_throttled(client, mailoutbox, settings):
    """Ten reset requests from one address send only the allowed number of emails."""
    settings.PASSWORD_RESETS_PER_HOUR = 3
    User.objects.create_user("sam", email="sam@example.com", password=PASSWORD)
    statuses = [
        client.post(
            reverse("password_reset"),
            {"email": "sam@example.com"},
            REMOTE_ADDR=ATTACKER,
        ).status_code
        for _ in range(10)
    ]

    assert statuses == [302] * 3 + [429] * 7
    assert len(mailoutbox) == 3


# Password hashes, across every address


def test_password_hashes_have_a_ceiling_across_all_addresses(settings):
    """Past the hashes a minute allows, log-ins and sign-ups from anywhere wait,
    so a flood can't take every worker."""
    settings.PASSWORD_HASHES_PER_MINUTE = 3
    User.objects.create_user("sam", password=PASSWORD)
    assert sign_up(Client(), "one", "192.0.2.1").status_code == 302
    assert log_in(Client(), "sam", "wrong", "192.0.2.2").status_code == 200
    assert log_in(Client(), "sam", PASSWORD, "192.0.2.3").status_code == 302

    refused = [
        sign_up(Client(), "two", "192.0.2.4"),
        log_in(Client(), "sam", PASSWORD, "192.0.2.5"),
    ]

    assert [response.status_code for response in refused] == [429, 429]
    assert refused[0]["Retry-After"] == "60"
    assert not User.objects.filter(username="two").exists()


def test_the_hash_ceiling_frees_up_after_a_minute(client, settings):
    """Hashes older than a minute no longer count."""
    settings.PASSWORD_HASHES_PER_MINUTE = 1
    sign_up(Client(), "one", "192.0.2.1")
    Hit.objects.update(at=Hit.objects.earliest("at").at - datetime.timedelta(minutes=1))

    assert sign_up(client, "two", "192.0.2.2").status_code == 302


def test_changing_a_password_counts_against_the_hash_ceiling(client, settings):
    """Every door that hashes a password is under the ceiling."""
    settings.PASSWORD_HASHES_PER_MINUTE = 0
    user = User.objects.create_user("sam", password=PASSWORD)
    client.force_login(user)

    response = client.post(
        reverse("password_change"),
        {
            "old_password": PASSWORD,
            "new_password1": "a-brand-new-passphrase",
            "new_password2": "a-brand-new-passphrase",
        },
    )

    assert response.status_code == 429
    user.refresh_from_db()
    assert user.check_password(PASSWORD)


def test_the_admins_log_in_is_under_the_hash_ceiling(client, settings):
    """The admin's own log-in page hashes passwords too, and is throttled alike."""
    settings.PASSWORD_HASHES_PER_MINUTE = 0
    User.objects.create_superuser("admin", password=PASSWORD)

    response = client.post(
        reverse("admin:login"), {"username": "admin", "password": PASSWORD}
    )

    assert response.status_code == 429
    assert "_auth_user_id" not in client.session


def test_one_password_hash_at_a_time_per_machine(client):
    """While another worker hashes a password, a log-in or sign-up gets 429 at
    once, leaving the workers to pages, and uses none of the ceiling."""
    User.objects.create_user("sam", password=PASSWORD)
    with throttles.hashing_slot() as free:
        assert free
        busy = [
            log_in(client, "sam", PASSWORD, ATTACKER),
            sign_up(client, "x", ATTACKER),
        ]

    assert [response.status_code for response in busy] == [429, 429]
    assert busy[0]["Retry-After"] == "1"
    assert not Hit.objects.exists()
    assert log_in(client, "sam", PASSWORD, ATTACKER).status_code == 302


def test_a_refused_request_uses_none_of_the_ceiling(settings):
    """An address over its own limit doesn't eat into everyone's hashes."""
    settings.SIGN_UPS_PER_HOUR = 1
    settings.PASSWORD_HASHES_PER_MINUTE = 2
    for number in range(5):
        sign_up(Client(), f"flood{number}", ATTACKER)

    assert sign_up(Client(), "someone", VICTIM_HOME).status_code == 302


def test_hits_older_than_their_window_are_deleted(settings):
    """The table keeps only what a limit still counts."""
    sign_up(Client(), "one", ATTACKER)
    Hit.objects.update(at=Hit.objects.earliest("at").at - datetime.timedelta(hours=2))

    sign_up(Client(), "two", VICTIM_HOME)

    hour_ago = timezone.now() - datetime.timedelta(hours=1)
    assert not Hit.objects.filter(at__lt=hour_ago).exists()
