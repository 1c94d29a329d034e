"""Everything a person keeps, to take elsewhere: as JSON, and as CSV with one row
per decision. docs/export.md documents both.
"""

import csv
import datetime
import io
from typing import Any

from decisions import questionnaire
from decisions.models import Decision
from journal.presenters import reflection_of

DETAILS = [
    "role_title",
    "company_name",
    "contact_name",
    "your_name",
    "recipient_email",
    "interview_date",
    "interview_time",
]

# Spreadsheets run a cell that starts with one of these as a formula, so text
# the person typed gets a leading apostrophe there (OWASP's CSV injection advice).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
TYPED_COLUMNS = {"role_title", "company_name", "contact_name", "your_name", "note"}

LIST_SEPARATOR = "; "


def _iso(value: Any) -> Any:
    """Dates as YYYY-MM-DD, times of day as HH:MM, moments in full ISO 8601."""
    if isinstance(value, datetime.time):
        return value.isoformat(timespec="minutes")
    if isinstance(value, datetime.date):
        return value.isoformat()
    return value


def decision_data(decision: Decision) -> dict[str, Any]:
    """One decision with its journal, as plain JSON values."""
    reflection = reflection_of(decision)
    return {
        "id": str(decision.pk),
        "status": decision.status,
        "created_at": _iso(decision.created_at),
        "completed_at": _iso(decision.completed_at),
        "details": {name: _iso(getattr(decision, name)) for name in DETAILS},
        "answers": decision.answers,
        "verdict": decision.verdict,
        "checklist_ticks": decision.checklist_ticks,
        "journal": [
            {
                "step": entry.step,
                "date": _iso(entry.happened_on),
                "time": _iso(entry.at_time),
            }
            for entry in decision.journal_entries.all()
        ],
        "reflection": None
        if reflection is None
        else {
            "worth_it": reflection.worth_it or None,
            "regret": reflection.regret or None,
            "benefits": reflection.benefits,
            "drawbacks": reflection.drawbacks,
            "note": reflection.note,
        },
    }


def as_json(decisions: list[Decision]) -> dict[str, Any]:
    return {"decisions": [decision_data(decision) for decision in decisions]}


ANSWER_COLUMNS = [f"answer_{question.id}" for question in questionnaire.QUESTIONS]
CSV_COLUMNS = [
    "id",
    "status",
    "created_at",
    "completed_at",
    *DETAILS,
    *ANSWER_COLUMNS,
    "recommendation",
    "strength",
    "close_call",
    "score",
    "situations",
    "reasons",
    "rules_version",
    "checklist_ticks",
    "journal",
    "worth_it",
    "regret",
    "benefits",
    "drawbacks",
    "note",
]


def _cell(column: str, value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    text = str(value)
    if column in TYPED_COLUMNS and text.startswith(FORMULA_STARTS):
        return f"'{text}"
    return text


def _journal_cell(journal: list[dict[str, Any]]) -> str:
    """Each step as "date step" or "date step time", in the order recorded."""
    return LIST_SEPARATOR.join(
        " ".join(filter(None, (entry["date"], entry["step"], entry["time"])))
        for entry in journal
    )


def csv_row(decision: Decision) -> dict[str, str]:
    data = decision_data(decision)
    verdict = data["verdict"] or {}
    reflection = data["reflection"] or {}
    values: dict[str, Any] = {
        "id": data["id"],
        "status": data["status"],
        "created_at": data["created_at"],
        "completed_at": data["completed_at"],
        **data["details"],
        **{
            f"answer_{question_id}": answer
            for question_id, answer in data["answers"].items()
        },
        "recommendation": verdict.get("verdict"),
        "strength": verdict.get("strength"),
        "close_call": verdict.get("close_call"),
        "score": verdict.get("score"),
        "situations": LIST_SEPARATOR.join(verdict.get("situations", ())),
        "reasons": LIST_SEPARATOR.join(
            f"{reason['factor']} {reason['direction']} {reason['weight']}"
            for reason in verdict.get("reasons", ())
        ),
        "rules_version": verdict.get("rules_version"),
        "checklist_ticks": LIST_SEPARATOR.join(data["checklist_ticks"]),
        "journal": _journal_cell(data["journal"]),
        "worth_it": reflection.get("worth_it"),
        "regret": reflection.get("regret"),
        "benefits": LIST_SEPARATOR.join(reflection.get("benefits", ())),
        "drawbacks": LIST_SEPARATOR.join(reflection.get("drawbacks", ())),
        "note": reflection.get("note"),
    }
    return {column: _cell(column, values.get(column)) for column in CSV_COLUMNS}


def as_csv(decisions: list[Decision]) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=CSV_COLUMNS)
    writer.writeheader()
    writer.writerows(csv_row(decision) for decision in decisions)
    return out.getvalue()
