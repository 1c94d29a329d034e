import pytest
from django.urls import reverse
from tests.conftest import DECLINE_ANSWERS, INTERVIEW_ANSWERS


@pytest.mark.django_db
@pytest.mark.parametrize("answers", [DECLINE_ANSWERS, INTERVIEW_ANSWERS])
def test_pages(client, make_decision, answers):
    """smoke"""
    d = make_decision(answers, complete=True, interview_date=__import__("datetime").date(2026, 12, 3))
    for name in ["verdict", "check", "details"]:
        r = client.get(reverse(f"decisions:{name}", args=[d.pk]))
        assert r.status_code == 200, name
    r = client.post(reverse("decisions:share", args=[d.pk]))
    link = d.share_links.get()
    r = client.get(link.get_absolute_url())
    assert r.status_code == 200
    r = client.get(reverse("decisions:api_shared", args=[link.token]))
    assert r.status_code == 200
    for name in ["decisions:history", "decisions:how_we_decide", "login", "signup", "decisions:delete_all", "password_reset"]:
        assert client.get(reverse(name)).status_code == 200, name
    if answers is INTERVIEW_ANSWERS:
        assert client.get(reverse("decisions:calendar", args=[d.pk])).status_code == 200
    else:
        assert client.get(reverse("decisions:email_text", args=[d.pk])).status_code == 200
