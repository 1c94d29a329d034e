"""The pages: each parses its request, calls one function, then renders or redirects."""

import logging
import uuid
from typing import Any, TypeVar

from django.contrib import messages
from django.contrib.auth import login, logout
from django.contrib.auth import views as auth_views
from django.db import DatabaseError
from django.forms import BaseForm
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views import defaults
from django.views.decorators.http import (
    require_http_methods,
    require_POST,
    require_safe,
)

from decisions import flow, ownership, presenters, questionnaire, writes
from decisions.calendar import interview_calendar, reply_calendar
from decisions.forms import (
    ChecklistForm,
    DetailsForm,
    EmailOptionsForm,
    LoginForm,
    QuestionForm,
    ShareForm,
    SignupForm,
)
from decisions.links import step_url
from decisions.models import Decision

# A message with this tag shows as a notification banner, not a plain alert.
BANNER = "banner"

FormT = TypeVar("FormT", bound=BaseForm)

logger = logging.getLogger(__name__)


def bound(form_class: type[FormT], request: HttpRequest, **kwargs: Any) -> FormT:
    """The form bound to a POST, or unbound for a GET."""
    data = request.POST if request.method == "POST" else None
    return form_class(data=data, **kwargs)


def go_to(
    request: HttpRequest, decision: Decision, moved: writes.Moved
) -> HttpResponse:
    """Redirect to where a write sent the person, saying so if the rules changed."""
    if moved.replaced_rules:
        messages.info(
            request,
            _(
                "Your answers were weighed with our current rules (version "
                "%(current)s), which have changed since your last result (version "
                "%(earlier)s)."
            )
            % {"current": decision.rules_version, "earlier": moved.replaced_rules},
        )
    if moved.overturned is not None:
        messages.info(
            request,
            presenters.overturned_message(moved.overturned),
            extra_tags=BANNER,
        )
    return redirect(step_url(decision.pk, moved.step, came_from(request)))


def to_current_step(decision: Decision) -> HttpResponse:
    return redirect(step_url(decision.pk, decision.current_step))


def came_from(request: HttpRequest) -> flow.ReturnTo | None:
    """The page the person left to change one answer, as the link said."""
    return flow.return_to(request.GET.get("return_to"))


def back_url(decision: Decision, step: flow.Step, request: HttpRequest) -> str:
    previous = flow.previous_step(decision.answers, step, came_from=came_from(request))
    if previous is None:
        return reverse("decisions:start")
    return step_url(decision.pk, previous)


@require_safe
def healthz(request: HttpRequest) -> HttpResponse:
    """Alive: answers without touching the database."""
    return HttpResponse("ok", content_type="text/plain")


@require_safe
def readyz(request: HttpRequest) -> HttpResponse:
    """Ready to serve: the database answers a query and takes a write."""
    try:
        writes.probe_database()
    except DatabaseError as error:
        logger.warning("Not ready: the database failed its probe: %s", error)
        return HttpResponse(
            "database unavailable", status=503, content_type="text/plain"
        )
    return HttpResponse("ok", content_type="text/plain")


@require_safe
def start(request: HttpRequest) -> HttpResponse:
    owner = ownership.owner_for(request)
    in_progress = None
    if not owner.owns_nothing:
        in_progress = (
            Decision.objects.owned_by(owner)
            .filter(status=Decision.Status.IN_PROGRESS)
            .only("id", "role_title", "company_name")
            .first()
        )
    return render(request, "decisions/start.html", {"in_progress": in_progress})


@require_http_methods(["GET", "HEAD", "POST"])
def new_decision(request: HttpRequest) -> HttpResponse:
    """The first question of a decision not stored yet: its answer stores it."""
    asked = questionnaire.QUESTIONS[0]
    form = bound(QuestionForm, request, question=asked)
    if form.is_valid():
        client = ownership.client_key(request)
        if ownership.is_over_start_limit(client):
            return render(request, "429.html", status=429)
        decision, moved = writes.start_decision(
            owner=ownership.owner_for(request, create=True),
            client=client,
            question_id=asked.id,
            value=form.cleaned_data["answer"],
        )
        return go_to(request, decision, moved)
    number, total = questionnaire.position({}, asked.id)
    return render(
        request,
        "decisions/question.html",
        {
            "question": asked,
            "form": form,
            "number": number,
            "total": total,
            "back_url": reverse("decisions:start"),
        },
    )


@require_safe
def resume(request: HttpRequest, pk: uuid.UUID) -> HttpResponse:
    decision = ownership.owned_decision(request, pk)
    return redirect(step_url(decision.pk, decision.resume_step()))


# What a question, asked or answered, reads of its decision.
QUESTION_COLUMNS = ("answers", "details_given", "status", "updated_at", "rules_version")


