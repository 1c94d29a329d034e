import functools
import itertools
import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from decisions import engine
from decisions.engine import (
    FACTORS,
    SITUATION_WEIGHT,
    SITUATIONS,
    STRONG_MARGIN,
    Change,
    Verdict,
    evaluate,
)
from decisions.questionnaire import QUESTIONS, QUESTIONS_BY_ID, Kind, prune
from tests.answers import BASE_ANSWERS, every_answer_set

# The situations where the article's passages pull both ways.
TENSE = {"interest": "none", "company_appeal": "desirable"}

EVERY_BENEFIT = {
    "interview_practice": "rusty",
    "network_value": "high",
    "market_insight": "wanted",
    "prep_time": "plenty",
}
EVERY_DRAWBACK = {
    "interest": "none",
    "company_appeal": "undesirable",
    "interview_practice": "recent",
    "prep_time": "none",
    "discreet_time": "hard",
    "network_value": "low",
    "market_insight": "not_needed",
}
SITUATION_ANSWERS = {
    "unemployed": {"employment": "unemployed"},
    "career_pivot": {"career_pivot": "yes"},
    "desirable_company": {"company_appeal": "desirable"},
    "leverage": {"other_process": "final_stages"},
}
KEY_SITUATIONS = tuple(SITUATION_ANSWERS)
# Each question's values, from least to most in favour of interviewing.
TOWARDS_INTERVIEW = {
    "employment": ("employed", "unemployed"),
    "interest": ("none", "low", "open"),
    "company_appeal": ("undesirable", "neutral", "desirable"),
    "career_pivot": ("no", "yes"),
    "other_process": ("accepted_offer", "none", "early_stages", "final_stages"),
    "interview_practice": ("recent", "nervous", "rusty"),
    "prep_time": ("none", "some", "plenty"),
    "discreet_time": ("hard", "easy"),
    "network_value": ("low", "unsure", "high"),
    "market_insight": ("not_needed", "unsure", "wanted"),
}


def answers(**changes: str) -> dict[str, str]:
    """BASE_ANSWERS with changes, keeping only what the flow would still ask."""
    return prune({**BASE_ANSWERS, **changes})


def reason_weights(verdict: Verdict) -> dict[str, int]:
    return {reason.factor: reason.weight for reason in verdict.reasons}


@functools.cache
def judged_answer_sets() -> tuple[tuple[dict[str, str], Verdict], ...]:
    """Every valid complete set of answers, with its verdict (3,888 of them)."""
    return tuple((chosen, evaluate(chosen)) for chosen in every_answer_set())


@st.composite
def answer_sets(draw: st.DrawFn) -> dict[str, str]:
    """A complete set of answers following the flow's branching."""
    chosen: dict[str, str] = {}
    for question in QUESTIONS:
        if question.is_asked(chosen):
            chosen[question.id] = draw(st.sampled_from(question.values))
    return chosen


# The declarations


def test_public_ids_match_the_contract():
    """Factors and situations keep their public ids, in article order."""
    assert [factor.id for factor in FACTORS] == [
        "practice",
        "networking",
        "market_insight",
        "hidden_upside",
        "time_cost",
        "reputation",
        "ethics",
        "awkward_offer",
    ]
    assert [situation.id for situation in SITUATIONS] == [
        "unemployed",
        "career_pivot",
        "desirable_company",
        "leverage",
        "accepted_offer",
    ]


def test_sections_are_the_article_section_names():
    """Every factor and situation cites one of the article's section names."""
    assert engine.SECTIONS == (
        "Potential Benefits of Interviewing",
        "Potential Drawbacks of Interviewing",
        "Key Situations When You Should Say Yes",
        "How to Professionally Decline an Interview",
        "Tips for a Successful Practice Interview",
    )
    assert {f.section for f in FACTORS if f.direction == "for"} == {
        engine.BENEFITS_SECTION
    }
    assert {f.section for f in FACTORS if f.direction == "against"} == {
        engine.DRAWBACKS_SECTION
    }
    assert {s.section for s in SITUATIONS if s.is_for} == {
        engine.KEY_SITUATIONS_SECTION
    }
    assert {s.section for s in SITUATIONS if not s.is_for} == {engine.DECLINING_SECTION}


