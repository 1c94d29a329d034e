"""The journal's steps, what may follow each, the next thing to do and looking back."""

import ast
import datetime
from pathlib import Path

import pytest

from decisions import engine
from journal import timeline
from journal.timeline import (
    Entry,
    Interview,
    Journal,
    LookBack,
    NextStep,
    Step,
    Todo,
)

TODAY = datetime.date(2026, 12, 2)
YESTERDAY = TODAY - datetime.timedelta(days=1)
TOMORROW = TODAY + datetime.timedelta(days=1)
TEN = datetime.time(10, 0)


def journal(*steps: Step, on=YESTERDAY, planned=None, reflected=False) -> Journal:
    return Journal(
        decided=True,
        entries=tuple(Entry(step, on) for step in steps),
        planned=planned,
        reflected=reflected,
    )


@pytest.mark.parametrize("module", ["journal.timeline", "journal.record"])
def test_pure_modules_import_nothing_from_django(module):
    """The journal's rules and sums import no Django module, directly or through
    the pure decisions modules they lean on."""
    path = Path(__file__).resolve().parent.parent.joinpath(*module.split("."))
    tree = ast.parse(path.with_suffix(".py").read_text())
    imported = {
        name
        for node in ast.walk(tree)
        if isinstance(node, ast.Import | ast.ImportFrom)
        for name in (
            [alias.name for alias in node.names]
            if isinstance(node, ast.Import)
            else [node.module or ""]
        )
    }
    pure = {"decisions.engine", "decisions.wording", "journal.timeline"}

    assert not {name for name in imported if name.split(".")[0] == "django"}
    assert {
        name for name in imported if name.split(".")[0] in ("decisions", "journal")
    } <= pure


def test_every_step_has_a_label_and_a_place_in_the_order():
    """Each step is labelled, and says what may follow it."""
    assert set(timeline.STEP_LABELS) == set(Step)
    assert set(timeline.FOLLOWS) == {None, *Step}


def test_every_step_can_be_reached_from_an_empty_journal():
    """Following FOLLOWS from the start reaches every step."""
    reached: set[Step] = set()
    frontier: list[Step | None] = [None]
    while frontier:
        for step in timeline.FOLLOWS[frontier.pop()]:
            if step not in reached:
                reached.add(step)
                frontier.append(step)

    assert reached == set(Step)


def test_benefits_and_drawbacks_are_the_engines_factors():
    """Looking back offers the engine's benefits, and drawbacks that cost the person."""
    for factor_id in timeline.BENEFITS:
        assert engine.FACTORS_BY_ID[factor_id].direction is engine.Direction.FOR
    for factor_id in timeline.DRAWBACKS:
        assert engine.FACTORS_BY_ID[factor_id].direction is engine.Direction.AGAINST
    assert "ethics" not in timeline.DRAWBACKS


@pytest.mark.parametrize(
    ("steps", "can_follow"),
    [
        ((), (Step.INTERVIEW_BOOKED, Step.DECLINED, Step.WITHDREW)),
        ((Step.DECLINED,), ()),
        ((Step.WITHDREW,), ()),
        ((Step.INTERVIEW_BOOKED,), (Step.ATTENDED, Step.WITHDREW_LATER)),
        (
            (Step.INTERVIEW_BOOKED, Step.ATTENDED),
            (
                Step.OFFER_RECEIVED,
                Step.NO_OFFER,
                Step.INTERVIEW_BOOKED,
                Step.WITHDREW_LATER,
            ),
        ),
        (
            (Step.INTERVIEW_BOOKED, Step.ATTENDED, Step.OFFER_RECEIVED),
            (Step.OFFER_ACCEPTED, Step.OFFER_DECLINED),
        ),
        ((Step.INTERVIEW_BOOKED, Step.ATTENDED, Step.NO_OFFER), ()),
        ((Step.INTERVIEW_BOOKED, Step.WITHDREW_LATER), ()),
    ],
)
def test_what_can_follow(steps, can_follow):
    """Only the steps that can come next are offered; a closed journal offers none."""
    assert journal(*steps).can_follow() == can_follow


def test_nothing_can_be_recorded_before_a_verdict():
    """An undecided decision has no journal to add to."""
    assert Journal(decided=False).can_follow() == ()


@pytest.mark.parametrize(
    ("entries", "planned", "interview"),
    [
        ((), None, None),
        ((), Interview(TOMORROW), Interview(TOMORROW)),
        (
            (Entry(Step.INTERVIEW_BOOKED, TOMORROW, TEN),),
            Interview(YESTERDAY),
            Interview(TOMORROW, TEN),
        ),
        (
            (
                Entry(Step.INTERVIEW_BOOKED, YESTERDAY, TEN),
                Entry(Step.ATTENDED, YESTERDAY),
                Entry(Step.INTERVIEW_BOOKED, TOMORROW),
            ),
            None,
            Interview(TOMORROW),
        ),
        ((Entry(Step.DECLINED, YESTERDAY),), Interview(TOMORROW), Interview(TOMORROW)),
    ],
)
def test_the_interview_is_the_latest_booked_else_the_details(
    entries, planned, interview
):
    """A booking in the journal wins over the date typed with the details."""
    assert Journal(True, entries, planned).interview() == interview


