"""The rules: answers in, an explained verdict out.

FACTORS and SITUATIONS declare the whole rulebook, each weight a named
constant, so evaluate() and the "How we decide" page read the same data. The
article's logic, in brief: each key situation pushes hard towards
interviewing; having no interest at all pushes hard towards declining unless
a key situation applies; benefits and drawbacks settle everything in between.
Ties go to declining, out of respect for the employer's time.

The sentences paraphrase the article; only its section names are quoted.
No Django import here.
"""

from collections.abc import Mapping
from dataclasses import dataclass, fields, is_dataclass
from enum import StrEnum
from typing import Any

from decisions.questionnaire import Answers, answer_problems, asked_questions, prune
from decisions.wording import gettext_noop as _

# Bump whenever a weight or a rule changes: stored verdicts keep the version
# that produced them.
RULES_VERSION = "2026.11.1"

BENEFITS_SECTION = "Potential Benefits of Interviewing"
DRAWBACKS_SECTION = "Potential Drawbacks of Interviewing"
KEY_SITUATIONS_SECTION = "Key Situations When You Should Say Yes"
DECLINING_SECTION = "How to Professionally Decline an Interview"
PRACTICE_TIPS_SECTION = "Tips for a Successful Practice Interview"
SECTIONS = (
    BENEFITS_SECTION,
    DRAWBACKS_SECTION,
    KEY_SITUATIONS_SECTION,
    DECLINING_SECTION,
    PRACTICE_TIPS_SECTION,
)

NO_WEIGHT = 0

# Benefits. Their total with no interest at all (practice, networking and
# market insight: 9) stays below the three no-interest drawbacks (14), so
# "not at all interested" always declines unless a key situation applies.
PRACTICE_WHEN_RUSTY = 4
PRACTICE_WHEN_RECENT = 1
NETWORKING_WHEN_USEFUL = 3
MARKET_INSIGHT_WHEN_WANTED = 2
HIDDEN_UPSIDE_WHEN_OPEN = 3

# Drawbacks.
TIME_COST_WITHOUT_PREP_TIME = 4
TIME_COST_WITH_SOME_PREP_TIME = 2
TIME_COST_WHEN_HARD_TO_GET_AWAY = 2
REPUTATION_WITHOUT_INTEREST = 5
REPUTATION_WITH_LOW_INTEREST = 1
ETHICS_WITHOUT_INTEREST = 5
ETHICS_WITH_LOW_INTEREST = 1
AWKWARD_OFFER_WITHOUT_INTEREST = 4
# An offer from an employer you would rather avoid is one more offer you are
# likely to refuse, so disliking the company adds a little to that drawback.
AWKWARD_OFFER_FROM_UNDESIRABLE_COMPANY = 1

# Every drawback at its worst adds up to 21 and the benefits can be as low as
# 1, so one key situation (25) is always enough to say yes on its own.
SITUATION_WEIGHT = 25

# A verdict whose score is at least this far from zero is "strong" even
# without a key situation; every no-interest decline clears it.
STRONG_MARGIN = 5


class Direction(StrEnum):
    FOR = "for"
    AGAINST = "against"


class Recommendation(StrEnum):
    INTERVIEW = "interview"
    DECLINE = "decline"


class Strength(StrEnum):
    STRONG = "strong"
    LEAN = "lean"


@dataclass(frozen=True)
class Part:
    """How one question's answer feeds a factor."""

    question: str
    weights: Mapping[str, int]

    def weight(self, answers: Answers) -> int:
        return self.weights.get(answers.get(self.question, ""), NO_WEIGHT)

    def weighted_answer(self, answers: Answers) -> str | None:
        """The answer when it carries weight, else None."""
        return answers[self.question] if self.weight(answers) else None


@dataclass(frozen=True)
class Factor:
    """A benefit or a drawback from the article, weighed from the answers.

    `sentences` says why in one whole sentence for each combination of
    weighted answers, keyed by each part's weighted answer (None for a part
    that carries no weight).
    """

    id: str
    direction: Direction
    section: str
    title: str
    summary: str
    parts: tuple[Part, ...]
    sentences: Mapping[tuple[str | None, ...], str]

    @property
    def is_for(self) -> bool:
        return self.direction is Direction.FOR

    def weight(self, answers: Answers) -> int:
        return sum(part.weight(answers) for part in self.parts)

    def text(self, answers: Answers) -> str:
        return self.sentences[
            tuple(part.weighted_answer(answers) for part in self.parts)
        ]


