"""The calendar file: built by decisions.calendar, served by the calendar view,
and read back with icalendar as a calendar app would read it."""

import datetime
from zoneinfo import ZoneInfo

import pytest
from icalendar import Calendar

from django.test import Client
from django.urls import reverse

from decisions.calendar import interview_calendar, reply_calendar, reply_day
from decisions.drafting import Context
from decisions.models import Decision
from tests.conftest import DECLINE_ANSWERS, INTERVIEW_ANSWERS

DAY = datetime.date(2026, 12, 3)
TODAY = datetime.date(2026, 11, 30)
STAMP = datetime.datetime(2026, 11, 30, 9, 15, tzinfo=datetime.UTC)
PAGE = "https://decider.example/decisions/abc/"
ONE_DAY = datetime.timedelta(days=1)
DATED = Context(interview_date=DAY)


def ics(context: Context = DATED, time: datetime.time | None = None) -> bytes:
    return interview_calendar(context, time=time, uid="abc", page_url=PAGE, stamp=STAMP)


def calendar_for(
    context: Context = DATED, time: datetime.time | None = None
) -> Calendar:
    return Calendar.from_ical(ics(context, time))


def reply_event(context: Context):
    body = reply_calendar(context, uid="abc", page_url=PAGE, stamp=STAMP, today=TODAY)
    [event] = Calendar.from_ical(body).walk("VEVENT")
    return event


def events(calendar: Calendar) -> dict[str, object]:
    """The calendar's events by UID."""
    return {str(event["UID"]): event for event in calendar.walk("VEVENT")}


def interview_of(calendar: Calendar):
    return events(calendar)["abc-interview@interviewdecider"]


def alarm_of(event):
    [alarm] = event.walk("VALARM")
    return alarm


# The interview


def test_a_timed_interview_starts_at_the_time_typed_in_local_time():
    """With a time, the interview starts then, in floating local time, for an hour."""
    interview = interview_of(calendar_for(time=datetime.time(14, 30)))

    start, end = interview.decoded("DTSTART"), interview.decoded("DTEND")
    assert start == datetime.datetime(2026, 12, 3, 14, 30)
    assert start.tzinfo is None
    assert end - start == datetime.timedelta(hours=1)


def test_an_interview_without_a_time_takes_the_whole_day():
    """Without a time, the interview is an all-day event on its date, as free time."""
    interview = interview_of(calendar_for())

    assert interview.decoded("DTSTART") == DAY
    assert interview.decoded("DTEND") == DAY + ONE_DAY
    assert interview["TRANSP"] == "TRANSPARENT"


def test_a_timed_interview_is_reminded_a_day_before():
    """A timed interview's alarm goes off 24 hours before it starts."""
    alarm = alarm_of(interview_of(calendar_for(time=datetime.time(9, 0))))

    assert alarm["ACTION"] == "DISPLAY"
    assert alarm.decoded("TRIGGER") == -ONE_DAY


def test_an_all_day_interview_is_reminded_the_morning_before():
    """An all-day interview's alarm goes off at 09:00 the day before."""
    alarm = alarm_of(interview_of(calendar_for()))

    start = datetime.datetime.combine(DAY, datetime.time())
    assert start + alarm.decoded("TRIGGER") == datetime.datetime(2026, 12, 2, 9, 0)


@pytest.mark.parametrize(
    ("role", "company", "summary", "reminder"),
    [
        (
            "Analyst",
            "Acme",
            "Interview for Analyst at Acme",
            "Tomorrow: interview for Analyst at Acme",
        ),
        ("Analyst", "", "Interview for Analyst", "Tomorrow: interview for Analyst"),
        ("", "Acme", "Interview at Acme", "Tomorrow: interview at Acme"),
        ("", "", "Job interview", "Tomorrow: job interview"),
    ],
)
def test_the_interview_is_named_in_a_whole_sentence(role, company, summary, reminder):
    """The event and its alarm name what is known, never "Prepare for: Interview"."""
    context = Context(role_title=role, company_name=company, interview_date=DAY)

    interview = interview_of(calendar_for(context))

    assert interview["SUMMARY"] == summary
    assert alarm_of(interview)["DESCRIPTION"] == reminder


