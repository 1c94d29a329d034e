"""The JSON API on django-ninja: the questionnaire, a stateless evaluation, and
shared results, with its OpenAPI document and docs page.

The schemas are built from the app's own data: each answer's choices from the
questionnaire, the email options from drafting's enums, the results from the
engine's and drafting's dataclasses. A new choice, option or result field needs
no edit here. What makes answers and details valid stays with the questionnaire
and the details form: the schemas describe, those rules decide.

Every error is JSON, {"errors": {field: [messages]}}, under /api/ for any method.
"""

import dataclasses
import functools
import json
import types
import typing
from collections.abc import Callable
from enum import StrEnum
from typing import Annotated, Any, Literal

from ninja import NinjaAPI, Status, Swagger
from ninja.errors import HttpError, ValidationError
from ninja.parser import Parser
from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    PlainValidator,
    WithJsonSchema,
    create_model,
)
from pydantic_core import PydanticCustomError

from django.core.exceptions import RequestDataTooBig
from django.core.exceptions import ValidationError as DjangoValidationError
from django.forms import BaseForm
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.urls import URLPattern
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_safe

from decisions import drafting, engine, presenters, questionnaire
from decisions.drafting import Context, EmailKind, EmailReason
from decisions.forms import ContextForm, EmailOptionsForm
from decisions.models import ShareLink
from decisions.questionnaire import Problem

# An error reply stays small whatever was sent: a body full of unknown fields
# gets the first few named, each name cut short.
MAX_ERRORS = 30
MAX_FIELD_NAME = 100

# The JSON names that differ from the dataclasses' attributes, as to_dict() writes
# them.
JSON_NAMES = {"recommendation": "verdict"}


def errors_response(errors: dict[str, list[str]], status: int = 400) -> JsonResponse:
    return JsonResponse({"errors": errors}, status=status)


class JsonApi(NinjaAPI):
    def get_content_type(self) -> str:
        # JSON is UTF-8 by definition: no charset parameter.
        return str(self.renderer.media_type)


class BadBody(ValueError):
    """A body that isn't JSON, named by the field its error goes under."""

    def __init__(self, field: str, message: str):
        super().__init__(message)
        self.field = field


class JsonParser(Parser):
    def parse_body(self, request: HttpRequest) -> Any:
        if request.content_type != "application/json":
            raise BadBody("content_type", _("Send the body as application/json."))
        try:
            return json.loads(request.body)
        except (ValueError, RecursionError) as error:
            raise BadBody("body", _("The body is not valid JSON.")) from error


api = JsonApi(
    title="Interview Decider",
    version="1",
    description=(
        "Weigh a job interview invitation with the rules of the Interview Decider. "
        'Nothing is stored. Every error is `{"errors": {field: [messages]}}`.'
    ),
    urls_namespace="decisions",
    parser=JsonParser(),
    docs=Swagger(settings={"validatorUrl": None}),
    docs_decorator=require_safe,
)


# Schemas: what the API reads.


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


def checked_answers(value: Any) -> Any:
    """Answers checked by the questionnaire's own rule; the problems go in the
    error's context, one per question id."""
    if isinstance(value, dict):
        problems = questionnaire.answer_problems(value)
        if problems:
            raise PydanticCustomError(
                "answers", "Some answers are not valid.", {"problems": problems}
            )
    return value


def asked_only_when(question: questionnaire.Question) -> dict[str, Any]:
    """JSON Schema: the question is answered exactly when its condition holds."""
    condition = question.asked_when
    assert condition is not None
    return {
        "if": {
            "required": [condition.question],
            "properties": {condition.question: {"const": condition.equals}},
        },
        "then": {"required": [question.id]},
        "else": {"not": {"required": [question.id]}},
    }


def without_default(schema: dict[str, Any]) -> None:
    schema.pop("default")


# Describes the answers; checked_answers decides.
answer_fields: dict[str, Any] = {
    question.id: (
        Literal[question.values],
        ...
        if question.asked_when is None
        else Field(default=None, json_schema_extra=without_default),
    )
    for question in questionnaire.QUESTIONS
}
AnswersSchema = create_model(
    "Answers",
    __config__=ConfigDict(
        extra="forbid",
        json_schema_extra={
            "allOf": [
                asked_only_when(question)
                for question in questionnaire.QUESTIONS
                if question.asked_when is not None
            ]
        },
    ),
    __doc__=(
        "An answer to every question the flow asks, by question id: GET "
        "/questionnaire lists the questions, their choices and when each is asked."
    ),
    **answer_fields,
)


