"""Exports: every decision with its answers, verdict, details, journal and look back."""

import csv
import datetime
import io
import json

import pytest

from django.conf import settings
from django.urls import reverse

from decisions import questionnaire
from journal import export, writes
from journal.timeline import Step
from tests.conftest import DECLINE_ANSWERS, INTERVIEW_ANSWERS

pytestmark = pytest.mark.django_db


@pytest.fixture
def kept(make_decision):
    """A decided interview with a journal and a look back, and an unfinished one."""
    decision = make_decision(
        INTERVIEW_ANSWERS,
        complete=True,
        role_title="Analyst",
        company_name='=HYPERLINK("http://evil")',
        interview_date=datetime.date(2026, 11, 3),
        interview_time=datetime.time(9, 30),
    )
    writes.add_step(
        decision,
        step=Step.INTERVIEW_BOOKED,
        happened_on=datetime.date(2026, 11, 3),
        at_time=datetime.time(9, 30),
    )
    writes.add_step(
        decision, step=Step.ATTENDED, happened_on=datetime.date(2026, 11, 3)
    )
    writes.save_reflection(
        decision,
        worth_it="partly",
        benefits=["practice", "networking"],
        drawbacks=["time_cost"],
        note="-Useful, but long",
    )
    make_decision({"employment": "employed"})
    return decision


def test_the_json_export_holds_everything_kept(client, kept):
    """Answers, the verdict snapshot, details, journal and look back, as a download."""
    response = client.get(reverse("journal:export_json"))

    assert response["Content-Type"] == "application/json"
    assert "attachment" in response["Content-Disposition"]
    decisions = json.loads(response.content)["decisions"]
    assert len(decisions) == 2
    data = next(item for item in decisions if item["id"] == str(kept.pk))
    assert data["answers"] == INTERVIEW_ANSWERS
    assert data["verdict"]["verdict"] == "interview"
    assert data["details"]["interview_date"] == "2026-11-03"
    assert data["details"]["interview_time"] == "09:30"
    assert data["journal"] == [
        {"step": "interview_booked", "date": "2026-11-03", "time": "09:30"},
        {"step": "attended", "date": "2026-11-03", "time": None},
    ]
    assert data["reflection"] == {
        "worth_it": "partly",
        "regret": None,
        "benefits": ["practice", "networking"],
        "drawbacks": ["time_cost"],
        "note": "-Useful, but long",
    }


def test_an_unfinished_decision_exports_with_no_verdict(client, kept):
    """A decision without a verdict says so, with an empty journal."""
    decisions = json.loads(client.get(reverse("journal:export_json")).content)

    unfinished = next(
        item for item in decisions["decisions"] if item["id"] != str(kept.pk)
    )
    assert unfinished["verdict"] is None
    assert unfinished["journal"] == []
    assert unfinished["reflection"] is None


def csv_rows(client) -> list[dict[str, str]]:
    response = client.get(reverse("journal:export_csv"))
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert "attachment" in response["Content-Disposition"]
    return list(csv.DictReader(io.StringIO(response.content.decode())))


def test_the_csv_export_has_one_row_per_decision_with_the_documented_columns(
    client, kept
):
    """One row per decision, the columns docs/export.md names, in that order."""
    response = client.get(reverse("journal:export_csv"))
    header = next(csv.reader(io.StringIO(response.content.decode())))

    assert header == export.CSV_COLUMNS
    assert len(csv_rows(client)) == 2
    documented = (settings.BASE_DIR / "docs" / "export.md").read_text()
    for column in header:
        if not column.startswith("answer_"):
            assert f"`{column}`" in documented, column
    assert "`answer_<question id>`" in documented


def test_a_csv_row_flattens_the_verdict_journal_and_look_back(client, kept):
    """Lists are joined with "; " and each step reads "date step [time]"."""
    row = next(row for row in csv_rows(client) if row["id"] == str(kept.pk))

    assert row["answer_employment"] == "unemployed"
    assert row["recommendation"] == "interview"
    assert row["situations"] == "unemployed; desirable_company"
    assert row["journal"] == "2026-11-03 interview_booked 09:30; 2026-11-03 attended"
    assert row["benefits"] == "practice; networking"
    assert row["worth_it"] == "partly"
    assert row["close_call"] in ("yes", "no")


def test_typed_text_cannot_run_as_a_spreadsheet_formula(client, kept):
    """A typed value starting with = or - is written with a leading apostrophe."""
    row = next(row for row in csv_rows(client) if row["id"] == str(kept.pk))

    assert row["company_name"] == '\'=HYPERLINK("http://evil")'
    assert row["note"] == "'-Useful, but long"
    assert row["score"].lstrip("-").isdigit()


def test_every_question_has_an_answer_column():
    """The CSV names one answer column per question, in the questionnaire's order."""
    assert [
        f"answer_{question.id}" for question in questionnaire.QUESTIONS
    ] == export.ANSWER_COLUMNS


def test_an_empty_export_is_still_well_formed(client):
    """With nothing kept, JSON has an empty list and CSV just its header."""
    assert json.loads(client.get(reverse("journal:export_json")).content) == {
        "decisions": []
    }
    assert csv_rows(client) == []


def test_the_export_of_a_decline_has_no_look_back_until_there_is_one(
    client, make_decision
):
    """The reflection columns stay empty until the person looks back."""
    make_decision(DECLINE_ANSWERS, complete=True)

    (row,) = csv_rows(client)

    assert (row["worth_it"], row["regret"], row["note"], row["journal"]) == (
        "",
        "",
        "",
        "",
    )
