import datetime
import html
import re
import uuid

import pytest
from pytest_django.asserts import assertContains, assertNotContains, assertRedirects

from django.test import Client
from django.urls import reverse
from django.utils import timezone

from decisions import engine, ownership
from decisions.forms import DetailsForm
from decisions.models import Decision
from decisions.questionnaire import QUESTIONS_BY_ID
from tests.conftest import DECLINE_ANSWERS, INTERVIEW_ANSWERS, question_url

pytestmark = pytest.mark.django_db

EMPLOYED = DECLINE_ANSWERS
UNEMPLOYED = INTERVIEW_ANSWERS
BLANK_DETAILS = dict.fromkeys(
    ("role_title", "company_name", "contact_name", "your_name", "interview_date"), ""
)


def answers_before(path: dict[str, str], question_id: str) -> dict[str, str]:
    ids = list(path)
    return {key: path[key] for key in ids[: ids.index(question_id)]}


def page_title(response) -> str:
    return html.unescape(re.search(r"<title>(.*?)</title>", response.text).group(1))


def back_href(response) -> str:
    return re.search(r'class="back-link" href="([^"]*)"', response.text).group(1)


def checked_values(response) -> list[str]:
    inputs = re.findall(r'<input[^>]*name="answer"[^>]*>', response.text)
    return [
        re.search(r'value="([^"]*)"', tag).group(1)
        for tag in inputs
        if re.search(r"\schecked\b", tag)
    ]


def details_url(decision) -> str:
    return reverse("decisions:details", args=[decision.pk])


def check_url(decision) -> str:
    return reverse("decisions:check", args=[decision.pk])


def verdict_url(decision) -> str:
    return reverse("decisions:verdict", args=[decision.pk])


def resume_url(decision) -> str:
    return reverse("decisions:resume", args=[decision.pk])


# Start


def test_start_page_describes_the_service_in_two_sentences(client):
    """The start page says in two sentences: about two minutes, nothing shared."""
    response = client.get(reverse("decisions:start"))

    lead = re.search(r'<p class="lead">(.*?)</p>', response.text, re.S).group(1)
    sentences = [part for part in re.split(r"(?<=[.!?])\s+", lead.strip()) if part]
    assert len(sentences) == 2
    assert "about two minutes" in lead
    assert "nothing is shared" in lead


def test_start_page_creates_no_decision_and_no_browser_id(client):
    """Looking at the start page stores nothing."""
    client.get(reverse("decisions:start"))

    assert not Decision.objects.exists()
    assert ownership.BROWSER_KEY not in client.session


def test_start_now_asks_the_first_question_and_stores_nothing(client):
    """Starting shows the first question; nothing is stored before an answer."""
    response = client.get(reverse("decisions:new_decision"))

    assertContains(response, QUESTIONS_BY_ID["employment"].title)
    assertContains(response, "Question 1 of 10")
    assert back_href(response) == reverse("decisions:start")
    assert not Decision.objects.exists()
    assert ownership.BROWSER_KEY not in client.session


def test_the_first_answer_stores_a_decision_owned_by_this_browser(client):
    """The first answer makes one in-progress decision tied to this browser."""
    client.post(reverse("decisions:new_decision"), {"answer": "employed"})

    decision = Decision.objects.get()
    assert decision.user is None
    assert decision.browser_id
    assert decision.browser_id == client.session[ownership.BROWSER_KEY]
    assert decision.status == Decision.Status.IN_PROGRESS
    assert decision.answers == {"employment": "employed"}


def test_the_first_answer_leads_to_the_second_question(client):
    """After the first answer, a person is asked the second question."""
    response = client.post(reverse("decisions:new_decision"), {"answer": "employed"})

    decision = Decision.objects.get()
    assertRedirects(
        response, question_url(decision, "interest"), fetch_redirect_response=False
    )


