import pytest

from decisions import flow
from decisions.flow import (
    CHECK,
    DETAILS,
    VERDICT,
    Page,
    ReturnTo,
    Step,
    current_step,
    is_open,
    next_step,
    previous_step,
    question,
)
from decisions.questionnaire import QUESTIONS, QUESTIONS_BY_ID, prune
from tests.answers import (
    EMPLOYED_PATH,
    UNEMPLOYED_PATH,
    answers_before,
)

# Each question, the path it is asked on, and the step its answer leads to.
ROUTES = [
    ("employment", EMPLOYED_PATH, question("interest")),
    ("interest", EMPLOYED_PATH, question("company_appeal")),
    ("company_appeal", EMPLOYED_PATH, question("career_pivot")),
    ("career_pivot", EMPLOYED_PATH, question("other_process")),
    ("other_process", EMPLOYED_PATH, question("interview_practice")),
    ("interview_practice", EMPLOYED_PATH, question("prep_time")),
    ("prep_time", EMPLOYED_PATH, question("discreet_time")),
    ("prep_time", UNEMPLOYED_PATH, question("network_value")),
    ("discreet_time", EMPLOYED_PATH, question("network_value")),
    ("network_value", EMPLOYED_PATH, question("market_insight")),
    ("network_value", UNEMPLOYED_PATH, question("market_insight")),
    ("market_insight", EMPLOYED_PATH, DETAILS),
    ("market_insight", UNEMPLOYED_PATH, DETAILS),
]
ROUTE_IDS = [f"{question_id}-{path['employment']}" for question_id, path, _ in ROUTES]


# Steps


def test_routes_cover_every_question():
    """The routing table below gives every question at least one route."""
    assert {question_id for question_id, _, _ in ROUTES} == set(QUESTIONS_BY_ID)


@pytest.mark.parametrize("question_id", QUESTIONS_BY_ID)
def test_every_question_is_a_step(question_id):
    """Each question id makes a question step."""
    assert question(question_id) == Step(Page.QUESTION, question_id)


@pytest.mark.parametrize(
    ("page", "question_id"),
    [
        (Page.QUESTION, "no_such_question"),
        (Page.QUESTION, ""),
        (Page.DETAILS, "employment"),
        (Page.CHECK, "details"),
        (Page.VERDICT, "interest"),
    ],
)
def test_a_step_that_is_not_in_the_flow_is_refused(page, question_id):
    """A step is a declared question or a page, never a bare string."""
    with pytest.raises(ValueError, match="Not a step"):
        Step(page, question_id)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("check", ReturnTo.CHECK),
        ("verdict", ReturnTo.VERDICT),
        (None, None),
        ("", None),
        ("details", None),
        ("https://example.com/", None),
        ("VERDICT", None),
    ],
)
def test_return_to_accepts_only_the_pages_a_person_returns_to(value, expected):
    """Only the check page and the verdict can be returned to."""
    assert flow.return_to(value) is expected


# Where a person is


@pytest.mark.parametrize(
    ("answers", "details_given", "expected"),
    [
        ({}, False, question("employment")),
        ({}, True, question("employment")),
        (
            answers_before(EMPLOYED_PATH, "discreet_time"),
            False,
            question("discreet_time"),
        ),
        (
            answers_before(EMPLOYED_PATH, "market_insight"),
            True,
            question("market_insight"),
        ),
        (EMPLOYED_PATH, False, DETAILS),
        (EMPLOYED_PATH, True, CHECK),
        (UNEMPLOYED_PATH, False, DETAILS),
        (UNEMPLOYED_PATH, True, CHECK),
    ],
)
def test_current_step(answers, details_given, expected):
    """A person is at the first unanswered question, then details, then check."""
    assert current_step(answers, details_given=details_given) == expected


@pytest.mark.parametrize(("question_id", "path", "expected"), ROUTES, ids=ROUTE_IDS)
def test_answer_leads_to_the_next_step(question_id, path, expected):
    """Answering a question moves the flow to the next step of its branch."""
    answers = answers_before(path, question_id) | {question_id: path[question_id]}

    assert next_step(answers, details_given=False) == expected


# Where an answer sends someone who came to change one thing


@pytest.mark.parametrize("came_from", [None, *ReturnTo])
def test_an_unanswered_question_comes_first_wherever_a_person_came_from(came_from):
    """A change that makes a new question asked leads to that question."""
    answers = prune({**UNEMPLOYED_PATH, "employment": "employed"})

    step = next_step(answers, details_given=True, came_from=came_from)

    assert step == question("discreet_time")


