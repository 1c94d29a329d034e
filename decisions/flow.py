"""Where a person is in the questionnaire and where each step leads: typed steps.

Answers are stored, never positions: every step is worked out again from the
answers and whether the interview details were given. No Django import here.
"""

from dataclasses import dataclass
from enum import StrEnum

from decisions.questionnaire import (
    QUESTIONS_BY_ID,
    Answers,
    asked_questions,
    is_complete,
    next_question,
)


class Page(StrEnum):
    QUESTION = "question"
    DETAILS = "details"
    CHECK = "check"
    VERDICT = "verdict"


class ReturnTo(StrEnum):
    """The page a person left to change one answer, and goes back to after it."""

    CHECK = "check"
    VERDICT = "verdict"


@dataclass(frozen=True)
class Step:
    page: Page
    question_id: str = ""

    def __post_init__(self) -> None:
        is_question = self.page is Page.QUESTION
        if self.question_id not in (QUESTIONS_BY_ID if is_question else ("",)):
            raise ValueError(
                f"Not a step of the flow: {self.page} {self.question_id!r}"
            )


DETAILS = Step(Page.DETAILS)
CHECK = Step(Page.CHECK)
VERDICT = Step(Page.VERDICT)


def question(question_id: str) -> Step:
    return Step(Page.QUESTION, question_id)


def return_to(value: str | None) -> ReturnTo | None:
    """The page a link said to return to, or None for anything else."""
    try:
        return ReturnTo(value or "")
    except ValueError:
        return None


def current_step(answers: Answers, *, details_given: bool) -> Step:
    """The first unanswered question, then the details page, then the check page."""
    unanswered = next_question(answers)
    if unanswered is not None:
        return question(unanswered.id)
    return CHECK if details_given else DETAILS


def next_step(
    answers: Answers, *, details_given: bool, came_from: ReturnTo | None = None
) -> Step:
    """Where to go after saving an answer or the details.

    Someone who came from the verdict to change one thing goes back to it once
    nothing is left unanswered; anyone else carries on through the flow.
    """
    step = current_step(answers, details_given=details_given)
    if step == CHECK and came_from is ReturnTo.VERDICT:
        return VERDICT
    return step


def previous_step(
    answers: Answers, step: Step, *, came_from: ReturnTo | None = None
) -> Step | None:
    """Where "Back" goes from `step`; None means the start page."""
    if came_from is ReturnTo.VERDICT:
        return VERDICT
    if came_from is ReturnTo.CHECK:
        return CHECK
    steps = [question(q.id) for q in asked_questions(answers)] + [DETAILS, CHECK]
    if step not in steps or step == steps[0]:
        return None
    return steps[steps.index(step) - 1]


def is_open(step: Step, answers: Answers, *, details_given: bool) -> bool:
    """Whether a person may be on `step` now, rather than sent to the current one.

    A question is open once answered or when it is the next one, as long as the
    flow still asks it; the details once every question is answered; the check
    page once the details were given too. The verdict depends on a stored
    judgement, which the caller checks.
    """
    current = current_step(answers, details_given=details_given)
    if step.page is Page.QUESTION:
        asked = QUESTIONS_BY_ID[step.question_id].is_asked(answers)
        return asked and (step.question_id in answers or step == current)
    if step.page is Page.DETAILS:
        return is_complete(answers)
    if step.page is Page.CHECK:
        return current == CHECK
    raise ValueError("The verdict is open when a judgement is stored, not by answers.")