@pytest.mark.parametrize("data", [{}, {"answer": "maybe"}], ids=["none", "unknown"])
def test_a_missing_first_answer_stores_nothing_and_says_why(client, data):
    """Without a valid first answer, the question returns with its error."""
    response = client.post(reverse("decisions:new_decision"), data)

    assertContains(response, QUESTIONS_BY_ID["employment"].error)
    assert page_title(response).startswith("Error: ")
    assert not Decision.objects.exists()


def test_decision_urls_use_a_random_uuid(start_decision):
    """A decision's address holds a random UUID, not a sequential number."""
    decision = start_decision()

    assert isinstance(decision.pk, uuid.UUID)
    assert decision.pk.version == 4
    assert str(decision.pk) in question_url(decision, "employment")
    assert str(decision.pk) in resume_url(decision)


def test_a_numeric_decision_url_is_404(client, start_decision):
    """Sequential ids are not decision addresses."""
    start_decision()

    assert client.get("/decisions/1/").status_code == 404


def test_start_page_offers_to_continue_a_decision_in_progress(client, make_decision):
    """With a decision in progress, the start page links to resume it."""
    decision = make_decision({"employment": "employed"})

    response = client.get(reverse("decisions:start"))

    assertContains(response, "Continue your decision")
    assertContains(response, f'href="{resume_url(decision)}"')


def test_start_page_does_not_offer_to_continue_a_finished_decision(
    client, make_decision
):
    """A complete decision is not offered as one to continue."""
    make_decision(EMPLOYED, complete=True)

    response = client.get(reverse("decisions:start"))

    assertNotContains(response, "Continue your decision")


# Questions


ROUTES = [
    (name, path, question_id)
    for name, path in (("employed", EMPLOYED), ("unemployed", UNEMPLOYED))
    for question_id in path
]


@pytest.mark.parametrize(
    ("path", "question_id"),
    [(path, question_id) for _, path, question_id in ROUTES],
    ids=[f"{name}-{question_id}" for name, _, question_id in ROUTES],
)
def test_answering_a_question_saves_it_and_redirects_to_the_next(
    client, make_decision, path, question_id
):
    """An answer is stored by question id and the next step of the branch follows."""
    decision = make_decision(answers_before(path, question_id))
    ids = list(path)
    following = ids[ids.index(question_id) + 1 :]
    expected = question_url(decision, following[0]) if following else None

    response = client.post(
        question_url(decision, question_id), {"answer": path[question_id]}
    )

    decision.refresh_from_db()
    assert decision.answers[question_id] == path[question_id]
    assertRedirects(
        response, expected or details_url(decision), fetch_redirect_response=False
    )


def test_a_whole_journey_from_start_to_verdict(client):
    """Following the redirects, a person answers everything and gets a verdict."""
    first, *others = EMPLOYED.items()
    response = client.post(reverse("decisions:new_decision"), {"answer": first[1]})
    for question_id, value in others:
        assert response.url.endswith(f"/questions/{question_id}/")
        response = client.post(response.url, {"answer": value})
    response = client.post(response.url, {**BLANK_DETAILS, "role_title": "Analyst"})
    response = client.post(response.url)

    decision = Decision.objects.get()
    assert response.url == verdict_url(decision)
    assert decision.answers == EMPLOYED
    assert decision.role_title == "Analyst"
    assert decision.is_complete


@pytest.mark.parametrize(
    ("answers", "question_id", "expected"),
    [
        ({}, "employment", "Question 1 of 10"),
        (
            answers_before(EMPLOYED, "company_appeal"),
            "company_appeal",
            "Question 3 of 10",
        ),
        (
            answers_before(EMPLOYED, "discreet_time"),
            "discreet_time",
            "Question 8 of 10",
        ),
        (
            answers_before(UNEMPLOYED, "company_appeal"),
            "company_appeal",
            "Question 3 of 9",
        ),
        (
            answers_before(UNEMPLOYED, "market_insight"),
            "market_insight",
            "Question 9 of 9",
        ),
    ],
)
def test_question_page_shows_its_position(
    client, make_decision, answers, question_id, expected
):
    """A question shows "Question N of M", with 9 questions when unemployed."""
    decision = make_decision(answers)

    response = client.get(question_url(decision, question_id))

    assertContains(response, expected)


