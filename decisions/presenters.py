"""What pages and the shared API show: stored decisions turned into display values.

Nothing here writes; everything works from a decision's stored answers,
details and verdict snapshot.
"""

from dataclasses import dataclass
from functools import cached_property, partial
from typing import Any, cast
from urllib.parse import quote

from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext

from decisions import charts, drafting, engine, flow, questionnaire
from decisions.drafting import EMAIL_KIND_LABELS, EMAIL_REASON_LABELS, Context
from decisions.links import step_url
from decisions.models import Decision, ShareLink


@dataclass(frozen=True)
class Retired:
    """A factor or situation a stored verdict names that today's rules don't have."""

    id: str
    weight: int = engine.SITUATION_WEIGHT
    summary: str = ""
    section: str = ""
    direction: engine.Direction = engine.Direction.FOR

    @property
    def is_for(self) -> bool:
        return self.direction is engine.Direction.FOR

    @property
    def title(self) -> str:
        return self.id.replace("_", " ").capitalize()


def factor(factor_id: str) -> engine.Factor | Retired:
    return engine.FACTORS_BY_ID.get(factor_id) or Retired(factor_id)


def situation(situation_id: str) -> engine.Situation | Retired:
    return engine.SITUATIONS_BY_ID.get(situation_id) or Retired(situation_id)


@dataclass(frozen=True)
class AnswerRow:
    """One line of a summary of answers, with the link that changes it."""

    question: questionnaire.Question
    answer: str
    change_url: str


def answer_rows(decision: Decision, came_from: flow.ReturnTo) -> list[AnswerRow]:
    return [
        AnswerRow(
            question=question,
            answer=question.label_for(decision.answers[question.id]),
            change_url=step_url(decision.pk, flow.question(question.id), came_from),
        )
        for question in questionnaire.asked_questions(decision.answers)
    ]


@dataclass(frozen=True)
class ChangeRow:
    """One different answer that would turn the recommendation around, as plain
    statements about the person, linked to the question that changes it."""

    question: questionnaire.Question
    answer: str
    statements: list[str]
    recommendation: engine.Recommendation
    kind: questionnaire.Kind
    change_url: str

    @property
    def is_interview(self) -> bool:
        return self.recommendation is engine.Recommendation.INTERVIEW


def _statement(question_id: str, value: str) -> str | None:
    question = questionnaire.QUESTIONS_BY_ID.get(question_id)
    choice = question.choice(value) if question else None
    return choice.statement if choice else None


def change_rows(decision: Decision, verdict: engine.Verdict) -> list[ChangeRow]:
    """Each change today's questions still ask, linked to that question."""
    rows = []
    for change in verdict.what_would_change:
        question = questionnaire.QUESTIONS_BY_ID.get(change.question)
        statement = _statement(change.question, change.answer)
        if question is None or statement is None:
            continue
        statements = [statement]
        if change.assuming is not None:
            assumed = _statement(change.assuming.question, change.assuming.answer)
            statements += [assumed] if assumed else []
        rows.append(
            ChangeRow(
                question=question,
                answer=question.label_for(change.answer),
                statements=statements,
                recommendation=change.recommendation,
                kind=change.kind,
                change_url=step_url(
                    decision.pk, flow.question(question.id), flow.ReturnTo.VERDICT
                ),
            )
        )
    return rows


@dataclass(frozen=True)
class TensionRow:
    """A key situation and a factor that pull opposite ways, and what to do."""

    situation: engine.Situation | Retired
    factor: engine.Factor | Retired
    text: str


def follow_up(
    decision: Decision, verdict: engine.Verdict, context: Context, *, shared: bool
) -> drafting.FollowUp:
    """The email and checklist; a shared one is the plain outline, with no choices."""
    if shared:
        return drafting.follow_up(verdict, context)
    return drafting.follow_up(
        verdict,
        context,
        reason=decision.email_reason or None,
        kind=decision.email_kind or None,
        keep_in_mind_for=decision.email_keep_in_mind_for,
    )


def owner_follow_up(decision: Decision) -> drafting.FollowUp:
    """The email and checklist as their owner has set them up."""
    return follow_up(
        decision, decision.judgement(), decision.interview_context(), shared=False
    )


