import re
import subprocess
import sys
from pathlib import Path

import pytest

from decisions import questionnaire
from decisions.questionnaire import (
    CHECK,
    DETAILS,
    QUESTIONS,
    QUESTIONS_BY_ID,
    asked_questions,
    current_step,
    is_complete,
    next_question,
    position,
    previous_step,
    prune,
)
from tests.conftest import DECLINE_ANSWERS

EMPLOYED_PATH = DECLINE_ANSWERS
UNEMPLOYED_PATH = {
    key: value
    for key, value in {**EMPLOYED_PATH, "employment": "unemployed"}.items()
    if key != "discreet_time"
}


def answers_before(path: dict[str, str], question_id: str) -> dict[str, str]:
    """The answers a person has given by the time `question_id` is asked."""
    ids = list(path)
    return {key: path[key] for key in ids[: ids.index(question_id)]}


# Each question, the path it is asked on, and the step its answer leads to.
ROUTES = [
    ("employment", EMPLOYED_PATH, "interest"),
    ("interest", EMPLOYED_PATH, "company_appeal"),
    ("company_appeal", EMPLOYED_PATH, "career_pivot"),
    ("career_pivot", EMPLOYED_PATH, "other_process"),
    ("other_process", EMPLOYED_PATH, "interview_practice"),
    ("interview_practice", EMPLOYED_PATH, "prep_time"),
    ("prep_time", EMPLOYED_PATH, "discreet_time"),
    ("prep_time", UNEMPLOYED_PATH, "network_value"),
    ("discreet_time", EMPLOYED_PATH, "network_value"),
    ("network_value", EMPLOYED_PATH, "market_insight"),
    ("network_value", UNEMPLOYED_PATH, "market_insight"),
    ("market_insight", EMPLOYED_PATH, DETAILS),
    ("market_insight", UNEMPLOYED_PATH, DETAILS),
]
ROUTE_IDS = [f"{question_id}-{path['employment']}" for question_id, path, _ in ROUTES]
EVERY_VALUE = [
    (question.id, value) for question in QUESTIONS for value in question.values
]


def test_routes_cover_every_question():
    """The routing table below gives every question at least one route."""
    assert {question_id for question_id, _, _ in ROUTES} == set(QUESTIONS_BY_ID)


@pytest.mark.parametrize(("question_id", "path", "_next"), ROUTES, ids=ROUTE_IDS)
def test_question_is_asked_after_the_answers_before_it(question_id, path, _next):
    """With the earlier answers given, the question is the one the flow asks."""
    assert next_question(answers_before(path, question_id)).id == question_id


@pytest.mark.parametrize(("question_id", "value"), EVERY_VALUE)
def test_each_valid_answer_is_kept(question_id, value):
    """Every one of a question's values is a valid answer and is kept."""
    answers = {**answers_before(EMPLOYED_PATH, question_id), question_id: value}

    assert prune(answers)[question_id] == value


@pytest.mark.parametrize("question", QUESTIONS, ids=lambda question: question.id)
@pytest.mark.parametrize("value", ["maybe", "", "<script>", "Employed"])
def test_an_answer_not_in_values_is_dropped(question, value):
    """A value outside the question's values is dropped; the question is asked again."""
    earlier = answers_before(EMPLOYED_PATH, question.id)

    kept = prune({**earlier, question.id: value})

    assert question.id not in kept
    assert next_question(kept) == question


@pytest.mark.parametrize(("question_id", "path", "expected"), ROUTES, ids=ROUTE_IDS)
def test_answer_leads_to_the_next_step(question_id, path, expected):
    """Answering a question moves the flow to the next step of its branch."""
    answers = answers_before(path, question_id) | {question_id: path[question_id]}

    assert current_step(answers, details_given=False) == expected


@pytest.mark.parametrize(
    ("employment", "asked"), [("employed", True), ("unemployed", False)]
)
def test_discreet_time_is_asked_only_when_employed(employment, asked):
    """Time off without the employer noticing matters only to someone employed."""
    ids = [question.id for question in asked_questions({"employment": employment})]

    assert ("discreet_time" in ids) is asked


def test_discreet_time_counts_as_asked_while_employment_is_unknown():
    """Until employment is answered, the conditional question still counts."""
    assert QUESTIONS_BY_ID["discreet_time"] in asked_questions({})


def test_prune_drops_the_branch_answer_when_employment_becomes_unemployed():
    """Changing to unemployed drops the discreet_time answer."""
    answers = {**EMPLOYED_PATH, "employment": "unemployed"}

    assert prune(answers) == UNEMPLOYED_PATH


def test_prune_keeps_the_branch_answer_while_employed():
    """A full employed path survives pruning unchanged."""
    assert prune(EMPLOYED_PATH) == EMPLOYED_PATH


def test_prune_drops_a_branch_answer_given_before_employment():
    """A discreet_time answer with no employment answer is not kept."""
    assert prune({"discreet_time": "easy"}) == {}


def test_prune_drops_unknown_question_ids():
    """Answers to questions the questionnaire doesn't have are dropped."""
    answers = {**EMPLOYED_PATH, "favourite_colour": "blue", "": "x"}

    assert prune(answers) == EMPLOYED_PATH


def test_prune_returns_answers_in_flow_order():
    """Pruned answers come back in the questionnaire's order."""
    shuffled = dict(reversed(EMPLOYED_PATH.items()))

    assert list(prune(shuffled)) == list(EMPLOYED_PATH)