@pytest.mark.parametrize(
    ("path", "question_id", "previous"),
    [
        (EMPLOYED, "interest", "employment"),
        (EMPLOYED, "discreet_time", "prep_time"),
        (EMPLOYED, "network_value", "discreet_time"),
        (UNEMPLOYED, "network_value", "prep_time"),
    ],
)
def test_back_link_points_to_the_previous_question(
    client, make_decision, path, question_id, previous
):
    """Back goes to the question asked before this one on the person's branch."""
    decision = make_decision(answers_before(path, question_id))

    response = client.get(question_url(decision, question_id))

    assert back_href(response) == question_url(decision, previous)


def test_back_link_on_the_first_question_goes_to_the_start_page(client, make_decision):
    """Back from the first question returns to the start page."""
    decision = make_decision()

    response = client.get(question_url(decision, "employment"))

    assert back_href(response) == reverse("decisions:start")


def test_going_back_shows_the_earlier_answer_still_checked(client, make_decision):
    """A question already answered shows that answer selected."""
    decision = make_decision(answers_before(EMPLOYED, "company_appeal"))

    response = client.get(question_url(decision, "interest"))

    assert checked_values(response) == [EMPLOYED["interest"]]


def test_an_unanswered_question_has_nothing_checked(client, make_decision):
    """The current question starts with no choice selected."""
    decision = make_decision()

    response = client.get(question_url(decision, "employment"))

    assert checked_values(response) == []


START_AGAIN = f'href="{reverse("decisions:new_decision")}">Start a new decision</a>'


@pytest.mark.parametrize("step", ["question", "details"])
def test_question_and_details_pages_offer_a_new_decision(client, make_decision, step):
    """A question or the details page links to a new decision, keeping this one."""
    decision = make_decision(DECLINE_ANSWERS)
    url = (
        details_url(decision)
        if step == "details"
        else question_url(decision, "interest")
    )

    response = client.get(url)

    assertContains(response, START_AGAIN, html=False)
    assertContains(response, "This one stays in My decisions")


@pytest.mark.parametrize("step", ["question", "details"])
@pytest.mark.parametrize("came_from", ["check", "verdict"])
def test_changing_one_answer_offers_no_new_decision(
    client, make_decision, step, came_from
):
    """Someone who came to change one answer is not offered to start again."""
    decision = make_decision(DECLINE_ANSWERS, complete=True)
    url = (
        details_url(decision)
        if step == "details"
        else question_url(decision, "interest")
    )

    response = client.get(f"{url}?return_to={came_from}")

    assertNotContains(response, START_AGAIN, html=False)


def test_the_first_question_of_a_new_decision_offers_no_new_decision(client):
    """There is nothing to start again before the first answer."""
    response = client.get(reverse("decisions:new_decision"))

    assertNotContains(response, "Start a new decision")


def test_starting_again_keeps_the_finished_decision(client, make_decision):
    """A new decision started from a finished one leaves that one as it was."""
    finished = make_decision(DECLINE_ANSWERS, complete=True, company_name="Acme")

    client.post(reverse("decisions:new_decision"), {"answer": "unemployed"})

    finished.refresh_from_db()
    assert finished.answers == DECLINE_ANSWERS
    assert finished.is_complete
    assert Decision.objects.count() == 2


def test_unchanged_answers_keep_the_verdict_as_judged(client, make_decision):
    """Confirming unchanged answers never re-judges a verdict with newer rules."""
    decision = make_decision(DECLINE_ANSWERS, complete=True)
    Decision.objects.filter(pk=decision.pk).update(rules_version="2000.1.1")

    client.post(reverse("decisions:check", args=[decision.pk]))
    client.post(
        question_url(decision, "interest") + "?return_to=verdict",
        {"answer": DECLINE_ANSWERS["interest"]},
    )

    decision.refresh_from_db()
    assert decision.rules_version == "2000.1.1"