@dataclass(frozen=True)
class Situation:
    """A key situation from the article: on its own, a reason to say yes."""

    id: str
    question: str
    value: str
    weight: int
    section: str
    title: str
    summary: str

    def applies(self, answers: Answers) -> bool:
        return answers.get(self.question) == self.value


FACTORS: tuple[Factor, ...] = (
    Factor(
        id="practice",
        direction=Direction.FOR,
        section=BENEFITS_SECTION,
        title=_("Interview practice"),
        summary=_(
            "A real interview with little at stake sharpens your answers "
            "and calms your nerves for the ones that matter."
        ),
        parts=(
            Part(
                question="interview_practice",
                weights={
                    "rusty": PRACTICE_WHEN_RUSTY,
                    "recent": PRACTICE_WHEN_RECENT,
                },
            ),
        ),
        sentences={
            ("rusty",): _(
                "You feel rusty or nervous, so a real interview with little "
                "riding on it is a good place to warm up."
            ),
            ("recent",): _(
                "You have interviewed recently, so the extra practice would add "
                "only a little."
            ),
        },
    ),
    Factor(
        id="networking",
        direction=Direction.FOR,
        section=BENEFITS_SECTION,
        title=_("New contacts"),
        summary=_(
            "Recruiters and hiring managers who remember you well may "
            "think of you when a better-suited opening comes up."
        ),
        parts=(
            Part(
                question="network_value",
                weights={"high": NETWORKING_WHEN_USEFUL, "low": NO_WEIGHT},
            ),
        ),
        sentences={
            ("high",): _(
                "People you meet here could be useful later, since a recruiter "
                "who remembers you well may think of you for a better fit."
            ),
        },
    ),
    Factor(
        id="market_insight",
        direction=Direction.FOR,
        section=BENEFITS_SECTION,
        title=_("A look at the job market"),
        summary=_(
            "Talking to an employer shows what pay, benefits and culture "
            "look like right now, and what you are worth."
        ),
        parts=(
            Part(
                question="market_insight",
                weights={
                    "wanted": MARKET_INSIGHT_WHEN_WANTED,
                    "not_needed": NO_WEIGHT,
                },
            ),
        ),
        sentences={
            ("wanted",): _(
                "You want an up-to-date picture of pay, benefits and culture, "
                "and an interview shows what employers offer today."
            ),
        },
    ),
    Factor(
        id="hidden_upside",
        direction=Direction.FOR,
        section=BENEFITS_SECTION,
        title=_("Better than advertised"),
        summary=_(
            "Talking to the people involved may uncover a job, a team or "
            "plans for the company that you like more than the advert suggested."
        ),
        parts=(
            Part(
                question="interest",
                weights={
                    "none": NO_WEIGHT,
                    "low": NO_WEIGHT,
                    "open": HIDDEN_UPSIDE_WHEN_OPEN,
                },
            ),
        ),
        sentences={
            ("open",): _(
                "You are open to the job, and talking to them may show the work "
                "or the team in a better light than the advert."
            ),
        },
    ),
    Factor(
        id="time_cost",
        direction=Direction.AGAINST,
        section=DRAWBACKS_SECTION,
        title=_("Time and energy"),
        summary=_(
            "Preparing well takes time away from applying for jobs you "
            "want, and slipping out of a current job unnoticed can be stressful."
        ),
        parts=(
            Part(
                question="prep_time",
                weights={
                    "plenty": NO_WEIGHT,
                    "some": TIME_COST_WITH_SOME_PREP_TIME,
                    "none": TIME_COST_WITHOUT_PREP_TIME,
                },
            ),
            Part(
                question="discreet_time",
                weights={
                    "easy": NO_WEIGHT,
                    "hard": TIME_COST_WHEN_HARD_TO_GET_AWAY,
                },
            ),
        ),
        sentences={
            ("some", None): _(
                "Preparing would use up some of the time you have for applying "
                "to jobs you really want."
            ),
            ("none", None): _(
                "Preparing properly would eat into the little time you have for "
                "applying to jobs you really want."
            ),
            (None, "hard"): _(
                "Getting away from your current job for the interview without "
                "anyone noticing would be difficult."
            ),
            ("some", "hard"): _(
                "Preparing would use up some of the time you have for applying "
                "to jobs you really want, and getting away from your current job "
                "unnoticed would be difficult too."
            ),
            ("none", "hard"): _(
                "Preparing properly would eat into the little time you have for "
                "applying to jobs you really want, and getting away from your "
                "current job unnoticed would be difficult too."
            ),
        },
    ),
    Factor(
        id="reputation",
        direction=Direction.AGAINST,
        section=DRAWBACKS_SECTION,
        title=_("Your reputation"),
        summary=_(
            "Recruiters and hiring managers notice a candidate who is not "
            "really interested, and may not forget it."
        ),
        parts=(
            Part(
                question="interest",
                weights={
                    "none": REPUTATION_WITHOUT_INTEREST,
                    "low": REPUTATION_WITH_LOW_INTEREST,
                    "open": NO_WEIGHT,
                },
            ),
        ),
        sentences={
            ("none",): _(
                "Recruiters and hiring managers tend to spot a candidate with no "
                "real interest, which can cost you their goodwill."
            ),
            ("low",): _(
                "Your lukewarm interest may show, and recruiters remember "
                "candidates who seemed to be going through the motions."
            ),
        },
    ),
    Factor(
        id="ethics",
        direction=Direction.AGAINST,
        section=DRAWBACKS_SECTION,
        title=_("Someone else's chance"),
        summary=_(
            "Each interview slot you take could have gone to a candidate "
            "who really wants the job."
        ),
        parts=(
            Part(
                question="interest",
                weights={
                    "none": ETHICS_WITHOUT_INTEREST,
                    "low": ETHICS_WITH_LOW_INTEREST,
                    "open": NO_WEIGHT,
                },
            ),
        ),
        sentences={
            ("none",): _(
                "With no real interest, you would be taking a slot from someone "
                "who genuinely wants this job."
            ),
            ("low",): _(
                "Your slot could have gone to a candidate who is keener on the "
                "job than you are."
            ),
        },
    ),
    Factor(
        id="awkward_offer",
        direction=Direction.AGAINST,
        section=DRAWBACKS_SECTION,
        title=_("An offer you would refuse"),
        summary=_(
            "Doing well can bring an offer you never meant to accept, and "
            "turning it down gracefully is uncomfortable for both sides."
        ),
        parts=(
            Part(
                question="interest",
                weights={
                    "none": AWKWARD_OFFER_WITHOUT_INTEREST,
                    "low": NO_WEIGHT,
                    "open": NO_WEIGHT,
                },
            ),
            Part(
                question="company_appeal",
                weights={
                    "desirable": NO_WEIGHT,
                    "neutral": NO_WEIGHT,
                    "undesirable": AWKWARD_OFFER_FROM_UNDESIRABLE_COMPANY,
                },
            ),
        ),
        sentences={
            ("none", None): _(
                "You would turn down an offer, so doing well would only leave "
                "you with an awkward refusal to make."
            ),
            (None, "undesirable"): _(
                "You would rather not work for this company, so an offer from "
                "them could be awkward to turn down."
            ),
            ("none", "undesirable"): _(
                "You would turn down an offer, so doing well would only leave "
                "you with an awkward refusal to make, all the more so as you "
                "would rather not work for this company."
            ),
        },
    ),
)

