import ast
import re
from pathlib import Path

import pytest

from decisions import questionnaire
from decisions.questionnaire import (
    QUESTIONS,
    QUESTIONS_BY_ID,
    Problem,
    answer_problem,
    answer_problems,
    asked_questions,
    is_complete,
    next_question,
    position,
    prune,
)
from tests.answers import (
    DECLINE_ANSWERS,
    EMPLOYED_PATH,
    UNEMPLOYED_PATH,
    answers_before,
)

EVERY_VALUE = [
    (question.id, value) for question in QUESTIONS for value in question.values
]


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


# What makes an answer valid


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("employed", None),
        ("unemployed", None),
        ("", Problem.UNKNOWN_CHOICE),
        ("Employed", Problem.UNKNOWN_CHOICE),
        (None, Problem.NOT_TEXT),
        (1, Problem.NOT_TEXT),
        (["employed"], Problem.NOT_TEXT),
    ],
)
def test_answer_problem(value, expected):
    """An answer is one of the question's values, as text."""
    assert answer_problem(QUESTIONS_BY_ID["employment"], value) is expected


@pytest.mark.parametrize(
    ("answers", "expected"),
    [
        (DECLINE_ANSWERS, {}),
        (UNEMPLOYED_PATH, {}),
        (
            {**DECLINE_ANSWERS, "colour": "blue"},
            {"colour": Problem.UNKNOWN_QUESTION},
        ),
        (
            {**DECLINE_ANSWERS, "interest": "hot"},
            {"interest": Problem.UNKNOWN_CHOICE},
        ),
        ({**DECLINE_ANSWERS, "interest": 3}, {"interest": Problem.NOT_TEXT}),
        (
            {k: v for k, v in DECLINE_ANSWERS.items() if k != "interest"},
            {"interest": Problem.MISSING},
        ),
        (
            {k: v for k, v in DECLINE_ANSWERS.items() if k != "discreet_time"},
            {"discreet_time": Problem.MISSING},
        ),
        (
            {**UNEMPLOYED_PATH, "discreet_time": "easy"},
            {"discreet_time": Problem.NOT_ASKED},
        ),
        (
            {"employment": "retired"},
            {"employment": Problem.UNKNOWN_CHOICE},
        ),
    ],
)
def test_answer_problems(answers, expected):
    """A complete set has every asked question answered validly, and nothing else."""
    assert answer_problems(answers) == expected


PURE_MODULES = {
    "decisions.questionnaire",
    "decisions.flow",
    "decisions.engine",
    "decisions.drafting",
    "decisions.charts",
    "decisions.calendar",
    "decisions.wording",
}


def imported_modules(module: str) -> set[str]:
    """The modules a module imports anywhere in its source, by full name."""
    path = Path(questionnaire.__file__).parent / f"{module.split('.')[-1]}.py"
    tree = ast.parse(path.read_text())
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


@pytest.mark.parametrize("module", sorted(PURE_MODULES))
def test_pure_modules_import_no_django(module):
    """The rules, the routing and the drafting import only the standard library,
    a few kept libraries and each other: never Django or the Django-side modules."""
    imported = imported_modules(module)

    assert imported
    for name in imported:
        top = name.split(".")[0]
        assert top != "django", name
        if top == "decisions":
            assert name in PURE_MODULES, name