def change_from_verdict(client, decision, question_id: str, answer: str):
    """Change one answer as a "Change" link on the verdict page does; follow on."""
    response = client.post(
        question_url(decision, question_id) + "?return_to=verdict",
        {"answer": answer},
        follow=True,
    )
    assert response.redirect_chain[-1][0] == verdict_url(decision)
    return response


def test_a_changed_answer_that_turns_the_recommendation_around_says_so(
    client, make_decision
):
    """A banner names the recommendation before and after a changed answer."""
    decision = make_decision(DECLINE_ANSWERS, complete=True)

    response = change_from_verdict(client, decision, "other_process", "final_stages")

    assertContains(response, 'class="notification-banner" role="alert"')
    assertContains(response, "Your recommendation has changed")
    assertContains(
        response,
        "It was to politely decline the interview. With your new answer, we now "
        "recommend taking it.",
    )


def test_a_changed_answer_that_keeps_the_recommendation_shows_no_banner(
    client, make_decision
):
    """No banner when the recommendation stays the same."""
    decision = make_decision(DECLINE_ANSWERS, complete=True)

    response = change_from_verdict(client, decision, "company_appeal", "undesirable")

    assertNotContains(response, "notification-banner")


def test_the_banner_shows_once(client, make_decision):
    """Reloading the verdict after the banner shows it no more."""
    decision = make_decision(DECLINE_ANSWERS, complete=True)
    change_from_verdict(client, decision, "other_process", "final_stages")

    assertNotContains(client.get(verdict_url(decision)), "notification-banner")


def test_a_changed_answer_under_new_rules_says_so(client, make_decision):
    """A changed answer judged with newer rules tells the person the rules changed."""
    decision = make_decision(DECLINE_ANSWERS, complete=True)
    Decision.objects.filter(pk=decision.pk).update(rules_version="2000.1.1")

    response = client.post(
        question_url(decision, "interest") + "?return_to=verdict",
        {"answer": "open"},
        follow=True,
    )

    assertContains(response, "which have changed since your last result")
    decision.refresh_from_db()
    assert decision.rules_version != "2000.1.1"


@pytest.mark.parametrize(
    ("answers", "details_given", "expected"),
    [
        ({}, False, "employment"),
        (answers_before(EMPLOYED, "network_value"), False, "network_value"),
        (EMPLOYED, False, "details"),
        (UNEMPLOYED, True, "check"),
    ],
)
def test_resume_goes_to_the_first_unanswered_step(
    client, make_decision, answers, details_given, expected
):
    """Coming back to a decision lands on the first step still to do."""
    decision = make_decision(answers, details_given=details_given)
    urls = {"details": details_url(decision), "check": check_url(decision)}

    response = client.get(resume_url(decision))

    assertRedirects(
        response,
        urls.get(expected) or question_url(decision, expected),
        fetch_redirect_response=False,
    )


def test_resume_of_a_finished_decision_goes_to_its_verdict(client, make_decision):
    """A complete decision resumes at its verdict."""
    decision = make_decision(EMPLOYED, complete=True)

    response = client.get(resume_url(decision))

    assertRedirects(response, verdict_url(decision), fetch_redirect_response=False)


@pytest.mark.parametrize("method", ["get", "post"])
def test_cannot_skip_ahead_to_an_unanswered_question(client, make_decision, method):
    """A later question redirects to the current one, and nothing is saved."""
    decision = make_decision({"employment": "employed"})

    response = getattr(client, method)(
        question_url(decision, "market_insight"), {"answer": "wanted"}
    )

    assertRedirects(
        response, question_url(decision, "interest"), fetch_redirect_response=False
    )
    decision.refresh_from_db()
    assert decision.answers == {"employment": "employed"}


def test_an_unknown_question_id_is_404(client, make_decision):
    """A question id the questionnaire doesn't have is not found."""
    decision = make_decision()

    assert client.get(question_url(decision, "favourite_colour")).status_code == 404