@pytest.mark.parametrize("factor", FACTORS, ids=lambda factor: factor.id)
def test_factor_weights_cover_every_answer_of_their_question(factor):
    """A factor weighs every answer to its questions, and explains each weighty one."""
    assert factor.title and factor.summary
    for part in factor.parts:
        question = QUESTIONS_BY_ID[part.question]
        assert set(part.weights) == set(question.values)
        weighty = {value for value, weight in part.weights.items() if weight > 0}
        assert weighty, "a part that never weighs anything is dead weight"


@pytest.mark.parametrize("factor", FACTORS, ids=lambda factor: factor.id)
def test_every_weighted_combination_has_one_whole_sentence(factor):
    """Each way a factor can carry weight is explained by its own whole sentence."""
    per_part = [
        [None, *(value for value, weight in part.weights.items() if weight)]
        for part in factor.parts
    ]
    combinations = {
        combination
        for combination in itertools.product(*per_part)
        if any(value is not None for value in combination)
    }
    assert combinations
    assert set(factor.sentences) == combinations
    for sentence in factor.sentences.values():
        assert sentence[0].isupper() and sentence.endswith(".")
        assert ".." not in sentence


@pytest.mark.parametrize("situation", SITUATIONS, ids=lambda situation: situation.id)
def test_situations_are_triggered_by_a_real_answer(situation):
    """Each situation names a real question and value and carries the full weight."""
    assert situation.value in QUESTIONS_BY_ID[situation.question].values
    expected = SITUATION_WEIGHT if situation.is_for else engine.ACCEPTED_OFFER_WEIGHT
    assert situation.weight == expected
    assert situation.title and situation.summary


def test_every_answer_of_every_question_is_weighed_somewhere():
    """No answer is a silent zero: a factor part or a situation reads each one."""
    read = {
        (part.question, value)
        for f in FACTORS
        for part in f.parts
        for value in part.weights
    }
    read |= {
        (s.question, value)
        for s in SITUATIONS
        for value in QUESTIONS_BY_ID[s.question].values
    }
    every = {(q.id, value) for q in QUESTIONS for value in q.values}
    assert every
    assert every <= read


def test_an_answer_the_rules_do_not_know_is_an_error():
    """A factor refuses an answer outside its weights rather than count zero."""
    with pytest.raises(KeyError):
        FACTORS[0].weight({"interview_practice": "never"})


# Situations and factors, one scenario each


@pytest.mark.parametrize(
    ("situation", "changes"), SITUATION_ANSWERS.items(), ids=SITUATION_ANSWERS
)
def test_each_situation_applies_and_says_interview(situation, changes):
    """A key situation on its own is listed and gives a strong interview."""
    verdict = evaluate(answers(**changes))
    assert verdict.situations == (situation,)
    assert verdict.recommendation == "interview"
    assert verdict.strength == "strong"


def test_an_accepted_offer_settles_it_towards_declining():
    """Having accepted an offer elsewhere declines, even with three key situations."""
    verdict = evaluate(
        answers(
            employment="unemployed",
            career_pivot="yes",
            company_appeal="desirable",
            other_process="accepted_offer",
            **EVERY_BENEFIT,
        )
    )
    assert verdict.recommendation == "decline"
    assert "accepted_offer" in verdict.situations
    assert verdict.tensions == ()


