"""The few writes the app makes, kept out of views.

Policy lives in the pure modules (questionnaire, engine, drafting); these
functions apply it to stored decisions.
"""

import contextlib
import datetime
import hashlib
import hmac
import ipaddress
import secrets
from dataclasses import dataclass

from axes.models import AccessAttempt

from django.conf import settings
from django.contrib.auth import logout
from django.db import transaction
from django.utils import timezone

from decisions import drafting, engine, questionnaire
from decisions.drafting import Context
from decisions.models import Decision, Owner, ShareLink

BROWSER_KEY = "browser_id"


def owner_for(request, *, create: bool = False) -> Owner:
    """The account, or this browser's random id (made on first need)."""
    if request.user.is_authenticated:
        return Owner(user=request.user)
    browser_id = request.session.get(BROWSER_KEY, "")
    if not browser_id and create:
        browser_id = secrets.token_urlsafe(32)
        request.session[BROWSER_KEY] = browser_id
    return Owner(browser_id=browser_id)


def client_ip(request) -> str:
    """The client's address, trusting only the proxies we run in front of us.

    Each trusted proxy appends the address it saw to X-Forwarded-For, so the
    client is the entry DJANGO_PROXY_COUNT places from the right; anything
    further left was written by the client and proves nothing.
    """
    remote_addr = request.META.get("REMOTE_ADDR", "")
    proxies = settings.PROXY_COUNT
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    hops = [hop.strip() for hop in forwarded.split(",") if hop.strip()]
    if proxies and len(hops) >= proxies:
        with contextlib.suppress(ValueError):
            return str(ipaddress.ip_address(hops[-proxies]))
    return remote_addr


def client_key(request) -> str:
    """A keyed hash of the client address: enough to throttle, useless to read."""
    address = client_ip(request)
    digest = hmac.new(settings.SECRET_KEY.encode(), address.encode(), hashlib.sha256)
    return digest.hexdigest()


def is_over_start_limit(key: str) -> bool:
    since = timezone.now() - datetime.timedelta(hours=1)
    recent = Decision.objects.filter(client_key=key, created_at__gte=since)
    return recent.count() >= settings.DECISIONS_PER_HOUR


def start_decision(*, owner: Owner, client: str) -> Decision:
    return Decision.objects.create(
        user=owner.user, browser_id=owner.browser_id, client_key=client
    )


def record_answer(decision: Decision, *, question_id: str, value: str) -> None:
    """Store one answer, dropping answers the flow no longer asks.

    A changed answer reopens a complete decision; its stored verdict stays as
    it was judged until the person asks for a new one.
    """
    answers = dict(decision.answers)
    answers[question_id] = value
    answers = questionnaire.prune(answers)
    if answers != decision.answers:
        decision.answers = answers
        decision.status = Decision.Status.IN_PROGRESS
        decision.save(update_fields=["answers", "status", "updated_at"])


def restart(decision: Decision) -> None:
    """Clear the answers to start the questions again; the details stay to reuse."""
    decision.answers = {}
    decision.details_given = False
    decision.status = Decision.Status.IN_PROGRESS
    decision.save(update_fields=["answers", "details_given", "status", "updated_at"])


def complete(decision: Decision) -> engine.Verdict:
    """Judge the answers with the current rules and store the snapshot."""
    verdict = engine.evaluate(decision.answers)
    decision.verdict = verdict.to_dict()
    decision.rules_version = verdict.rules_version
    decision.status = Decision.Status.COMPLETE
    decision.completed_at = timezone.now()
    known = {item.id for item in checklist_for(decision, verdict)}
    decision.checklist_ticks = [
        tick for tick in decision.checklist_ticks if tick in known
    ]
    decision.save()
    return verdict


@dataclass(frozen=True)
class Retired:
    """A factor or situation a stored verdict names that today's rules don't have."""

    id: str
    weight: int = engine.SITUATION_WEIGHT
    summary: str = ""

    @property
    def title(self) -> str:
        return self.id.replace("_", " ").capitalize()


def factor(factor_id: str) -> engine.Factor | Retired:
    return engine.FACTORS_BY_ID.get(factor_id) or Retired(factor_id)


def situation(situation_id: str) -> engine.Situation | Retired:
    return engine.SITUATIONS_BY_ID.get(situation_id) or Retired(situation_id)


def described_changes(verdict: engine.Verdict) -> list:
    """(change, question, answer label) for each change today's questions still ask."""
    described = []
    for change in verdict.what_would_change:
        question = questionnaire.QUESTIONS_BY_ID.get(change.question)
        if question is not None and change.answer in question.values:
            described.append((change, question, question.label_for(change.answer)))
    return described


def stored_verdict(decision: Decision) -> engine.Verdict:
    return engine.Verdict.from_dict(decision.verdict)


def context_for(decision: Decision) -> Context:
    return Context(
        role_title=decision.role_title,
        company_name=decision.company_name,
        contact_name=decision.contact_name,
        your_name=decision.your_name,
        interview_date=decision.interview_date,
    )


def follow_up(
    decision: Decision, verdict: engine.Verdict, context: Context, *, shared=False
) -> drafting.FollowUp:
    """The email or checklist; a shared one is the plain outline, with no choices."""
    options = (
        {} if shared else {"reason": decision.email_reason, "kind": decision.email_kind}
    )
    return drafting.follow_up(verdict, decision.answers, context, **options)


def checklist_for(decision: Decision, verdict: engine.Verdict):
    return follow_up(decision, verdict, context_for(decision)).checklist


def rules_changed(decision: Decision) -> bool:
    return decision.is_complete and decision.rules_version != engine.RULES_VERSION


@transaction.atomic
def claim_browser_decisions(*, browser_id: str, user) -> int:
    """Move this browser's anonymous decisions to the account that just logged in."""
    if not browser_id:
        return 0
    return Decision.objects.filter(user=None, browser_id=browser_id).update(
        user=user, browser_id=""
    )


def create_share_link(decision: Decision, *, include_company: bool) -> ShareLink:
    with transaction.atomic():
        revoke_share_links(decision)
        return ShareLink.objects.create(
            decision=decision, include_company=include_company
        )


def revoke_share_links(decision: Decision) -> None:
    decision.share_links.filter(revoked_at=None).update(revoked_at=timezone.now())


def delete_all_data(owner: Owner, *, request) -> None:
    """Delete every decision of this browser or account; an account goes too."""
    Decision.objects.owned_by(owner).delete()
    if owner.user is not None:
        user = owner.user
        logout(request)
        AccessAttempt.objects.filter(username=user.get_username()).delete()
        user.delete()
    else:
        request.session.flush()


def shared_context(link: ShareLink) -> Context:
    """What a share link may show of the context: never a person's name."""
    decision = link.decision
    if not link.include_company:
        return Context()
    return Context(role_title=decision.role_title, company_name=decision.company_name)


def shared_data(link: ShareLink) -> dict:
    """The JSON a share link shows: the judgement, with no personal data."""
    decision = link.decision
    verdict = stored_verdict(decision)
    context = shared_context(link)
    data = verdict.to_dict()
    data["role_title"] = context.role_title or None
    data["company_name"] = context.company_name or None
    return data | follow_up(decision, verdict, context, shared=True).to_dict()
