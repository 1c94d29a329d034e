"""The questionnaire as data, in the article's order, and what makes an answer valid.

Ids and values are a public contract: the JSON API exposes them and stored
decisions keep answers by them. Where a person goes next is `flow`'s job.
No Django import here.
"""

from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum

from decisions.wording import gettext_noop as _

Answers = Mapping[str, str]


class Kind(StrEnum):
    """Whether a question asks for a judgement or about the person's circumstances."""

    JUDGEMENT = "judgement"
    CIRCUMSTANCE = "circumstance"


@dataclass(frozen=True)
class Choice:
    value: str
    label: str
    hint: str = ""
    # The answer as a plain statement about the person, one whole sentence, for
    # "what would change" and summaries.
    statement: str = ""


@dataclass(frozen=True)
class Condition:
    """A question is asked only when an earlier answer equals a value."""

    question: str
    equals: str

    def holds(self, answers: Mapping[str, object]) -> bool | None:
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
    kind: Kind
    choices: tuple[Choice, ...]
    asked_when: Condition | None = None

    @property
    def values(self) -> tuple[str, ...]:
        return tuple(choice.value for choice in self.choices)

    def choice(self, value: str) -> Choice | None:
        return next((choice for choice in self.choices if choice.value == value), None)

    def label_for(self, value: str) -> str:
        """The choice's label; a value no longer offered is shown as stored."""
        labels = (choice.label for choice in self.choices if choice.value == value)
        return next(labels, value)

    def is_asked(self, answers: Mapping[str, object]) -> bool:
        return self.asked_when is None or self.asked_when.holds(answers) is True


QUESTIONS: tuple[Question, ...] = (
    Question(
        id="employment",
        title=_("Do you have a job at the moment?"),
        hint=_("The article treats job hunting while out of work differently."),
        error=_("Select whether you have a job at the moment"),
        kind=Kind.CIRCUMSTANCE,
        choices=(
            Choice(
                "employed",
                _("Yes, I'm employed"),
                _("Include freelance and part-time work, and serving your notice."),
                _("You have a job at the moment."),
            ),
            Choice(
                "unemployed",
                _("No, I'm not working right now"),
                _("Include studying full time and gaps between contracts."),
                _("You are out of work at the moment."),
            ),
        ),
    ),
    Question(
        id="interest",
        title=_("How interested are you in this role?"),
        hint=_("Be honest: nobody else sees this answer."),
        error=_("Select how interested you are in this role"),
        kind=Kind.JUDGEMENT,
        choices=(
            Choice(
                "none",
                _("Not at all"),
                _("I would turn it down even if they offered it to me."),
                _("You would turn the job down even if they offered it."),
            ),
            Choice(
                "low",
                _("Not very"),
                _("It doesn't excite me, but I'd hear them out."),
                _("The job doesn't excite you, but you would hear them out."),
            ),
            Choice(
                "open",
                _("I'm open to it"),
                _("The job might turn out better than the advert makes it sound."),
                _("You are open to the job turning out better than the advert."),
            ),
        ),
    ),
    Question(
        id="company_appeal",
        title=_("How do you feel about the company itself?"),
        hint=_("Think about the employer, not this particular job."),
        error=_("Select how you feel about the company"),
        kind=Kind.JUDGEMENT,
        choices=(
            Choice(
                "desirable",
                _("I'd like to work there one day"),
                statement=_("You would like to work for this company one day."),
            ),
            Choice(
                "neutral",
                _("I don't mind either way"),
                statement=_("You don't mind either way about the company."),
            ),
            Choice(
                "undesirable",
                _("I'd rather not work there"),
                statement=_("You would rather not work for this company."),
            ),
        ),
    ),
    Question(
        id="career_pivot",
        title=_("Is this role in a field you're thinking of moving into?"),
        hint=_("For example, a different industry or a different kind of work."),
        error=_(
            "Select whether this role is in a field you're thinking of moving into"
        ),
        kind=Kind.CIRCUMSTANCE,
        choices=(
            Choice(
                "yes",
                _("Yes, I'm considering a move into this field"),
                statement=_("You are thinking of moving into this field."),
            ),
            Choice(
                "no",
                _("No"),
                statement=_("You are not thinking of moving into this field."),
            ),
        ),
    ),
    Question(
        id="other_process",
        title=_("Are you interviewing anywhere else?"),
        hint=_("Include any application that has reached the interview stage."),
        error=_("Select whether you're interviewing anywhere else"),
        kind=Kind.CIRCUMSTANCE,
        choices=(
            Choice(
                "final_stages",
                _("Yes, I'm in the final stages with my top-choice employer"),
                statement=_(
                    "You are in the final stages with your top-choice employer."
                ),
            ),
            Choice(
                "early_stages",
                _("Yes, but only in the early stages"),
                statement=_("You are in the early stages with another employer."),
            ),
            Choice(
                "accepted_offer",
                _("I've already accepted an offer elsewhere"),
                statement=_("You have already accepted an offer elsewhere."),
            ),
            Choice(
                "none",
                _("No"),
                statement=_("You are not interviewing anywhere else."),
            ),
        ),
    ),
    Question(
        id="interview_practice",
        title=_("When did you last have a real job interview?"),
        hint="",
        error=_("Select when you last had a real job interview"),
        kind=Kind.JUDGEMENT,
        choices=(
            Choice(
                "rusty",
                _("It's been a while"),
                _("A year or more ago, or never."),
                _("It has been a year or more since your last real interview."),
            ),
            Choice(
                "nervous",
                _("Recently, but interviews make me nervous"),
                statement=_(
                    "You have interviewed recently, but interviews make you nervous."
                ),
            ),
            Choice(
                "recent",
                _("Recently, and I feel comfortable"),
                statement=_("You have interviewed recently and feel comfortable."),
            ),
        ),
    ),
    Question(
        id="prep_time",
        title=_("How much time could you give to preparing?"),
        hint=_(
            "Count only time you would otherwise not spend applying for jobs "
            "you really want."
        ),
        error=_("Select how much time you could give to preparing"),
        kind=Kind.JUDGEMENT,
        choices=(
            Choice(
                "plenty",
                _("Plenty"),
                _("A few evenings or more."),
                _("You have plenty of time to prepare."),
            ),
            Choice(
                "some",
                _("Some"),
                _("An evening or two."),
                _("You have some time to prepare."),
            ),
            Choice(
                "none",
                _("Hardly any"),
                _("An hour or less."),
                _("You have hardly any time to prepare."),
            ),
        ),
    ),
    Question(
        id="discreet_time",
        title=_(
            "Could you take time for the interview without your employer noticing?"
        ),
        hint=_("For example, a day off or a break you can easily arrange."),
        error=_(
            "Select whether you could take time off without your employer noticing"
        ),
        kind=Kind.JUDGEMENT,
        choices=(
            Choice(
                "easy",
                _("Yes, that's easy to arrange"),
                statement=_("Getting away for the interview would be easy."),
            ),
            Choice(
                "hard",
                _("No, that would be difficult"),
                statement=_("Getting away for the interview unnoticed would be hard."),
            ),
        ),
        asked_when=Condition("employment", "employed"),
    ),
    Question(
        id="network_value",
        title=_(
            "Would contacts at this company or with this recruiter help you later?"
        ),
        hint=_("A good impression can lead to other openings, now or in the future."),
        error=_("Select whether contacts here could help you later"),
        kind=Kind.JUDGEMENT,
        choices=(
            Choice(
                "high",
                _("Yes, they could be useful"),
                statement=_("Contacts here could be useful to you later."),
            ),
            Choice(
                "unsure",
                _("Not sure"),
                statement=_("You are not sure whether contacts here would help you."),
            ),
            Choice(
                "low",
                _("Probably not"),
                statement=_("Contacts here would probably not help you."),
            ),
        ),
    ),
    Question(
        id="market_insight",
        title=_("Do you want a fresh read on pay, benefits and culture in your field?"),
        hint=_("An interview shows what employers offer right now."),
        error=_("Select whether you want a fresh read on the job market"),
        kind=Kind.JUDGEMENT,
        choices=(
            Choice(
                "wanted",
                _("Yes, that would help me"),
                statement=_("A fresh read on the job market would help you."),
            ),
            Choice(
                "unsure",
                _("Not sure"),
                statement=_("You are not sure a read on the job market would help."),
            ),
            Choice(
                "not_needed",
                _("No, I know the market well"),
                statement=_("You know the job market well."),
            ),
        ),
    ),
)