def one_of(enum: type[StrEnum]) -> PlainValidator:
    """One of the enum's values, refused with the values listed."""

    def check(value: Any) -> StrEnum:
        if value not in tuple(enum):
            raise PydanticCustomError(
                "choice", "Not one of the choices.", {"values": tuple(enum)}
            )
        return enum(value)

    return PlainValidator(check, json_schema_input_type=enum)


def limit(form: type[BaseForm], name: str) -> int:
    return typing.cast(int, form.base_fields[name].max_length)  # type: ignore[attr-defined]


def checked_by(form: type[BaseForm], name: str) -> AfterValidator:
    """The value checked by the form's own field; its messages go in the error's
    context."""

    def check(value: Any) -> Any:
        field = form().fields[name]
        # Text is taken exactly as sent, so that maxLength holds as documented.
        field.strip = False  # type: ignore[attr-defined]
        try:
            return field.clean(value)
        except DjangoValidationError as error:
            raise PydanticCustomError(
                "form_field", "Not valid.", {"messages": error.messages}
            ) from None

    return AfterValidator(check)


class EmailOptions(Strict):
    """Which email to draft; an option left out follows the verdict."""

    reason: Annotated[EmailReason | None, one_of(EmailReason)] = None
    kind: Annotated[EmailKind | None, one_of(EmailKind)] = None
    keep_in_mind_for: Annotated[
        str, checked_by(EmailOptionsForm, "email_keep_in_mind_for")
    ] = Field(
        default="",
        description="Roles they could keep you in mind for, as a few words.",
        json_schema_extra={
            "maxLength": limit(EmailOptionsForm, "email_keep_in_mind_for")
        },
    )


def detail(name: str) -> Any:
    """An optional detail, as long as the details form allows."""
    return Field(
        default=None, json_schema_extra={"maxLength": limit(ContextForm, name)}
    )


def optional_text(given: dict[str, Any], description: str) -> WithJsonSchema:
    """JSON Schema: `given`, or empty or null for not given."""
    return WithJsonSchema(
        {
            "anyOf": [given, {"const": ""}, {"type": "null"}],
            "description": f"{description} Empty or null when not known.",
        }
    )


class ContextIn(Strict):
    """What the person knows of the interview, to personalise the drafts; each
    detail is checked as the details page checks it."""

    model_config = ConfigDict(title="Context")

    role_title: str | None = detail("role_title")
    company_name: str | None = detail("company_name")
    contact_name: str | None = detail("contact_name")
    your_name: str | None = detail("your_name")
    interview_date: Annotated[
        str | None,
        optional_text(
            {"type": "string", "format": "date", "examples": ["2027-03-15"]},
            "YYYY-MM-DD, a year from 2000 to 2099.",
        ),
    ] = None
    interview_time: Annotated[
        str | None,
        optional_text(
            {
                "type": "string",
                "pattern": "^([01][0-9]|2[0-3]):[0-5][0-9]$",
                "examples": ["14:30"],
            },
            "HH:MM on the 24-hour clock; only with an interview_date.",
        ),
    ] = None


def checked_context(value: ContextIn | None) -> Context | None:
    """The details checked by the details form; its errors go in the error's
    context, by field."""
    if value is None:
        return None
    form = ContextForm({name: given or "" for name, given in value})
    if not form.is_valid():
        raise PydanticCustomError(
            "form", "Some details are not valid.", {"errors": form.errors}
        )
    names = {field.name for field in dataclasses.fields(Context)}
    return Context(**{k: v for k, v in form.cleaned_data.items() if k in names})


class Evaluate(Strict):
    answers: Annotated[
        dict[str, str],
        BeforeValidator(checked_answers),
        WithJsonSchema(AnswersSchema.model_json_schema()),
    ]
    context: Annotated[ContextIn | None, AfterValidator(checked_context)] = None
    email: EmailOptions | None = None


# Schemas: what the API answers.


class Errors(BaseModel):
    """Messages by field: `answers.interest`, `context.interview_date`, `body`..."""

    errors: dict[str, list[str]]