@pytest.mark.parametrize(
    ("factor", "changes", "weight"),
    [
        ("practice", {"interview_practice": "rusty"}, engine.PRACTICE_WHEN_RUSTY),
        ("practice", {"interview_practice": "nervous"}, engine.PRACTICE_WHEN_NERVOUS),
        ("practice", {"interview_practice": "recent"}, engine.PRACTICE_WHEN_RECENT),
        ("networking", {"network_value": "high"}, engine.NETWORKING_WHEN_USEFUL),
        ("networking", {"network_value": "unsure"}, engine.NETWORKING_WHEN_UNSURE),
        ("networking", {"network_value": "low"}, 0),
        (
            "market_insight",
            {"market_insight": "wanted"},
            engine.MARKET_INSIGHT_WHEN_WANTED,
        ),
        (
            "market_insight",
            {"market_insight": "unsure"},
            engine.MARKET_INSIGHT_WHEN_UNSURE,
        ),
        ("market_insight", {"market_insight": "not_needed"}, 0),
        ("hidden_upside", {"interest": "open"}, engine.HIDDEN_UPSIDE_WHEN_OPEN),
        ("hidden_upside", {"interest": "low"}, 0),
        ("time_cost", {"prep_time": "none"}, engine.TIME_COST_WITHOUT_PREP_TIME),
        ("time_cost", {"prep_time": "some"}, engine.TIME_COST_WITH_SOME_PREP_TIME),
        ("time_cost", {"prep_time": "plenty"}, 0),
        (
            "time_cost",
            {"prep_time": "plenty", "discreet_time": "hard"},
            engine.TIME_COST_WHEN_HARD_TO_GET_AWAY,
        ),
        (
            "time_cost",
            {"prep_time": "none", "discreet_time": "hard"},
            engine.TIME_COST_WITHOUT_PREP_TIME + engine.TIME_COST_WHEN_HARD_TO_GET_AWAY,
        ),
        (
            "time_cost",
            {"prep_time": "none", "employment": "unemployed", "discreet_time": "hard"},
            engine.TIME_COST_WITHOUT_PREP_TIME,
        ),
        ("reputation", {"interest": "none"}, engine.REPUTATION_WITHOUT_INTEREST),
        ("reputation", {"interest": "low"}, engine.REPUTATION_WITH_LOW_INTEREST),
        ("reputation", {"interest": "open"}, 0),
        ("ethics", {"interest": "none"}, engine.ETHICS_WITHOUT_INTEREST),
        ("ethics", {"interest": "low"}, engine.ETHICS_WITH_LOW_INTEREST),
        ("ethics", {"interest": "open"}, 0),
        ("awkward_offer", {"interest": "none"}, engine.AWKWARD_OFFER_WITHOUT_INTEREST),
        (
            "awkward_offer",
            {"company_appeal": "undesirable"},
            engine.AWKWARD_OFFER_FROM_UNDESIRABLE_COMPANY,
        ),
        (
            "awkward_offer",
            {"interest": "none", "company_appeal": "undesirable"},
            engine.AWKWARD_OFFER_WITHOUT_INTEREST
            + engine.AWKWARD_OFFER_FROM_UNDESIRABLE_COMPANY,
        ),
        ("awkward_offer", {"interest": "low"}, 0),
    ],
)
def test_each_factor_weighs_its_answers(factor, changes, weight):
    """A factor carries the weight its answers call for, or is left out at zero."""
    assert reason_weights(evaluate(answers(**changes))).get(factor, 0) == weight


def test_reasons_are_personal_single_sentences_in_weight_order():
    """Reasons have weight, their factor's section and one sentence, strongest first."""
    verdict = evaluate(
        answers(
            interest="none",
            company_appeal="undesirable",
            prep_time="none",
            discreet_time="hard",
            interview_practice="rusty",
            network_value="high",
            market_insight="wanted",
        )
    )
    factors = {factor.id: factor for factor in FACTORS}
    weights = [reason.weight for reason in verdict.reasons]
    assert weights
    assert weights == sorted(weights, reverse=True)
    for reason in verdict.reasons:
        assert reason.weight > 0
        assert reason.direction == factors[reason.factor].direction
        assert reason.section == factors[reason.factor].section
        assert reason.text.endswith(".")
        assert ". " not in reason.text
        assert "\n" not in reason.text
    assert [r.factor for r in verdict.reasons] == [
        "time_cost",
        "reputation",
        "ethics",
        "awkward_offer",
        "practice",
        "networking",
        "market_insight",
    ]


