"""The journal's pages: what happened next, looking back, My decisions, Your
record and Compare."""

import datetime
import re

import pytest
from pytest_django.asserts import assertContains, assertNotContains, assertRedirects

from django.test import Client
from django.urls import reverse
from django.utils import timezone

from decisions.models import Decision
from journal import writes
from journal.models import JournalEntry, Reflection
from journal.timeline import Step
from tests.conftest import DECLINE_ANSWERS, INTERVIEW_ANSWERS

pytestmark = pytest.mark.django_db

# A Tuesday, far enough ahead to stay in the future.
INTERVIEW_DAY = datetime.date(2030, 12, 3)


def today() -> datetime.date:
    return timezone.localdate()


def days_ago(days: int) -> datetime.date:
    return today() - datetime.timedelta(days=days)


@pytest.fixture
def decline(make_decision) -> Decision:
    return make_decision(DECLINE_ANSWERS, complete=True, role_title="Analyst")


@pytest.fixture
def interview(make_decision) -> Decision:
    return make_decision(INTERVIEW_ANSWERS, complete=True, company_name="Acme")


def journal_url(decision: Decision, name: str = "journal") -> str:
    return reverse(f"journal:{name}", args=[decision.pk])


def add(client, decision: Decision, **data):
    return client.post(journal_url(decision, "add_step"), data)


def steps(decision: Decision) -> list[str]:
    return list(decision.journal_entries.values_list("step", flat=True))


# What happened next


def test_the_journal_starts_empty_and_asks_for_a_reply(client, decline):
    """A new journal records nothing yet, says to reply today and offers the
    first steps only."""
    response = client.get(journal_url(decline))

    assertContains(response, "Nothing recorded yet.")
    assertContains(response, "Reply today")
    assertContains(response, "I declined the interview")
    assertContains(response, "Interview booked")
    assertNotContains(response, "I went to the interview")
    assertNotContains(response, "Looking back")


def test_an_unfinished_decision_has_no_journal(client, make_decision):
    """Before a verdict there is nothing to follow through: 404."""
    decision = make_decision({"employment": "employed"})

    assert client.get(journal_url(decision)).status_code == 404


def test_recording_a_step_adds_it_to_the_timeline(client, decline):
    """A step with its date is stored and shown, and the page says so."""
    response = add(client, decline, step="declined", happened_on="2/11/2026")

    assertRedirects(
        response, journal_url(decline) + "#timeline", fetch_redirect_response=False
    )
    entry = JournalEntry.objects.get()
    assert (entry.step, entry.happened_on) == ("declined", datetime.date(2026, 11, 2))
    page = client.get(journal_url(decline))
    assertContains(page, "Your timeline is up to date.")
    assertContains(page, "I declined the interview</span>: Mon 2 Nov 2026")


def test_booking_an_interview_keeps_its_time_and_becomes_the_next_step(
    client, interview
):
    """An interview booked ahead, with its time, is the next step in words."""
    add(
        client,
        interview,
        step="interview_booked",
        happened_on=INTERVIEW_DAY.isoformat(),
        at_time="10:00",
    )

    page = client.get(journal_url(interview))

    assertContains(page, "Interview on Tue 3 Dec at 10:00")
    assertContains(page, "I went to the interview")


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"happened_on": "2/11/2026"}, "Choose what happened"),
        ({"step": "declined"}, "Enter the date"),
        ({"step": "attended", "happened_on": "2/11/2026"}, "Choose one of the steps"),
        ({"step": "declined", "happened_on": "31/02/2026"}, "Date must be a real date"),
        ({"step": "declined", "happened_on": "1/12"}, "Date must include a year"),
        ({"step": "declined", "happened_on": "1/12/1999"}, "a year from 2000 to 2099"),
        (
            {"step": "declined", "happened_on": INTERVIEW_DAY.isoformat()},
            "Date must be today or earlier",
        ),
        (
            {
                "step": "interview_booked",
                "happened_on": "2/11/2026",
                "at_time": "25:00",
            },
            "Time must be a time of day",
        ),
    ],
)
def test_a_step_that_doesnt_fit_is_refused_with_a_clear_message(
    client, decline, data, message
):
    """Bad input re-renders the page with an error summary and what was typed."""
    response = add(client, decline, **data)

    assertContains(response, message, count=2)
    assertContains(response, "There is a problem")
    assertContains(response, "<title>Error: What happened next")
    assert not JournalEntry.objects.exists()


