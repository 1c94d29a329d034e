"""The journal in Django's admin: shown read-only beside its decision."""

from django.contrib import admin

from journal.models import JournalEntry, Reflection


class ReadOnly:
    """Staff may read a journal, never add to it, change it or delete it."""

    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


class JournalEntryInline(ReadOnly, admin.TabularInline):
    model = JournalEntry
    fields = readonly_fields = ("step", "happened_on", "at_time", "created_at")


class ReflectionInline(ReadOnly, admin.StackedInline):
    model = Reflection
    fields = readonly_fields = (
        "worth_it",
        "regret",
        "benefits",
        "drawbacks",
        "note",
        "updated_at",
    )


JOURNAL_INLINES = [JournalEntryInline, ReflectionInline]