def test_equal_weights_keep_declaration_order():
    """Reasons of equal weight come in the order the factors are declared."""
    verdict = evaluate(answers())
    assert [(r.factor, r.weight) for r in verdict.reasons] == [
        ("time_cost", 2),
        ("practice", 1),
        ("reputation", 1),
        ("ethics", 1),
    ]


# Verdicts


@pytest.mark.parametrize(
    ("changes", "verdict", "strength"),
    [
        ({}, "decline", "lean"),
        ({"interest": "open"}, "interview", "lean"),
        ({"interest": "open", **EVERY_BENEFIT}, "interview", "lean"),
        ({"interest": "low", **EVERY_BENEFIT}, "interview", "lean"),
        ({"interest": "low", "interview_practice": "rusty"}, "decline", "tie"),
        ({"interest": "none"}, "decline", "lean"),
        ({"interest": "none", "prep_time": "none"}, "decline", "strong"),
        ({"interest": "none", **EVERY_BENEFIT}, "decline", "lean"),
        ({**EVERY_DRAWBACK, "interest": "low"}, "decline", "strong"),
        ({**EVERY_DRAWBACK, "interest": "open"}, "decline", "lean"),
        ({**EVERY_DRAWBACK, "employment": "unemployed"}, "interview", "lean"),
        (
            {"employment": "unemployed", "interest": "low", "network_value": "high"},
            "interview",
            "strong",
        ),
        ({"other_process": "accepted_offer"}, "decline", "strong"),
    ],
)
def test_verdict_table(changes, verdict, strength):
    """Benefits and drawbacks decide between the extremes; strong only when clear."""
    result = evaluate(answers(**changes))
    assert (result.recommendation, result.strength) == (verdict, strength)


# Open interest and rusty practice (7) against no prep time and no discreet
# time off (6) plus an undesirable company (1): exactly balanced.
TIE = {
    "interest": "open",
    "interview_practice": "rusty",
    "prep_time": "none",
    "discreet_time": "hard",
    "company_appeal": "undesirable",
}


def test_a_tie_declines_and_says_so():
    """A score of exactly zero with no key situation is a tie that declines."""
    verdict = evaluate(answers(**TIE))
    assert (verdict.score, verdict.recommendation) == (0, "decline")
    assert verdict.strength == "tie"
    assert verdict.is_tie


def test_no_interest_without_a_situation_declines_even_with_every_benefit():
    """No interest at all and no key situation: decline, however much is to gain,
    though being open to the job would turn it round, so it is a close call."""
    verdict = evaluate(answers(interest="none", **EVERY_BENEFIT))
    assert verdict.recommendation == "decline"
    assert verdict.score <= -STRONG_MARGIN
    assert verdict.close_call
    assert ("interest", "open") in {
        (c.question, c.answer) for c in verdict.what_would_change
    }


@pytest.mark.parametrize("situation", KEY_SITUATIONS)
def test_a_situation_says_interview_even_in_the_worst_case(situation):
    """One key situation outweighs no interest and every drawback at once, but
    with no interest at all the page names the tension and does not say strong."""
    verdict = evaluate(answers(**{**EVERY_DRAWBACK, **SITUATION_ANSWERS[situation]}))
    assert verdict.situations == (situation,)
    assert verdict.recommendation == "interview"
    assert verdict.strength == "lean"
    assert [(t.situation, t.factor) for t in verdict.tensions] == [
        (situation, "ethics")
    ]
    assert verdict.tensions[0].text


def test_a_tension_names_every_situation_that_meets_no_interest():
    """Each key situation met with no interest at all is its own tension."""
    verdict = evaluate(answers(**TENSE, career_pivot="yes"))
    assert [t.situation for t in verdict.tensions] == [
        "career_pivot",
        "desirable_company",
    ]


