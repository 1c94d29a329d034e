"""Every page that answers GET answers HEAD the same way, without a body:
uptime monitors and link checkers ask with HEAD."""

import pytest

from django.urls import reverse

from decisions import writes
from decisions.questionnaire import QUESTIONS
from tests.conftest import DECISION_PAGES

pytestmark = pytest.mark.django_db

PUBLIC_PAGES = [
    "healthz",
    "readyz",
    "decisions:start",
    "decisions:new_decision",
    "decisions:how_we_decide",
    "decisions:delete_all",
    "login",
    "signup",
    "password_reset",
    "decisions:history",
    "journal:record",
    "journal:compare",
    "journal:export_json",
    "journal:export_csv",
]


def assert_head_answers_as_get(client, url):
    got = client.get(url)
    head = client.head(url)
    assert (url, head.status_code) == (url, got.status_code)
    assert got.status_code != 405
    assert head.content == b""


@pytest.mark.parametrize("name", PUBLIC_PAGES)
def test_public_pages_answer_head(client, name):
    """The start page, the health checks, the account pages, My decisions, Your
    record, Compare and the exports answer HEAD."""
    assert_head_answers_as_get(client, reverse(name))


@pytest.mark.parametrize("name", DECISION_PAGES)
def test_decision_pages_answer_head(client, interview_decision, name):
    """Each page of a decision answers HEAD as it answers GET."""
    assert_head_answers_as_get(client, reverse(name, args=[interview_decision.pk]))


def test_question_pages_answer_head(client, interview_decision):
    """A question page answers HEAD."""
    url = reverse("decisions:question", args=[interview_decision.pk, QUESTIONS[1].id])
    assert_head_answers_as_get(client, url)


def test_a_decision_journal_answers_head(client, interview_decision):
    """The journal of a decision answers HEAD."""
    url = reverse("journal:journal", args=[interview_decision.pk])
    assert_head_answers_as_get(client, url)


def test_shared_pages_answer_head(client, interview_decision):
    """A share link answers HEAD, as link checkers and chat previews ask."""
    link = writes.create_share_link(interview_decision, include_company=False)
    assert_head_answers_as_get(client, link.get_absolute_url())