@pytest.mark.parametrize("method", ["get", "post"])
def test_a_question_not_asked_on_this_branch_redirects(client, make_decision, method):
    """discreet_time is not asked of an unemployed person; it redirects instead."""
    decision = make_decision(answers_before(UNEMPLOYED, "market_insight"))

    response = getattr(client, method)(
        question_url(decision, "discreet_time"), {"answer": "easy"}
    )

    assertRedirects(
        response,
        question_url(decision, "market_insight"),
        fetch_redirect_response=False,
    )
    decision.refresh_from_db()
    assert "discreet_time" not in decision.answers


def test_changing_employment_to_unemployed_drops_discreet_time(client, make_decision):
    """The branch answer goes when the branch is no longer taken."""
    decision = make_decision(EMPLOYED)

    client.post(question_url(decision, "employment"), {"answer": "unemployed"})

    decision.refresh_from_db()
    assert "discreet_time" not in decision.answers
    assert decision.answers["employment"] == "unemployed"


@pytest.mark.parametrize(
    "data",
    [{}, {"answer": ""}, {"answer": "maybe"}, {"answer": "<script>"}],
    ids=["empty-post", "blank", "maybe", "script"],
)
def test_a_missing_or_tampered_answer_shows_the_questions_error(
    client, make_decision, data
):
    """No answer, or one not offered, re-renders with the error and saves nothing."""
    decision = make_decision(answers_before(EMPLOYED, "interest"))
    question = QUESTIONS_BY_ID["interest"]

    response = client.post(question_url(decision, "interest"), data)

    assert response.status_code == 200
    assertContains(response, "There is a problem")
    assertContains(
        response, f'<a class="alert-link" href="#id_answer_0">{question.error}'
    )
    assertContains(response, f"</span> {question.error}</p>")
    assert page_title(response).startswith(f"Error: {question.title}")
    assertNotContains(response, "<script>")
    decision.refresh_from_db()
    assert "interest" not in decision.answers


def test_a_question_page_without_errors_has_no_error_title(client, make_decision):
    """Only a page with an error puts "Error:" in its title."""
    decision = make_decision()

    response = client.get(question_url(decision, "employment"))

    assert page_title(response).startswith(QUESTIONS_BY_ID["employment"].title)
    assertNotContains(response, "There is a problem")


# Details


def test_details_before_every_question_is_answered_redirects(client, make_decision):
    """The details page waits until the questions are done."""
    decision = make_decision(answers_before(EMPLOYED, "prep_time"))

    response = client.get(details_url(decision))

    assertRedirects(
        response, question_url(decision, "prep_time"), fetch_redirect_response=False
    )


def test_details_can_all_be_left_blank(client, make_decision):
    """Every detail is optional: a blank form moves on to the check page."""
    decision = make_decision(EMPLOYED)

    response = client.post(details_url(decision), BLANK_DETAILS)

    assertRedirects(response, check_url(decision), fetch_redirect_response=False)
    decision.refresh_from_db()
    assert decision.details_given


def test_details_post_with_no_fields_counts_as_all_blank(client, make_decision):
    """A submission with no fields at all is the same as every field left blank."""
    decision = make_decision(EMPLOYED)

    response = client.post(details_url(decision), {})

    assertRedirects(response, check_url(decision), fetch_redirect_response=False)


def test_details_are_saved(client, make_decision):
    """Details given are stored on the decision."""
    decision = make_decision(EMPLOYED)
    data = {
        "role_title": "Data Analyst",
        "company_name": "Acme",
        "contact_name": "Sam",
        "your_name": "Alex",
        "interview_date": "2030-12-03",
        "recipient_email": "sam@example.com",
    }

    client.post(details_url(decision), data)

    decision.refresh_from_db()
    assert decision.role_title == "Data Analyst"
    assert decision.company_name == "Acme"
    assert decision.contact_name == "Sam"
    assert decision.your_name == "Alex"
    assert decision.interview_date == datetime.date(2030, 12, 3)
    assert decision.recipient_email == "sam@example.com"