def test_the_typed_date_stays_in_its_box_after_an_error(client, decline):
    """A refused step keeps the date as typed."""
    response = add(client, decline, happened_on="28/11/2026")

    assertContains(response, 'value="28/11/2026"')


def test_an_interview_can_be_booked_for_a_day_to_come(client, decline):
    """Only an interview booked may be dated in the future."""
    add(client, decline, step="interview_booked", happened_on=INTERVIEW_DAY.isoformat())

    assert steps(decline) == ["interview_booked"]


def test_a_closed_journal_offers_no_more_steps(client, decline):
    """After declining, nothing may follow: no form to add a step."""
    writes.add_step(decline, step=Step.DECLINED, happened_on=today())

    response = client.get(journal_url(decline))

    assertNotContains(response, "Add what happened")
    assert add(client, decline, step="interview_booked", happened_on="1/1/2030")
    assert steps(decline) == ["declined"]


def test_removing_takes_back_the_last_step_only(client, decline):
    """Remove takes off the latest step and leaves the earlier ones."""
    writes.add_step(decline, step=Step.INTERVIEW_BOOKED, happened_on=days_ago(2))
    writes.add_step(decline, step=Step.ATTENDED, happened_on=days_ago(2))

    response = client.post(journal_url(decline, "remove_step"))

    assertRedirects(
        response, journal_url(decline) + "#timeline", fetch_redirect_response=False
    )
    assert steps(decline) == ["interview_booked"]


def test_removing_from_an_empty_timeline_changes_nothing(client, decline):
    """With nothing recorded, Remove is harmless."""
    response = client.post(journal_url(decline, "remove_step"))

    assert response.status_code == 302
    assert not JournalEntry.objects.exists()


# Looking back


def test_looking_back_waits_for_the_interview_day(client, interview):
    """Before the interview there is nothing to look back on: the form isn't
    offered, and a POST stores nothing."""
    writes.add_step(interview, step=Step.INTERVIEW_BOOKED, happened_on=INTERVIEW_DAY)

    page = client.get(journal_url(interview))
    response = client.post(journal_url(interview, "reflection"), {"worth_it": "yes"})

    assertNotContains(page, "Looking back")
    assert response.status_code == 302
    assert not Reflection.objects.exists()


def test_after_the_interview_day_it_asks_whether_going_was_worth_it(client, interview):
    """Once the booked day has passed: How did it go?, and the questions."""
    writes.add_step(interview, step=Step.INTERVIEW_BOOKED, happened_on=days_ago(1))

    page = client.get(journal_url(interview))

    assertContains(page, "How did it go?")
    assertContains(page, "Was it worth going?")
    assertContains(page, "Interview practice")
    assertContains(page, "An offer you would refuse")
    assertNotContains(page, "Any regrets")


