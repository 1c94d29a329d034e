"""Every change to stored decisions, each saving only the columns it changes.

Policy lives in the pure modules (flow, engine, drafting); these functions
apply it to stored decisions. Every write sets a decision's updated_at, and a
write that depends on what it read (an answer merged into the others, a verdict
judged from them) goes through only if that has not changed since, else reads
the decision again and retries: no acknowledged change is lost.
"""

from dataclasses import dataclass
from typing import Any

from axes.models import AccessAttempt

from django.contrib.auth import SESSION_KEY
from django.contrib.auth.models import AbstractBaseUser
from django.contrib.sessions.models import Session
from django.db import connections, models, router, transaction
from django.db.backends.base.base import BaseDatabaseWrapper
from django.utils import timezone

from decisions import drafting, engine, flow, questionnaire
from decisions.drafting import EmailKind, EmailReason
from decisions.models import Decision, Hit, Owner, ShareLink


@dataclass(frozen=True)
class Moved:
    """Where a write sends the person next.

    `replaced_rules` names the older rules version when the write judged the
    answers with newer rules than their last verdict, and `overturned` the
    recommendation a new verdict turned around, so the page can say so.
    """

    step: flow.Step
    replaced_rules: str = ""
    overturned: engine.Recommendation | None = None


def start_decision(
    *, owner: Owner, client: str, question_id: str, value: str
) -> tuple[Decision, Moved]:
    """Store a new decision with its first answer: nothing is stored before one."""
    decision = Decision.objects.create(
        user=owner.user,
        browser_id=owner.browser_id,
        client_key=client,
        answers={question_id: value},
    )
    return decision, _advance(decision, None)


def record_answer(
    decision: Decision,
    *,
    question_id: str,
    value: str,
    came_from: flow.ReturnTo | None = None,
) -> Moved:
    """Store one answer, dropping answers the flow no longer asks.

    A changed answer reopens a complete decision; its stored verdict stays as
    it was judged until the person asks for a new one. The answers are written
    only if the decision is still as the request read it; if another write came
    first, the answer is merged into what that write stored, so none is lost.
    """
    while True:
        stored = decision.answers
        answers = questionnaire.prune({**stored, question_id: value})
        if answers == stored or _saved_unless_changed(
            decision, answers=answers, status=Decision.Status.IN_PROGRESS
        ):
            return _advance(decision, came_from)
        decision.refresh_from_db(fields=["answers", "details_given", "updated_at"])


# Answering and judging each write one statement, which goes through only if the
# decision's row is as the request read it (not updated since): no lock, no
# transaction. They are written out, as the ORM took longer to build them than
# the database to run them (`bench/inprocess.py journey`).
UPDATE_UNLESS_CHANGED = "UPDATE {table} SET {columns} WHERE id = %s AND updated_at = %s"


def _saved_unless_changed(decision: Decision, **values: Any) -> bool:
    """Save these values (and the time) if the decision's row is as it was
    read; whether it was. The decision holds them once saved."""
    connection = connections[router.db_for_write(Decision)]
    read_at = _prepared(decision, "updated_at", connection)
    saved = Decision(id=decision.id, updated_at=timezone.now(), **values)
    names = [*values, "updated_at"]
    query = UPDATE_UNLESS_CHANGED.format(
        table=connection.ops.quote_name(Decision._meta.db_table),
        columns=", ".join(f"{connection.ops.quote_name(name)} = %s" for name in names),
    )
    params = [_prepared(saved, name, connection) for name in [*names, "id"]]
    with connection.cursor() as cursor:
        cursor.execute(query, [*params, read_at])
        if cursor.rowcount != 1:
            return False
    for name in names:
        setattr(decision, name, getattr(saved, name))
    return True


def _prepared(decision: Decision, column: str, connection: BaseDatabaseWrapper) -> Any:
    """The decision's value for `column`, as the ORM would send it."""
    field = Decision._meta.get_field(column)
    assert isinstance(field, models.Field)
    return field.get_db_prep_save(getattr(decision, field.attname), connection)


def save_details(
    decision: Decision, *, fields: list[str], came_from: flow.ReturnTo | None = None
) -> Moved:
    """Save the interview details already set on `decision`, and move on."""
    decision.details_given = True
    decision.save(update_fields=[*fields, "details_given", "updated_at"])
    return _advance(decision, came_from)