def json_type(hint: Any) -> Any:
    """The type a dataclass attribute has once to_dict() has made it JSON."""
    if dataclasses.is_dataclass(hint):
        return schema_of(typing.cast(type, hint))
    args = tuple(json_type(arg) for arg in typing.get_args(hint))
    origin = typing.get_origin(hint)
    if origin is tuple:
        return list[args[0]]  # type: ignore[valid-type]
    if origin in (typing.Union, types.UnionType):
        return typing.Union[args]  # noqa: UP007
    return hint


def documentation(dataclass: type) -> str | None:
    """The dataclass's docstring, if it has one of its own."""
    doc = dataclass.__doc__ or ""
    return None if doc.startswith(f"{dataclass.__name__}(") else doc


def fields_of(dataclass: type) -> dict[str, Any]:
    """The dataclass's fields as schema fields, named as its to_dict() names them."""
    hints = typing.get_type_hints(dataclass)
    return {
        JSON_NAMES.get(field.name, field.name): (json_type(hints[field.name]), ...)
        for field in dataclasses.fields(dataclass)
    }


@functools.cache
def schema_of(dataclass: type) -> type[BaseModel]:
    return create_model(
        dataclass.__name__,
        __base__=Strict,
        __doc__=documentation(dataclass),
        **fields_of(dataclass),
    )


verdict_fields = fields_of(engine.Verdict)
# drafting.FollowUp.to_dict() names the email "decline_email".
follow_up_fields: dict[str, Any] = {
    "decline_email": (json_type(drafting.Email), ...),
    "checklist": (json_type(tuple[drafting.ChecklistItem, ...]), ...),
}
Evaluation = create_model(
    "Evaluation",
    __base__=Strict,
    __doc__="The verdict, explained, with the email and the checklist.",
    **verdict_fields,
    **follow_up_fields,
)
# presenters.shared_data shows the weighing, not the answers behind it.
shared_verdict_fields = {
    name: field for name, field in verdict_fields.items() if name != "answers"
}
SharedDecision = create_model(
    "SharedDecision",
    __base__=Strict,
    __doc__="What a share link shows: never a name or the date.",
    **shared_verdict_fields,
    **follow_up_fields,
    role_title=(str | None, ...),
    company_name=(str | None, ...),
)


class Choice(BaseModel):
    value: str
    label: str
    hint: str


class Condition(BaseModel):
    question: str
    equals: str


class Question(BaseModel):
    id: str
    title: str
    hint: str
    choices: list[Choice]
    asked_when: Condition | None


class Questionnaire(BaseModel):
    rules_version: str
    questions: list[Question]


# Operations.


def translated(message: str) -> str:
    """A marked sentence in the active language; an empty hint stays empty."""
    return _(message) if message else ""


def question_data(question: questionnaire.Question) -> dict[str, Any]:
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
        "asked_when": dataclasses.asdict(condition) if condition else None,
    }


@api.get(
    "/questionnaire",
    response=Questionnaire,
    url_name="api_questionnaire",
    summary="The questions, in the flow's order",
)
@api.api_operation(
    ["HEAD"],
    "/questionnaire",
    response=Questionnaire,
    url_name="api_questionnaire",
    include_in_schema=False,
)
def questionnaire_view(request: HttpRequest) -> dict[str, Any]:
    return {
        "rules_version": engine.RULES_VERSION,
        "questions": [question_data(q) for q in questionnaire.QUESTIONS],
    }


@api.post(
    "/evaluate",
    response={200: Evaluation, 400: Errors},
    url_name="api_evaluate",
    summary="Weigh a complete set of answers; nothing is stored",
)
def evaluate_view(request: HttpRequest, payload: Evaluate) -> dict[str, Any]:
    verdict = engine.evaluate(payload.answers)
    options = payload.email or EmailOptions()
    # checked_context has made the details a Context.
    context = typing.cast(Context | None, payload.context) or Context()
    follow_up = drafting.follow_up(verdict, context, **options.model_dump())
    return verdict.to_dict() | follow_up.to_dict()


@api.get(
    "/shared/{slug:token}",
    response={200: SharedDecision, 404: Errors},
    url_name="api_shared",
    summary="What a share link shows; 404 once it is turned off",
)
@api.api_operation(
    ["HEAD"],
    "/shared/{slug:token}",
    response={200: SharedDecision, 404: Errors},
    url_name="api_shared",
    include_in_schema=False,
)
def shared_view(request: HttpRequest, response: HttpResponse, token: str) -> Any:
    link = (
        ShareLink.objects.select_related("decision")
        .filter(token=token, revoked_at=None)
        .first()
    )
    if link is None:
        return Status(
            404, {"errors": {"token": [_("No shared decision has this link.")]}}
        )
    response["X-Robots-Tag"] = "noindex, nofollow"
    return presenters.shared_data(link)


