import html

import pytest
from pytest_django.asserts import assertContains, assertNotContains

from django.urls import reverse

from decisions import writes
from decisions.models import Decision
from decisions.questionnaire import QUESTIONS_BY_ID
from tests.conftest import DECLINE_ANSWERS

pytestmark = pytest.mark.django_db

CHANGELIST = reverse("admin:decisions_decision_changelist")
ADD = reverse("admin:decisions_decision_add")


@pytest.fixture
def decision():
    decision = Decision.objects.create(
        answers=DECLINE_ANSWERS,
        role_title="Data Analyst",
        company_name="Acme",
        browser_id="browser-id-not-for-staff",
        client_key="client-key-not-for-staff",
        details_given=True,
    )
    writes.complete(decision)
    return decision


def change_url(decision: Decision) -> str:
    return reverse("admin:decisions_decision_change", args=[decision.pk])


def test_staff_see_the_decision_list(admin_client, decision):
    """The list shows each decision's title, status and verdict."""
    response = admin_client.get(CHANGELIST)

    assertContains(response, "Data Analyst at Acme")
    assertContains(response, "Complete")
    assertContains(response, decision.verdict["verdict"])


def test_the_decision_list_offers_no_add_button(admin_client, decision):
    """Staff are not offered a way to add a decision."""
    response = admin_client.get(CHANGELIST)

    assertNotContains(response, ADD)


def test_staff_cannot_add_a_decision(admin_client):
    """The add page is forbidden."""
    assert admin_client.get(ADD).status_code == 403
    assert admin_client.post(ADD, {"role_title": "Made up"}).status_code == 403
    assert not Decision.objects.exists()


def test_staff_see_a_decisions_page(admin_client, decision):
    """A decision's page opens for staff and shows its details."""
    response = admin_client.get(change_url(decision))

    assert response.status_code == 200
    assertContains(response, "Data Analyst")
    assertContains(response, "Acme")


def test_a_decisions_answers_read_as_questions_and_chosen_labels(
    admin_client, decision
):
    """Staff read each answer as its question's title and the label chosen."""
    response = admin_client.get(change_url(decision))

    for question_id, value in DECLINE_ANSWERS.items():
        question = QUESTIONS_BY_ID[question_id]
        assertContains(response, html.escape(question.title))
        assertContains(response, html.escape(question.label_for(value)))


def test_a_decisions_page_has_no_save_button(admin_client, decision):
    """The page is read-only: no save buttons."""
    response = admin_client.get(change_url(decision))

    assertNotContains(response, 'name="_save"')
    assertNotContains(response, 'name="_continue"')


def test_staff_cannot_change_a_decision(admin_client, decision):
    """Posting a change is forbidden and changes nothing."""
    response = admin_client.post(
        change_url(decision), {"role_title": "Rewritten", "answers": "{}"}
    )

    assert response.status_code == 403
    decision.refresh_from_db()
    assert decision.role_title == "Data Analyst"
    assert decision.answers == DECLINE_ANSWERS


def test_a_decisions_page_hides_the_browser_id_and_client_key(admin_client, decision):
    """The browser id and client key are not shown to staff."""
    response = admin_client.get(change_url(decision))

    assertNotContains(response, "browser-id-not-for-staff")
    assertNotContains(response, "client-key-not-for-staff")


def test_someone_not_logged_in_is_sent_to_the_admin_login(client, decision):
    """The admin is for staff only."""
    response = client.get(change_url(decision))

    assert response.status_code == 302
    assert response.url.startswith(reverse("admin:login"))
