"""What the journal's pages show: stored decisions and journals turned into
display values. Nothing here writes.

Each page reads a fixed number of queries, however many decisions a person
keeps: journals come with their decisions (one join, one prefetch), My
decisions reads its rows' versions and the rows only to draw them again (see
VERSIONS), and the record reads plain values, summed in journal.record.
"""

import datetime
import json
import math
import uuid
from dataclasses import dataclass
from functools import cached_property, lru_cache, partial
from typing import TYPE_CHECKING, Any, NamedTuple, TypedDict

from django.core.paginator import Page, Paginator
from django.db import connection
from django.db.models import (
    QuerySet,
    TextField,
)
from django.db.models.fields.json import KT
from django.db.models.functions import Cast
from django.http import Http404
from django.utils import timezone
from django.utils.formats import date_format, time_format
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext

from decisions import drafting, engine
from decisions.links import decision_url
from decisions.models import Decision, Owner
from decisions.presenters import factor, situation
from journal import record, timeline
from journal.forms import CompareForm, ReflectionForm, StepForm
from journal.models import JournalEntry, Reflection

if TYPE_CHECKING:
    from django_stubs_ext import WithAnnotations

    class FromVerdict(TypedDict):
        """What `rows_of` reads from each decision's stored verdict: nothing
        until it is decided."""

        recommendation_value: str | None
        verdict_text: str | None


HISTORY_PAGE_SIZE = 25
# Far beyond anyone's decisions, and within what every database can skip.
MOST_PAGES = 10**9
# The most recent decisions offered to pick from on the Compare page.
PICKER_SIZE = 25


def with_journal(decisions: QuerySet[Decision]) -> QuerySet[Decision]:
    return decisions.select_related("reflection").prefetch_related("journal_entries")


def reflection_of(decision: Decision) -> Reflection | None:
    try:
        return decision.reflection
    except Reflection.DoesNotExist:
        return None


def journal_of(decision: Decision) -> timeline.Journal:
    """The decision's journal as plain values, from its prefetched entries."""
    return journal_with(
        decision,
        tuple(entry.entry() for entry in decision.journal_entries.all()),
        reflected=reflection_of(decision) is not None,
    )


def journal_with(
    decision: Decision, entries: tuple[timeline.Entry, ...], *, reflected: bool
) -> timeline.Journal:
    planned = None
    if decision.interview_date is not None:
        planned = timeline.Interview(decision.interview_date, decision.interview_time)
    return timeline.Journal(
        decided=decision.is_complete,
        entries=entries,
        planned=planned,
        reflected=reflected,
    )


def decision_name(
    decision: Decision, recommendation: engine.Recommendation | None
) -> str:
    """The title typed in the details, else the recommendation and when it started."""
    if decision.title:
        return decision.title
    started = timezone.localtime(decision.created_at)
    when = {"date": date_format(started, "j M Y"), "time": time_format(started, "H:i")}
    if recommendation is engine.Recommendation.INTERVIEW:
        return gettext("Interview recommended, %(date)s at %(time)s") % when
    if recommendation is engine.Recommendation.DECLINE:
        return gettext("Decline recommended, %(date)s at %(time)s") % when
    return gettext("Untitled, started %(date)s at %(time)s") % when


@dataclass(frozen=True)
class Progress:
    done: int
    total: int


@lru_cache(maxsize=1024)
def checklist_ids(stored_verdict: str) -> frozenset[str]:
    """The checklist's item ids for a stored verdict (as JSON): the same for
    every decision judged alike, so worked out once for them all."""
    verdict = engine.Verdict.from_dict(json.loads(stored_verdict))
    checklist = drafting.prep_checklist(verdict, drafting.Context())
    return frozenset(item.id for item in checklist)


def progress(stored_verdict: str, ticks: list[str]) -> Progress:
    """How much of the preparation checklist is ticked."""
    items = checklist_ids(stored_verdict)
    return Progress(len(items & set(ticks)), len(items))


def checklist_progress(decision: Decision) -> Progress:
    return progress(
        json.dumps(decision.verdict, sort_keys=True), decision.checklist_ticks
    )


