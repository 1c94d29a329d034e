"""The rules: answers in, an explained verdict out.

FACTORS and SITUATIONS declare the whole rulebook, each weight a named
constant, so evaluate() and the "How we decide" page read the same data. The
article's logic, in brief: each key situation pushes hard towards
interviewing; having no interest at all pushes hard towards declining unless
a key situation applies, and then both passages are named as a tension;
having accepted an offer elsewhere settles it towards declining; benefits and
drawbacks settle everything in between. Ties go to declining, out of respect
for the employer's time. The strength says how firmly the weighing points one
way, never more firmly than one different answer would allow.

The sentences paraphrase the article; only its section names are quoted.
No Django import here.
"""

from collections.abc import Mapping
from dataclasses import dataclass, field, fields, is_dataclass
from enum import StrEnum
from typing import Any

from decisions.questionnaire import (
    QUESTIONS_BY_ID,
    Answers,
    Kind,
    Question,
    answer_problems,
    asked_questions,
    prune,
)
from decisions.wording import gettext_noop as _

# Bump whenever a weight or a rule changes: stored verdicts keep the version
# that produced them.
RULES_VERSION = "2026.12.1"

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
PRACTICE_WHEN_NERVOUS = 4
PRACTICE_WHEN_RECENT = 1
NETWORKING_WHEN_USEFUL = 3
NETWORKING_WHEN_UNSURE = 1
MARKET_INSIGHT_WHEN_WANTED = 2
MARKET_INSIGHT_WHEN_UNSURE = 1
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

# Having accepted an offer elsewhere outweighs every key situation that can
# come with it (three, 75) and every benefit (12): the article's own example
# of a reason to decline.
ACCEPTED_OFFER_WEIGHT = 100

# A verdict whose score is at least this far from zero is "strong" even
# without a key situation, unless one different answer would turn it around.
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
    # Benefits and drawbacks balance exactly and no key situation applies.
    TIE = "tie"


@dataclass(frozen=True)
class Part:
    """How one question's answer feeds a factor."""

    question: str
    weights: Mapping[str, int]

    def weight(self, answers: Answers) -> int:
        """The answer's weight; an unasked question weighs nothing, and an
        answer the rules don't know is an error, never a silent zero."""
        if self.question not in answers:
            return NO_WEIGHT
        return self.weights[answers[self.question]]

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
    """A situation that settles the question on its own: the article's key
    situations for saying yes, and having accepted an offer elsewhere."""

    id: str
    question: str
    value: str
    weight: int
    section: str
    title: str
    summary: str
    direction: Direction = Direction.FOR

    @property
    def is_for(self) -> bool:
        return self.direction is Direction.FOR

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
                    "nervous": PRACTICE_WHEN_NERVOUS,
                    "recent": PRACTICE_WHEN_RECENT,
                },
            ),
        ),
        sentences={
            ("rusty",): _(
                "It has been a while since your last interview, so a real one "
                "with little riding on it is a good place to warm up."
            ),
            ("nervous",): _(
                "Interviews make you nervous, so one with little riding on it "
                "is a good way to calm your nerves for the ones that matter."
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
                weights={
                    "high": NETWORKING_WHEN_USEFUL,
                    "unsure": NETWORKING_WHEN_UNSURE,
                    "low": NO_WEIGHT,
                },
            ),
        ),
        sentences={
            ("unsure",): _(
                "People you meet here might be useful later, even if you can't "
                "tell yet."
            ),
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
                    "unsure": MARKET_INSIGHT_WHEN_UNSURE,
                    "not_needed": NO_WEIGHT,
                },
            ),
        ),
        sentences={
            ("unsure",): _(
                "You may learn something useful about pay, benefits and culture, "
                "even if you're not sure you need to."
            ),
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
    Situation(
        id="accepted_offer",
        question="other_process",
        value="accepted_offer",
        weight=ACCEPTED_OFFER_WEIGHT,
        section=DECLINING_SECTION,
        title=_("You have accepted an offer elsewhere"),
        summary=_(
            "Once you have said yes to another job, the courteous thing is to "
            "step aside promptly, so they can move on to other candidates."
        ),
        direction=Direction.AGAINST,
    ),
)

