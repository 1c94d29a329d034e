"""decisions/links.py: each step's address, reversed once and reused."""

import uuid

import pytest

from django.urls import clear_script_prefix, reverse, set_script_prefix

from decisions import flow
from decisions.links import decision_url, step_url

DECISION = uuid.uuid4()


@pytest.mark.parametrize(
    ("step", "expected"),
    [
        (flow.question("employment"), ("decisions:question", [DECISION, "employment"])),
        (flow.DETAILS, ("decisions:details", [DECISION])),
        (flow.CHECK, ("decisions:check", [DECISION])),
        (flow.VERDICT, ("decisions:verdict", [DECISION])),
    ],
)
def test_each_step_has_the_address_django_reverses(step, expected):
    name, args = expected
    assert step_url(DECISION, step) == reverse(name, args=args)


def test_another_decision_gets_its_own_address():
    other = uuid.uuid4()
    assert step_url(other, flow.CHECK) == reverse("decisions:check", args=[other])
    assert str(DECISION) not in step_url(other, flow.CHECK)


def test_a_question_or_the_details_keep_where_to_return_to():
    came_from = flow.ReturnTo.VERDICT
    assert step_url(DECISION, flow.DETAILS, came_from).endswith("?return_to=verdict")
    assert step_url(DECISION, flow.CHECK, came_from) == step_url(DECISION, flow.CHECK)


def test_the_address_follows_the_script_prefix():
    set_script_prefix("/decider/")
    try:
        assert step_url(DECISION, flow.CHECK) == f"/decider/decisions/{DECISION}/check/"
    finally:
        clear_script_prefix()


def test_any_page_of_a_decision_has_the_address_django_reverses():
    for name in ("decisions:resume", "decisions:delete", "journal:journal"):
        assert decision_url(name, DECISION) == reverse(name, args=[DECISION])