@require_http_methods(["GET", "HEAD", "POST"])
def question(request: HttpRequest, pk: uuid.UUID, question_id: str) -> HttpResponse:
    decision = ownership.owned_decision(request, pk, columns=QUESTION_COLUMNS)
    asked = questionnaire.QUESTIONS_BY_ID.get(question_id)
    if asked is None:
        raise Http404("No such question")
    step = flow.question(question_id)
    if not decision.is_open(step):
        return to_current_step(decision)
    initial = {"answer": decision.answers.get(question_id)}
    form = bound(QuestionForm, request, question=asked, initial=initial)
    if form.is_valid():
        moved = writes.record_answer(
            decision,
            question_id=question_id,
            value=form.cleaned_data["answer"],
            came_from=came_from(request),
        )
        return go_to(request, decision, moved)
    number, total = questionnaire.position(decision.answers, question_id)
    return render(
        request,
        "decisions/question.html",
        {
            "decision": decision,
            "question": asked,
            "form": form,
            "number": number,
            "total": total,
            "back_url": back_url(decision, step, request),
            "changing_one_answer": "return_to" in request.GET,
        },
    )


@require_http_methods(["GET", "HEAD", "POST"])
def details(request: HttpRequest, pk: uuid.UUID) -> HttpResponse:
    decision = ownership.owned_decision(request, pk)
    if not decision.is_open(flow.DETAILS):
        return to_current_step(decision)
    form = bound(DetailsForm, request, instance=decision)
    if form.is_valid():
        moved = writes.save_details(
            decision,
            fields=list(form.changed_data),
            came_from=came_from(request),
        )
        return go_to(request, decision, moved)
    return render(
        request,
        "decisions/details.html",
        {
            "decision": decision,
            "form": form,
            "back_url": back_url(decision, flow.DETAILS, request),
            "changing_one_answer": "return_to" in request.GET,
        },
    )


@require_http_methods(["GET", "HEAD", "POST"])
def check(request: HttpRequest, pk: uuid.UUID) -> HttpResponse:
    decision = ownership.owned_decision(request, pk)
    if not decision.is_open(flow.CHECK):
        return to_current_step(decision)
    if request.method == "POST":
        return go_to(request, decision, writes.confirm_answers(decision))
    return render(
        request,
        "decisions/check.html",
        {
            "decision": decision,
            "rows": presenters.answer_rows(decision, flow.ReturnTo.CHECK),
            "details_url": step_url(decision.pk, flow.DETAILS, flow.ReturnTo.CHECK),
            "back_url": back_url(decision, flow.CHECK, request),
        },
    )


@require_safe
def verdict(request: HttpRequest, pk: uuid.UUID) -> HttpResponse:
    decision = ownership.owned_decision(request, pk, with_share_link=True)
    if not decision.is_complete:
        return to_current_step(decision)
    return render(request, "decisions/verdict.html", presenters.verdict_page(decision))


def to_verdict(decision: Decision, section: str) -> HttpResponse:
    return redirect(f"{reverse('decisions:verdict', args=[decision.pk])}#{section}")


@require_POST
def email_options(request: HttpRequest, pk: uuid.UUID) -> HttpResponse:
    decision = complete_decision(request, pk, with_share_link=True)
    form = EmailOptionsForm(request.POST, instance=Decision())
    if not form.is_valid():
        page = presenters.verdict_page(decision) | {"email_form": form}
        return render(request, "decisions/verdict.html", page)
    writes.save_email_options(
        decision,
        reason=form.cleaned_data["email_reason"],
        kind=form.cleaned_data["email_kind"],
        keep_in_mind_for=form.cleaned_data["email_keep_in_mind_for"],
    )
    return to_verdict(decision, "email")


def complete_decision(
    request: HttpRequest, pk: uuid.UUID, *, with_share_link: bool = False
) -> Decision:
    """The request's own decision once judged; 404 before that."""
    decision = ownership.owned_decision(request, pk, with_share_link=with_share_link)
    if not decision.is_complete:
        raise Http404("Not decided yet")
    return decision


@require_safe
def email_text(request: HttpRequest, pk: uuid.UUID) -> HttpResponse:
    decision = complete_decision(request, pk)
    email = presenters.owner_follow_up(decision).email
    if email is None:
        raise Http404("No email for this verdict")
    response = HttpResponse(
        f"Subject: {email.subject}\n\n{email.body}\n",
        content_type="text/plain; charset=utf-8",
    )
    response["Content-Disposition"] = 'attachment; filename="decline-email.txt"'
    return response


@require_POST
def checklist(request: HttpRequest, pk: uuid.UUID) -> HttpResponse:
    decision = complete_decision(request, pk)
    items = presenters.owner_follow_up(decision).checklist
    form = ChecklistForm([item.id for item in items], request.POST)
    if form.is_valid():
        writes.save_checklist_ticks(decision, form.cleaned_data["ticked"])
        messages.success(request, _("Your checklist is saved."))
    else:
        messages.error(request, _("That checklist item isn't on your list."))
    return to_verdict(decision, "checklist")


@require_safe
def how_we_decide(request: HttpRequest) -> HttpResponse:
    return render(
        request, "decisions/how_we_decide.html", presenters.how_we_decide_page()
    )


@require_http_methods(["GET", "HEAD", "POST"])
def delete(request: HttpRequest, pk: uuid.UUID) -> HttpResponse:
    decision = ownership.owned_decision(request, pk)
    if request.method == "POST":
        decision.delete()
        messages.success(request, _("Your decision has been deleted."))
        return redirect("decisions:history")
    return render(request, "decisions/delete.html", {"decision": decision})


