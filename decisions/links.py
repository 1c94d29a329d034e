"""The address of each step of the flow, keeping where a person came from."""

import uuid
from functools import cache
from urllib.parse import urlencode

from django.urls import get_script_prefix, reverse

from decisions.flow import Page, ReturnTo, Step

_URL_NAMES = {
    Page.QUESTION: "decisions:question",
    Page.DETAILS: "decisions:details",
    Page.CHECK: "decisions:check",
    Page.VERDICT: "decisions:verdict",
}
# Any id: each step's address is reversed once with it, then takes a decision's own.
_ANY_ID = uuid.UUID(int=0)


@cache
def _around_the_id(step: Step, script_prefix: str) -> tuple[str, str]:
    """The step's address before and after the decision's id."""
    args: list[object] = [_ANY_ID]
    if step.page is Page.QUESTION:
        args.append(step.question_id)
    before, after = reverse(_URL_NAMES[step.page], args=args).split(str(_ANY_ID))
    return before, after


def step_url(
    decision_id: uuid.UUID, step: Step, came_from: ReturnTo | None = None
) -> str:
    """The step's address; a question or the details keep where to return to."""
    before, after = _around_the_id(step, get_script_prefix())
    url = f"{before}{decision_id}{after}"
    if came_from is not None and step.page in (Page.QUESTION, Page.DETAILS):
        url += "?" + urlencode({"return_to": came_from.value})
    return url