@pytest.mark.parametrize(
    ("answers", "question_id", "expected"),
    [
        ({}, "employment", (1, 10)),
        ({}, "company_appeal", (3, 10)),
        ({}, "market_insight", (10, 10)),
        ({"employment": "employed"}, "discreet_time", (8, 10)),
        ({"employment": "employed"}, "network_value", (9, 10)),
        ({"employment": "employed"}, "market_insight", (10, 10)),
        ({"employment": "unemployed"}, "company_appeal", (3, 9)),
        ({"employment": "unemployed"}, "prep_time", (7, 9)),
        ({"employment": "unemployed"}, "network_value", (8, 9)),
        ({"employment": "unemployed"}, "market_insight", (9, 9)),
    ],
)
def test_position(answers, question_id, expected):
    """Position is "Question N of M": 10 while employed or unknown, 9 when not."""
    assert position(answers, question_id) == expected


@pytest.mark.parametrize(
    ("answers", "step", "expected"),
    [
        ({}, "employment", None),
        ({}, "interest", "employment"),
        ({"employment": "employed"}, "discreet_time", "prep_time"),
        ({"employment": "employed"}, "network_value", "discreet_time"),
        ({"employment": "unemployed"}, "network_value", "prep_time"),
        ({"employment": "unemployed"}, "discreet_time", None),
        (EMPLOYED_PATH, DETAILS, "market_insight"),
        (EMPLOYED_PATH, CHECK, DETAILS),
        ({}, "no_such_step", None),
    ],
)
def test_previous_step(answers, step, expected):
    """The step before another follows the branch; none before the start."""
    assert previous_step(answers, step) == expected


@pytest.mark.parametrize(
    ("answers", "details_given", "expected"),
    [
        ({}, False, "employment"),
        ({}, True, "employment"),
        (answers_before(EMPLOYED_PATH, "discreet_time"), False, "discreet_time"),
        (answers_before(EMPLOYED_PATH, "market_insight"), True, "market_insight"),
        (EMPLOYED_PATH, False, DETAILS),
        (EMPLOYED_PATH, True, CHECK),
        (UNEMPLOYED_PATH, False, DETAILS),
        (UNEMPLOYED_PATH, True, CHECK),
    ],
)
def test_current_step(answers, details_given, expected):
    """A person is at the first unanswered question, then details, then check."""
    assert current_step(answers, details_given=details_given) == expected


@pytest.mark.parametrize(
    ("answers", "expected"),
    [
        ({}, False),
        (answers_before(EMPLOYED_PATH, "market_insight"), False),
        ({k: v for k, v in EMPLOYED_PATH.items() if k != "discreet_time"}, False),
        (EMPLOYED_PATH, True),
        (UNEMPLOYED_PATH, True),
    ],
)
def test_is_complete(answers, expected):
    """Answers are complete once every question of the branch is answered."""
    assert is_complete(answers) is expected


def walk_every_path() -> list[tuple[dict[str, str], list[str]]]:
    """Every path from no answers to the check step, trying each answer in turn."""
    finished = []
    pending = [({}, [])]
    while pending:
        answers, visited = pending.pop()
        step = current_step(answers, details_given=False)
        if step == DETAILS:
            assert current_step(answers, details_given=True) == CHECK
            finished.append((answers, [*visited, DETAILS, CHECK]))
            continue
        for value in QUESTIONS_BY_ID[step].values:
            pending.append((prune({**answers, step: value}), [*visited, step]))
    return finished


def test_every_path_reaches_check_visiting_its_questions_in_order():
    """Each combination of answers visits its branch's questions in order."""
    paths = walk_every_path()

    for answers, visited in paths:
        expected = [q.id for q in QUESTIONS if q.is_asked(answers)]
        assert visited == [*expected, DETAILS, CHECK]
        assert list(answers) == expected
    branches = {
        (answers["employment"], answers.get("discreet_time")) for answers, _ in paths
    }
    assert branches == {
        ("employed", "easy"),
        ("employed", "hard"),
        ("unemployed", None),
    }
    assert {step for _, visited in paths for step in visited} == {
        *QUESTIONS_BY_ID,
        DETAILS,
        CHECK,
    }


def test_ids_are_unique():
    """No two questions share an id."""
    ids = [question.id for question in QUESTIONS]

    assert len(ids) == len(set(ids))


@pytest.mark.parametrize("question", QUESTIONS, ids=lambda question: question.id)
def test_question_is_well_formed(question):
    """A question has a snake_case id, a title, an error and two or more choices."""
    assert re.fullmatch(r"[a-z]+(_[a-z]+)*", question.id)
    assert question.title.strip()
    assert question.error.strip()
    assert len(question.choices) >= 2


@pytest.mark.parametrize("question", QUESTIONS, ids=lambda question: question.id)
def test_choice_values_are_unique_snake_case_with_labels(question):
    """A question's values are distinct snake_case and each has a label."""
    assert len(set(question.values)) == len(question.values)
    for choice in question.choices:
        assert re.fullmatch(r"[a-z]+(_[a-z]+)*", choice.value)
        assert choice.label.strip()


def test_conditions_refer_to_earlier_questions_and_real_values():
    """A condition names an earlier question and one of its values."""
    ids = [question.id for question in QUESTIONS]
    for index, question in enumerate(QUESTIONS):
        if question.asked_when is not None:
            condition = question.asked_when
            assert condition.question in ids[:index]
            assert condition.equals in QUESTIONS_BY_ID[condition.question].values


def test_questionnaire_imports_no_django():
    """Importing the questionnaire on its own loads no Django module."""
    project = Path(questionnaire.__file__).resolve().parent.parent
    script = (
        "import sys, decisions.questionnaire; "
        "print([m for m in sys.modules if m.split('.')[0] == 'django'])"
    )

    result = subprocess.run(
        [sys.executable, "-c", script],
        cwd=project,
        capture_output=True,
        text=True,
        check=True,
    )

    assert result.stdout.strip() == "[]"
