"""The address of each step of the flow, keeping where a person came from."""

import uuid
from urllib.parse import urlencode

from django.urls import reverse

from decisions.flow import Page, ReturnTo, Step

_URL_NAMES = {
    Page.QUESTION: "decisions:question",
    Page.DETAILS: "decisions:details",
    Page.CHECK: "decisions:check",
    Page.VERDICT: "decisions:verdict",
}


def step_url(
    decision_id: uuid.UUID, step: Step, came_from: ReturnTo | None = None
) -> str:
    """The step's address; a question or the details keep where to return to."""
    args: list[object] = [decision_id]
    if step.page is Page.QUESTION:
        args.append(step.question_id)
    url = reverse(_URL_NAMES[step.page], args=args)
    if came_from is not None and step.page in (Page.QUESTION, Page.DETAILS):
        url += "?" + urlencode({"return_to": came_from.value})
    return url