def test_saving_a_look_back(client, interview):
    """Worth it, benefits, drawbacks and a note are stored and shown again."""
    writes.add_step(interview, step=Step.INTERVIEW_BOOKED, happened_on=days_ago(1))

    response = client.post(
        journal_url(interview, "reflection"),
        {
            "worth_it": "partly",
            "benefits": ["practice", "market_insight"],
            "drawbacks": ["time_cost"],
            "note": "Good practice; pay was lower than I hoped.",
        },
    )

    assertRedirects(
        response,
        journal_url(interview) + "#looking-back",
        fetch_redirect_response=False,
    )
    reflection = Reflection.objects.get()
    assert reflection.worth_it == "partly"
    assert reflection.benefits == ["practice", "market_insight"]
    assert reflection.drawbacks == ["time_cost"]
    page = client.get(journal_url(interview))
    assertContains(page, "Good practice; pay was lower than I hoped.")
    assertContains(
        page,
        'value="partly" class="form-check-input" id="id_worth_it_1" required checked',
    )
    assertContains(page, "Waiting to hear back")


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({}, "Choose whether it was worth going"),
        ({"worth_it": "maybe"}, "Select a valid choice"),
        ({"worth_it": "yes", "benefits": ["ethics"]}, "Select a valid choice"),
        ({"worth_it": "yes", "note": "x" * 2001}, "Note must be 2000 characters"),
    ],
)
def test_a_look_back_that_doesnt_fit_is_refused(client, interview, data, message):
    """Missing or unknown answers re-render with a message; nothing is stored."""
    writes.add_step(interview, step=Step.INTERVIEW_BOOKED, happened_on=days_ago(1))

    response = client.post(journal_url(interview, "reflection"), data)

    assertContains(response, message)
    assertContains(response, "There is a problem")
    assert not Reflection.objects.exists()


def test_after_declining_it_asks_about_regrets(client, decline):
    """A declined invitation asks: any regrets?"""
    writes.add_step(decline, step=Step.DECLINED, happened_on=today())

    page = client.get(journal_url(decline))
    client.post(journal_url(decline, "reflection"), {"regret": "none"})

    assertContains(page, "Any regrets about not going?")
    assertNotContains(page, "Was it worth going?")
    assert Reflection.objects.get().regret == "none"
    assertContains(client.get(journal_url(decline)), "Nothing to do")


# My decisions


def test_my_decisions_names_untitled_decisions_by_recommendation_and_time(
    client, make_decision
):
    """Untitled rows say what was recommended, or that they're unfinished, and when."""
    make_decision(DECLINE_ANSWERS, complete=True)
    make_decision(INTERVIEW_ANSWERS, complete=True)
    make_decision({"employment": "employed"})
    Decision.objects.update(
        created_at=datetime.datetime(2026, 11, 30, 14, 5, tzinfo=datetime.UTC)
    )

    response = client.get(reverse("decisions:history"))

    assertContains(response, "Decline recommended, 30 Nov 2026 at 14:05")
    assertContains(response, "Interview recommended, 30 Nov 2026 at 14:05")
    assertContains(response, "Untitled, started 30 Nov 2026 at 14:05")


def test_my_decisions_shows_interview_checklist_and_next_step(client, interview):
    """Each row has the interview's date and time, checklist progress and the
    next step, linked to the journal."""
    interview.checklist_ticks = ["research_company", "match_your_skills"]
    interview.save()
    writes.add_step(
        interview,
        step=Step.INTERVIEW_BOOKED,
        happened_on=INTERVIEW_DAY,
        at_time=datetime.time(10),
    )

    response = client.get(reverse("decisions:history"))

    assertContains(response, "Tue 3 Dec 2030 at 10:00")
    assert re.search(r"2 of \d+ done", response.text)
    assertContains(response, "Interview on Tue 3 Dec at 10:00")
    assertContains(response, f'href="{journal_url(interview)}"')


def test_my_decisions_offers_to_delete_and_compare_each_row(client, decline):
    """Each row links to its delete confirmation; decided ones can be ticked."""
    response = client.get(reverse("decisions:history"))

    delete_url = reverse("decisions:delete", args=[decline.pk])
    assertContains(response, f'href="{delete_url}"')
    assertContains(response, f'name="d" value="{decline.pk}"')
    assertContains(response, 'Delete<span class="visually-hidden"> Analyst</span>')


def test_my_decisions_labels_each_cell_for_the_cards_on_a_phone(client, decline):
    """Each cell names its column, which the narrow layout shows beside it."""
    response = client.get(reverse("decisions:history"))

    assertContains(response, "journal/journal.")
    for column in ("Recommendation", "Interview", "Checklist", "Next step"):
        assertContains(response, f'<td data-label="{column}">')


