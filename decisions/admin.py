"""Django's admin for decisions: staff may read them, never rewrite them."""

from django.contrib import admin
from django.utils.html import format_html, format_html_join

from decisions import questionnaire
from decisions.models import Decision, ShareLink
from journal.admin import JOURNAL_INLINES


class ShareLinkInline(admin.TabularInline):
    model = ShareLink
    fields = readonly_fields = ("created_at", "include_company", "revoked_at")
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Decision)
class DecisionAdmin(admin.ModelAdmin):
    """Decisions are the person's own: staff can read them, never rewrite them."""

    list_display = ["__str__", "status", "verdict_label", "user", "created_at"]
    list_filter = ["status", "created_at"]
    search_fields = ["role_title", "company_name"]
    date_hierarchy = "created_at"
    inlines = [ShareLinkInline, *JOURNAL_INLINES]
    exclude = ["browser_id", "client_key", "answers"]
    readonly_fields = ["readable_answers"]
    view_on_site = False

    @admin.display(description="Answers")
    def readable_answers(self, decision):
        rows = [
            (question.title, question.label_for(decision.answers[question.id]))
            for question in questionnaire.QUESTIONS
            if question.id in decision.answers
        ]
        if not rows:
            return "No answers yet"
        return format_html(
            "<dl>{}</dl>", format_html_join("", "<dt>{}</dt><dd>{}</dd>", rows)
        )

    @admin.display(description="Verdict")
    def verdict_label(self, decision):
        return (decision.verdict or {}).get("verdict", "–")

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
