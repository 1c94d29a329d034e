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
from decisions.questionnaire import QUESTIONS, QUESTIONS_BY_ID, prune
from tests.answers import BASE_ANSWERS, every_answer_set

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
# Each question's values, from least to most in favour of interviewing.
TOWARDS_INTERVIEW = {
    "employment": ("employed", "unemployed"),
    "interest": ("none", "low", "open"),
    "company_appeal": ("undesirable", "neutral", "desirable"),
    "career_pivot": ("no", "yes"),
    "other_process": ("none", "early_stages", "final_stages"),
    "interview_practice": ("recent", "rusty"),
    "prep_time": ("none", "some", "plenty"),
    "discreet_time": ("hard", "easy"),
    "network_value": ("low", "high"),
    "market_insight": ("not_needed", "wanted"),
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
    """A complete set of answers following the flow's branching.

    Sometimes an employed person's discreet-time answer is left out, as "what
    would change" does when it switches employment to employed.
    """
    chosen: dict[str, str] = {}
    for question in QUESTIONS:
        if question.is_asked(chosen):
            chosen[question.id] = draw(st.sampled_from(question.values))
    if "discreet_time" in chosen and draw(st.booleans()):
        del chosen["discreet_time"]
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
    assert {s.section for s in SITUATIONS} == {engine.KEY_SITUATIONS_SECTION}


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
    assert situation.weight == SITUATION_WEIGHT
    assert situation.title and situation.summary


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


@pytest.mark.parametrize(
    ("factor", "changes", "weight"),
    [
        ("practice", {"interview_practice": "rusty"}, engine.PRACTICE_WHEN_RUSTY),
        ("practice", {"interview_practice": "recent"}, engine.PRACTICE_WHEN_RECENT),
        ("networking", {"network_value": "high"}, engine.NETWORKING_WHEN_USEFUL),
        ("networking", {"network_value": "low"}, 0),
        (
            "market_insight",
            {"market_insight": "wanted"},
            engine.MARKET_INSIGHT_WHEN_WANTED,
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


def test_discreet_time_left_out_adds_no_cost():
    """An employed person without a discreet-time answer pays no extra time cost."""
    without = {
        k: v for k, v in answers(prep_time="none").items() if k != "discreet_time"
    }
    assert reason_weights(evaluate(without))["time_cost"] == (
        engine.TIME_COST_WITHOUT_PREP_TIME
    )


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
        ({"interest": "open", **EVERY_BENEFIT}, "interview", "strong"),
        ({"interest": "low", **EVERY_BENEFIT}, "interview", "strong"),
        ({"interest": "low", "interview_practice": "rusty"}, "decline", "lean"),
        ({"interest": "none"}, "decline", "strong"),
        ({"interest": "none", **EVERY_BENEFIT}, "decline", "strong"),
        ({**EVERY_DRAWBACK, "interest": "low"}, "decline", "strong"),
        ({**EVERY_DRAWBACK, "interest": "open"}, "decline", "lean"),
        ({**EVERY_DRAWBACK, "employment": "unemployed"}, "interview", "strong"),
    ],
)
def test_verdict_table(changes, verdict, strength):
    """Benefits and drawbacks decide between the extremes."""
    result = evaluate(answers(**changes))
    assert (result.recommendation, result.strength) == (verdict, strength)


def test_a_tie_declines():
    """A score of exactly zero declines, respecting the employer's time."""
    # Open interest and rusty practice (7) against no prep time and no
    # discreet time off (6) plus an undesirable company (1).
    verdict = evaluate(
        answers(
            interest="open",
            interview_practice="rusty",
            prep_time="none",
            discreet_time="hard",
            company_appeal="undesirable",
        )
    )
    assert (verdict.score, verdict.recommendation) == (0, "decline")


def test_no_interest_without_a_situation_declines_even_with_every_benefit():
    """No interest at all and no key situation: decline, however much is to gain."""
    verdict = evaluate(answers(interest="none", **EVERY_BENEFIT))
    assert verdict.recommendation == "decline"
    assert verdict.strength == "strong"
    assert verdict.score <= -STRONG_MARGIN


@pytest.mark.parametrize(
    ("situation", "changes"), SITUATION_ANSWERS.items(), ids=SITUATION_ANSWERS
)
def test_a_situation_says_interview_even_in_the_worst_case(situation, changes):
    """One key situation outweighs no interest and every drawback at once."""
    verdict = evaluate(answers(**{**EVERY_DRAWBACK, **changes}))
    assert verdict.situations == (situation,)
    assert verdict.recommendation == "interview"
    assert verdict.strength == "strong"


def test_every_answer_set_follows_the_article():
    """Situation means interview; otherwise no interest means a strong decline."""
    assert len(judged_answer_sets()) == 3888
    for chosen, verdict in judged_answer_sets():
        if verdict.situations:
            assert verdict.recommendation == "interview", chosen
            assert verdict.strength == "strong", chosen
        elif chosen["interest"] == "none":
            assert (verdict.recommendation, verdict.strength) == (
                "decline",
                "strong",
            ), chosen


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
    """Both verdicts, both strengths and both kinds of close call occur."""
    seen = {
        (verdict.recommendation, verdict.strength, verdict.close_call)
        for _, verdict in judged_answer_sets()
    }
    assert {v for v, _, _ in seen} == {"interview", "decline"}
    assert {s for _, s, _ in seen} == {"strong", "lean"}
    assert {c for _, _, c in seen} == {True, False}


# What would change


def test_what_would_change_lists_single_flips_in_question_then_choice_order():
    """The baseline decline flips with any situation or more interest, in flow order."""
    verdict = evaluate(answers())
    assert verdict.what_would_change == (
        Change("employment", "unemployed", "interview"),
        Change("interest", "open", "interview"),
        Change("company_appeal", "desirable", "interview"),
        Change("career_pivot", "yes", "interview"),
        Change("other_process", "final_stages", "interview"),
    )
    assert verdict.close_call is True


def test_two_situations_are_not_a_close_call():
    """With two key situations no single answer changes the verdict."""
    verdict = evaluate(
        answers(**EVERY_DRAWBACK, career_pivot="yes", other_process="final_stages")
    )
    assert verdict.what_would_change == ()
    assert verdict.close_call is False


def test_switching_to_employed_flips_without_a_discreet_time_answer():
    """Becoming employed is weighed without the unasked discreet-time question."""
    verdict = evaluate(answers(employment="unemployed", interest="none"))
    assert Change("employment", "employed", "decline") in verdict.what_would_change


def test_a_missing_discreet_time_answer_is_tried_both_ways():
    """With discreet time unanswered, both of its answers are candidate changes."""
    chosen = {k: v for k, v in answers(interest="open").items() if k != "discreet_time"}
    # Open (3) + recent (1) against some prep time (2): hard time off would tie.
    assert evaluate(chosen).what_would_change[-1:] == (
        Change("discreet_time", "hard", "decline"),
    )


@settings(max_examples=150, deadline=None)
@given(answer_sets())
def test_every_listed_change_really_flips_the_verdict(chosen):
    """Each change in what_would_change gives the other verdict when applied."""
    verdict = evaluate(chosen)
    assert verdict.close_call == bool(verdict.what_would_change)
    for change in verdict.what_would_change:
        assert change.recommendation != verdict.recommendation
        assert chosen.get(change.question) != change.answer
        changed = prune({**chosen, change.question: change.answer})
        assert evaluate(changed).recommendation == change.recommendation


def test_every_flipping_change_is_listed():
    """No single-answer change that flips the verdict is missing from the list."""
    for chosen, verdict in judged_answer_sets()[::23]:
        listed = {(c.question, c.answer) for c in verdict.what_would_change}
        for question in QUESTIONS:
            if not question.is_asked(chosen):
                continue
            for value in question.values:
                if value == chosen[question.id]:
                    continue
                changed = prune({**chosen, question.id: value})
                flips = evaluate(changed).recommendation != verdict.recommendation
                assert flips == ((question.id, value) in listed), (chosen, value)


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
            if verdict.recommendation == "interview":
                assert evaluate(moved).recommendation == "interview", (
                    question_id,
                    better,
                )
            assert evaluate(moved).score >= verdict.score


# Determinism, storage and validation


def test_same_answers_give_the_same_verdict():
    """Evaluation is deterministic and ignores the order answers arrive in."""
    chosen = answers(interest="open", network_value="high")
    shuffled = dict(reversed(list(chosen.items())))
    assert evaluate(chosen) == evaluate(chosen) == evaluate(shuffled)


@pytest.mark.parametrize(
    "changes",
    [{}, {"interest": "none", **EVERY_BENEFIT}, {"employment": "unemployed"}],
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