def test_the_interview_links_to_the_decision():
    """The interview event links to the decision's page, where the checklist is."""
    interview = interview_of(calendar_for())

    assert interview["URL"] == PAGE
    assert PAGE in interview["DESCRIPTION"]


def test_the_day_after_the_interview_asks_how_it_went():
    """An all-day event the day after asks how it went, linking to the decision."""
    follow_up = events(calendar_for())["abc-how-did-it-go@interviewdecider"]

    assert follow_up["SUMMARY"] == "How did the interview go?"
    assert follow_up.decoded("DTSTART") == DAY + ONE_DAY
    assert follow_up["URL"] == PAGE
    assert alarm_of(follow_up).decoded("TRIGGER") == datetime.timedelta(hours=9)


def test_an_interview_has_no_separate_prep_event():
    """The interview's file holds the interview and the follow-up, nothing else."""
    uids = set(events(calendar_for()))

    assert uids == {
        "abc-interview@interviewdecider",
        "abc-how-did-it-go@interviewdecider",
    }


def test_an_interview_needs_its_date():
    """Without an interview date there is no interview to put in a calendar."""
    with pytest.raises(ValueError, match="interview date"):
        calendar_for(Context())


def test_events_keep_their_uids_and_stamp_in_utc():
    """Each UID comes from the decision alone, so importing the file again updates
    its events; DTSTAMP is written in UTC whatever zone the clock gave."""
    later = STAMP.astimezone(ZoneInfo("Europe/Paris")) + 2 * ONE_DAY

    again = Calendar.from_ical(
        interview_calendar(
            DATED, time=datetime.time(9), uid="abc", page_url=PAGE, stamp=later
        )
    )

    assert set(events(again)) == set(events(calendar_for()))
    for event in again.walk("VEVENT"):
        assert event.decoded("DTSTAMP") == later
        assert event.decoded("DTSTAMP").utcoffset() == datetime.timedelta(0)


# Replying


def test_the_reply_is_a_nudge_to_send_the_email():
    """The reply's file is one all-day event, tomorrow, with a morning alarm."""
    reply = reply_event(Context(company_name="Acme", interview_date=DAY))

    assert reply["UID"] == "abc-reply@interviewdecider"
    assert reply["SUMMARY"] == "Reply to Acme about the interview"
    assert reply.decoded("DTSTART") == TODAY + ONE_DAY
    assert reply["URL"] == PAGE
    assert alarm_of(reply).decoded("TRIGGER") == datetime.timedelta(hours=9)


@pytest.mark.parametrize(
    ("role", "company", "summary"),
    [
        ("Analyst", "Acme", "Reply to Acme about the Analyst interview"),
        ("Analyst", "", "Reply about the Analyst interview"),
        ("", "Acme", "Reply to Acme about the interview"),
        ("", "", "Reply about the interview"),
    ],
)
def test_the_reply_is_named_in_a_whole_sentence(role, company, summary):
    """The nudge names what is known, and needs no interview date."""
    reply = reply_event(Context(role_title=role, company_name=company))

    assert reply["SUMMARY"] == summary


@pytest.mark.parametrize(
    ("interview", "expected"),
    [
        (None, TODAY + ONE_DAY),
        (TODAY + 7 * ONE_DAY, TODAY + ONE_DAY),
        (TODAY + 2 * ONE_DAY, TODAY + ONE_DAY),
        (TODAY + ONE_DAY, TODAY),
        (TODAY, TODAY),
        (TODAY - ONE_DAY, TODAY),
    ],
    ids=["no date", "next week", "in two days", "tomorrow", "today", "yesterday"],
)
def test_the_reply_is_due_tomorrow_or_today_when_the_interview_is_close(
    interview, expected
):
    """The reply is due tomorrow, or today when the interview is tomorrow or sooner."""
    assert reply_day(TODAY, interview) == expected


# Hostile names


def test_names_stay_on_one_line_and_are_escaped():
    """Line breaks and control characters become spaces; , ; and \\ are escaped
    and read back as typed."""
    context = Context(
        role_title="Analyst\r\nATTACH:https://evil.example/x",
        company_name="Smith, Jones; Co\\Ltd\x00\x1b",
        interview_date=DAY,
    )

    body = ics(context)

    assert b"\x00" not in body
    assert b"\x1b" not in body
    assert b"\r\nATTACH" not in body
    assert b"Smith\\, Jones\\; Co\\\\Ltd" in body
    interview = interview_of(Calendar.from_ical(body))
    assert interview["SUMMARY"] == (
        "Interview for Analyst ATTACH:https://evil.example/x at Smith, Jones; Co\\Ltd"
    )