# When a key situation says go but there is no interest in the job at all,
# the article pulls both ways: it also calls stepping aside a courtesy then.
TENSION_INTEREST = ("interest", "none")
TENSION_FACTOR = "ethics"
TENSION_SENTENCES: dict[str, str] = {
    "unemployed": _(
        "Being out of work makes any interview worth having, but with no "
        "interest at all in this job, the article also counts stepping aside a "
        "courtesy. If you go, treat it as practice, be candid that you are "
        "exploring, and withdraw promptly if you become sure it is not for you."
    ),
    "career_pivot": _(
        "Exploring a new field is a good reason to go, but with no interest in "
        "this particular job you would take a slot someone keener could have. "
        "If you go, say honestly that you are exploring the field, and withdraw "
        "promptly once you have learned what you came for."
    ),
    "desirable_company": _(
        "A company you would like to join is worth impressing, but going with no "
        "interest in the job risks looking as if you are wasting their time. If "
        "you go, say it is the company that draws you and ask about other "
        "openings; withdraw promptly if this role is a firm no."
    ),
    "leverage": _(
        "A second offer could strengthen your hand with your top choice, but "
        "chasing one you would never accept takes a keener candidate's slot and "
        "leaves an awkward refusal. If you go, be honest about your timelines, "
        "and withdraw promptly once your top choice decides."
    ),
}

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
class Tension:
    """A key situation and a factor from the article that pull opposite ways."""

    situation: str
    factor: str
    text: str


@dataclass(frozen=True)
class Assumption:
    """An answer to a question that a change would newly make asked."""

    question: str
    answer: str


@dataclass(frozen=True)
class Change:
    """One different answer that would flip the recommendation.

    When the change makes another question asked, `assuming` names the answer
    to it under which the flip happens (None when every answer flips it).
    """

    question: str
    answer: str
    recommendation: Recommendation
    kind: Kind
    assuming: Assumption | None = None


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
    tensions: tuple[Tension, ...] = ()
    # The answers judged, so what is drafted from a verdict fits it even after
    # the answers change.
    answers: Mapping[str, str] = field(default_factory=dict)

    @property
    def is_interview(self) -> bool:
        return self.recommendation is Recommendation.INTERVIEW

    @property
    def is_strong(self) -> bool:
        return self.strength is Strength.STRONG

    @property
    def is_tie(self) -> bool:
        return self.strength is Strength.TIE

    def to_dict(self) -> dict[str, Any]:
        """The stored snapshot and the API's shape: the recommendation is "verdict"."""
        data: dict[str, Any] = _json(self)
        return data

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> "Verdict":
        """A stored snapshot, including those judged by earlier rules, which
        may lack tensions, answers and the kind of each change."""
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
                _change_from_dict(change) for change in data["what_would_change"]
            ),
            rules_version=data["rules_version"],
            score=data["score"],
            tensions=tuple(Tension(**tension) for tension in data.get("tensions", ())),
            answers=dict(data.get("answers", {})),
        )


def _change_from_dict(data: Mapping[str, Any]) -> Change:
    question = QUESTIONS_BY_ID.get(data["question"])
    kind = data.get("kind") or (question.kind if question else Kind.JUDGEMENT)
    assuming = data.get("assuming")
    return Change(
        question=data["question"],
        answer=data["answer"],
        recommendation=Recommendation(data["verdict"]),
        kind=Kind(kind),
        assuming=Assumption(**assuming) if assuming else None,
    )


def evaluate(answers: Answers) -> Verdict:
    """Weigh a complete set of answers into an explained verdict.

    Anything missing, unknown or not asked raises ValueError.
    """
    problems = answer_problems(answers)
    if problems:
        raise ValueError(f"Not a complete set of answers: {problems}")
    score = _score(answers)
    recommendation = _recommendation_for(score)
    situations = _situations(answers)
    flips = _flips(answers, recommendation)
    close_call = any(same_situations for _, same_situations in flips)
    tensions = _tensions(answers, situations)
    tense = bool(tensions) or _meets_no_interest(answers, situations)
    return Verdict(
        recommendation=recommendation,
        strength=_strength(score, situations, close_call=close_call, tense=tense),
        close_call=close_call,
        situations=situations,
        reasons=_reasons(answers),
        what_would_change=tuple(change for change, _ in flips),
        rules_version=RULES_VERSION,
        score=score,
        tensions=tensions,
        answers=dict(answers),
    )