# Every answer set


def test_every_answer_set_follows_the_article():
    """An accepted offer declines; else a situation means interview; else no
    interest means a decline."""
    judged = judged_answer_sets()
    assert len(judged) == 17496
    for chosen, verdict in judged:
        if chosen["other_process"] == "accepted_offer":
            assert verdict.recommendation == "decline", chosen
        elif verdict.situations:
            assert verdict.recommendation == "interview", chosen
        elif chosen["interest"] == "none":
            assert verdict.recommendation == "decline", chosen


def test_a_tie_is_exactly_a_balance_without_a_key_situation():
    """Strength is "tie" exactly when the score is zero and no situation applies."""
    ties = [v for _, v in judged_answer_sets() if v.is_tie]
    assert ties
    for _, verdict in judged_answer_sets():
        balanced = verdict.score == 0 and not verdict.situations
        assert verdict.is_tie == balanced
        if verdict.is_tie:
            assert verdict.recommendation == "decline"


def test_strong_never_comes_with_a_close_call_or_a_tension():
    """The page never says "clear" when one answer, or the article, says otherwise."""
    strong = [(c, v) for c, v in judged_answer_sets() if v.is_strong]
    assert strong
    for chosen, verdict in strong:
        assert not verdict.close_call, chosen
        assert not verdict.tensions, chosen
        key = [s for s in verdict.situations if s in KEY_SITUATIONS]
        assert not (key and chosen["interest"] == "none"), chosen


def test_tensions_appear_exactly_when_a_key_situation_meets_no_interest():
    """Both passages are named whenever both apply, and only then."""
    tense = 0
    for chosen, verdict in judged_answer_sets():
        key = [s for s in verdict.situations if s in KEY_SITUATIONS]
        settled = "accepted_offer" in verdict.situations
        expected = bool(key) and chosen["interest"] == "none" and not settled
        assert bool(verdict.tensions) == expected, chosen
        tense += expected
    assert tense


def test_close_call_is_exactly_a_flip_that_keeps_the_situations():
    """close_call is true exactly when one different answer flips the
    recommendation without adding or removing a situation."""
    judged = judged_answer_sets()[::131]
    assert judged
    for chosen, verdict in judged:
        same_situations_flip = False
        for question in QUESTIONS:
            if not question.is_asked(chosen):
                continue
            for value in question.values:
                changed = prune({**chosen, question.id: value})
                for filled in completions(changed):
                    other = evaluate(filled)
                    if (
                        other.recommendation != verdict.recommendation
                        and other.situations == verdict.situations
                    ):
                        same_situations_flip = True
        assert verdict.close_call == same_situations_flip, chosen


def test_without_a_situation_some_interest_lets_the_factors_decide():
    """Low or open interest and no situation: either verdict, and lean ones too."""
    outcomes = {
        (chosen["interest"], verdict.recommendation, verdict.strength)
        for chosen, verdict in judged_answer_sets()
        if not verdict.situations and chosen["interest"] != "none"
    }
    for interest in ("low", "open"):
        for verdict in ("interview", "decline"):
            assert (interest, verdict, "lean") in outcomes


def test_every_outcome_is_reachable():
    """Both verdicts, every strength and both kinds of close call occur."""
    seen = {
        (verdict.recommendation, verdict.strength, verdict.close_call)
        for _, verdict in judged_answer_sets()
    }
    assert {v for v, _, _ in seen} == {"interview", "decline"}
    assert {s for _, s, _ in seen} == {"strong", "lean", "tie"}
    assert {c for _, _, c in seen} == {True, False}


def completions(answers_: dict[str, str]) -> list[dict[str, str]]:
    """The answers with each answer to a question they newly make asked."""
    unanswered = [q for q in QUESTIONS if q.is_asked(answers_) and q.id not in answers_]
    if not unanswered:
        return [answers_]
    (question,) = unanswered
    return [{**answers_, question.id: value} for value in question.values]


