"""Accounts: signing up, logging in and out, passwords, history and deleting data."""

import datetime
import re

import pytest
from pytest_django.asserts import assertContains, assertNotContains, assertRedirects

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import User
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from decisions import ownership
from decisions.models import Decision
from tests.conftest import DECLINE_ANSWERS, FIRST_ANSWER, INTERVIEW_ANSWERS

pytestmark = pytest.mark.django_db

PASSWORD = "correct-horse-battery-staple"


@pytest.fixture
def user():
    return get_user_model().objects.create_user(
        "sam", email="sam@example.com", password=PASSWORD
    )


def log_in(client, username="sam", password=PASSWORD):
    return client.post(reverse("login"), {"username": username, "password": password})


def session_cookie(client) -> str:
    return client.cookies[settings.SESSION_COOKIE_NAME].value


def page_title(response) -> str:
    return re.search(r"<title>(.*?)</title>", response.text, re.S).group(1)


# Signing up


def test_signing_up_creates_an_account_and_logs_in(client):
    """A new account is created and its owner is logged in."""
    response = client.post(
        reverse("signup"),
        {"username": "newbie", "password1": PASSWORD, "password2": PASSWORD},
    )

    assertRedirects(
        response, reverse("decisions:history"), fetch_redirect_response=False
    )
    user = User.objects.get(username="newbie")
    assert client.session["_auth_user_id"] == str(user.pk)


def test_signing_up_claims_this_browsers_decisions(client, make_decision):
    """Decisions made in this browser before signing up move to the account."""
    decision = make_decision(DECLINE_ANSWERS, complete=True)

    client.post(
        reverse("signup"),
        {"username": "newbie", "password1": PASSWORD, "password2": PASSWORD},
    )

    decision.refresh_from_db()
    assert decision.user == User.objects.get(username="newbie")
    assert decision.browser_id == ""


def test_signing_up_with_mismatched_passwords_shows_the_error(client):
    """A form error re-renders with "Error:" in the title and creates no account."""
    response = client.post(
        reverse("signup"),
        {"username": "newbie", "password1": PASSWORD, "password2": "different"},
    )

    assert response.status_code == 200
    assert page_title(response).startswith("Error: ")
    assert not User.objects.filter(username="newbie").exists()


@pytest.mark.parametrize(
    ("field", "error"),
    [
        ("username", "Enter a username"),
        ("password1", "Enter a password"),
        ("password2", "Type your password again to confirm it"),
    ],
)
def test_an_empty_sign_up_names_each_missing_field_beside_it(client, field, error):
    """Each missing field has its own message, in the summary and beside the field."""
    response = client.post(reverse("signup"), {})

    assertContains(response, f'<a class="alert-link" href="#id_{field}">{error}</a>')
    assertContains(
        response,
        f'class="invalid-feedback d-block fw-semibold mb-2" id="id_{field}_error">',
    )
    assertContains(response, error, count=2)
    assertNotContains(response, "This field is required.")


def test_a_weak_password_is_reported_on_the_password_not_the_confirmation(client):
    """A password that breaks a rule is the password field's error."""
    response = client.post(
        reverse("signup"),
        {"username": "newbie", "password1": "12345678", "password2": "12345678"},
    )

    error = re.search(r'id="id_password1_error">(.*?)</div>', response.text, re.S)
    assert "This password is entirely numeric." in error.group(1)
    assertNotContains(response, 'id="id_password2_error"')
    assertContains(response, 'href="#id_password1">This password is entirely numeric.')


def test_a_taken_username_says_so(client, user):
    """A username already in use asks for another."""
    response = client.post(
        reverse("signup"),
        {"username": "SAM", "password1": PASSWORD, "password2": PASSWORD},
    )

    assertContains(response, "That username is taken: choose another", count=2)


def test_sign_up_marks_the_optional_email_and_says_what_it_is_for(client):
    """No asterisks; the email says "(optional)" and that it resets a password."""
    response = client.get(reverse("signup"))

    assertContains(response, "Email address (optional)")
    assertContains(response, "The only way to reset your password if you forget it.")
    assertContains(response, "(optional)", count=1)
    assertNotContains(response, "asteriskField")
    assertNotContains(response, "Required. 150 characters or fewer.")


