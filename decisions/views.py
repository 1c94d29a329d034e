from urllib.parse import quote

from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth import views as auth_views
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views import defaults
from django.views.decorators.http import (
    require_GET,
    require_http_methods,
    require_POST,
)

from decisions import charts, engine, questionnaire, services
from decisions.calendar import interview_calendar
from decisions.drafting import Context
from decisions.forms import (
    ChecklistForm,
    DetailsForm,
    EmailOptionsForm,
    QuestionForm,
    ShareForm,
    SignupForm,
)
from decisions.models import Decision, ShareLink

RETURN_TARGETS = ("check", "verdict")
HISTORY_PAGE_SIZE = 25


def owned_decision(request, pk) -> Decision:
    """The request's own decision, or 404 whether it is missing or someone else's."""
    owner = services.owner_for(request)
    return get_object_or_404(Decision.objects.owned_by(owner), pk=pk)


def return_target(request) -> str | None:
    target = request.GET.get("return_to")
    return target if target in RETURN_TARGETS else None


def step_url(decision: Decision, step: str, return_to: str | None = None) -> str:
    if step == questionnaire.DETAILS:
        url = reverse("decisions:details", args=[decision.pk])
    elif step == questionnaire.CHECK:
        url = reverse("decisions:check", args=[decision.pk])
    else:
        url = reverse("decisions:question", args=[decision.pk, step])
    return f"{url}?return_to={return_to}" if return_to else url


def next_url(decision: Decision, return_to: str | None) -> str:
    """After an answer: the next unanswered step, else where the person came from."""
    step = decision.current_step
    if step not in (questionnaire.DETAILS, questionnaire.CHECK):
        return step_url(decision, step, return_to)
    if return_to:
        return step_url(decision, questionnaire.CHECK)
    return step_url(decision, step)


def judge(request, decision: Decision) -> None:
    """Weigh changed answers; a decision whose answers stand keeps its verdict."""
    if decision.is_complete:
        return
    judged_by = decision.rules_version
    services.complete(decision)
    if judged_by and judged_by != decision.rules_version:
        messages.info(
            request,
            f"Your answers were weighed with our current rules "
            f"(version {decision.rules_version}), which have changed since your "
            f"last result (version {judged_by}).",
        )


def back_url(decision: Decision, step: str, return_to: str | None) -> str:
    if return_to == "verdict":
        return reverse("decisions:verdict", args=[decision.pk])
    if return_to == "check":
        return step_url(decision, questionnaire.CHECK)
    previous = questionnaire.previous_step(decision.answers, step)
    if previous is None:
        return reverse("decisions:start")
    return step_url(decision, previous)


@require_GET
def healthz(request):
    return HttpResponse("ok", content_type="text/plain")


@require_GET
def start(request):
    owner = services.owner_for(request)
    in_progress = None
    if owner.user or owner.browser_id:
        in_progress = (
            Decision.objects.owned_by(owner)
            .filter(status=Decision.Status.IN_PROGRESS)
            .only("id", "role_title", "company_name")
            .first()
        )
    return render(request, "decisions/start.html", {"in_progress": in_progress})


@require_POST
def new_decision(request):
    client = services.client_key(request)
    if services.is_over_start_limit(client):
        return render(request, "429.html", status=429)
    owner = services.owner_for(request, create=True)
    decision = services.start_decision(owner=owner, client=client)
    return redirect(step_url(decision, decision.current_step))


@require_POST
def restart(request, pk):
    decision = owned_decision(request, pk)
    services.restart(decision)
    return redirect(step_url(decision, decision.current_step))


@require_GET
def resume(request, pk):
    decision = owned_decision(request, pk)
    if decision.is_complete:
        return redirect("decisions:verdict", pk=decision.pk)
    return redirect(step_url(decision, decision.current_step))


@require_http_methods(["GET", "POST"])
def question(request, pk, question_id):
    decision = owned_decision(request, pk)
    asked = questionnaire.QUESTIONS_BY_ID.get(question_id)
    if asked is None:
        raise Http404("No such question")
    reachable = question_id in decision.answers or decision.current_step == question_id
    if not (asked.is_asked(decision.answers) and reachable):
        return redirect(step_url(decision, decision.current_step))
    return_to = return_target(request)
    form = QuestionForm(
        asked,
        request.POST if request.method == "POST" else None,
        initial={"answer": decision.answers.get(question_id)},
    )
    if request.method == "POST" and form.is_valid():
        services.record_answer(
            decision, question_id=question_id, value=form.cleaned_data["answer"]
        )
        if return_to == "verdict" and decision.current_step == questionnaire.CHECK:
            judge(request, decision)
            return redirect("decisions:verdict", pk=decision.pk)
        return redirect(next_url(decision, return_to))
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
            "back_url": back_url(decision, question_id, return_to),
        },
    )