@pytest.mark.parametrize("value", ["2030-12-03", "03/12/2030"])
def test_details_date_accepts_iso_and_british_formats(client, make_decision, value):
    """The interview date may be 2030-12-03 or 03/12/2030."""
    decision = make_decision(EMPLOYED)

    client.post(details_url(decision), {**BLANK_DETAILS, "interview_date": value})

    decision.refresh_from_db()
    assert decision.interview_date == datetime.date(2030, 12, 3)


def test_details_date_may_be_today(client, make_decision):
    """An interview today is still ahead."""
    decision = make_decision(EMPLOYED)
    today = timezone.localdate()

    client.post(
        details_url(decision), {**BLANK_DETAILS, "interview_date": today.isoformat()}
    )

    decision.refresh_from_db()
    assert decision.interview_date == today


def test_a_newly_typed_past_date_is_refused(client, make_decision):
    """A date already gone is no interview to prepare for or decline."""
    decision = make_decision(EMPLOYED)
    yesterday = timezone.localdate() - datetime.timedelta(days=1)

    response = client.post(
        details_url(decision),
        {**BLANK_DETAILS, "interview_date": yesterday.isoformat()},
    )

    assertContains(response, "Interview date must be today or in the future", count=2)
    decision.refresh_from_db()
    assert decision.interview_date is None


def test_a_stored_date_that_has_passed_stays_when_other_details_change(
    client, make_decision
):
    """Changing the company of an older decision doesn't trip over its old date."""
    past = timezone.localdate() - datetime.timedelta(days=30)
    decision = make_decision(EMPLOYED, interview_date=past, details_given=True)

    client.post(
        details_url(decision),
        {
            **BLANK_DETAILS,
            "company_name": "Acme",
            "interview_date": past.strftime("%d/%m/%Y"),
        },
    )

    decision.refresh_from_db()
    assert (decision.company_name, decision.interview_date) == ("Acme", past)


def test_the_date_hint_gives_an_example_four_weeks_ahead(client, make_decision):
    """The date's example is never in the past."""
    decision = make_decision(EMPLOYED)
    example = timezone.localdate() + datetime.timedelta(weeks=4)

    response = client.get(details_url(decision))

    assertContains(response, f"For example, {example:%d/%m/%Y}.")


def test_details_explain_why_they_are_asked_and_mark_each_optional(
    client, make_decision
):
    """Before the verdict, the page says what the details are for; all optional."""
    decision = make_decision(EMPLOYED)

    response = client.get(details_url(decision))

    assertContains(response, "ready to use whichever way you decide")
    assertContains(response, "(optional)", count=len(DetailsForm.Meta.fields))
    assertNotContains(response, "*</span>")


def test_a_mistyped_recipient_address_is_refused(client, make_decision):
    """Their email address must look like one."""
    decision = make_decision(EMPLOYED)

    response = client.post(
        details_url(decision), {**BLANK_DETAILS, "recipient_email": "sam at acme"}
    )

    assertContains(response, "Enter their email address in the correct format", count=2)


@pytest.mark.parametrize(
    ("field", "value", "error"),
    [
        ("role_title", "a" * 101, "Job title must be 100 characters or fewer"),
        ("company_name", "Ac\x07me", "Use letters, numbers and punctuation only."),
        ("interview_date", "31/02/2026", "Interview date must be a real date"),
        ("interview_date", "tomorrow", "Interview date must be a real date"),
        ("interview_date", "27/11", "Interview date must include a year"),
    ],
    ids=["too-long", "control-character", "31-february", "tomorrow", "half-typed"],
)
def test_invalid_details_re_render_with_the_error_and_the_input_kept(
    client, make_decision, field, value, error
):
    """A bad detail re-renders with a summary, the error and what the person typed."""
    decision = make_decision(EMPLOYED)

    response = client.post(details_url(decision), {**BLANK_DETAILS, field: value})

    assert response.status_code == 200
    assertContains(response, "There is a problem")
    assertContains(response, f'<a class="alert-link" href="#id_{field}">')
    assertContains(response, html.escape(error), count=2)
    assertContains(response, f'value="{html.escape(value)}"')
    assert page_title(response).startswith("Error: About the interview")
    decision.refresh_from_db()
    assert not decision.details_given
    assert getattr(decision, field) in ("", None)