@pytest.mark.parametrize(
    ("entries", "looking_back"),
    [
        ((), None),
        ((Entry(Step.INTERVIEW_BOOKED, TOMORROW),), None),
        ((Entry(Step.INTERVIEW_BOOKED, TODAY),), None),
        ((Entry(Step.INTERVIEW_BOOKED, YESTERDAY),), LookBack.WENT),
        (
            (Entry(Step.INTERVIEW_BOOKED, TOMORROW), Entry(Step.ATTENDED, TODAY)),
            LookBack.WENT,
        ),
        ((Entry(Step.DECLINED, TODAY),), LookBack.STAYED_AWAY),
        ((Entry(Step.WITHDREW, TODAY),), LookBack.STAYED_AWAY),
        (
            (
                Entry(Step.INTERVIEW_BOOKED, TOMORROW),
                Entry(Step.WITHDREW_LATER, TODAY),
            ),
            LookBack.STAYED_AWAY,
        ),
        (
            (
                Entry(Step.INTERVIEW_BOOKED, YESTERDAY),
                Entry(Step.ATTENDED, YESTERDAY),
                Entry(Step.WITHDREW_LATER, TODAY),
            ),
            LookBack.WENT,
        ),
    ],
)
def test_when_to_look_back(entries, looking_back):
    """Looking back comes once the person went (or the booked day has passed),
    or once they stayed away; never before."""
    assert Journal(True, entries).looking_back(TODAY) == looking_back


def test_a_date_in_the_details_alone_does_not_ask_to_look_back():
    """Without a booking or an attended step, nobody is asked if going was worth it."""
    assert Journal(True, planned=Interview(YESTERDAY)).looking_back(TODAY) is None


NEXT_STEPS = [
    ("not decided", Journal(decided=False), NextStep(Todo.FINISH_QUESTIONS)),
    ("nothing recorded", journal(), NextStep(Todo.REPLY)),
    (
        "nothing recorded, interview still to come",
        journal(planned=Interview(TOMORROW, TEN)),
        NextStep(Todo.REPLY),
    ),
    (
        "nothing recorded, the interview day has passed",
        journal(planned=Interview(YESTERDAY)),
        NextStep(Todo.WHAT_HAPPENED),
    ),
    (
        "booked for tomorrow at ten",
        Journal(True, (Entry(Step.INTERVIEW_BOOKED, TOMORROW, TEN),)),
        NextStep(Todo.INTERVIEW, Interview(TOMORROW, TEN)),
    ),
    (
        "booked for today",
        Journal(True, (Entry(Step.INTERVIEW_BOOKED, TODAY),)),
        NextStep(Todo.INTERVIEW, Interview(TODAY)),
    ),
    (
        "booked for yesterday",
        journal(Step.INTERVIEW_BOOKED),
        NextStep(Todo.HOW_DID_IT_GO),
    ),
    (
        "booked for yesterday, looked back",
        journal(Step.INTERVIEW_BOOKED, reflected=True),
        NextStep(Todo.WAIT_FOR_NEWS),
    ),
    (
        "attended",
        journal(Step.INTERVIEW_BOOKED, Step.ATTENDED),
        NextStep(Todo.HOW_DID_IT_GO),
    ),
    (
        "attended, looked back",
        journal(Step.INTERVIEW_BOOKED, Step.ATTENDED, reflected=True),
        NextStep(Todo.WAIT_FOR_NEWS),
    ),
    (
        "offer received, not looked back",
        journal(Step.INTERVIEW_BOOKED, Step.ATTENDED, Step.OFFER_RECEIVED),
        NextStep(Todo.DECIDE_ON_OFFER),
    ),
    (
        "offer accepted, not looked back",
        journal(
            Step.INTERVIEW_BOOKED,
            Step.ATTENDED,
            Step.OFFER_RECEIVED,
            Step.OFFER_ACCEPTED,
        ),
        NextStep(Todo.HOW_DID_IT_GO),
    ),
    (
        "no offer, looked back",
        journal(Step.INTERVIEW_BOOKED, Step.ATTENDED, Step.NO_OFFER, reflected=True),
        NextStep(Todo.NOTHING),
    ),
    ("declined", journal(Step.DECLINED), NextStep(Todo.ANY_REGRETS)),
    (
        "declined, looked back",
        journal(Step.DECLINED, reflected=True),
        NextStep(Todo.NOTHING),
    ),
    (
        "withdrew after booking",
        journal(Step.INTERVIEW_BOOKED, Step.WITHDREW_LATER),
        NextStep(Todo.ANY_REGRETS),
    ),
    (
        "second round booked",
        Journal(
            True,
            (
                Entry(Step.INTERVIEW_BOOKED, YESTERDAY),
                Entry(Step.ATTENDED, YESTERDAY),
                Entry(Step.INTERVIEW_BOOKED, TOMORROW, TEN),
            ),
            reflected=True,
        ),
        NextStep(Todo.INTERVIEW, Interview(TOMORROW, TEN)),
    ),
]


@pytest.mark.parametrize(
    ("case", "kept", "next_step"), NEXT_STEPS, ids=[case for case, _, _ in NEXT_STEPS]
)
def test_the_next_step(case, kept, next_step):
    """Each state of a journal has one next thing to do."""
    assert kept.next_step(TODAY) == next_step


def test_every_next_step_is_reached():
    """The table above reaches every kind of next step."""
    assert {next_step.todo for _, _, next_step in NEXT_STEPS} == set(Todo)