SITUATIONS: tuple[Situation, ...] = (
    Situation(
        id="unemployed",
        question="employment",
        value="unemployed",
        weight=SITUATION_WEIGHT,
        section=KEY_SITUATIONS_SECTION,
        title=_("You are out of work"),
        summary=_(
            "Every interview keeps you practised, in touch with who is "
            "hiring and more sure of yourself."
        ),
    ),
    Situation(
        id="career_pivot",
        question="career_pivot",
        value="yes",
        weight=SITUATION_WEIGHT,
        section=KEY_SITUATIONS_SECTION,
        title=_("You are thinking of changing field"),
        summary=_(
            "Talking to people in a new field shows how they work and what "
            "worries them, and whether the move suits you, without committing."
        ),
    ),
    Situation(
        id="desirable_company",
        question="company_appeal",
        value="desirable",
        weight=SITUATION_WEIGHT,
        section=KEY_SITUATIONS_SECTION,
        title=_("You would like to work for this company"),
        summary=_(
            "Even if this role is not the one, a good impression can lead "
            "them to think of you when a better one opens."
        ),
    ),
    Situation(
        id="leverage",
        question="other_process",
        value="final_stages",
        weight=SITUATION_WEIGHT,
        section=KEY_SITUATIONS_SECTION,
        title=_("You are close to an offer you want"),
        summary=_(
            "A second offer, even a less exciting one, strengthens your hand "
            "when negotiating with your top-choice employer."
        ),
    ),
)