@require_http_methods(["GET", "HEAD", "POST"])
def delete_all(request: HttpRequest) -> HttpResponse:
    owner = ownership.owner_for(request)
    if request.method == "POST":
        logout(request)
        writes.delete_all_data(owner)
        messages.success(request, _("All your data has been deleted."))
        return redirect("decisions:start")
    return render(request, "decisions/delete_all.html", {"owner": owner})


@require_POST
def reevaluate(request: HttpRequest, pk: uuid.UUID) -> HttpResponse:
    decision = ownership.owned_decision(request, pk)
    if not decision.is_complete:
        return to_current_step(decision)
    writes.complete(decision)
    messages.success(
        request, _("Your answers have been weighed with the current rules.")
    )
    return redirect("decisions:verdict", pk=decision.pk)


@require_POST
def share(request: HttpRequest, pk: uuid.UUID) -> HttpResponse:
    decision = complete_decision(request, pk)
    form = ShareForm(request.POST)
    include_company = form.is_valid() and form.cleaned_data["include_company"]
    writes.create_share_link(decision, include_company=include_company)
    messages.success(request, _("Your share link is ready."))
    return to_verdict(decision, "share")


@require_POST
def revoke(request: HttpRequest, pk: uuid.UUID) -> HttpResponse:
    decision = ownership.owned_decision(request, pk)
    writes.revoke_share_links(decision)
    messages.success(request, _("Your share link has been turned off."))
    return to_verdict(decision, "share")


@require_safe
def shared(request: HttpRequest, token: str) -> HttpResponse:
    decision = Decision.objects.shared_by(token)
    link = None if decision is None else decision.live_share_link()
    if link is None:
        raise Http404("No working share link")
    response = render(request, "decisions/shared.html", presenters.shared_page(link))
    response["X-Robots-Tag"] = "noindex, nofollow"
    response["Referrer-Policy"] = "no-referrer"
    return response


class LoginView(auth_views.LoginView):
    """Log in, then move this browser's anonymous decisions to the account."""

    form_class = LoginForm

    def form_valid(self, form):
        browser_id = self.request.session.get(ownership.BROWSER_KEY, "")
        response = super().form_valid(form)
        writes.claim_browser_decisions(browser_id=browser_id, user=form.get_user())
        return response


@require_http_methods(["GET", "HEAD", "POST"])
def signup(request: HttpRequest) -> HttpResponse:
    form = bound(SignupForm, request)
    if form.is_valid():
        browser_id = request.session.get(ownership.BROWSER_KEY, "")
        user = form.save()
        login(request, user, backend="interviewdecider.backends.AccountBackend")
        writes.claim_browser_decisions(browser_id=browser_id, user=user)
        messages.success(
            request, _("Your account is ready. Your decisions are saved to it.")
        )
        return redirect("decisions:history")
    return render(request, "registration/signup.html", {"form": form})


def calendar_file(body: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@require_safe
def calendar(request: HttpRequest, pk: uuid.UUID) -> HttpResponse:
    """The interview's calendar file, for whoever goes, whatever the verdict."""
    decision = complete_decision(request, pk)
    if not decision.interview_date:
        raise Http404("No interview date to add to a calendar")
    body = interview_calendar(
        decision.interview_context(),
        time=decision.interview_time,
        uid=str(decision.pk),
        page_url=request.build_absolute_uri(decision.get_absolute_url()),
        stamp=timezone.now(),
    )
    return calendar_file(body, "interview.ics")


@require_safe
def reply_reminder(request: HttpRequest, pk: uuid.UUID) -> HttpResponse:
    """A calendar file reminding the person to send their email soon."""
    decision = complete_decision(request, pk)
    body = reply_calendar(
        decision.interview_context(),
        uid=str(decision.pk),
        page_url=request.build_absolute_uri(decision.get_absolute_url()),
        stamp=timezone.now(),
        today=timezone.localdate(),
    )
    return calendar_file(body, "reply.ics")


def api_error(request: HttpRequest, status: int, message: str) -> JsonResponse | None:
    if request.path.startswith("/api/"):
        return JsonResponse({"errors": {"request": [message]}}, status=status)
    return None


def bad_request(request: HttpRequest, exception: Exception) -> HttpResponse:
    """Our 400 page; under /api/ the JSON error every API client expects."""
    return api_error(request, 400, _("This request is not valid.")) or (
        defaults.bad_request(request, exception)
    )


def page_not_found(request: HttpRequest, exception: Exception) -> HttpResponse:
    """Our 404 page; a decision's address gets the same page whether the decision
    is someone else's or never existed, so nothing is revealed."""
    match = request.resolver_match
    if match is not None and isinstance(match.kwargs.get("pk"), uuid.UUID):
        return render(request, "decisions/not_found.html", status=404)
    return api_error(request, 404, _("Nothing is here.")) or defaults.page_not_found(
        request, exception
    )


def server_error(request: HttpRequest) -> HttpResponse:
    return api_error(request, 500, _("Something went wrong on our side.")) or (
        defaults.server_error(request)
    )