@dataclass(frozen=True)
class ChecklistGroup:
    title: str
    items: list[drafting.ChecklistItem]


def checklist_groups(
    checklist: tuple[drafting.ChecklistItem, ...],
) -> list[ChecklistGroup]:
    """The checklist's items under their group titles, in the groups' order."""
    return [
        ChecklistGroup(group.title, items)
        for group in drafting.GROUPS
        if (items := [item for item in checklist if item.group == group.id])
    ]


def shared_context(link: ShareLink) -> Context:
    """What a share link may show of the context: never a person's name."""
    if not link.include_company:
        return Context()
    decision = link.decision
    return Context(role_title=decision.role_title, company_name=decision.company_name)


class JudgementParts:
    """What the verdict page and the shared page both show of one judgement.

    Each part is worked out when a template first reads it, so a page whose
    parts all come from the fragment cache works out none of them.
    """

    def __init__(self, decision: Decision, context: Context, *, shared: bool):
        self.decision = decision
        self.context = context
        self.shared = shared

    @cached_property
    def verdict(self) -> engine.Verdict:
        # A page reads only what finds its cached parts; working them out
        # needs the rest of the decision, read at once.
        if deferred := self.decision.get_deferred_fields():
            self.decision.refresh_from_db(fields=deferred)
        return self.decision.judgement()

    @cached_property
    def reasons(self) -> list[tuple[engine.Reason, engine.Factor | Retired]]:
        return [(reason, factor(reason.factor)) for reason in self.verdict.reasons]

    @cached_property
    def all_situations(self) -> list[engine.Situation | Retired]:
        return [situation(s) for s in self.verdict.situations]

    @cached_property
    def follow_up(self) -> drafting.FollowUp:
        return follow_up(self.decision, self.verdict, self.context, shared=self.shared)

    @cached_property
    def changes(self) -> list[ChangeRow]:
        return change_rows(self.decision, self.verdict)

    @cached_property
    def reasons_for(self) -> list:
        return [pair for pair in self.reasons if pair[0].is_for]

    @cached_property
    def reasons_against(self) -> list:
        return [pair for pair in self.reasons if not pair[0].is_for]

    @cached_property
    def situations(self) -> list:
        return [s for s in self.all_situations if s.is_for]

    @cached_property
    def situations_against(self) -> list:
        return [s for s in self.all_situations if not s.is_for]

    @cached_property
    def tensions(self) -> list[TensionRow]:
        return [
            TensionRow(situation(t.situation), factor(t.factor), t.text)
            for t in self.verdict.tensions
        ]

    @cached_property
    def judgement_changes(self) -> list[ChangeRow]:
        return [row for row in self.changes if row.kind is questionnaire.Kind.JUDGEMENT]

    @cached_property
    def circumstance_changes(self) -> list[ChangeRow]:
        return [
            row for row in self.changes if row.kind is questionnaire.Kind.CIRCUMSTANCE
        ]

    @cached_property
    def chart(self) -> charts.Chart:
        return charts.weighing(self.all_situations, self.reasons)

    @cached_property
    def email(self) -> drafting.Email:
        return self.follow_up.email

    @cached_property
    def checklist(self) -> tuple[drafting.ChecklistItem, ...]:
        return self.follow_up.checklist

    @cached_property
    def checklist_groups(self) -> list[ChecklistGroup]:
        return checklist_groups(self.follow_up.checklist)

    @cached_property
    def ticked_count(self) -> int:
        ticked = set(self.decision.checklist_ticks)
        return len({item.id for item in self.follow_up.checklist} & ticked)

    @cached_property
    def mailto(self) -> str:
        email = self.follow_up.email
        return "mailto:{}?subject={}&body={}".format(
            quote(self.decision.recipient_email, safe="@"),
            quote(email.subject, safe=""),
            quote(email.body, safe=""),
        )

    @cached_property
    def answer_rows(self) -> list[AnswerRow]:
        return answer_rows(self.decision, flow.ReturnTo.VERDICT)


SHARED_PARTS = (
    "verdict",
    "reasons_for",
    "reasons_against",
    "situations",
    "situations_against",
    "tensions",
    "changes",
    "judgement_changes",
    "circumstance_changes",
    "chart",
    "email",
    "checklist",
    "checklist_groups",
)
OWNER_PARTS = (*SHARED_PARTS, "ticked_count", "mailto", "answer_rows")


