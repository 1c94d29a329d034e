"""The JSON API: the questionnaire, a stateless evaluation, and shared results.

Every error is JSON: {"errors": {field: [messages]}}.
"""

import json
from functools import wraps

from django.core.exceptions import RequestDataTooBig
from django.http import JsonResponse
from django.views.decorators.csrf import csrf_exempt

from decisions import drafting, engine, questionnaire, services
from decisions.drafting import KINDS, REASONS, Context
from decisions.forms import ContextForm
from decisions.models import ShareLink

TOP_LEVEL_FIELDS = {"answers", "context", "email"}
CONTEXT_FIELDS = ("role_title", "company_name", "contact_name", "your_name")
EMAIL_FIELDS = {"reason": REASONS, "kind": KINDS}


def error_response(errors: dict[str, list[str]], status: int = 400) -> JsonResponse:
    return JsonResponse({"errors": errors}, status=status)


def json_methods(*methods: str):
    """Like require_http_methods, but the 405 is JSON too."""

    def decorator(view):
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            if request.method not in methods:
                response = error_response(
                    {"method": [f"Use {' or '.join(methods)}."]}, status=405
                )
                response["Allow"] = ", ".join(methods)
                return response
            return view(request, *args, **kwargs)

        return wrapped

    return decorator


def question_data(question: questionnaire.Question) -> dict:
    condition = question.asked_when
    return {
        "id": question.id,
        "title": question.title,
        "hint": question.hint,
        "choices": [
            {"value": choice.value, "label": choice.label, "hint": choice.hint}
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
        return None, {"content_type": ["Send the body as application/json."]}
    try:
        body = request.body
    except RequestDataTooBig:
        return None, {"body": ["The body is too large."]}
    try:
        return json.loads(body), {}
    except (ValueError, UnicodeDecodeError, RecursionError):
        return None, {"body": ["The body is not valid JSON."]}


def validate_answers(raw: object) -> tuple[dict[str, str], dict[str, list[str]]]:
    if not isinstance(raw, dict):
        return {}, {"answers": ["Give the answers as an object of question ids."]}
    errors: dict[str, list[str]] = {}
    for key, value in raw.items():
        question = questionnaire.QUESTIONS_BY_ID.get(key)
        if question is None:
            errors[f"answers.{key}"] = ["There is no question with this id."]
        elif not isinstance(value, str):
            errors[f"answers.{key}"] = ["Give the answer as a string."]
        elif value not in question.values:
            allowed = ", ".join(question.values)
            errors[f"answers.{key}"] = [f"Choose one of: {allowed}."]
    if errors:
        return {}, errors
    for question in questionnaire.QUESTIONS:
        asked = question.is_asked(raw)
        if asked and question.id not in raw:
            errors[f"answers.{question.id}"] = ["This question needs an answer."]
        elif not asked and question.id in raw:
            condition = question.asked_when
            errors[f"answers.{question.id}"] = [
                f"Only asked when {condition.question} is {condition.equals}."
            ]
    return dict(raw), errors


def validate_context(raw: object) -> tuple[Context, dict[str, list[str]]]:
    if raw is None:
        return Context(), {}
    if not isinstance(raw, dict):
        return Context(), {"context": ["Give the context as an object."]}
    errors: dict[str, list[str]] = {}
    for key, value in raw.items():
        if key not in (*CONTEXT_FIELDS, "interview_date"):
            errors[f"context.{key}"] = ["Unknown field."]
        elif value is not None and not isinstance(value, str):
            errors[f"context.{key}"] = ["Give this as a string."]
    if errors:
        return Context(), errors
    data = {key: value or "" for key, value in raw.items()}
    form = ContextForm(data)
    if not form.is_valid():
        return Context(), {
            f"context.{field}": list(messages)
            for field, messages in form.errors.items()
        }
    return Context(**form.cleaned_data), {}


def validate_email(raw: object) -> tuple[dict[str, str], dict[str, list[str]]]:
    options = {"reason": "none", "kind": "decline"}
    if raw is None:
        return options, {}
    if not isinstance(raw, dict):
        return options, {"email": ["Give the email options as an object."]}
    errors: dict[str, list[str]] = {}
    for key, value in raw.items():
        allowed = EMAIL_FIELDS.get(key)
        if allowed is None:
            errors[f"email.{key}"] = ["Unknown field."]
        elif value not in allowed:
            errors[f"email.{key}"] = [f"Choose one of: {', '.join(allowed)}."]
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
        return error_response({"body": ["Send a JSON object."]})
    errors = {
        f"{key}": ["Unknown field."] for key in payload if key not in TOP_LEVEL_FIELDS
    }
    if "answers" not in payload:
        errors["answers"] = ["This field is required."]
    answers, answer_errors = validate_answers(payload.get("answers", {}))
    context, context_errors = validate_context(payload.get("context"))
    email_options, email_errors = validate_email(payload.get("email"))
    errors |= answer_errors | context_errors | email_errors
    if errors:
        return error_response(errors)
    verdict = engine.evaluate(answers)
    return JsonResponse(
        verdict.to_dict()
        | drafting.follow_up(verdict, answers, context, **email_options).to_dict()
    )


@json_methods("GET", "HEAD")
def shared_view(request, token):
    link = (
        ShareLink.objects.select_related("decision")
        .filter(token=token, revoked_at=None)
        .first()
    )
    if link is None:
        return error_response({"token": ["No shared decision has this link."]}, 404)
    response = JsonResponse(services.shared_data(link))
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response