def test_details_back_link_goes_to_the_last_question(client, make_decision):
    """Back from the details page returns to the last question of the branch."""
    decision = make_decision(UNEMPLOYED)

    response = client.get(details_url(decision))

    assert back_href(response) == question_url(decision, "market_insight")


# Check your answers


@pytest.mark.parametrize("path", [EMPLOYED, UNEMPLOYED], ids=["employed", "unemployed"])
def test_check_page_lists_every_answer_with_a_change_link(client, make_decision, path):
    """Each answer is listed with a Change link naming its question."""
    decision = make_decision(path, details_given=True)

    response = client.get(check_url(decision))

    links = {
        html.unescape(href): html.unescape(hidden)
        for href, hidden in re.findall(
            r'<a href="([^"]+)">Change<span class="visually-hidden">([^<]*)</span>',
            response.text,
        )
    }
    for question_id, value in path.items():
        question = QUESTIONS_BY_ID[question_id]
        assertContains(response, html.escape(question.label_for(value)))
        change = f"{question_url(decision, question_id)}?return_to=check"
        assert links[change] == f" your answer to: {question.title}"
    asked_links = [href for href in links if "/questions/" in href]
    assert len(asked_links) == len(path)


@pytest.mark.parametrize(
    ("answers", "details_given", "expected"),
    [
        ({}, False, "employment"),
        (answers_before(EMPLOYED, "market_insight"), True, "market_insight"),
        (EMPLOYED, False, "details"),
    ],
)
@pytest.mark.parametrize("method", ["get", "post"])
def test_check_before_everything_is_answered_redirects_to_the_current_step(
    client, make_decision, answers, details_given, expected, method
):
    """The check page, and completing, wait until every step is done."""
    decision = make_decision(answers, details_given=details_given)
    url = details_url(decision) if expected == "details" else None

    response = getattr(client, method)(check_url(decision))

    assertRedirects(
        response,
        url or question_url(decision, expected),
        fetch_redirect_response=False,
    )
    decision.refresh_from_db()
    assert not decision.is_complete


def test_changing_an_answer_from_check_returns_to_check(client, make_decision):
    """After a change made from the check page, the person returns to it."""
    decision = make_decision(EMPLOYED, details_given=True)

    response = client.post(
        question_url(decision, "interest") + "?return_to=check", {"answer": "open"}
    )

    assertRedirects(response, check_url(decision), fetch_redirect_response=False)
    decision.refresh_from_db()
    assert decision.answers["interest"] == "open"


def test_change_link_page_goes_back_to_check(client, make_decision):
    """A question opened from the check page has Back pointing to the check page."""
    decision = make_decision(EMPLOYED, details_given=True)

    response = client.get(question_url(decision, "interest") + "?return_to=check")

    assert back_href(response) == check_url(decision)


def test_becoming_employed_from_check_asks_discreet_time_then_returns(
    client, make_decision
):
    """Switching to employed asks the new branch question first, then goes back."""
    decision = make_decision(UNEMPLOYED, details_given=True)

    first = client.post(
        question_url(decision, "employment") + "?return_to=check",
        {"answer": "employed"},
    )
    second = client.post(first.url, {"answer": "easy"})

    assertRedirects(
        first,
        question_url(decision, "discreet_time") + "?return_to=check",
        fetch_redirect_response=False,
    )
    assertRedirects(second, check_url(decision), fetch_redirect_response=False)
    decision.refresh_from_db()
    assert decision.answers["discreet_time"] == "easy"