FACTORS_BY_ID: dict[str, Factor] = {factor.id: factor for factor in FACTORS}
SITUATIONS_BY_ID: dict[str, Situation] = {
    situation.id: situation for situation in SITUATIONS
}

# The JSON API's names where they differ from the attributes'.
_JSON_NAMES = {"recommendation": "verdict"}


def _json(value: Any) -> Any:
    """Plain JSON data from the frozen dataclasses below."""
    if is_dataclass(value) and not isinstance(value, type):
        return {
            _JSON_NAMES.get(field.name, field.name): _json(getattr(value, field.name))
            for field in fields(value)
        }
    if isinstance(value, tuple | list):
        return [_json(item) for item in value]
    return value


@dataclass(frozen=True)
class Reason:
    factor: str
    direction: Direction
    weight: int
    section: str
    text: str

    @property
    def is_for(self) -> bool:
        return self.direction is Direction.FOR


@dataclass(frozen=True)
class Change:
    """One different answer that would flip the recommendation."""

    question: str
    answer: str
    recommendation: Recommendation


@dataclass(frozen=True)
class Verdict:
    recommendation: Recommendation
    strength: Strength
    close_call: bool
    situations: tuple[str, ...]
    reasons: tuple[Reason, ...]
    what_would_change: tuple[Change, ...]
    rules_version: str
    score: int

    @property
    def is_interview(self) -> bool:
        return self.recommendation is Recommendation.INTERVIEW

    @property
    def is_strong(self) -> bool:
        return self.strength is Strength.STRONG

    def to_dict(self) -> dict[str, Any]:
        """The stored snapshot and the API's shape: the recommendation is "verdict"."""
        data: dict[str, Any] = _json(self)
        return data

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> "Verdict":
        return cls(
            recommendation=Recommendation(data["verdict"]),
            strength=Strength(data["strength"]),
            close_call=data["close_call"],
            situations=tuple(data["situations"]),
            reasons=tuple(
                Reason(**{**reason, "direction": Direction(reason["direction"])})
                for reason in data["reasons"]
            ),
            what_would_change=tuple(
                Change(
                    question=change["question"],
                    answer=change["answer"],
                    recommendation=Recommendation(change["verdict"]),
                )
                for change in data["what_would_change"]
            ),
            rules_version=data["rules_version"],
            score=data["score"],
        )


def evaluate(answers: Answers) -> Verdict:
    """Weigh a complete set of answers into an explained verdict.

    A conditional question (discreet time off) may be left out and then adds
    nothing; anything else missing, unknown or not asked raises ValueError.
    """
    problems = answer_problems(answers, conditional_optional=True)
    if problems:
        raise ValueError(f"Not a complete set of answers: {problems}")
    score = _score(answers)
    recommendation = _recommendation_for(score)
    situations = tuple(s.id for s in SITUATIONS if s.applies(answers))
    changes = _what_would_change(answers, recommendation)
    strong = situations or abs(score) >= STRONG_MARGIN
    return Verdict(
        recommendation=recommendation,
        strength=Strength.STRONG if strong else Strength.LEAN,
        close_call=bool(changes),
        situations=situations,
        reasons=_reasons(answers),
        what_would_change=changes,
        rules_version=RULES_VERSION,
        score=score,
    )


def _score(answers: Answers) -> int:
    """Points for interviewing minus points against; positive means interview."""
    score = sum(s.weight for s in SITUATIONS if s.applies(answers))
    for factor in FACTORS:
        weight = factor.weight(answers)
        score += weight if factor.direction is Direction.FOR else -weight
    return score


def _recommendation_for(score: int) -> Recommendation:
    return Recommendation.INTERVIEW if score > 0 else Recommendation.DECLINE


def _reasons(answers: Answers) -> tuple[Reason, ...]:
    """The factors that carry weight; key situations are listed separately."""
    reasons = [
        Reason(
            factor.id, factor.direction, weight, factor.section, factor.text(answers)
        )
        for factor in FACTORS
        if (weight := factor.weight(answers)) > 0
    ]
    # sorted() is stable, so equal weights keep their declaration order.
    return tuple(sorted(reasons, key=lambda reason: -reason.weight))


def _what_would_change(
    answers: Answers, recommendation: Recommendation
) -> tuple[Change, ...]:
    changes = []
    for question in asked_questions(answers):
        for value in question.values:
            if value == answers.get(question.id):
                continue
            changed = prune({**answers, question.id: value})
            other = _recommendation_for(_score(changed))
            if other is not recommendation:
                changes.append(Change(question.id, value, other))
    return tuple(changes)