def test_every_line_ends_in_crlf():
    """Every line of the file ends in CRLF, as iCalendar requires."""
    body = ics()

    assert body.endswith(b"\r\n")
    assert b"\n" not in body.replace(b"\r\n", b"")
    assert b"\r" not in body.replace(b"\r\n", b"")


def test_long_names_are_folded_at_75_octets():
    """A long, accented name is folded so no line passes 75 octets and reads back
    whole."""
    company = "Société Générale d'Études Économiques " * 2
    context = Context(role_title="Ingénieur", company_name=company, interview_date=DAY)

    body = ics(context)

    assert max(len(line) for line in body.split(b"\r\n")) <= 75
    summary = interview_of(Calendar.from_ical(body))["SUMMARY"]
    assert summary == f"Interview for Ingénieur at {' '.join(company.split())}"


# What the app serves


def calendar_url(decision: Decision) -> str:
    return reverse("decisions:calendar", args=[decision.pk])


@pytest.mark.django_db
def test_the_app_serves_the_interview_at_its_time(client, make_decision):
    """The .ics the app serves reads back with the stored date and time, and links
    to the decision's own page."""
    decision = make_decision(
        INTERVIEW_ANSWERS,
        complete=True,
        company_name="Acme",
        interview_date=DAY,
        interview_time=datetime.time(10, 0),
    )

    response = client.get(calendar_url(decision))

    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="interview.ics"'
    interview = events(Calendar.from_ical(response.content))[
        f"{decision.pk}-interview@interviewdecider"
    ]
    assert interview.decoded("DTSTART") == datetime.datetime(2026, 12, 3, 10, 0)
    assert interview["SUMMARY"] == "Interview at Acme"
    assert interview["URL"] == f"http://testserver{decision.get_absolute_url()}"


@pytest.mark.django_db
def test_the_interview_s_file_is_there_for_a_decline_too(client, make_decision):
    """Whoever goes anyway against a decline gets the interview's file too."""
    decision = make_decision(DECLINE_ANSWERS, complete=True, interview_date=DAY)

    response = client.get(calendar_url(decision))

    assert response.status_code == 200
    assert len(Calendar.from_ical(response.content).walk("VEVENT")) == 2


@pytest.mark.parametrize("answers", [DECLINE_ANSWERS, INTERVIEW_ANSWERS])
@pytest.mark.django_db
def test_the_app_serves_a_nudge_to_reply(client, make_decision, answers):
    """Any judged decision, dated or not, has a file to remind its owner to reply."""
    decision = make_decision(answers, complete=True, company_name="Acme")

    response = client.get(reverse("decisions:reply_reminder", args=[decision.pk]))

    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="reply.ics"'
    [reply] = Calendar.from_ical(response.content).walk("VEVENT")
    assert reply["SUMMARY"] == "Reply to Acme about the interview"
    assert reply["URL"] == f"http://testserver{decision.get_absolute_url()}"


@pytest.mark.django_db
@pytest.mark.parametrize("name", ["calendar", "reply_reminder"])
def test_no_calendar_file_for_a_decision_not_yet_judged(client, make_decision, name):
    """A decision not yet judged has no calendar file."""
    decision = make_decision(DECLINE_ANSWERS, complete=False, interview_date=DAY)

    response = client.get(reverse(f"decisions:{name}", args=[decision.pk]))

    assert response.status_code == 404


@pytest.mark.django_db
def test_no_interview_file_without_a_date(client, make_decision):
    """Without an interview date there is no interview's file."""
    decision = make_decision(INTERVIEW_ANSWERS, complete=True)

    assert client.get(calendar_url(decision)).status_code == 404


@pytest.mark.django_db
@pytest.mark.parametrize("name", ["calendar", "reply_reminder"])
def test_only_the_owner_gets_a_calendar_file(make_decision, name):
    """Anyone but the decision's owner gets a 404."""
    decision = make_decision(INTERVIEW_ANSWERS, complete=True, interview_date=DAY)

    response = Client().get(reverse(f"decisions:{name}", args=[decision.pk]))

    assert response.status_code == 404
