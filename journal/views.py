"""The journal's pages: each parses its request, calls one function, then renders
or redirects. Every page shows the requester's own decisions only."""

import uuid
from collections.abc import Callable

from django.contrib import messages
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from decisions import ownership
from decisions.models import Decision
from journal import export, presenters, writes
from journal.forms import CompareForm, ReflectionForm, StepForm

JOURNAL_TEMPLATE = "journal/journal.html"


def finished_decision(request: HttpRequest, pk: uuid.UUID) -> Decision:
    """The request's own decision with its journal once it has a verdict; 404
    whether it is missing, someone else's or not decided yet."""
    owned = presenters.owned_with_journal(ownership.owner_for(request))
    return get_object_or_404(owned, pk=pk, status=Decision.Status.COMPLETE)


def to_journal(decision: Decision, section: str) -> HttpResponse:
    return redirect(f"{reverse('journal:journal', args=[decision.pk])}#{section}")


@require_safe
def history(request: HttpRequest) -> HttpResponse:
    page = presenters.history_page(
        ownership.owner_for(request), request.GET.get("page"), timezone.localdate()
    )
    return render(request, "decisions/history.html", page)


@require_safe
def journal(request: HttpRequest, pk: uuid.UUID) -> HttpResponse:
    decision = finished_decision(request, pk)
    page = presenters.journal_page(decision, timezone.localdate())
    return render(request, JOURNAL_TEMPLATE, page)


def saved_or_shown(
    request: HttpRequest,
    decision: Decision,
    form: StepForm | ReflectionForm,
    *,
    save: Callable[..., object],
    saved: str,
    section: str,
) -> HttpResponse:
    """Save a valid form and go back to its section of the journal; else show
    the journal again with the form's errors and what was typed."""
    if form.is_valid():
        save(decision, **form.cleaned_data)
        messages.success(request, saved)
        return to_journal(decision, section)
    page = presenters.journal_page(decision, timezone.localdate(), typed=form)
    return render(request, JOURNAL_TEMPLATE, page)


@require_POST
def add_step(request: HttpRequest, pk: uuid.UUID) -> HttpResponse:
    decision = finished_decision(request, pk)
    form = presenters.new_step_form(decision, timezone.localdate(), request.POST)
    return saved_or_shown(
        request,
        decision,
        form,
        save=writes.add_step,
        saved=_("Your timeline is up to date."),
        section="timeline",
    )


@require_POST
def remove_step(request: HttpRequest, pk: uuid.UUID) -> HttpResponse:
    decision = finished_decision(request, pk)
    writes.remove_last_step(decision)
    messages.success(request, _("The last step is off your timeline."))
    return to_journal(decision, "timeline")


@require_POST
def reflection(request: HttpRequest, pk: uuid.UUID) -> HttpResponse:
    decision = finished_decision(request, pk)
    form = presenters.new_reflection_form(decision, timezone.localdate(), request.POST)
    if form is None:
        return to_journal(decision, "timeline")
    return saved_or_shown(
        request,
        decision,
        form,
        save=writes.save_reflection,
        saved=_("Your look back is saved."),
        section="looking-back",
    )


@require_safe
def record(request: HttpRequest) -> HttpResponse:
    page = presenters.record_page(ownership.owner_for(request))
    return render(request, "journal/record.html", page)


@require_safe
def compare(request: HttpRequest) -> HttpResponse:
    form = CompareForm(request.GET or None)
    page = presenters.compare_page(
        ownership.owner_for(request), form, timezone.localdate()
    )
    return render(request, "journal/compare.html", page)


def download(response: HttpResponse, filename: str) -> HttpResponse:
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@require_safe
def export_json(request: HttpRequest) -> HttpResponse:
    decisions = list(presenters.owned_with_journal(ownership.owner_for(request)))
    response = JsonResponse(export.as_json(decisions), json_dumps_params={"indent": 2})
    return download(response, "interview-decisions.json")


@require_safe
def export_csv(request: HttpRequest) -> HttpResponse:
    decisions = list(presenters.owned_with_journal(ownership.owner_for(request)))
    response = HttpResponse(
        export.as_csv(decisions), content_type="text/csv; charset=utf-8"
    )
    return download(response, "interview-decisions.csv")
