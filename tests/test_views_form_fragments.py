"""Question and details pages keep the parts of their forms that are the same for
everyone in the fragment cache; each person still sees their own form."""

import dataclasses
import datetime
import re
from unittest import mock

import pytest
from pytest_django.asserts import assertContains, assertNotContains

from django.urls import reverse

from decisions.questionnaire import QUESTIONS_BY_ID
from tests.conftest import DECLINE_ANSWERS, question_url

pytestmark = pytest.mark.django_db

CSRF_INPUT = re.compile(r'name="csrfmiddlewaretoken" value="[^"]+"')
INTEREST = QUESTIONS_BY_ID["interest"]


def page(response) -> str:
    assert response.status_code == 200
    return CSRF_INPUT.sub("", response.content.decode())


def checked(html: str) -> list[str]:
    return re.findall(r'value="([^"]+)" checked', html)


def details_url(decision) -> str:
    return reverse("decisions:details", args=[decision.pk])


def test_a_question_page_is_worked_out_once_and_kept(client, make_decision):
    decision = make_decision({"employment": "employed"})
    url = question_url(decision, "interest")
    worked_out = page(client.get(url))
    one_choice = dataclasses.replace(INTEREST, choices=INTEREST.choices[:1])

    with mock.patch.dict(QUESTIONS_BY_ID, {"interest": one_choice}):
        kept = page(client.get(url))

    assert kept == worked_out


def test_a_stored_answer_is_checked_after_the_blank_question_was_cached(
    client, make_decision
):
    blank = make_decision({"employment": "employed"})
    answered = make_decision({"employment": "employed", "interest": "low"})

    assert checked(page(client.get(question_url(blank, "interest")))) == []
    assert checked(page(client.get(question_url(answered, "interest")))) == ["low"]
    assert checked(page(client.get(question_url(blank, "interest")))) == []


@pytest.mark.parametrize("sent", [{}, {"answer": "low "}, {"answer": "<script>"}])
def test_an_answer_refused_after_the_blank_question_was_cached_shows_the_error(
    client, make_decision, sent
):
    """The error shows in full, nothing sent is checked, and the blank page
    stays without it."""
    decision = make_decision({"employment": "employed"})
    url = question_url(decision, "interest")
    client.get(url)

    refused = page(client.post(url, sent))

    assert 'aria-describedby="answer-hint answer-error"' in refused
    assert refused.count("form-check-input is-invalid") == len(INTEREST.choices)
    assert INTEREST.error in refused
    assert checked(refused) == []
    assertNotContains(client.get(url), "answer-error")


def test_every_refused_answer_shows_the_same_page(client, make_decision):
    """What was sent is no part of the page, so it is no part of what is kept."""
    decision = make_decision({"employment": "employed"})
    url = question_url(decision, "interest")

    pages = {page(client.post(url, sent)) for sent in ({}, {"answer": "nope"})}

    assert len(pages) == 1


def test_the_first_question_offers_a_new_decision_only_once_one_is_stored(
    client, make_decision
):
    start = reverse("decisions:new_decision")
    decision = make_decision({"employment": "employed", "interest": "low"})
    stored = question_url(decision, "employment")

    assertNotContains(client.post(start, {}), "Start a new")
    assertContains(client.post(stored, {}), "Start a new decision")
    assertNotContains(client.post(f"{stored}?return_to=check", {}), "Start a new")
    assertNotContains(client.post(start, {}), "Start a new")


def test_typed_details_show_after_the_blank_details_were_cached(client, make_decision):
    blank = make_decision(DECLINE_ANSWERS)
    typed = make_decision(DECLINE_ANSWERS, role_title="Chief Widget Officer")
    client.get(details_url(blank))

    assertContains(client.get(details_url(typed)), 'value="Chief Widget Officer"')
    assertNotContains(client.get(details_url(blank)), "Chief Widget Officer")


def test_refused_details_show_their_errors_after_the_blank_details_were_cached(
    client, make_decision
):
    decision = make_decision(DECLINE_ANSWERS)
    client.get(details_url(decision))

    refused = client.post(details_url(decision), {"interview_date": "31/02/2030"})

    assertContains(refused, 'value="31/02/2030"')
    assertContains(refused, "Interview date must be a real date")
    assertNotContains(client.get(details_url(decision)), "must be a real date")


def test_the_blank_details_date_example_moves_with_the_day(client, make_decision):
    """The example, four weeks ahead, is never one kept from the day before."""
    decision = make_decision(DECLINE_ANSWERS)
    new_year = datetime.date(2030, 1, 1)
    for day, example in [
        (new_year, "29/01/2030"),
        (new_year.replace(day=2), "30/01/2030"),
    ]:
        with mock.patch("django.utils.timezone.localdate", return_value=day):
            details = client.get(details_url(decision))
        assertContains(details, f"For example, {example}.")
