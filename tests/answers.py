"""Example answer sets, by question id, that the tests and the benchmark share."""

import functools

from decisions.questionnaire import QUESTIONS

# Employed, no interest, no key situation: decline.
DECLINE_ANSWERS = {
    "employment": "employed",
    "interest": "none",
    "company_appeal": "neutral",
    "career_pivot": "no",
    "other_process": "none",
    "interview_practice": "recent",
    "prep_time": "none",
    "discreet_time": "hard",
    "network_value": "low",
    "market_insight": "not_needed",
}

# Unemployed, a desirable company (two key situations): interview.
INTERVIEW_ANSWERS = {
    "employment": "unemployed",
    "interest": "low",
    "company_appeal": "desirable",
    "career_pivot": "no",
    "other_process": "none",
    "interview_practice": "rusty",
    "prep_time": "plenty",
    "network_value": "high",
    "market_insight": "wanted",
}

# A middling case: employed, lukewarm, nothing special going on. Score -3.
BASE_ANSWERS = {
    "employment": "employed",
    "interest": "low",
    "company_appeal": "neutral",
    "career_pivot": "no",
    "other_process": "none",
    "interview_practice": "recent",
    "prep_time": "some",
    "discreet_time": "easy",
    "network_value": "low",
    "market_insight": "not_needed",
}

# Employed and open to the job, the factors nearly balanced: a close call that
# leans to interview. Score 2.
CLOSE_CALL_ANSWERS = {
    "employment": "employed",
    "interest": "open",
    "company_appeal": "neutral",
    "career_pivot": "no",
    "other_process": "early_stages",
    "interview_practice": "recent",
    "prep_time": "some",
    "discreet_time": "easy",
    "network_value": "low",
    "market_insight": "not_needed",
}

# No interest, but a career pivot and another process in its final stages (two
# key situations): interview.
KEY_SITUATION_ANSWERS = {
    "employment": "employed",
    "interest": "none",
    "company_appeal": "undesirable",
    "career_pivot": "yes",
    "other_process": "final_stages",
    "interview_practice": "rusty",
    "prep_time": "plenty",
    "discreet_time": "easy",
    "network_value": "high",
    "market_insight": "wanted",
}


@functools.cache
def every_answer_set() -> tuple[dict[str, str], ...]:
    """Every complete set of answers the flow can collect (3,888 of them)."""
    sets: list[dict[str, str]] = [{}]
    for question in QUESTIONS:
        grown = []
        for chosen in sets:
            if question.is_asked(chosen):
                grown += [{**chosen, question.id: value} for value in question.values]
            else:
                grown.append(chosen)
        sets = grown
    return tuple(sets)


# The two branches of the flow, answered in order: employed (with the
# discreet-time question) and out of work (without it).
EMPLOYED_PATH = DECLINE_ANSWERS
UNEMPLOYED_PATH = {
    question_id: value
    for question_id, value in {**DECLINE_ANSWERS, "employment": "unemployed"}.items()
    if question_id != "discreet_time"
}


def answers_before(path: dict[str, str], question_id: str) -> dict[str, str]:
    """The answers a person has given by the time `question_id` is asked."""
    ids = list(path)
    return {key: path[key] for key in ids[: ids.index(question_id)]}
