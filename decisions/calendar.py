"""Calendar files (RFC 5545) for a decision, written by the icalendar package.

Going to the interview: the interview, at its time when one is given and all
day otherwise, with a reminder the day before; then, the day after, a prompt to
note how it went. Not going: a nudge to reply soon. Times are floating local
times, the clock on the person's wall, as they typed them: the site doesn't
know their time zone and their calendar does. Each event's UID is fixed by the
decision, so importing a file again updates its events instead of adding
copies. No Django import here.
"""

import datetime
from dataclasses import dataclass

from icalendar import Alarm, Calendar, Event

from decisions.drafting import Context
from decisions.wording import gettext_noop as _
from decisions.wording import translate

# How long a timed interview is shown for; nobody tells us its length.
INTERVIEW_LENGTH = datetime.timedelta(hours=1)
# When the alarm of an all-day event goes off: 09:00.
MORNING = datetime.timedelta(hours=9)
ONE_DAY = datetime.timedelta(days=1)

# By whether the role and the company are known.
_INTERVIEWS = {
    (True, True): _("Interview for {role} at {company}"),
    (True, False): _("Interview for {role}"),
    (False, True): _("Interview at {company}"),
    (False, False): _("Job interview"),
}
_REMINDERS = {
    (True, True): _("Tomorrow: interview for {role} at {company}"),
    (True, False): _("Tomorrow: interview for {role}"),
    (False, True): _("Tomorrow: interview at {company}"),
    (False, False): _("Tomorrow: job interview"),
}
_REPLIES = {
    (True, True): _("Reply to {company} about the {role} interview"),
    (True, False): _("Reply about the {role} interview"),
    (False, True): _("Reply to {company} about the interview"),
    (False, False): _("Reply about the interview"),
}
_CHECKLIST = _("Your checklist for the interview: {url}")
_HOW_DID_IT_GO = _("How did the interview go?")
_NOTE_IT_DOWN = _("Note how it went while you remember: {url}")
_EMAIL_READY = _("Your email is ready to send: {url}")


def _one_line(value: str) -> str:
    """A name as one line of printable text: what a calendar can show."""
    printable = "".join(char if char.isprintable() else " " for char in value)
    return " ".join(printable.split())


def _sentence(sentences: dict[tuple[bool, bool], str], context: Context) -> str:
    role, company = _one_line(context.role_title), _one_line(context.company_name)
    return translate(sentences[bool(role), bool(company)]).format(
        role=role, company=company
    )


@dataclass(frozen=True)
class _Source:
    """The decision the events come from: its id, its page, when they were made."""

    uid: str
    page_url: str
    stamp: datetime.datetime

    def event(self, name: str, summary: str, description: str) -> Event:
        """An event linking to the decision's page; `description` names it {url}."""
        event = Event()
        event.add("uid", f"{self.uid}-{name}@interviewdecider")
        event.add("dtstamp", self.stamp.astimezone(datetime.UTC))
        event.add("summary", summary)
        event.add("description", translate(description).format(url=self.page_url))
        event.add("url", self.page_url)
        return event


def _all_day(
    event: Event, day: datetime.date, *, alarm: str, alarm_at: datetime.timedelta
) -> Event:
    """The event all day as free time, with an alarm `alarm_at` after its midnight."""
    event.add("dtstart", day)
    event.add("dtend", day + ONE_DAY)
    event.add("transp", "TRANSPARENT")
    event.add_component(_alarm(alarm, alarm_at))
    return event


def _alarm(description: str, trigger: datetime.timedelta) -> Alarm:
    """A reminder `trigger` after the event starts (before, when negative)."""
    alarm = Alarm()
    alarm.add("action", "DISPLAY")
    alarm.add("description", description)
    alarm.add("trigger", trigger)
    return alarm


def _calendar(*events: Event) -> bytes:
    calendar = Calendar()
    calendar.add("prodid", "-//Interview Decider//EN")
    calendar.add("version", "2.0")
    for event in events:
        calendar.add_component(event)
    return bytes(calendar.to_ical())


def interview_calendar(
    context: Context,
    *,
    time: datetime.time | None,
    uid: str,
    page_url: str,
    stamp: datetime.datetime,
) -> bytes:
    """The interview with its reminder the day before, and the prompt to note
    how it went the day after. `page_url` is the decision's own page."""
    day = context.interview_date
    if day is None:
        raise ValueError("An interview date is needed for the interview's events.")
    source = _Source(uid, page_url, stamp)
    interview = source.event("interview", _sentence(_INTERVIEWS, context), _CHECKLIST)
    reminder = _sentence(_REMINDERS, context)
    if time is None:
        _all_day(interview, day, alarm=reminder, alarm_at=MORNING - ONE_DAY)
    else:
        start = datetime.datetime.combine(day, time)
        interview.add("dtstart", start)
        interview.add("dtend", start + INTERVIEW_LENGTH)
        interview.add_component(_alarm(reminder, -ONE_DAY))
    prompt = translate(_HOW_DID_IT_GO)
    how_did_it_go = _all_day(
        source.event("how-did-it-go", prompt, _NOTE_IT_DOWN),
        day + ONE_DAY,
        alarm=prompt,
        alarm_at=MORNING,
    )
    return _calendar(interview, how_did_it_go)


def reply_day(today: datetime.date, interview: datetime.date | None) -> datetime.date:
    """Tomorrow, or today when the interview is tomorrow or sooner."""
    if interview is None:
        return today + ONE_DAY
    return max(today, min(today + ONE_DAY, interview - ONE_DAY))


def reply_calendar(
    context: Context,
    *,
    uid: str,
    page_url: str,
    stamp: datetime.datetime,
    today: datetime.date,
) -> bytes:
    """A nudge to send the email promptly, as the article asks, with the
    decision's page, where the email is, as `page_url`."""
    summary = _sentence(_REPLIES, context)
    reply = _all_day(
        _Source(uid, page_url, stamp).event("reply", summary, _EMAIL_READY),
        reply_day(today, context.interview_date),
        alarm=summary,
        alarm_at=MORNING,
    )
    return _calendar(reply)
