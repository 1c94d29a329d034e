"""Database sessions read with one plain query, keeping expiry and signature checks."""

import datetime

import pytest

from django.contrib.sessions.models import Session
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from interviewdecider.sessions import SessionStore

pytestmark = pytest.mark.django_db


@pytest.fixture
def stored():
    session = SessionStore()
    session["browser_id"] = "a-browser"
    session.create()
    return session.session_key


def test_a_session_is_read_with_one_query(stored, django_assert_num_queries):
    """Loading a stored session costs a single query."""
    with django_assert_num_queries(1):
        data = SessionStore(stored).load()

    assert data == {"browser_id": "a-browser"}


def test_an_expired_session_reads_as_empty(stored):
    """A row past its expiry date is ignored, as Django's own store does."""
    Session.objects.filter(session_key=stored).update(
        expire_date=timezone.now() - datetime.timedelta(seconds=1)
    )
    session = SessionStore(stored)

    assert session.load() == {}
    assert session.session_key is None


def test_a_tampered_session_reads_as_empty(stored):
    """Data whose signature doesn't match is refused when decoded."""
    Session.objects.filter(session_key=stored).update(session_data="tampered:data")

    assert SessionStore(stored).load() == {}


def test_an_unknown_session_key_reads_as_empty():
    """A key with no row gives an empty session, and a new key once saved."""
    session = SessionStore("no-such-session-key-0123456789")

    assert session.load() == {}
    assert session.session_key is None


def test_a_new_session_is_stored_without_asking_whether_its_key_is_taken():
    session = SessionStore()
    session["browser_id"] = "a-browser"
    with CaptureQueriesContext(connection) as captured:
        session.create()
    assert not any(
        query["sql"].lstrip().upper().startswith("SELECT")
        for query in captured.captured_queries
    )
    assert SessionStore(session.session_key)["browser_id"] == "a-browser"


def test_a_key_already_taken_is_never_reused(monkeypatch):
    taken = SessionStore()
    taken.create()
    keys = iter([taken.session_key, "b" * 32])
    monkeypatch.setattr(SessionStore, "_get_new_session_key", lambda self: next(keys))
    session = SessionStore()
    session["browser_id"] = "another"
    session.create()
    assert session.session_key == "b" * 32
    assert SessionStore(taken.session_key).get("browser_id") is None