@require_http_methods(["GET", "POST"])
def details(request, pk):
    decision = owned_decision(request, pk)
    if not questionnaire.is_complete(decision.answers):
        return redirect(step_url(decision, decision.current_step))
    return_to = return_target(request)
    form = DetailsForm(
        request.POST if request.method == "POST" else None, instance=decision
    )
    if request.method == "POST" and form.is_valid():
        decision = form.save(commit=False)
        decision.details_given = True
        decision.save()
        if return_to == "verdict" and decision.is_complete:
            return redirect("decisions:verdict", pk=decision.pk)
        return redirect(step_url(decision, questionnaire.CHECK))
    return render(
        request,
        "decisions/details.html",
        {
            "decision": decision,
            "form": form,
            "back_url": back_url(decision, questionnaire.DETAILS, return_to),
        },
    )


@require_http_methods(["GET", "POST"])
def check(request, pk):
    decision = owned_decision(request, pk)
    if decision.current_step != questionnaire.CHECK:
        return redirect(step_url(decision, decision.current_step))
    if request.method == "POST":
        judge(request, decision)
        return redirect("decisions:verdict", pk=decision.pk)
    rows = [
        (question, question.label_for(decision.answers[question.id]))
        for question in questionnaire.asked_questions(decision.answers)
    ]
    return render(
        request,
        "decisions/check.html",
        {
            "decision": decision,
            "rows": rows,
            "back_url": step_url(decision, questionnaire.DETAILS),
        },
    )


def verdict_context(decision: Decision, context: Context, *, shared=False) -> dict:
    """What the verdict page and the shared page show, from the stored snapshot."""
    verdict = services.stored_verdict(decision)
    reasons = [(reason, services.factor(reason.factor)) for reason in verdict.reasons]
    situations = [services.situation(s) for s in verdict.situations]
    follow_up = services.follow_up(decision, verdict, context, shared=shared)
    page = {
        "decision": decision,
        "verdict": verdict,
        "reasons_for": [pair for pair in reasons if pair[0].direction == "for"],
        "reasons_against": [pair for pair in reasons if pair[0].direction == "against"],
        "situations": situations,
        "changes": services.described_changes(verdict),
        "chart": charts.weighing(situations, reasons),
        "email": follow_up.email,
        "checklist": follow_up.checklist,
    }
    if follow_up.email:
        page["mailto"] = "mailto:?subject={}&body={}".format(
            quote(follow_up.email.subject, safe=""),
            quote(follow_up.email.body, safe=""),
        )
    return page


@require_GET
def verdict(request, pk):
    decision = owned_decision(request, pk)
    if not decision.is_complete:
        return redirect(step_url(decision, decision.current_step))
    context = verdict_context(decision, services.context_for(decision))
    context["owner_view"] = True
    context["rules_changed"] = services.rules_changed(decision)
    context["ticked_count"] = len(
        {item.id for item in context["checklist"]} & set(decision.checklist_ticks)
    )
    context["email_reasons"] = Decision.EmailReason.choices
    context["email_kinds"] = Decision.EmailKind.choices
    context["share_link"] = decision.share_links.filter(revoked_at=None).first()
    return render(request, "decisions/verdict.html", context)


@require_POST
def email_options(request, pk):
    decision = owned_decision(request, pk)
    form = EmailOptionsForm(request.POST, instance=decision)
    if form.is_valid():
        form.save()
    else:
        messages.error(request, "Choose one of the options for the email.")
    return redirect(reverse("decisions:verdict", args=[decision.pk]) + "#email")


@require_GET
def email_text(request, pk):
    decision = owned_decision(request, pk)
    if not decision.is_complete:
        raise Http404("No email yet")
    verdict = services.stored_verdict(decision)
    email = services.follow_up(decision, verdict, services.context_for(decision)).email
    if email is None:
        raise Http404("No email for this verdict")
    response = HttpResponse(
        f"Subject: {email.subject}\n\n{email.body}\n",
        content_type="text/plain; charset=utf-8",
    )
    response["Content-Disposition"] = 'attachment; filename="decline-email.txt"'
    return response


@require_POST
def checklist(request, pk):
    decision = owned_decision(request, pk)
    if not decision.is_complete:
        raise Http404("No checklist yet")
    items = services.checklist_for(decision, services.stored_verdict(decision))
    form = ChecklistForm([item.id for item in items], request.POST)
    if form.is_valid():
        decision.checklist_ticks = form.cleaned_data["ticked"]
        decision.save(update_fields=["checklist_ticks", "updated_at"])
        messages.success(request, "Your checklist is saved.")
    else:
        messages.error(request, "That checklist item isn't on your list.")
    return redirect(reverse("decisions:verdict", args=[decision.pk]) + "#checklist")