def test_a_decline_shows_its_checklist_progress_too(client, decline):
    """Every verdict comes with a checklist, so every decided row counts ticks."""
    response = client.get(reverse("decisions:history"))

    assert re.search(r"0 of \d+ done", response.text)


# Your record


def test_your_record_sums_up_the_owners_journal(client, make_decision):
    """Invitations, what was recommended and done, and how often it was followed."""
    went = make_decision(INTERVIEW_ANSWERS, complete=True)
    writes.add_step(went, step=Step.INTERVIEW_BOOKED, happened_on=days_ago(3))
    writes.add_step(went, step=Step.ATTENDED, happened_on=days_ago(3))
    writes.save_reflection(went, worth_it="yes", benefits=["practice"])
    declined = make_decision(DECLINE_ANSWERS, complete=True)
    writes.add_step(declined, step=Step.INTERVIEW_BOOKED, happened_on=days_ago(1))
    make_decision({"employment": "employed"})

    response = client.get(reverse("journal:record"))

    assertContains(response, "You have weighed 2 invitations.")
    assertContains(response, "1 more is unfinished.")
    assertContains(response, "Of your 2 replies, 1 followed our recommendation.")
    assert response.context["record"].attended == 1
    benefits = {tally.label: tally.count for tally in response.context["benefits"]}
    assert benefits["Interview practice"] == 1


def test_your_record_counts_nobody_elses_decisions(client, make_decision):
    """Another browser's decisions never reach this record."""
    make_decision(DECLINE_ANSWERS, complete=True)

    response = Client().get(reverse("journal:record"))

    assertContains(response, "Once you have a recommendation, your record starts here.")
    assert response.context["record"].invitations == 0


# Compare


def compare(client, *decisions, extra=()):
    ids = [str(decision.pk) for decision in decisions] + list(extra)
    return client.get(reverse("journal:compare"), {"d": ids})


def test_compare_shows_two_decisions_side_by_side(client, decline, interview):
    """Each chosen decision is a column: recommendation, strength, situations,
    the weighing and the next step."""
    response = compare(client, decline, interview)

    assertContains(response, "Your chosen decisions, side by side")
    columns = response.context["columns"]
    assert {column.row.decision for column in columns} == {decline, interview}
    assertContains(response, "You are out of work")
    assertContains(response, "Someone else&#x27;s chance (5)")
    assertContains(response, "Reply today", count=2)


def test_compare_without_a_choice_offers_the_recent_decisions(
    client, decline, interview
):
    """Visited plainly, Compare lists decisions to tick and shows no error."""
    response = client.get(reverse("journal:compare"))

    assertContains(response, "Choose decisions to compare")
    assertContains(response, f'value="{decline.pk}"')
    assertNotContains(response, "There is a problem")


@pytest.mark.parametrize(
    ("count", "extra", "message"),
    [
        (1, (), "Choose two or more decisions to compare"),
        (5, (), "Choose up to 4 decisions to compare"),
        (1, ("not-a-uuid",), "Choose decisions from the list"),
    ],
)
def test_compare_needs_two_to_four_decisions(
    client, make_decision, count, extra, message
):
    """Too few, too many or a malformed choice is a clear error, ticks kept."""
    decisions = [make_decision(DECLINE_ANSWERS, complete=True) for _ in range(count)]

    response = compare(client, *decisions, extra=extra)

    assertContains(response, message, count=2)
    assertContains(response, "<title>Error: Compare invitations")
    assertContains(response, f'value="{decisions[0].pk}" id="id_d_', count=1)
    assert re.search(rf'value="{decisions[0].pk}" id="id_d_\d+" checked', response.text)


def test_comparing_an_unfinished_decision_is_404(client, decline, make_decision):
    """Only decisions with a verdict can be compared."""
    unfinished = make_decision({"employment": "employed"})

    assert compare(client, decline, unfinished).status_code == 404


def test_compare_with_nothing_decided_says_what_is_needed(client):
    """With no decided decisions, Compare explains what it needs."""
    response = client.get(reverse("journal:compare"))

    assertContains(response, "You need two decisions with a recommendation")