@pytest.mark.parametrize(
    ("details_given", "came_from", "expected"),
    [
        (True, None, CHECK),
        (True, ReturnTo.CHECK, CHECK),
        (True, ReturnTo.VERDICT, VERDICT),
        (False, None, DETAILS),
        (False, ReturnTo.CHECK, DETAILS),
        (False, ReturnTo.VERDICT, DETAILS),
    ],
)
def test_complete_answers_go_back_where_the_person_came_from(
    details_given, came_from, expected
):
    """Someone who came from the verdict returns to it; the details come first."""
    step = next_step(EMPLOYED_PATH, details_given=details_given, came_from=came_from)

    assert step == expected


@pytest.mark.parametrize(
    ("answers", "step", "expected"),
    [
        ({}, question("employment"), None),
        ({}, question("interest"), question("employment")),
        ({"employment": "employed"}, question("discreet_time"), question("prep_time")),
        (
            {"employment": "employed"},
            question("network_value"),
            question("discreet_time"),
        ),
        (
            {"employment": "unemployed"},
            question("network_value"),
            question("prep_time"),
        ),
        ({"employment": "unemployed"}, question("discreet_time"), None),
        (EMPLOYED_PATH, DETAILS, question("market_insight")),
        (EMPLOYED_PATH, CHECK, DETAILS),
        (EMPLOYED_PATH, VERDICT, None),
    ],
)
def test_previous_step(answers, step, expected):
    """The step before another follows the branch; none before the start."""
    assert previous_step(answers, step) == expected


@pytest.mark.parametrize(
    ("came_from", "expected"), [(ReturnTo.CHECK, CHECK), (ReturnTo.VERDICT, VERDICT)]
)
@pytest.mark.parametrize("step", [question("interest"), DETAILS])
def test_back_returns_where_the_person_came_from(step, came_from, expected):
    """Someone changing one answer goes back to the page they came from."""
    assert previous_step(EMPLOYED_PATH, step, came_from=came_from) == expected


# Which steps may be visited


@pytest.mark.parametrize(
    ("answers", "details_given", "step", "expected"),
    [
        ({}, False, question("employment"), True),
        ({}, False, question("interest"), False),
        (EMPLOYED_PATH, False, question("interest"), True),
        (UNEMPLOYED_PATH, False, question("discreet_time"), False),
        ({"employment": "employed"}, False, question("interest"), True),
        ({}, False, DETAILS, False),
        (EMPLOYED_PATH, False, DETAILS, True),
        (EMPLOYED_PATH, True, DETAILS, True),
        (EMPLOYED_PATH, False, CHECK, False),
        (EMPLOYED_PATH, True, CHECK, True),
        ({}, True, CHECK, False),
    ],
)
def test_is_open(answers, details_given, step, expected):
    """Answered and next questions are open; details and check once reached."""
    assert is_open(step, answers, details_given=details_given) is expected


def test_the_verdict_is_not_opened_by_answers():
    """Whether the verdict is open depends on a stored judgement, not answers."""
    with pytest.raises(ValueError, match="judgement"):
        is_open(VERDICT, EMPLOYED_PATH, details_given=True)


# Every path


def walk_every_path() -> list[tuple[dict[str, str], list[Step]]]:
    """Every path from no answers to the check step, trying each answer in turn."""
    finished = []
    pending: list[tuple[dict[str, str], list[Step]]] = [({}, [])]
    while pending:
        answers, visited = pending.pop()
        step = current_step(answers, details_given=False)
        if step == DETAILS:
            assert current_step(answers, details_given=True) == CHECK
            finished.append((answers, [*visited, DETAILS, CHECK]))
            continue
        for value in QUESTIONS_BY_ID[step.question_id].values:
            answered = prune({**answers, step.question_id: value})
            pending.append((answered, [*visited, step]))
    return finished


def test_every_path_reaches_check_visiting_its_questions_in_order():
    """Each combination of answers visits its branch's questions in order."""
    paths = walk_every_path()

    assert paths
    for answers, visited in paths:
        expected = [q.id for q in QUESTIONS if q.is_asked(answers)]
        assert visited == [*(question(q) for q in expected), DETAILS, CHECK]
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
        *(question(q) for q in QUESTIONS_BY_ID),
        DETAILS,
        CHECK,
    }
