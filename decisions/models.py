"""Stored decisions (answers by question id, the verdict snapshot) and share links."""

import functools
import secrets
import uuid
from typing import Any

from django.conf import settings
from django.db import connections, models
from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.models.sql import Query
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from decisions import flow
from decisions.drafting import (
    EMAIL_KIND_LABELS,
    EMAIL_REASON_LABELS,
    Context,
)
from decisions.engine import Recommendation, Verdict

# Every page of a decision first finds it by id and owner, so that query is
# written out: the ORM takes several times longer to build it than the database
# to run it. A page that shows the share link reads its newest working link in
# the same query; a page that needs only some columns reads only those (any
# other loads when first used).
OWNED_ONE = "SELECT {columns}{share} FROM decisions_decision WHERE id = %s AND {owner}"
SHARE_NAMES = ("share_token", "share_includes_company")
BY_ACCOUNT = "user_id = %s"
BY_BROWSER = "user_id IS NULL AND browser_id = %s"
LIVE_SHARE_LINK = (
    "SELECT {column} FROM decisions_sharelink WHERE decision_id ="
    " decisions_decision.id AND revoked_at IS NULL ORDER BY created_at DESC LIMIT 1"
)
# A shared page reads the link and what finds its cached parts (the rest of its
# decision loads if they must be worked out), and nothing else.
SHARED_COLUMNS = ("id", "rules_version", "updated_at")
SHARED_BY = (
    "SELECT decisions_decision.id, decisions_decision.rules_version,"
    " decisions_decision.updated_at, decisions_sharelink.token AS share_token,"
    " decisions_sharelink.include_company AS share_includes_company"
    " FROM decisions_sharelink JOIN decisions_decision"
    " ON decisions_decision.id = decisions_sharelink.decision_id"
    " WHERE decisions_sharelink.token = %s AND decisions_sharelink.revoked_at IS NULL"
)
SHARE_COLUMNS = ", ({}) AS share_token, ({}) AS share_includes_company".format(
    LIVE_SHARE_LINK.format(column="token"),
    LIVE_SHARE_LINK.format(column="include_company"),
)


class DecisionQuerySet(models.QuerySet):
    def owned_by(self, owner: "Owner") -> "DecisionQuerySet":
        if owner.owns_nothing:
            return self.none()
        return self.filter(**owner.lookup)

    def owned_one(
        self,
        owner: "Owner",
        pk: uuid.UUID,
        *,
        with_share_link: bool = False,
        columns: tuple[str, ...] = (),
    ) -> "Decision | None":
        """The owner's decision with this id, if there is one: all its columns,
        or only `columns` and its id; with `with_share_link`, its live share
        link too (Decision.live_share_link)."""
        if owner.owns_nothing:
            return None
        read = tuple(c for c in ALL_COLUMNS if not columns or c in ("id", *columns))
        whose, owner_id = owner.condition
        query = OWNED_ONE.format(
            columns=", ".join(read),
            share=SHARE_COLUMNS if with_share_link else "",
            owner=whose,
        )
        pk_value = Decision._meta.pk.get_db_prep_value(pk, connections[self.db])
        extra = SHARE_NAMES if with_share_link else ()
        return _first(self.db, query, [pk_value, owner_id], read, extra)

    def shared_by(self, token: str) -> "Decision | None":
        """The decision a working share link shows, with that link
        (Decision.live_share_link); None for a link turned off or never made."""
        return _first(self.db, SHARED_BY, [token], SHARED_COLUMNS, SHARE_NAMES)


def _first(
    alias: str,
    query: str,
    params: list[Any],
    columns: tuple[str, ...],
    extra: tuple[str, ...],
) -> "Decision | None":
    """The first row of a written-out query as a Decision: its `columns`, each
    converted as the ORM converts it (any other column loads when first used),
    then `extra` values as plain attributes."""
    connection = connections[alias]
    with connection.cursor() as cursor:
        cursor.execute(query, params)
        row = cursor.fetchone()
    if row is None:
        return None
    names, converters = _reading(columns, connection)
    values = list(row[: len(columns)])
    for position, (functions, expression) in converters.items():
        for convert in functions:
            values[position] = convert(values[position], expression, connection)
    decision = Decision.from_db(alias, names, values)
    for name, value in zip(extra, row[len(columns) :], strict=True):
        setattr(decision, name, value)
    return decision


@functools.cache
def _reading(
    columns: tuple[str, ...], connection: BaseDatabaseWrapper
) -> tuple[list[str], dict]:
    """The attributes these columns fill and how to convert what the database
    hands back for each, as the ORM does: worked out once for each of a
    worker's connections, not on every query as a raw() queryset would."""
    if list(columns) != [column for column in ALL_COLUMNS if column in columns]:
        raise ValueError(f"Not in the model's order, as from_db() needs: {columns}")
    by_column = {field.column: field for field in Decision._meta.concrete_fields}
    fields = [by_column[column] for column in columns]
    compiler = connection.ops.compiler("SQLCompiler")(
        Query(Decision), connection, connection.alias
    )
    converters = compiler.get_converters(
        [field.get_col(Decision._meta.db_table) for field in fields]
    )
    return [field.attname for field in fields], converters


