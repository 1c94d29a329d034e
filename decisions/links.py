"""The address of each page of a decision, and of each step of the flow keeping
where a person came from."""

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
# Any id: each page's address is reversed once with it, then takes a decision's own.
_ANY_ID = uuid.UUID(int=0)


@cache
def _around_the_id(
    url_name: str, args: tuple[str, ...], script_prefix: str
) -> tuple[str, str]:
    """The page's address before and after the decision's id."""
    before, after = reverse(url_name, args=[_ANY_ID, *args]).split(str(_ANY_ID))
    return before, after


def decision_url(url_name: str, decision_id: uuid.UUID, *args: str) -> str:
    """The address of a page of this decision (`url_name` takes its id, then
    `args`): reversed once, not for every decision a page links to."""
    before, after = _around_the_id(url_name, args, get_script_prefix())
    return f"{before}{decision_id}{after}"


def step_url(
    decision_id: uuid.UUID, step: Step, came_from: ReturnTo | None = None
) -> str:
    """The step's address; a question or the details keep where to return to."""
    args = (step.question_id,) if step.page is Page.QUESTION else ()
    url = decision_url(_URL_NAMES[step.page], decision_id, *args)
    if came_from is not None and step.page in (Page.QUESTION, Page.DETAILS):
        url += "?" + urlencode({"return_to": came_from.value})
    return url
