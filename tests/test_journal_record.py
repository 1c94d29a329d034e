"""A person's record: their decisions and journals summed up."""

import pytest

from decisions.engine import Recommendation
from journal.record import Kept, Reply, Row, first_reply, record
from journal.timeline import Regret, Step, WorthIt

INTERVIEW, DECLINE = Recommendation.INTERVIEW, Recommendation.DECLINE
WENT = (Step.INTERVIEW_BOOKED, Step.ATTENDED)


@pytest.mark.parametrize(
    ("steps", "reply"),
    [
        ((), Reply.NOT_RECORDED),
        ((Step.DECLINED,), Reply.TURNED_DOWN),
        ((Step.WITHDREW,), Reply.TURNED_DOWN),
        ((Step.INTERVIEW_BOOKED,), Reply.TOOK),
        ((Step.INTERVIEW_BOOKED, Step.WITHDREW_LATER), Reply.TOOK),
    ],
)
def test_the_first_reply(steps, reply):
    """The first step says whether the invitation was taken or turned down."""
    assert first_reply(steps) == reply


def test_an_empty_record_counts_nothing():
    """No decisions: every count is zero."""
    summed = record([])

    assert summed.invitations == summed.replied == summed.followed == 0
    assert summed.unfinished == 0
    assert all(count == 0 for _, count in summed.benefits + summed.drawbacks)


@pytest.mark.parametrize(
    ("decisions", "rows"),
    [
        (
            [Kept(INTERVIEW, WENT), Kept(INTERVIEW), Kept(DECLINE, (Step.DECLINED,))],
            (Row(INTERVIEW, 1, 0, 1), Row(DECLINE, 0, 1, 0)),
        ),
        (
            [
                Kept(DECLINE, (Step.INTERVIEW_BOOKED,)),
                Kept(INTERVIEW, (Step.WITHDREW,)),
            ],
            (Row(INTERVIEW, 0, 1, 0), Row(DECLINE, 1, 0, 0)),
        ),
    ],
)
def test_what_was_recommended_and_what_they_did(decisions, rows):
    """Each recommendation's row counts the first replies to it."""
    assert record(decisions).rows == rows


@pytest.mark.parametrize(
    ("decisions", "followed", "replied"),
    [
        ([Kept(INTERVIEW, WENT), Kept(DECLINE, (Step.DECLINED,))], 2, 2),
        ([Kept(INTERVIEW, (Step.DECLINED,)), Kept(DECLINE, WENT)], 0, 2),
        ([Kept(INTERVIEW, WENT), Kept(INTERVIEW)], 1, 1),
        ([Kept(DECLINE)], 0, 0),
    ],
)
def test_how_often_the_advice_was_followed(decisions, followed, replied):
    """A first reply that does what was recommended follows the advice; no
    reply recorded counts neither way."""
    summed = record(decisions)

    assert (summed.followed, summed.replied) == (followed, replied)


def test_unfinished_decisions_are_counted_apart():
    """A decision without a verdict is unfinished, not an invitation weighed."""
    summed = record([Kept(None), Kept(None), Kept(DECLINE)])

    assert (summed.unfinished, summed.invitations) == (2, 1)


def test_interviews_offers_and_acceptances_count_once_per_decision():
    """Two rounds at one employer are one interview gone to."""
    two_rounds = (
        *WENT,
        Step.INTERVIEW_BOOKED,
        Step.ATTENDED,
        Step.OFFER_RECEIVED,
        Step.OFFER_ACCEPTED,
    )
    summed = record([Kept(INTERVIEW, two_rounds), Kept(INTERVIEW, WENT)])

    assert (summed.attended, summed.offers, summed.offers_accepted) == (2, 1, 1)


def test_looking_back_is_summed():
    """Worth-it answers, regrets, benefits got and drawbacks bitten are counted."""
    summed = record(
        [
            Kept(INTERVIEW, WENT, WorthIt.YES, benefits=("practice", "networking")),
            Kept(INTERVIEW, WENT, WorthIt.YES, benefits=("practice",)),
            Kept(DECLINE, WENT, WorthIt.NO, drawbacks=("time_cost",)),
            Kept(DECLINE, (Step.DECLINED,), regret=Regret.NONE),
        ]
    )

    assert summed.worth_it == (
        (WorthIt.YES, 2),
        (WorthIt.PARTLY, 0),
        (WorthIt.NO, 1),
    )
    assert summed.looked_back_on_going == 3
    assert summed.regrets == ((Regret.NONE, 1), (Regret.SOME, 0), (Regret.YES, 0))
    assert summed.looked_back_on_staying_away == 1
    assert dict(summed.benefits) == {
        "practice": 2,
        "networking": 1,
        "market_insight": 0,
        "hidden_upside": 0,
    }
    assert dict(summed.drawbacks) == {
        "time_cost": 1,
        "reputation": 0,
        "awkward_offer": 0,
    }