class Owner:
    """Who a request acts for: a logged-in account, else this browser."""

    def __init__(self, *, user=None, browser_id: str = ""):
        self.user = user
        self.browser_id = browser_id

    @property
    def owns_nothing(self) -> bool:
        """A browser that has never stored a decision: no query can find one."""
        return self.user is None and not self.browser_id

    @property
    def condition(self) -> tuple[str, Any]:
        """The SQL condition that keeps this owner's decisions, and its value."""
        if self.user is not None:
            return BY_ACCOUNT, self.user.pk
        return BY_BROWSER, self.browser_id

    @property
    def lookup(self) -> dict[str, Any]:
        """The filter that finds this owner's decisions."""
        if self.user is not None:
            return {"user": self.user}
        return {"user": None, "browser_id": self.browser_id}


class Decision(models.Model):
    class Status(models.TextChoices):
        IN_PROGRESS = "in_progress", _("In progress")
        COMPLETE = "complete", _("Complete")

    # A random id in every URL, so one decision's address says nothing of another's.
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="decisions",
    )
    browser_id = models.CharField(max_length=64, blank=True, db_index=True)
    answers = models.JSONField(default=dict, blank=True)
    role_title = models.CharField(max_length=100, blank=True)
    company_name = models.CharField(max_length=100, blank=True)
    contact_name = models.CharField(max_length=100, blank=True)
    your_name = models.CharField(max_length=100, blank=True)
    interview_date = models.DateField(null=True, blank=True)
    interview_time = models.TimeField(null=True, blank=True)
    recipient_email = models.EmailField(blank=True)
    details_given = models.BooleanField(default=False)
    status = models.CharField(
        max_length=20, choices=Status.choices, default=Status.IN_PROGRESS
    )
    verdict = models.JSONField(null=True, blank=True)
    rules_version = models.CharField(max_length=32, blank=True)
    completed_at = models.DateTimeField(null=True, blank=True)
    # Blank until the person chooses: the verdict's defaults apply.
    email_reason = models.CharField(
        max_length=30,
        blank=True,
        choices=[
            (reason.value, _(label)) for reason, label in EMAIL_REASON_LABELS.items()
        ],
    )
    email_kind = models.CharField(
        max_length=30,
        blank=True,
        choices=[(kind.value, _(label)) for kind, label in EMAIL_KIND_LABELS.items()],
    )
    email_keep_in_mind_for = models.CharField(max_length=100, blank=True)
    checklist_ticks = models.JSONField(default=list, blank=True)
    client_key = models.CharField(max_length=64, blank=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = DecisionQuerySet.as_manager()
    # Set by DecisionQuerySet.owned_one(with_share_link=True) and shared_by().
    share_token: str | None
    share_includes_company: bool | None

    class Meta:
        ordering = ["-created_at"]
        indexes = [
            models.Index(fields=["user", "-created_at"]),
            models.Index(fields=["browser_id", "-created_at"]),
            models.Index(fields=["client_key", "created_at"]),
        ]

    def __str__(self) -> str:
        return self.title or "Untitled decision"

    def get_absolute_url(self) -> str:
        return reverse("decisions:resume", args=[self.pk])

    @property
    def title(self) -> str:
        if self.role_title and self.company_name:
            return f"{self.role_title} at {self.company_name}"
        return self.role_title or self.company_name

    @property
    def is_complete(self) -> bool:
        return self.status == self.Status.COMPLETE

    @property
    def current_step(self) -> flow.Step:
        return flow.current_step(self.answers, details_given=self.details_given)

    def resume_step(self) -> flow.Step:
        """The verdict once judged, else wherever the answers have got to."""
        return flow.VERDICT if self.is_complete else self.current_step

    def is_open(self, step: flow.Step) -> bool:
        return flow.is_open(step, self.answers, details_given=self.details_given)

    def judgement(self) -> Verdict:
        """The verdict as it was judged and stored."""
        if self.verdict is None:
            raise ValueError("This decision has not been judged yet.")
        return Verdict.from_dict(self.verdict)

    @property
    def recommendation(self) -> Recommendation | None:
        """The stored verdict's recommendation, without decoding the rest of it."""
        return None if self.verdict is None else Recommendation(self.verdict["verdict"])

    def live_share_link(self) -> "ShareLink | None":
        """The share link that works, as DecisionQuerySet.owned_one() read it."""
        if self.share_token is None:
            return None
        return ShareLink(
            decision=self,
            token=self.share_token,
            include_company=bool(self.share_includes_company),
        )

    def interview_context(self) -> Context:
        return Context(
            role_title=self.role_title,
            company_name=self.company_name,
            contact_name=self.contact_name,
            your_name=self.your_name,
            interview_date=self.interview_date,
        )


# Every column, in the model's order, for a page that reads the whole decision.
ALL_COLUMNS = tuple(field.column for field in Decision._meta.concrete_fields)


class ShareLink(models.Model):
    decision = models.ForeignKey(
        Decision, on_delete=models.CASCADE, related_name="share_links"
    )
    token = models.CharField(max_length=64, unique=True, editable=False)
    include_company = models.BooleanField(default=False)
    created_at = models.DateTimeField(auto_now_add=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"Share link for {self.decision_id}"

    def save(self, *args, **kwargs):
        if not self.token:
            # 32 random bytes: 256 bits, far beyond guessing.
            self.token = secrets.token_urlsafe(32)
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("decisions:shared", args=[self.token])


class Hit(models.Model):
    """One use of a throttled door, kept while a limit still counts it.

    `client_key` is the keyed hash of the client's address (blank for a limit
    across every address), never the address itself.
    """

    door = models.CharField(max_length=32)
    client_key = models.CharField(max_length=64, blank=True)
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        indexes = [models.Index(fields=["door", "at"])]

    def __str__(self) -> str:
        return f"{self.door} at {self.at:%Y-%m-%d %H:%M:%S}"