def _score(answers: Answers) -> int:
    """Points for interviewing minus points against; positive means interview."""
    score = 0
    for situation in SITUATIONS:
        if situation.applies(answers):
            score += situation.weight if situation.is_for else -situation.weight
    for factor in FACTORS:
        weight = factor.weight(answers)
        score += weight if factor.direction is Direction.FOR else -weight
    return score


def _recommendation_for(score: int) -> Recommendation:
    return Recommendation.INTERVIEW if score > 0 else Recommendation.DECLINE


def _situations(answers: Answers) -> tuple[str, ...]:
    return tuple(s.id for s in SITUATIONS if s.applies(answers))


def _strength(
    score: int, situations: tuple[str, ...], *, close_call: bool, tense: bool
) -> Strength:
    """Strong only when the weighing is clear, one answer can't turn it around
    and the article's passages don't pull both ways."""
    if score == 0 and not situations:
        return Strength.TIE
    if close_call or tense:
        return Strength.LEAN
    if situations or abs(score) >= STRONG_MARGIN:
        return Strength.STRONG
    return Strength.LEAN


def _meets_no_interest(answers: Answers, situations: tuple[str, ...]) -> bool:
    """A key situation for going meets no interest at all in the job."""
    question, value = TENSION_INTEREST
    key = any(SITUATIONS_BY_ID[s].is_for for s in situations)
    return key and answers.get(question) == value


def _tensions(answers: Answers, situations: tuple[str, ...]) -> tuple[Tension, ...]:
    """Key situations met with no interest at all, unless a situation against
    going (an accepted offer) settles it anyway."""
    question, value = TENSION_INTEREST
    settled = any(not SITUATIONS_BY_ID[s].is_for for s in situations)
    if answers.get(question) != value or settled:
        return ()
    return tuple(
        Tension(situation, TENSION_FACTOR, TENSION_SENTENCES[situation])
        for situation in situations
        if situation in TENSION_SENTENCES
    )


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


def _flips(
    answers: Answers, recommendation: Recommendation
) -> list[tuple[Change, bool]]:
    """Every single different answer that flips the recommendation, each with
    whether it keeps the same situations (the mark of a close call).

    A change that makes another question asked is tried with each answer to
    it; when only some of them flip, each is listed with its assumption.
    """
    situations = _situations(answers)
    flips = []
    for question in asked_questions(answers):
        for value in question.values:
            if value == answers.get(question.id):
                continue
            changed = prune({**answers, question.id: value})
            newly_asked = [q for q in asked_questions(changed) if q.id not in changed]
            filled_in = _fill_in(changed, newly_asked)
            outcomes = [
                (assumption, filled, other)
                for assumption, filled in filled_in
                if (other := _recommendation_for(_score(filled))) is not recommendation
            ]
            every_answer_flips = len(outcomes) == len(filled_in)
            for assumption, filled, other in outcomes:
                change = Change(
                    question=question.id,
                    answer=value,
                    recommendation=other,
                    kind=question.kind,
                    assuming=None if every_answer_flips else assumption,
                )
                flips.append((change, _situations(filled) == situations))
                if every_answer_flips:
                    break
    return flips


def _fill_in(
    answers: dict[str, str], newly_asked: list[Question]
) -> list[tuple[Assumption | None, dict[str, str]]]:
    """The answers with each possible answer to the newly asked questions."""
    if not newly_asked:
        return [(None, answers)]
    # The questionnaire has one conditional question, asked on one answer.
    (question,) = newly_asked
    return [
        (Assumption(question.id, value), {**answers, question.id: value})
        for value in question.values
    ]