@pytest.mark.parametrize(
    ("field", "error"),
    [("username", "Enter your username"), ("password", "Enter your password")],
)
def test_an_empty_log_in_names_each_missing_field(client, field, error):
    """Each missing field of the log-in form has its own message."""
    response = client.post(reverse("login"), {})

    assertContains(response, f'<a class="alert-link" href="#id_{field}">{error}</a>')
    assertContains(response, error, count=2)


def test_a_wrong_password_says_what_went_wrong_without_saying_which(client, user):
    """A failed log-in doesn't reveal whether the username exists."""
    response = log_in(client, password="wrong")

    assertContains(response, "The username or password is not right.")


# Logging in and out


def test_logging_in_goes_to_my_decisions(client, user):
    """A correct log-in lands on the history page."""
    response = log_in(client)

    assertRedirects(
        response, reverse("decisions:history"), fetch_redirect_response=False
    )


def test_logging_in_claims_this_browsers_decisions(client, user, make_decision):
    """Decisions made anonymously in this browser move to the account."""
    decision = make_decision(DECLINE_ANSWERS, complete=True)

    log_in(client)

    decision.refresh_from_db()
    assert decision.user == user
    assert decision.browser_id == ""


def test_logging_in_leaves_other_browsers_decisions_alone(client, user):
    """Only this browser's decisions are claimed, never another's."""
    other = Client()
    other.post(reverse("decisions:new_decision"), FIRST_ANSWER)

    log_in(client)

    assert Decision.objects.get().user is None


def test_logging_in_changes_the_session_key(client, user, start_decision):
    """The session cookie changes on log-in, against session fixation."""
    start_decision()
    before = session_cookie(client)

    log_in(client)

    assert session_cookie(client) != before


def test_claimed_decisions_are_visible_from_another_device(client, user, make_decision):
    """After claiming, the same account on another browser sees the decision."""
    decision = make_decision(DECLINE_ANSWERS, complete=True, role_title="Surveyor")
    log_in(client)
    laptop = Client()
    log_in(laptop)

    assertContains(laptop.get(reverse("decisions:history")), "Surveyor")
    verdict = reverse("decisions:verdict", args=[decision.pk])
    assert laptop.get(verdict).status_code == 200


def test_a_wrong_password_shows_the_error(client, user):
    """A failed log-in re-renders with "Error:" in the title."""
    response = log_in(client, password="wrong")

    assert response.status_code == 200
    assert page_title(response).startswith("Error: ")
    assert "_auth_user_id" not in client.session


def test_logging_out_ends_the_session(client, user):
    """Logging out (a POST) signs the person out and goes to the start."""
    log_in(client)

    response = client.post(reverse("logout"))

    assertRedirects(response, reverse("decisions:start"), fetch_redirect_response=False)
    assert "_auth_user_id" not in client.session


def test_after_logging_out_the_accounts_decisions_are_hidden(client, user):
    """A logged-out browser can't see the account's decisions."""
    log_in(client)
    client.post(reverse("decisions:new_decision"), FIRST_ANSWER)
    decision = Decision.objects.get()
    client.post(reverse("logout"))

    response = client.get(reverse("decisions:resume", args=[decision.pk]))

    assert response.status_code == 404


def test_failed_log_ins_are_locked_out_with_our_page(client, user):
    """After the failure limit, the next attempt gets 429 and our page."""
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        assert log_in(client, password="wrong").status_code == 200
    log_in(client, password="wrong")

    response = log_in(client, password="wrong")

    assert response.status_code == 429
    assertContains(response, "Too many failed log-in attempts", status_code=429)


def test_a_locked_out_log_in_fails_even_with_the_right_password(client, user):
    """During a lock-out, even the right password doesn't log in."""
    for _ in range(settings.AXES_FAILURE_LIMIT):
        log_in(client, password="wrong")

    response = log_in(client)

    assert response.status_code == 429
    assert "_auth_user_id" not in client.session


# Passwords


def test_changing_the_password(client, user):
    """A logged-in person can change their password and log in with the new one."""
    log_in(client)

    response = client.post(
        reverse("password_change"),
        {
            "old_password": PASSWORD,
            "new_password1": "a-brand-new-passphrase",
            "new_password2": "a-brand-new-passphrase",
        },
    )

    assertRedirects(
        response, reverse("password_change_done"), fetch_redirect_response=False
    )
    user.refresh_from_db()
    assert user.check_password("a-brand-new-passphrase")