def test_becoming_unemployed_from_check_returns_to_check(client, make_decision):
    """Switching to unemployed drops discreet_time and goes straight back."""
    decision = make_decision(EMPLOYED, details_given=True)

    response = client.post(
        question_url(decision, "employment") + "?return_to=check",
        {"answer": "unemployed"},
    )

    assertRedirects(response, check_url(decision), fetch_redirect_response=False)
    decision.refresh_from_db()
    assert "discreet_time" not in decision.answers


def test_completing_stores_the_verdict_and_redirects_to_it(client, make_decision):
    """Confirming the answers judges them, keeps the verdict and shows it."""
    decision = make_decision(EMPLOYED, details_given=True)

    response = client.post(check_url(decision))

    assertRedirects(response, verdict_url(decision), fetch_redirect_response=False)
    decision.refresh_from_db()
    assert decision.status == Decision.Status.COMPLETE
    assert decision.verdict["verdict"] == engine.evaluate(EMPLOYED).recommendation
    assert decision.rules_version == engine.RULES_VERSION
    assert decision.completed_at is not None


# Ownership and methods


@pytest.mark.parametrize(
    ("name", "method"),
    [
        ("question", "get"),
        ("question", "post"),
        ("details", "get"),
        ("details", "post"),
        ("check", "get"),
        ("check", "post"),
        ("resume", "get"),
    ],
)
def test_another_browser_cannot_see_or_change_the_decision(make_decision, name, method):
    """A decision is 404 to any browser but the one that started it."""
    decision = make_decision(EMPLOYED, details_given=True)
    args = [decision.pk, "employment"] if name == "question" else [decision.pk]
    stranger = Client()
    stranger.get(reverse("decisions:start"))

    response = getattr(stranger, method)(
        reverse(f"decisions:{name}", args=args), {"answer": "unemployed"}
    )

    assert response.status_code == 404
    decision.refresh_from_db()
    assert decision.answers == EMPLOYED
    assert not decision.is_complete


def test_someone_elses_decision_says_it_may_be_saved_elsewhere(make_decision):
    """A decision's 404 says where it may be saved and offers to log in."""
    decision = make_decision(EMPLOYED, complete=True)
    url = verdict_url(decision)

    response = Client().get(url)

    assert response.status_code == 404
    assertContains(response, "We can't show this decision", status_code=404)
    assertContains(
        response,
        "it may be saved in another browser, or in your account",
        status_code=404,
    )
    assertContains(response, f'href="{reverse("login")}?next={url}"', status_code=404)


def test_a_decision_that_never_existed_looks_the_same_as_someone_elses(make_decision):
    """Nothing tells a stranger whether a decision address exists."""
    decision = make_decision(EMPLOYED, complete=True)
    real = verdict_url(decision)
    made_up = reverse("decisions:verdict", args=[uuid.uuid4()])

    stranger = Client()
    for_real = stranger.get(real)
    for_made_up = stranger.get(made_up)

    assert for_real.status_code == for_made_up.status_code == 404
    assert for_real.text.replace(real, made_up) == for_made_up.text


def test_other_missing_pages_keep_the_general_404(client):
    """Only decision addresses get the decision page; others say "Page not found"."""
    response = client.get("/no-such-page/")

    assertContains(response, "Page not found", status_code=404)
    assertNotContains(response, "We can't show this decision", status_code=404)


@pytest.mark.parametrize(
    ("method", "name"),
    [
        ("put", "question"),
        ("delete", "question"),
        ("patch", "details"),
        ("put", "check"),
        ("post", "resume"),
        ("put", "new_decision"),
        ("post", "start"),
    ],
)
def test_an_unsupported_method_is_405(client, make_decision, method, name):
    """A method a page doesn't take gives 405, never a server error."""
    decision = make_decision(EMPLOYED, details_given=True)
    args = {
        "question": [decision.pk, "employment"],
        "details": [decision.pk],
        "check": [decision.pk],
        "resume": [decision.pk],
    }.get(name, [])

    response = getattr(client, method)(reverse(f"decisions:{name}", args=args))

    assert response.status_code == 405