# What would change


def test_what_would_change_lists_single_flips_in_question_then_choice_order():
    """The baseline decline flips with any situation or more interest, in flow order."""
    verdict = evaluate(answers())
    assert verdict.what_would_change == (
        Change("employment", "unemployed", "interview", Kind.CIRCUMSTANCE),
        Change("interest", "open", "interview", Kind.JUDGEMENT),
        Change("company_appeal", "desirable", "interview", Kind.JUDGEMENT),
        Change("career_pivot", "yes", "interview", Kind.CIRCUMSTANCE),
        Change("other_process", "final_stages", "interview", Kind.CIRCUMSTANCE),
    )
    assert verdict.close_call is True


@pytest.mark.parametrize(
    ("question_id", "kind"),
    [
        ("employment", "circumstance"),
        ("career_pivot", "circumstance"),
        ("other_process", "circumstance"),
        ("interest", "judgement"),
        ("company_appeal", "judgement"),
        ("interview_practice", "judgement"),
        ("prep_time", "judgement"),
        ("discreet_time", "judgement"),
        ("network_value", "judgement"),
        ("market_insight", "judgement"),
    ],
)
def test_each_question_is_a_judgement_or_a_circumstance(question_id, kind):
    """Changes are sorted into judgement calls and life circumstances."""
    assert QUESTIONS_BY_ID[question_id].kind == kind


def test_two_situations_are_not_a_close_call():
    """With two key situations no single answer changes the verdict."""
    verdict = evaluate(
        answers(**EVERY_DRAWBACK, career_pivot="yes", other_process="final_stages")
    )
    assert [c.answer for c in verdict.what_would_change] == ["accepted_offer"]
    assert verdict.close_call is False


def test_a_change_that_asks_another_question_names_its_assumption():
    """Switching to employed is tried with each discreet-time answer, and a flip
    that needs one of them says which."""
    # Unemployed (25) with no interest (-14), recent practice (+1), hardly any
    # prep time (-4) and an undesirable company (-1): +7. Employed and easy to
    # get away: -18; hard: -20. Both decline.
    verdict = evaluate(
        answers(
            employment="unemployed",
            interest="none",
            prep_time="none",
            company_appeal="undesirable",
        )
    )
    changes = [c for c in verdict.what_would_change if c.question == "employment"]
    assert changes == [
        Change("employment", "employed", "decline", Kind.CIRCUMSTANCE, None)
    ]


def test_a_flip_under_one_assumption_only_is_listed_with_it():
    """Where only getting away being hard flips it, the change says so."""
    flips = [
        (chosen, change)
        for chosen, verdict in judged_answer_sets()
        for change in verdict.what_would_change
        if change.assuming is not None
    ]
    assert flips
    for chosen, change in flips:
        changed = prune({**chosen, change.question: change.answer})
        assumed = {**changed, change.assuming.question: change.assuming.answer}
        assert evaluate(assumed).recommendation == change.recommendation
        others = [
            value
            for value in QUESTIONS_BY_ID[change.assuming.question].values
            if value != change.assuming.answer
        ]
        assert any(
            evaluate({**changed, change.assuming.question: other}).recommendation
            != change.recommendation
            for other in others
        )


@settings(max_examples=150, deadline=None)
@given(answer_sets())
def test_every_listed_change_really_flips_the_verdict(chosen):
    """Each change in what_would_change gives the other verdict when applied."""
    verdict = evaluate(chosen)
    for change in verdict.what_would_change:
        assert change.recommendation != verdict.recommendation
        assert chosen.get(change.question) != change.answer
        changed = prune({**chosen, change.question: change.answer})
        if change.assuming is not None:
            changed[change.assuming.question] = change.assuming.answer
        for filled in completions(changed):
            assert evaluate(filled).recommendation == change.recommendation