def test_changing_the_password_needs_a_log_in(client):
    """The password change page sends anonymous visitors to log in."""
    response = client.get(reverse("password_change"))

    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))


def test_a_password_reset_emails_a_working_link(client, user, mailoutbox):
    """A reset sends one email whose link lets the person set a new password."""
    response = client.post(reverse("password_reset"), {"email": "sam@example.com"})

    assertRedirects(
        response, reverse("password_reset_done"), fetch_redirect_response=False
    )
    [email] = mailoutbox
    assert email.to == ["sam@example.com"]
    link = re.search(r"http://testserver(/accounts/reset/\S+/)", email.body).group(1)
    form_url = client.get(link).url
    client.post(
        form_url,
        {"new_password1": "reset-passphrase-9", "new_password2": "reset-passphrase-9"},
    )
    user.refresh_from_db()
    assert user.check_password("reset-passphrase-9")


@pytest.mark.parametrize(
    ("email", "message"),
    [
        ("", "Enter the email address of your account"),
        ("sam@", "Enter an email address in the correct format"),
    ],
)
def test_a_reset_request_names_the_problem_with_the_address(client, email, message):
    """A missing or malformed address is named, and what was typed stays."""
    response = client.post(reverse("password_reset"), {"email": email})

    assert response.status_code == 200
    assertContains(response, message)
    if email:
        assertContains(response, f'value="{email}"')


def test_a_new_password_names_each_problem_beside_its_field(client, user, mailoutbox):
    """Missing passwords on the reset page are named for their fields."""
    client.post(reverse("password_reset"), {"email": "sam@example.com"})
    [email] = mailoutbox
    link = re.search(r"http://testserver(/accounts/reset/\S+/)", email.body).group(1)
    form_url = client.get(link).url

    response = client.post(form_url, {"new_password1": "", "new_password2": ""})

    assertContains(response, "Enter a new password")
    assertContains(response, "Type your new password again to confirm it")
    assertNotContains(response, "This field is required.")


def test_a_password_reset_for_an_unknown_email_sends_nothing(client, mailoutbox):
    """An unknown address gets the same page, and no email is sent."""
    response = client.post(reverse("password_reset"), {"email": "nobody@example.com"})

    assertRedirects(
        response, reverse("password_reset_done"), fetch_redirect_response=False
    )
    assert mailoutbox == []


# History


def test_history_lists_newest_first(client, make_decision):
    """My decisions are listed newest first."""
    older = make_decision(role_title="Older role")
    make_decision(role_title="Newer role")
    Decision.objects.filter(pk=older.pk).update(
        created_at=timezone.now() - datetime.timedelta(days=1)
    )

    response = client.get(reverse("decisions:history"))

    assert response.text.index("Newer role") < response.text.index("Older role")


def test_history_pages_hold_twenty_five(client, start_decision):
    """Thirty decisions make two pages: 25 then 5, newest on the first."""
    first_decision = start_decision()
    Decision.objects.bulk_create(
        Decision(browser_id=first_decision.browser_id, role_title=f"Role {n:02}")
        for n in range(30)
    )
    first_decision.delete()
    start = timezone.now()
    for n in range(30):
        Decision.objects.filter(role_title=f"Role {n:02}").update(
            created_at=start + datetime.timedelta(minutes=n)
        )

    first = client.get(reverse("decisions:history"))
    second = client.get(reverse("decisions:history"), {"page": 2})

    rows = re.compile(r"<tr>\s*<td>")
    assert len(rows.findall(first.text)) == 25
    assert len(rows.findall(second.text)) == 5
    assert first.text.index("Role 29") < first.text.index("Role 05")
    assertNotContains(first, "Role 04")
    assertContains(second, "Role 04")
    assertContains(second, "Role 00")
    assertContains(first, "Page 1 of 2")


def test_history_rows_show_title_badge_and_status(client, make_decision):
    """Rows show the title, or the recommendation when untitled, and its badge."""
    make_decision(DECLINE_ANSWERS, complete=True)
    make_decision(INTERVIEW_ANSWERS, complete=True, role_title="Surveyor")

    response = client.get(reverse("decisions:history"))

    assertContains(response, ">Decline recommended, ")
    assertContains(response, ">Surveyor</a>")
    assertContains(response, '<span class="badge text-bg-primary">Decline</span>')
    assertContains(response, '<span class="badge text-bg-success">Interview</span>')