def confirm_answers(decision: Decision) -> Moved:
    """The person checked their answers: judge them and show the verdict."""
    return judge(decision)


def _advance(decision: Decision, came_from: flow.ReturnTo | None) -> Moved:
    step = flow.next_step(
        decision.answers, details_given=decision.details_given, came_from=came_from
    )
    if step == flow.VERDICT:
        return judge(decision)
    return Moved(step)


def judge(decision: Decision) -> Moved:
    """Weigh changed answers; a decision whose answers stand keeps its verdict.

    The move names the older rules version when newer rules judged the answers,
    and the earlier recommendation when the new verdict turned it around.
    """
    if decision.is_complete:
        return Moved(flow.VERDICT)
    judged_by = decision.rules_version
    before = decision.judgement().recommendation if decision.verdict else None
    verdict = complete(decision)
    replaced = judged_by if judged_by not in ("", verdict.rules_version) else ""
    overturned = before if before not in (None, verdict.recommendation) else None
    return Moved(flow.VERDICT, replaced_rules=replaced, overturned=overturned)


def complete(decision: Decision) -> engine.Verdict:
    """Judge the answers with the current rules and store the snapshot, if the
    decision is still as the request read it; else judge what it holds now."""
    while True:
        verdict = engine.evaluate(decision.answers)
        ticks = decision.checklist_ticks
        if ticks:  # Drafting the checklist costs; no ticks, nothing to drop.
            follow_up = drafting.follow_up(verdict, decision.interview_context())
            known = {item.id for item in follow_up.checklist}
            ticks = [tick for tick in ticks if tick in known]
        if _saved_unless_changed(
            decision,
            verdict=verdict.to_dict(),
            rules_version=verdict.rules_version,
            status=Decision.Status.COMPLETE,
            completed_at=timezone.now(),
            checklist_ticks=ticks,
        ):
            return verdict
        decision.refresh_from_db(fields=["answers", "checklist_ticks", "updated_at"])


def save_email_options(
    decision: Decision, *, reason: EmailReason, kind: EmailKind, keep_in_mind_for: str
) -> None:
    decision.email_reason = reason
    decision.email_kind = kind
    decision.email_keep_in_mind_for = keep_in_mind_for
    decision.save(
        update_fields=[
            "email_reason",
            "email_kind",
            "email_keep_in_mind_for",
            "updated_at",
        ]
    )


def save_checklist_ticks(decision: Decision, ticks: list[str]) -> None:
    decision.checklist_ticks = ticks
    decision.save(update_fields=["checklist_ticks", "updated_at"])


@transaction.atomic
def claim_browser_decisions(*, browser_id: str, user: AbstractBaseUser) -> int:
    """Move this browser's anonymous decisions to the account that just logged in."""
    if not browser_id:
        return 0
    return Decision.objects.filter(user=None, browser_id=browser_id).update(
        user=user, browser_id=""
    )


def create_share_link(decision: Decision, *, include_company: bool) -> ShareLink:
    """A new link, turning off any earlier one."""
    with transaction.atomic():
        revoke_share_links(decision)
        return ShareLink.objects.create(
            decision=decision, include_company=include_company
        )


def revoke_share_links(decision: Decision) -> None:
    decision.share_links.filter(revoked_at=None).update(revoked_at=timezone.now())


def delete_all_data(owner: Owner) -> None:
    """Delete every decision of this browser or account; an account goes too,
    with its sessions on every other device.

    The caller ends this session, which holds the browser's id.
    """
    Decision.objects.owned_by(owner).delete()
    if owner.user is not None:
        AccessAttempt.objects.filter(username=owner.user.get_username()).delete()
        Session.objects.filter(session_key__in=_sessions_of(owner.user)).delete()
        owner.user.delete()


def _sessions_of(user: AbstractBaseUser) -> list[str]:
    """The keys of the account's live sessions. Session data is signed, not
    searchable, so this reads each live session: a scan, for a rare request."""
    account = str(user.pk)
    live = Session.objects.filter(expire_date__gt=timezone.now())
    return [
        session.session_key
        for session in live.iterator()
        if session.get_decoded().get(SESSION_KEY) == account
    ]


def probe_database() -> None:
    """Read and write as pages do, leaving nothing behind; raises DatabaseError
    when the database can't (down, read-only, out of disk, locked too long)."""
    with transaction.atomic():
        Decision.objects.exists()
        Hit.objects.create(door="readiness_probe").delete()