@dataclass(frozen=True)
class Row:
    """One decision in a list: its verdict once decided, and its journal.

    A page reads each value several times (a table and cards), so each is
    worked out once.
    """

    decision: Decision
    verdict: engine.Verdict | None
    journal: timeline.Journal
    next_step: timeline.NextStep

    @property
    def recommendation(self) -> engine.Recommendation | None:
        return self.verdict.recommendation if self.verdict else None

    @cached_property
    def name(self) -> str:
        return decision_name(self.decision, self.recommendation)

    @cached_property
    def interview(self) -> timeline.Interview | None:
        return self.journal.interview()

    @cached_property
    def checklist(self) -> Progress | None:
        return checklist_progress(self.decision) if self.verdict else None


def row(decision: Decision, today: datetime.date) -> Row:
    journal = journal_of(decision)
    verdict = decision.judgement() if decision.is_complete else None
    return Row(decision, verdict, journal, journal.next_step(today))


# My decisions keeps its table in the fragment cache, and reads on each visit
# only what tells whether it has changed: the owner's decisions' versions.
# Saving a decision (its details, ticks, verdict) changes its updated_at; its
# journal and reflection are stored apart, so their own subqueries tell. A
# journal's steps are only ever added, or taken back from the end, and ids are
# never reused: a journal changed in any way has a new latest step, or none.
# Written out, as the ORM took longer to build it than the database to run it;
# each row says how many decisions the owner has, so the pages need no count.
VERSIONS = (
    "SELECT id, updated_at, rules_version,"
    " EXISTS (SELECT 1 FROM journal_reflection"
    " WHERE decision_id = decisions_decision.id) AS reflected,"
    " (SELECT MAX(id) FROM journal_journalentry"
    " WHERE decision_id = decisions_decision.id) AS latest_step,"
    " (SELECT COUNT(*) FROM decisions_decision WHERE {owner}) AS total"
    " FROM decisions_decision WHERE {owner}"
    " ORDER BY created_at DESC LIMIT %s OFFSET %s"
)


class Version(NamedTuple):
    """One row of VERSIONS: a decision's id, and what tells whether it changed."""

    pk: uuid.UUID
    updated_at: object
    rules_version: str
    reflected: bool
    latest_step: int | None
    total: int


def version_of(listed: Any) -> str:
    """One of VERSIONS' rows, as a cache key."""
    return (
        f"{listed.pk} {listed.updated_at} {listed.rules_version} "
        f"{listed.reflected} {listed.latest_step}"
    )


@dataclass(frozen=True)
class Listed:
    """One decision as a row of My decisions shows it, worked out only when
    the row is drawn rather than taken from the fragment cache (its version)."""

    decision: "WithAnnotations[Decision, FromVerdict]"
    entries: tuple[timeline.Entry, ...]
    reflected: bool
    today: datetime.date
    version: str

    @cached_property
    def recommendation(self) -> engine.Recommendation | None:
        value = self.decision.recommendation_value
        if not self.decision.is_complete or value is None:
            return None
        return engine.Recommendation(value)

    @cached_property
    def name(self) -> str:
        return decision_name(self.decision, self.recommendation)

    @cached_property
    def journal(self) -> timeline.Journal:
        return journal_with(self.decision, self.entries, reflected=self.reflected)

    @property
    def interview(self) -> timeline.Interview | None:
        return self.journal.interview()

    @property
    def next_step(self) -> timeline.NextStep:
        return self.journal.next_step(self.today)

    @property
    def checklist(self) -> Progress | None:
        verdict = self.decision.verdict_text
        if not self.decision.is_complete or verdict is None:
            return None
        return progress(verdict, self.decision.checklist_ticks)

    @property
    def url(self) -> str:
        return decision_url("decisions:resume", self.decision.pk)

    @property
    def journal_url(self) -> str:
        return decision_url("journal:journal", self.decision.pk)

    @property
    def delete_url(self) -> str:
        return decision_url("decisions:delete", self.decision.pk)


def journals_of(pks: list[uuid.UUID]) -> dict[uuid.UUID, list[timeline.Entry]]:
    """These decisions' journal steps in the order recorded, in one query."""
    entries: dict[uuid.UUID, list[timeline.Entry]] = {}
    if pks:
        for decision_id, step, on, at in JournalEntry.objects.filter(
            decision_id__in=pks
        ).values_list("decision_id", "step", "happened_on", "at_time"):
            entry = timeline.Entry(timeline.Step(step), on, at)
            entries.setdefault(decision_id, []).append(entry)
    return entries


