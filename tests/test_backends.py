"""interviewdecider/backends.py: the account behind a session, in one query."""

import pytest

from django.contrib.auth.models import User
from django.urls import reverse

from interviewdecider.backends import AccountBackend

pytestmark = pytest.mark.django_db


@pytest.fixture
def account() -> User:
    return User.objects.create_user("ada", password="a long passphrase")


def test_it_finds_the_account_by_the_id_a_session_keeps(account):
    found = AccountBackend().get_user(str(account.pk))
    assert found == account
    assert found.password == account.password


@pytest.mark.parametrize("kept", ["", "abc", "1 OR 1=1", "999999", None])
def test_an_id_no_account_has_finds_none(account, kept):
    assert AccountBackend().get_user(kept) is None


def test_an_account_that_may_not_log_in_is_not_found(account):
    account.is_active = False
    account.save()
    assert AccountBackend().get_user(str(account.pk)) is None


def test_the_session_ends_when_the_password_changes(client, account):
    client.force_login(account)
    assert client.get(reverse("decisions:history")).context["user"] == account
    account.set_password("another long passphrase")
    account.save()
    assert client.get(reverse("decisions:history")).context["user"].is_anonymous


def test_logging_in_uses_it(client, account):
    response = client.post(
        reverse("login"), {"username": "ada", "password": "a long passphrase"}
    )
    assert response.status_code == 302
    assert client.session["_auth_user_backend"] == (
        "interviewdecider.backends.AccountBackend"
    )