QUESTIONS_BY_ID: dict[str, Question] = {question.id: question for question in QUESTIONS}


def asked_questions(answers: Mapping[str, object]) -> list[Question]:
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


def prune(answers: Mapping[str, object]) -> dict[str, str]:
    """Keep only valid answers to questions the flow still asks, in flow order."""
    kept: dict[str, str] = {}
    for question in QUESTIONS:
        value = answers.get(question.id)
        if (
            isinstance(value, str)
            and value in question.values
            and question.is_asked(kept)
        ):
            kept[question.id] = value
    return kept


def next_question(answers: Answers) -> Question | None:
    """The first question the flow asks that has no answer yet."""
    return next((q for q in asked_questions(answers) if q.id not in answers), None)


def is_complete(answers: Answers) -> bool:
    return next_question(answers) is None


def position(answers: Answers, question_id: str) -> tuple[int, int]:
    """(number, total) for "Question 3 of 10", following the branching."""
    ids = [question.id for question in asked_questions(answers)]
    return ids.index(question_id) + 1, len(ids)


class Problem(StrEnum):
    """What is wrong with an answer; each caller words it for its readers."""

    UNKNOWN_QUESTION = "unknown_question"
    NOT_TEXT = "not_text"
    UNKNOWN_CHOICE = "unknown_choice"
    MISSING = "missing"
    NOT_ASKED = "not_asked"


def answer_problem(question: Question, value: object) -> Problem | None:
    """Why `value` is not an answer to `question`, or None when it is one."""
    if not isinstance(value, str):
        return Problem.NOT_TEXT
    if value not in question.values:
        return Problem.UNKNOWN_CHOICE
    return None


def answer_problems(answers: Mapping[str, object]) -> dict[str, Problem]:
    """Every problem with a complete set of answers, by question id.

    Each answer is checked on its own first; only a set whose answers are all
    valid is checked for missing and unasked questions.
    """
    problems: dict[str, Problem] = {}
    for question_id, value in answers.items():
        question = QUESTIONS_BY_ID.get(question_id)
        problem = (
            Problem.UNKNOWN_QUESTION
            if question is None
            else answer_problem(question, value)
        )
        if problem is not None:
            problems[question_id] = problem
    if problems:
        return problems
    for question in QUESTIONS:
        if not question.is_asked(answers):
            if question.id in answers:
                problems[question.id] = Problem.NOT_ASKED
        elif question.id not in answers:
            problems[question.id] = Problem.MISSING
    return problems