# Errors.


def answer_message(question_id: str, problem: Problem) -> str:
    question = questionnaire.QUESTIONS_BY_ID.get(question_id)
    if question is None or problem is Problem.UNKNOWN_QUESTION:
        return _("There is no question with this id.")
    if problem is Problem.NOT_TEXT:
        return _("Give the answer as a string.")
    if problem is Problem.UNKNOWN_CHOICE:
        return choose_one_of(question.values)
    if problem is Problem.MISSING:
        return _("This question needs an answer.")
    condition = question.asked_when
    assert condition is not None
    return _("Only asked when %(question)s is %(value)s.") % {
        "question": condition.question,
        "value": condition.equals,
    }


def choose_one_of(values: tuple[str, ...]) -> str:
    return _("Choose one of: %(values)s.") % {"values": ", ".join(values)}


def error_message(field: str, error: dict[str, Any]) -> str:
    kind = error["type"]
    if not field:
        return _("Send a JSON object.")
    if kind == "missing":
        return _("This field is required.")
    if kind == "extra_forbidden":
        return _("Unknown field.")
    if kind == "string_type":
        return _("Give this as a string.")
    if kind == "choice":
        return choose_one_of(error["ctx"]["values"])
    return _("Give this as an object.")


def field_errors(error: dict[str, Any]) -> dict[str, list[str]]:
    """One of pydantic's errors as messages by field; the questionnaire's and the
    form's errors carry a message for each of their fields."""
    field = ".".join(str(part) for part in error["loc"][2:])  # after body.payload
    if error["type"] == "answers":
        return {
            f"{field}.{question_id}": [answer_message(question_id, problem)]
            for question_id, problem in error["ctx"]["problems"].items()
        }
    if error["type"] == "form":
        return {
            f"{field}.{name}": [str(message) for message in messages]
            for name, messages in error["ctx"]["errors"].items()
        }
    if error["type"] == "form_field":
        return {field: [str(message) for message in error["ctx"]["messages"]]}
    return {field or "body": [error_message(field, error)]}


def bounded(errors: dict[str, list[str]]) -> dict[str, list[str]]:
    """At most MAX_ERRORS fields, each name at most MAX_FIELD_NAME characters."""
    return {
        name[:MAX_FIELD_NAME]: messages
        for name, messages in list(errors.items())[:MAX_ERRORS]
    }


@api.exception_handler(ValidationError)
def invalid_request(request: HttpRequest, error: ValidationError) -> HttpResponse:
    errors: dict[str, list[str]] = {}
    for each in error.errors:
        errors |= field_errors(each)
    return errors_response(bounded(errors))


@api.exception_handler(HttpError)
def unreadable_body(request: HttpRequest, error: HttpError) -> HttpResponse:
    """ninja reports the parser's BadBody as an HttpError caused by it."""
    cause = error.__cause__
    if isinstance(cause, BadBody):
        return errors_response({cause.field: [str(cause)]}, error.status_code)
    return errors_response({"request": [str(error)]}, error.status_code)


@api.exception_handler(RequestDataTooBig)
def body_too_large(request: HttpRequest, error: RequestDataTooBig) -> HttpResponse:
    return errors_response({"body": [_("The body is too large.")]})


def with_json_405(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """The view, answering a method it doesn't take in JSON, whoever refused it.

    The API reads no cookies, so no request needs a CSRF token.
    """

    @functools.wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        response = view(request, *args, **kwargs)
        if response.status_code != 405:
            return response
        methods = sorted(response["Allow"].split(", "))
        refused = errors_response(
            {"method": [_("Use %(methods)s.") % {"methods": " or ".join(methods)}]},
            status=405,
        )
        refused["Allow"] = ", ".join(methods)
        return refused

    return csrf_exempt(wrapped)


# ninja lists an address once for each of its operations (GET and HEAD are two,
# so that the document lists GET alone): one is enough.
routes: dict[str, URLPattern] = {}
for pattern in typing.cast(list[URLPattern], api.urls[0]):
    pattern.callback = with_json_405(pattern.callback)
    routes.setdefault(str(pattern.pattern), pattern)
urlpatterns = list(routes.values())