@require_GET
def how_we_decide(request):
    return render(
        request,
        "decisions/how_we_decide.html",
        {
            "factors": engine.FACTORS,
            "situations": engine.SITUATIONS,
            "rules_version": engine.RULES_VERSION,
        },
    )


@require_GET
def history(request):
    owner = services.owner_for(request)
    decisions = Decision.objects.none()
    if owner.user or owner.browser_id:
        decisions = Decision.objects.owned_by(owner).for_history()
    page = Paginator(decisions, HISTORY_PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "decisions/history.html", {"page": page})


@require_http_methods(["GET", "POST"])
def delete(request, pk):
    decision = owned_decision(request, pk)
    if request.method == "POST":
        decision.delete()
        messages.success(request, "Your decision has been deleted.")
        return redirect("decisions:history")
    return render(request, "decisions/delete.html", {"decision": decision})


@require_http_methods(["GET", "POST"])
def delete_all(request):
    owner = services.owner_for(request)
    if request.method == "POST":
        services.delete_all_data(owner, request=request)
        messages.success(request, "All your data has been deleted.")
        return redirect("decisions:start")
    return render(request, "decisions/delete_all.html", {"owner": owner})


@require_POST
def reevaluate(request, pk):
    decision = owned_decision(request, pk)
    if not decision.is_complete:
        return redirect(step_url(decision, decision.current_step))
    services.complete(decision)
    messages.success(request, "Your answers have been weighed with the current rules.")
    return redirect("decisions:verdict", pk=decision.pk)


@require_POST
def share(request, pk):
    decision = owned_decision(request, pk)
    if not decision.is_complete:
        raise Http404("Only a finished decision can be shared")
    form = ShareForm(request.POST)
    include_company = form.is_valid() and form.cleaned_data["include_company"]
    services.create_share_link(decision, include_company=include_company)
    messages.success(request, "Your share link is ready.")
    return redirect(reverse("decisions:verdict", args=[decision.pk]) + "#share")


@require_POST
def revoke(request, pk):
    decision = owned_decision(request, pk)
    services.revoke_share_links(decision)
    messages.success(request, "Your share link has been turned off.")
    return redirect(reverse("decisions:verdict", args=[decision.pk]) + "#share")


def active_share(token: str) -> ShareLink:
    return get_object_or_404(
        ShareLink.objects.select_related("decision"), token=token, revoked_at=None
    )


@require_GET
def shared(request, token):
    link = active_share(token)
    context = verdict_context(link.decision, services.shared_context(link), shared=True)
    context["link"] = link
    context["owner_view"] = False
    response = render(request, "decisions/shared.html", context)
    response["X-Robots-Tag"] = "noindex, nofollow"
    response["Referrer-Policy"] = "no-referrer"
    return response


class LoginView(auth_views.LoginView):
    """Log in, then move this browser's anonymous decisions to the account."""

    def form_valid(self, form):
        browser_id = self.request.session.get(services.BROWSER_KEY, "")
        response = super().form_valid(form)
        services.claim_browser_decisions(browser_id=browser_id, user=form.get_user())
        return response


@require_http_methods(["GET", "POST"])
def signup(request):
    form = SignupForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        browser_id = request.session.get(services.BROWSER_KEY, "")
        user = form.save()
        login(request, user, backend="django.contrib.auth.backends.ModelBackend")
        services.claim_browser_decisions(browser_id=browser_id, user=user)
        messages.success(
            request, "Your account is ready. Your decisions are saved to it."
        )
        return redirect("decisions:history")
    return render(request, "registration/signup.html", {"form": form})


@require_GET
def calendar(request, pk):
    decision = owned_decision(request, pk)
    verdict = services.stored_verdict(decision) if decision.is_complete else None
    if verdict is None or verdict.verdict != "interview" or not decision.interview_date:
        raise Http404("No interview to add to a calendar")
    body = interview_calendar(
        services.context_for(decision), uid=str(decision.pk), stamp=timezone.now()
    )
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="interview.ics"'
    return response


def api_error(request, status: int, message: str) -> JsonResponse | None:
    if request.path.startswith("/api/"):
        return JsonResponse({"errors": {"request": [message]}}, status=status)
    return None


def bad_request(request, exception):
    """Our 400 page; under /api/ the JSON error every API client expects."""
    return api_error(request, 400, "This request is not valid.") or (
        defaults.bad_request(request, exception)
    )


def page_not_found(request, exception):
    return api_error(request, 404, "Nothing is here.") or defaults.page_not_found(
        request, exception
    )


def server_error(request):
    return api_error(request, 500, "Something went wrong on our side.") or (
        defaults.server_error(request)
    )
