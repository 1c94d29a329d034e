"""The questionnaire as data, in the article's order, and the routing through it.

Ids and values are a public contract: the JSON API exposes them and stored
decisions keep answers by them. No Django import here; the flow is plain data.
"""

from collections.abc import Mapping
from dataclasses import dataclass

Answers = Mapping[str, str]


@dataclass(frozen=True)
class Choice:
    value: str
    label: str
    hint: str = ""


@dataclass(frozen=True)
class Condition:
    """A question is asked only when an earlier answer equals a value."""

    question: str
    equals: str

    def holds(self, answers: Answers) -> bool | None:
        """True or False once the earlier question is answered, else None."""
        if self.question not in answers:
            return None
        return answers[self.question] == self.equals


@dataclass(frozen=True)
class Question:
    id: str
    title: str
    hint: str
    error: str
    choices: tuple[Choice, ...]
    asked_when: Condition | None = None

    @property
    def values(self) -> tuple[str, ...]:
        return tuple(choice.value for choice in self.choices)

    def label_for(self, value: str) -> str:
        """The choice's label; a value no longer offered is shown as stored."""
        labels = (choice.label for choice in self.choices if choice.value == value)
        return next(labels, value)

    def is_asked(self, answers: Answers) -> bool:
        return self.asked_when is None or self.asked_when.holds(answers) is True


QUESTIONS: tuple[Question, ...] = (
    Question(
        id="employment",
        title="Do you have a job at the moment?",
        hint="The article treats job hunting while out of work differently.",
        error="Select whether you have a job at the moment",
        choices=(
            Choice("employed", "Yes, I'm employed"),
            Choice("unemployed", "No, I'm not working right now"),
        ),
    ),
    Question(
        id="interest",
        title="How interested are you in this role?",
        hint="Be honest: nobody else sees this answer.",
        error="Select how interested you are in this role",
        choices=(
            Choice(
                "none",
                "Not at all",
                "I would turn it down even if they offered it to me.",
            ),
            Choice(
                "low",
                "Not very",
                "It doesn't excite me, but I'd hear them out.",
            ),
            Choice(
                "open",
                "I'm open to it",
                "The job might turn out better than the advert makes it sound.",
            ),
        ),
    ),
    Question(
        id="company_appeal",
        title="How do you feel about the company itself?",
        hint="Think about the employer, not this particular job.",
        error="Select how you feel about the company",
        choices=(
            Choice("desirable", "I'd like to work there one day"),
            Choice("neutral", "I don't mind either way"),
            Choice("undesirable", "I'd rather not work there"),
        ),
    ),
    Question(
        id="career_pivot",
        title="Is this role in a field you're thinking of moving into?",
        hint="For example, a different industry or a different kind of work.",
        error="Select whether this role is in a field you're thinking of moving into",
        choices=(
            Choice("yes", "Yes, I'm considering a move into this field"),
            Choice("no", "No"),
        ),
    ),
    Question(
        id="other_process",
        title="Are you interviewing anywhere else?",
        hint="Include any application that has reached the interview stage.",
        error="Select whether you're interviewing anywhere else",
        choices=(
            Choice(
                "final_stages",
                "Yes, I'm in the final stages with my top-choice employer",
            ),
            Choice("early_stages", "Yes, but only in the early stages"),
            Choice("none", "No"),
        ),
    ),
    Question(
        id="interview_practice",
        title="How much interview practice have you had lately?",
        hint="",
        error="Select how much interview practice you've had lately",
        choices=(
            Choice(
                "rusty",
                "I'm rusty or nervous",
                "I haven't had a real interview for a year or more, "
                "or interviews make me anxious.",
            ),
            Choice("recent", "I've interviewed recently and feel comfortable"),
        ),
    ),
    Question(
        id="prep_time",
        title="How much time could you give to preparing?",
        hint="Count only time you would not otherwise spend on applications "
        "for jobs you really want.",
        error="Select how much time you could give to preparing",
        choices=(
            Choice("plenty", "Plenty of time"),
            Choice("some", "Some time"),
            Choice("none", "Hardly any time"),
        ),
    ),
    Question(
        id="discreet_time",
        title="Could you take time for the interview without your employer noticing?",
        hint="For example, a day off or a break you can easily arrange.",
        error="Select whether you could take time off without your employer noticing",
        choices=(
            Choice("easy", "Yes, that's easy to arrange"),
            Choice("hard", "No, that would be difficult"),
        ),
        asked_when=Condition("employment", "employed"),
    ),
    Question(
        id="network_value",
        title="Would contacts at this company or with this recruiter help you later?",
        hint="A good impression can lead to other openings, now or in the future.",
        error="Select whether contacts here could help you later",
        choices=(
            Choice("high", "Yes, they could be useful"),
            Choice("low", "Probably not"),
        ),
    ),
    Question(
        id="market_insight",
        title="Do you want a fresh read on pay, benefits and culture in your field?",
        hint="An interview shows what employers offer right now.",
        error="Select whether you want a fresh read on the job market",
        choices=(
            Choice("wanted", "Yes, that would help me"),
            Choice("not_needed", "No, I know the market well"),
        ),
    ),
)

QUESTIONS_BY_ID: dict[str, Question] = {question.id: question for question in QUESTIONS}

# Routing steps that are not questions. A decision is always at exactly one.
DETAILS = "details"
CHECK = "check"


def asked_questions(answers: Answers) -> list[Question]:
    """The questions the flow asks, given the answers so far.

    A question whose condition depends on an unanswered question counts as
    asked, so the progress total only ever shrinks as answers come in.
    """
    return [
        question
        for question in QUESTIONS
        if question.asked_when is None
        or question.asked_when.holds(answers) is not False
    ]


def prune(answers: Answers) -> dict[str, str]:
    """Keep only valid answers to questions the flow still asks, in flow order."""
    kept: dict[str, str] = {}
    for question in QUESTIONS:
        value = answers.get(question.id)
        if value in question.values and question.is_asked(kept):
            kept[question.id] = value
    return kept


def next_question(answers: Answers) -> Question | None:
    """The first question the flow asks that has no answer yet."""
    return next((q for q in asked_questions(answers) if q.id not in answers), None)


def is_complete(answers: Answers) -> bool:
    return next_question(answers) is None


def current_step(answers: Answers, *, details_given: bool) -> str:
    """Where a person is: a question id, then the details page, then the check page."""
    question = next_question(answers)
    if question is not None:
        return question.id
    return CHECK if details_given else DETAILS


def previous_step(answers: Answers, step: str) -> str | None:
    """The step before `step` in the flow as it stands, or None at the start."""
    ids = [question.id for question in asked_questions(answers)] + [DETAILS, CHECK]
    if step not in ids:
        return None
    index = ids.index(step)
    return ids[index - 1] if index > 0 else None


def position(answers: Answers, question_id: str) -> tuple[int, int]:
    """(number, total) for "Question 3 of 10", following the branching."""
    ids = [question.id for question in asked_questions(answers)]
    return ids.index(question_id) + 1, len(ids)