def rows_of(versions: list[Any], today: datetime.date) -> list[Listed]:
    """The rows of a page of VERSIONS with all they show, in two queries: the
    columns shown, the stored verdict's recommendation and the verdict as text
    (decoded once for all decisions judged alike), then the journals."""
    decisions = (
        Decision.objects.only(
            "status",
            "role_title",
            "company_name",
            "interview_date",
            "interview_time",
            "checklist_ticks",
            "created_at",
        )
        .annotate(
            recommendation_value=KT("verdict__verdict"),
            verdict_text=Cast("verdict", TextField()),
        )
        .in_bulk([listed.pk for listed in versions])
    )
    journals = journals_of(
        [listed.pk for listed in versions if listed.latest_step is not None]
    )
    return [
        Listed(
            decisions[listed.pk],
            entries=tuple(journals.get(listed.pk, ())),
            reflected=listed.reflected,
            today=today,
            version=f"{version_of(listed)} {today}",
        )
        for listed in versions
        # Unless deleted since.
        if listed.pk in decisions
    ]


def history_page(owner: Owner, page_number: str | None, today: datetime.date) -> dict:
    """My decisions: a page of them, newest first, each with its next step.

    The page is kept in the fragment cache under `version`, of whose decisions
    they are, today (the next steps depend on it) and each row's version; its
    rows are read only to draw it again.
    """
    number = wanted_page(page_number)
    versions = page_of_versions(owner, number)
    total = versions[0].total if versions else 0
    if not versions and number != 1:
        # Past the last page (or before the first): the last, as get_page() does.
        total = Decision.objects.owned_by(owner).count()
        number = max(1, math.ceil(total / HISTORY_PAGE_SIZE))
        versions = page_of_versions(owner, number)
    page: Page = Paginator(range(total), HISTORY_PAGE_SIZE).page(number)
    whose = owner.user.pk if owner.user is not None else owner.browser_id
    return {
        "page": page,
        "version": " ".join([f"{whose} {today}", *map(version_of, versions)]),
        "rows": SimpleLazyObject(partial(rows_of, versions, today)),
    }


def wanted_page(page_number: str | None) -> int:
    """The page asked for; the first unless it names one by number."""
    try:
        return int(page_number or 1)
    except ValueError:
        return 1


def page_of_versions(owner: Owner, number: int) -> list[Version]:
    """A page of VERSIONS, each with how many the owner has (`total`); none
    for a page before the first or beyond any database's reach."""
    if not 1 <= number <= MOST_PAGES:
        return []
    start = (number - 1) * HISTORY_PAGE_SIZE
    if owner.owns_nothing:
        return []
    whose, owner_id = owner.condition
    query = VERSIONS.format(owner=whose)
    with connection.cursor() as cursor:
        cursor.execute(query, [owner_id, owner_id, HISTORY_PAGE_SIZE, start])
        rows = cursor.fetchall()
    to_id = Decision._meta.pk.to_python
    return [
        Version(to_id(pk), updated, rules, bool(reflected), latest, total)
        for pk, updated, rules, reflected, latest, total in rows
    ]


def new_step_form(
    decision: Decision, today: datetime.date, data: Any = None
) -> StepForm:
    """The form for the next step, offering those that may follow the last."""
    journal = journal_of(decision)
    return StepForm(data, can_follow=journal.can_follow(), today=today)


def new_reflection_form(
    decision: Decision, today: datetime.date, data: Any = None
) -> ReflectionForm | None:
    """Looking back, once the person went or chose not to; None before that."""
    looking_back = journal_of(decision).looking_back(today)
    if looking_back is None:
        return None
    stored = reflection_of(decision)
    initial = {}
    if stored is not None:
        initial = {
            "worth_it": stored.worth_it,
            "regret": stored.regret,
            "benefits": stored.benefits,
            "drawbacks": stored.drawbacks,
            "note": stored.note,
        }
    return ReflectionForm(data, initial=initial, looking_back=looking_back)


def journal_page(
    decision: Decision,
    today: datetime.date,
    *,
    typed: StepForm | ReflectionForm | None = None,
) -> dict[str, Any]:
    """What happened next: the timeline, what may be added, and looking back;
    `typed` is a form sent with errors, shown again as it was typed."""
    shown = row(decision, today)
    step_form = typed if isinstance(typed, StepForm) else None
    reflection_form = typed if isinstance(typed, ReflectionForm) else None
    return {
        "decision": decision,
        "row": shown,
        "entries": list(decision.journal_entries.all()),
        "step_form": step_form or new_step_form(decision, today),
        "reflection_form": reflection_form or new_reflection_form(decision, today),
        "looking_back": shown.journal.looking_back(today),
    }