def test_history_offers_to_continue_a_decision_in_progress(client, make_decision):
    """An unfinished decision shows "In progress" and a continue link."""
    decision = make_decision({"employment": "employed"})

    response = client.get(reverse("decisions:history"))

    assertContains(response, "In progress")
    assertContains(response, "Not yet")
    resume = reverse("decisions:resume", args=[decision.pk])
    assertContains(response, f'<a href="{resume}">continue')


def test_history_is_empty_for_a_new_browser(client, make_decision):
    """Another browser's decisions are never listed."""
    make_decision(DECLINE_ANSWERS, complete=True, role_title="Secret role")

    response = Client().get(reverse("decisions:history"))

    assertContains(response, "You haven't made any decisions yet.")
    assertNotContains(response, "Secret role")


# Deleting


def test_deleting_asks_for_confirmation_first(client, make_decision):
    """The delete link shows a confirmation page and deletes nothing yet."""
    decision = make_decision(DECLINE_ANSWERS, complete=True, role_title="Surveyor")

    response = client.get(reverse("decisions:delete", args=[decision.pk]))

    assertContains(response, "Delete Surveyor?")
    assert Decision.objects.filter(pk=decision.pk).exists()


def test_confirming_deletes_the_decision(client, make_decision):
    """Confirming deletes the decision and returns to the history page."""
    decision = make_decision(DECLINE_ANSWERS, complete=True)
    kept = make_decision(INTERVIEW_ANSWERS, complete=True)

    response = client.post(reverse("decisions:delete", args=[decision.pk]))

    assertRedirects(
        response, reverse("decisions:history"), fetch_redirect_response=False
    )
    assert list(Decision.objects.all()) == [kept]


def test_delete_all_asks_for_confirmation_first(client, make_decision):
    """The delete-all page describes what goes and deletes nothing yet."""
    make_decision(DECLINE_ANSWERS, complete=True)

    response = client.get(reverse("decisions:delete_all"))

    assertContains(response, "every decision saved in this browser")
    assert Decision.objects.count() == 1


def test_delete_all_in_a_browser_spares_other_browsers(client, make_decision):
    """Deleting everything removes this browser's decisions and nobody else's."""
    make_decision(DECLINE_ANSWERS, complete=True)
    make_decision({"employment": "employed"})
    other = Client()
    other.post(reverse("decisions:new_decision"), FIRST_ANSWER)
    theirs = Decision.objects.get(browser_id=other.session[ownership.BROWSER_KEY])

    response = client.post(reverse("decisions:delete_all"))

    assertRedirects(response, reverse("decisions:start"), fetch_redirect_response=False)
    assert list(Decision.objects.all()) == [theirs]
    assert ownership.BROWSER_KEY not in client.session


def test_delete_all_for_an_account_deletes_the_account(client, user, make_decision):
    """Deleting everything while logged in removes the decisions and the account."""
    make_decision(DECLINE_ANSWERS, complete=True)
    log_in(client)
    client.post(reverse("decisions:new_decision"), FIRST_ANSWER)
    other = Client()
    other.post(reverse("decisions:new_decision"), FIRST_ANSWER)

    client.post(reverse("decisions:delete_all"))

    assert not User.objects.filter(pk=user.pk).exists()
    assert Decision.objects.count() == 1
    assert Decision.objects.get().user is None
    assert "_auth_user_id" not in client.session


@pytest.mark.django_db
def test_deleting_an_account_forgets_its_failed_logins(client, django_user_model):
    """Deleting all data also removes the lockout records kept under the username."""
    from axes.models import AccessAttempt

    user = django_user_model.objects.create_user("forgetme", password="pw-12345-long")
    client.post(reverse("login"), {"username": "forgetme", "password": "wrong"})
    assert AccessAttempt.objects.filter(username="forgetme").exists()
    client.force_login(user, backend="interviewdecider.backends.AccountBackend")

    client.post(reverse("decisions:delete_all"))

    assert not AccessAttempt.objects.filter(username="forgetme").exists()
    assert not django_user_model.objects.filter(username="forgetme").exists()