def test_every_flipping_change_is_listed():
    """No single-answer change that flips the verdict is missing from the list,
    including those that make another question asked."""
    judged = judged_answer_sets()[::173]
    assert judged
    for chosen, verdict in judged:
        listed = {
            (c.question, c.answer, c.assuming.answer if c.assuming else None)
            for c in verdict.what_would_change
        }
        for question in QUESTIONS:
            if not question.is_asked(chosen):
                continue
            for value in question.values:
                if value == chosen[question.id]:
                    continue
                changed = prune({**chosen, question.id: value})
                filled = completions(changed)
                flips = [
                    f
                    for f in filled
                    if evaluate(f).recommendation != verdict.recommendation
                ]
                if not flips:
                    assert not any(c[:2] == (question.id, value) for c in listed)
                elif len(flips) == len(filled):
                    assert (question.id, value, None) in listed, (chosen, value)
                else:
                    for flip in flips:
                        assumed = flip["discreet_time"]
                        assert (question.id, value, assumed) in listed


@settings(max_examples=100, deadline=None)
@given(answer_sets())
def test_moving_an_answer_towards_interviewing_never_turns_interview_to_decline(
    chosen,
):
    """A single answer made more favourable can only keep or win an interview."""
    verdict = evaluate(chosen)
    for question_id, order in TOWARDS_INTERVIEW.items():
        if question_id not in chosen:
            continue
        position = order.index(chosen[question_id])
        for better in order[position + 1 :]:
            moved = prune({**chosen, question_id: better})
            for filled in completions(moved):
                moved_verdict = evaluate(filled)
                if verdict.recommendation == "interview":
                    assert moved_verdict.recommendation == "interview", better
                assert moved_verdict.score >= verdict.score - 2


# Determinism, storage and validation


def test_same_answers_give_the_same_verdict():
    """Evaluation is deterministic and ignores the order answers arrive in."""
    chosen = answers(interest="open", network_value="high")
    shuffled = dict(reversed(list(chosen.items())))
    assert evaluate(chosen) == evaluate(chosen) == evaluate(shuffled)


@pytest.mark.parametrize(
    "changes",
    [
        {},
        {"interest": "none", **EVERY_BENEFIT},
        {"employment": "unemployed"},
        TENSE,
        {"employment": "unemployed", "interest": "none", "prep_time": "none"},
    ],
)
def test_verdict_survives_a_json_round_trip(changes):
    """A stored snapshot rebuilds the same verdict."""
    verdict = evaluate(answers(**changes))
    stored = json.loads(json.dumps(verdict.to_dict()))
    assert Verdict.from_dict(stored) == verdict
    assert stored["rules_version"] == engine.RULES_VERSION


@pytest.mark.parametrize(
    "chosen",
    [
        {},
        {k: v for k, v in BASE_ANSWERS.items() if k != "interest"},
        {**BASE_ANSWERS, "interest": "maybe"},
        {**BASE_ANSWERS, "salary": "high"},
        {**BASE_ANSWERS, "employment": "unemployed"},
        {**BASE_ANSWERS, "interest": None},
    ],
    ids=[
        "nothing",
        "missing-answer",
        "unknown-value",
        "unknown-question",
        "unasked-question",
        "none-value",
    ],
)
def test_bad_answers_raise(chosen):
    """Missing, unknown or unasked answers raise ValueError."""
    with pytest.raises(ValueError):
        evaluate(chosen)


def test_a_verdict_stored_by_earlier_rules_still_reads():
    """A snapshot without tensions, answers or change kinds rebuilds with defaults."""
    stored = {
        "verdict": "decline",
        "strength": "lean",
        "close_call": True,
        "situations": [],
        "reasons": [],
        "what_would_change": [
            {"question": "employment", "answer": "unemployed", "verdict": "interview"}
        ],
        "rules_version": "2026.11.1",
        "score": -3,
    }
    verdict = Verdict.from_dict(stored)
    assert verdict.tensions == ()
    assert verdict.answers == {}
    assert verdict.what_would_change[0].kind == Kind.CIRCUMSTANCE
