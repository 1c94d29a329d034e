"""Sessions don't outlive their use: expired ones are purged every day, and
deleting an account ends its sessions on every device."""

import datetime

import pytest
import yaml

from django.contrib.auth.models import User
from django.contrib.sessions.models import Session
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from tests.servers import BASE_DIR

pytestmark = pytest.mark.django_db

PASSWORD = "correct-horse-battery-staple"


def logged_in(username: str) -> Client:
    device = Client()
    assert (
        device.post(
            reverse("login"), {"username": username, "password": PASSWORD}
        ).status_code
        == 302
    )
    return device


def test_deleting_my_data_ends_the_accounts_sessions_on_other_devices(client):
    """Delete my data on the phone removes the laptop's session row too."""
    User.objects.create_user("sam", password=PASSWORD)
    phone, laptop = logged_in("sam"), logged_in("sam")
    laptop_session = laptop.session.session_key

    phone.post(reverse("decisions:delete_all"))

    assert not Session.objects.filter(session_key=laptop_session).exists()
    assert "_auth_user_id" not in laptop.session


def test_deleting_my_data_leaves_other_peoples_sessions(client):
    """Other accounts' and anonymous browsers' sessions stay."""
    User.objects.create_user("sam", password=PASSWORD)
    User.objects.create_user("alex", password=PASSWORD)
    phone, someone_else = logged_in("sam"), logged_in("alex")
    anonymous = Client()
    anonymous.post(reverse("decisions:new_decision"), {"answer": "employed"})
    kept = {someone_else.session.session_key, anonymous.session.session_key}

    phone.post(reverse("decisions:delete_all"))

    assert set(Session.objects.values_list("session_key", flat=True)) == kept


def test_clearsessions_purges_expired_sessions():
    """Django's clearsessions, which deployments run daily, empties expired rows."""
    expired, live = Client(), Client()
    for device in (expired, live):
        device.post(reverse("decisions:new_decision"), {"answer": "employed"})
    Session.objects.filter(session_key=expired.session.session_key).update(
        expire_date=timezone.now() - datetime.timedelta(seconds=1)
    )

    call_command("clearsessions")

    assert list(Session.objects.values_list("session_key", flat=True)) == [
        live.session.session_key
    ]


def test_compose_runs_clearsessions_every_day():
    """The compose deployment purges expired sessions once a day."""
    services = yaml.safe_load((BASE_DIR / "compose.yaml").read_text())["services"]
    [command] = [
        " ".join(service.get("command", []))
        for service in services.values()
        if "clearsessions" in " ".join(service.get("command", []))
    ]
    assert "manage.py clearsessions" in command
    assert "sleep 86400" in command