def _judgement_page(
    decision: Decision, context: Context, *, shared: bool, key: str
) -> dict[str, Any]:
    """The parts both pages show, each read lazily, and the key their cached
    fragments are kept under: the decision as last updated, for this page."""
    parts = JudgementParts(decision, context, shared=shared)
    names = SHARED_PARTS if shared else OWNER_PARTS
    return {
        "decision": decision,
        "fragment_key": f"{decision.pk}.{decision.updated_at.isoformat()}."
        f"{decision.rules_version}.{key}",
        "email_first": SimpleLazyObject(
            lambda: decision.recommendation is engine.Recommendation.DECLINE
        ),
        **{name: SimpleLazyObject(partial(getattr, parts, name)) for name in names},
    }


def verdict_page(decision: Decision) -> dict[str, Any]:
    """Everything the owner's verdict page shows."""
    page = _judgement_page(
        decision, decision.interview_context(), shared=False, key="owner"
    )
    return page | {
        "owner_view": True,
        "rules_changed": decision.rules_version != engine.RULES_VERSION,
        "email_reasons": list(EMAIL_REASON_LABELS.items()),
        "email_kinds": list(EMAIL_KIND_LABELS.items()),
        "share_link": decision.live_share_link(),
        "details_url": step_url(decision.pk, flow.DETAILS, flow.ReturnTo.VERDICT),
    }


def overturned_message(earlier: engine.Recommendation) -> str:
    """What the banner says when a changed answer turned the recommendation around."""
    if earlier is engine.Recommendation.DECLINE:
        return gettext(
            "It was to politely decline the interview. With your new answer, we "
            "now recommend taking it."
        )
    return gettext(
        "It was to take the interview. With your new answer, we now recommend "
        "politely declining it."
    )


def shared_page(link: ShareLink) -> dict[str, Any]:
    """Everything a share link's page shows: no names, no date, no choices."""
    key = "company" if link.include_company else "shared"
    # Read only when a part must be worked out, not when every part is cached.
    context = cast(Context, SimpleLazyObject(partial(shared_context, link)))
    page = _judgement_page(link.decision, context, shared=True, key=key)
    return page | {"link": link, "owner_view": False}


def shared_data(link: ShareLink) -> dict[str, Any]:
    """The JSON a share link shows: the judgement, with no personal data."""
    decision = link.decision
    verdict = decision.judgement()
    context = shared_context(link)
    data = verdict.to_dict()
    # The shared outline shows the weighing, not the answers behind it.
    del data["answers"]
    data["role_title"] = context.role_title or None
    data["company_name"] = context.company_name or None
    return data | follow_up(decision, verdict, context, shared=True).to_dict()


@dataclass(frozen=True)
class WeighedAnswer:
    """One answer that carries weight, in the words a person chose it by."""

    question: str
    answer: str
    weight: int


@dataclass(frozen=True)
class RuleRow:
    """A situation or factor, with the answers that bring it in and their weights."""

    rule: engine.Situation | engine.Factor
    answers: list[WeighedAnswer]


def how_we_decide_page() -> dict[str, Any]:
    """The rules in plain words, from the same declarations the engine reads."""

    def weighed(question_id: str, value: str, weight: int) -> WeighedAnswer:
        question = questionnaire.QUESTIONS_BY_ID[question_id]
        return WeighedAnswer(question.title, question.label_for(value), weight)

    situations = [
        RuleRow(s, [weighed(s.question, s.value, s.weight)]) for s in engine.SITUATIONS
    ]
    factors = [
        RuleRow(
            factor,
            [
                weighed(part.question, value, weight)
                for part in factor.parts
                for value, weight in part.weights.items()
                if weight
            ],
        )
        for factor in engine.FACTORS
    ]
    return {
        "situations_for": [row for row in situations if row.rule.is_for],
        "situations_against": [row for row in situations if not row.rule.is_for],
        "benefits": [row for row in factors if row.rule.is_for],
        "drawbacks": [row for row in factors if not row.rule.is_for],
        "strong_margin": engine.STRONG_MARGIN,
        "rules_version": engine.RULES_VERSION,
    }