def owned_with_journal(owner: Owner) -> QuerySet[Decision]:
    return with_journal(Decision.objects.owned_by(owner))


@dataclass(frozen=True)
class Tally:
    """A count with its label, for the record's lists."""

    label: str
    count: int


def kept(values: dict[str, Any], steps: list[timeline.Step]) -> record.Kept:
    """One decision as the record counts it, from its row's plain values."""
    worth_it, regret = values["reflection__worth_it"], values["reflection__regret"]
    return record.Kept(
        recommendation=(
            engine.Recommendation(values["verdict__verdict"])
            if values["status"] == Decision.Status.COMPLETE
            else None
        ),
        steps=tuple(steps),
        worth_it=timeline.WorthIt(worth_it) if worth_it else None,
        regret=timeline.Regret(regret) if regret else None,
        benefits=tuple(values["reflection__benefits"] or ()),
        drawbacks=tuple(values["reflection__drawbacks"] or ()),
    )


def record_page(owner: Owner) -> dict[str, Any]:
    """Your record: the owner's own decisions and journals summed up, in two
    queries of plain values however many there are."""
    owned = Decision.objects.owned_by(owner)
    steps: dict[uuid.UUID, list[timeline.Step]] = {}
    for decision_id, step in JournalEntry.objects.filter(
        decision__in=owned
    ).values_list("decision_id", "step"):
        steps.setdefault(decision_id, []).append(timeline.Step(step))
    rows = owned.values(
        "id",
        "status",
        "verdict__verdict",
        "reflection__worth_it",
        "reflection__regret",
        "reflection__benefits",
        "reflection__drawbacks",
    )
    summed = record.record(kept(row, steps.get(row["id"], [])) for row in rows)
    return {
        "record": summed,
        "worth_it": [
            Tally(timeline.WORTH_IT_LABELS[answer], count)
            for answer, count in summed.worth_it
        ],
        "regrets": [
            Tally(timeline.REGRET_LABELS[answer], count)
            for answer, count in summed.regrets
        ],
        "benefits": [Tally(factor(id_).title, count) for id_, count in summed.benefits],
        "drawbacks": [
            Tally(factor(id_).title, count) for id_, count in summed.drawbacks
        ],
    }


@dataclass(frozen=True)
class Column:
    """One decision side by side with others: its judgement and next step."""

    row: Row
    situations: list[engine.Situation | Any]
    reasons_for: list[tuple[engine.Reason, engine.Factor | Any]]
    reasons_against: list[tuple[engine.Reason, engine.Factor | Any]]


def column(decision: Decision, today: datetime.date) -> Column:
    shown = row(decision, today)
    verdict = decision.judgement()
    reasons = [(reason, factor(reason.factor)) for reason in verdict.reasons]
    return Column(
        row=shown,
        situations=[situation(s) for s in verdict.situations],
        reasons_for=[pair for pair in reasons if pair[0].is_for],
        reasons_against=[pair for pair in reasons if not pair[0].is_for],
    )


def chosen(owner: Owner, ids: list[uuid.UUID]) -> list[Decision]:
    """The owner's decided decisions with these ids; 404 if any id is not one."""
    decisions = list(
        owned_with_journal(owner).filter(pk__in=ids, status=Decision.Status.COMPLETE)
    )
    if len(decisions) != len(ids):
        raise Http404("Not one of your decisions")
    return decisions


def compare_page(
    owner: Owner, form: CompareForm, today: datetime.date
) -> dict[str, Any]:
    """The chosen decisions side by side, and the most recent to choose from."""
    chosen_ = chosen(owner, form.cleaned_data["d"]) if form.is_valid() else []
    recent = Decision.objects.owned_by(owner).filter(status=Decision.Status.COMPLETE)[
        :PICKER_SIZE
    ]
    return {
        "form": form,
        "columns": [column(decision, today) for decision in chosen_],
        "picker": [
            (decision, decision_name(decision, decision.judgement().recommendation))
            for decision in recent
        ],
        "ticked": set(form["d"].value() or ()),
    }
