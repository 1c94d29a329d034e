"""The JSON API: the questionnaire, a stateless evaluation, and shared results.

Every error is JSON: {"errors": {field: [messages]}}.
"""

import json
from functools import wraps

from django.core.exceptions import RequestDataTooBig
from django.http import JsonResponse
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt

from decisions import drafting, engine, presenters, questionnaire
from decisions.drafting import Context, EmailKind, EmailReason
from decisions.forms import ContextForm
from decisions.models import ShareLink
from decisions.questionnaire import Problem

TOP_LEVEL_FIELDS = {"answers", "context", "email"}
CONTEXT_FIELDS = ("role_title", "company_name", "contact_name", "your_name")
EMAIL_FIELDS: dict[str, tuple[str, ...]] = {
    "reason": tuple(EmailReason),
    "kind": tuple(EmailKind),
}


def error_response(errors: dict[str, list[str]], status: int = 400) -> JsonResponse:
    return JsonResponse({"errors": errors}, status=status)


def json_methods(*methods: str):
    """Like require_http_methods, but the 405 is JSON too."""

    def decorator(view):
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            if request.method not in methods:
                response = error_response(
                    {
                        "method": [
                            _("Use %(methods)s.") % {"methods": " or ".join(methods)}
                        ]
                    },
                    status=405,
                )
                response["Allow"] = ", ".join(methods)
                return response
            return view(request, *args, **kwargs)

        return wrapped

    return decorator


def translated(text: str) -> str:
    """A marked sentence in the active language; an empty hint stays empty."""
    return _(text) if text else ""


def question_data(question: questionnaire.Question) -> dict:
    condition = question.asked_when
    return {
        "id": question.id,
        "title": translated(question.title),
        "hint": translated(question.hint),
        "choices": [
            {
                "value": choice.value,
                "label": translated(choice.label),
                "hint": translated(choice.hint),
            }
            for choice in question.choices
        ],
        "asked_when": (
            {"question": condition.question, "equals": condition.equals}
            if condition
            else None
        ),
    }


@json_methods("GET", "HEAD")
def questionnaire_view(request):
    return JsonResponse(
        {
            "rules_version": engine.RULES_VERSION,
            "questions": [question_data(q) for q in questionnaire.QUESTIONS],
        }
    )


def read_json_body(request) -> tuple[object, dict[str, list[str]]]:
    content_type = request.content_type or ""
    if content_type != "application/json":
        return None, {"content_type": [_("Send the body as application/json.")]}
    try:
        body = request.body
    except RequestDataTooBig:
        return None, {"body": [_("The body is too large.")]}
    try:
        return json.loads(body), {}
    except (ValueError, UnicodeDecodeError, RecursionError):
        return None, {"body": [_("The body is not valid JSON.")]}


def answer_message(question_id: str, problem: Problem) -> str:
    question = questionnaire.QUESTIONS_BY_ID.get(question_id)
    if question is None or problem is Problem.UNKNOWN_QUESTION:
        return _("There is no question with this id.")
    if problem is Problem.NOT_TEXT:
        return _("Give the answer as a string.")
    if problem is Problem.UNKNOWN_CHOICE:
        return _("Choose one of: %(values)s.") % {"values": ", ".join(question.values)}
    if problem is Problem.MISSING:
        return _("This question needs an answer.")
    condition = question.asked_when
    assert condition is not None
    return _("Only asked when %(question)s is %(value)s.") % {
        "question": condition.question,
        "value": condition.equals,
    }


def validate_answers(raw: object) -> tuple[dict[str, str], dict[str, list[str]]]:
    if not isinstance(raw, dict):
        return {}, {"answers": [_("Give the answers as an object of question ids.")]}
    errors = {
        f"answers.{question_id}": [answer_message(question_id, problem)]
        for question_id, problem in questionnaire.answer_problems(raw).items()
    }
    return ({} if errors else dict(raw)), errors


def validate_context(raw: object) -> tuple[Context, dict[str, list[str]]]:
    if raw is None:
        return Context(), {}
    if not isinstance(raw, dict):
        return Context(), {"context": [_("Give the context as an object.")]}
    errors: dict[str, list[str]] = {}
    for key, value in raw.items():
        if key not in (*CONTEXT_FIELDS, "interview_date"):
            errors[f"context.{key}"] = [_("Unknown field.")]
        elif value is not None and not isinstance(value, str):
            errors[f"context.{key}"] = [_("Give this as a string.")]
    if errors:
        return Context(), errors
    data = {key: value or "" for key, value in raw.items()}
    form = ContextForm(data)
    if not form.is_valid():
        return Context(), {
            f"context.{field}": [str(message) for message in messages]
            for field, messages in form.errors.items()
        }
    return Context(**form.cleaned_data), {}


def validate_email(raw: object) -> tuple[dict[str, str], dict[str, list[str]]]:
    options = {"reason": "none", "kind": "decline"}
    if raw is None:
        return options, {}
    if not isinstance(raw, dict):
        return options, {"email": [_("Give the email options as an object.")]}
    errors: dict[str, list[str]] = {}
    for key, value in raw.items():
        allowed = EMAIL_FIELDS.get(key)
        if allowed is None:
            errors[f"email.{key}"] = [_("Unknown field.")]
        elif value not in allowed:
            errors[f"email.{key}"] = [
                _("Choose one of: %(values)s.") % {"values": ", ".join(allowed)}
            ]
        else:
            options[key] = value
    return options, errors


@csrf_exempt
@json_methods("POST")
def evaluate_view(request):
    payload, errors = read_json_body(request)
    if errors:
        return error_response(errors)
    if not isinstance(payload, dict):
        return error_response({"body": [_("Send a JSON object.")]})
    errors = {
        f"{key}": [_("Unknown field.")]
        for key in payload
        if key not in TOP_LEVEL_FIELDS
    }
    if "answers" not in payload:
        errors["answers"] = [_("This field is required.")]
    answers, answer_errors = validate_answers(payload.get("answers", {}))
    context, context_errors = validate_context(payload.get("context"))
    email_options, email_errors = validate_email(payload.get("email"))
    errors |= answer_errors | context_errors | email_errors
    if errors:
        return error_response(errors)
    verdict = engine.evaluate(answers)
    return JsonResponse(
        verdict.to_dict()
        | drafting.follow_up(verdict, context, **email_options).to_dict()
    )


@json_methods("GET", "HEAD")
def shared_view(request, token):
    link = (
        ShareLink.objects.select_related("decision")
        .filter(token=token, revoked_at=None)
        .first()
    )
    if link is None:
        return error_response({"token": [_("No shared decision has this link.")]}, 404)
    response = JsonResponse(presenters.shared_data(link))
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response
