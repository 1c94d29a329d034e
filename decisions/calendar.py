"""An iCalendar file for the interview day and a prep reminder before it (RFC 5545)."""

import datetime

from decisions.drafting import Context

PREP_REMINDER_DAYS_BEFORE = 2


def escape_text(value: str) -> str:
    """Escape a TEXT value so typed names can't break out of their property."""
    value = " ".join(value.split())
    for char in ("\\", ";", ","):
        value = value.replace(char, f"\\{char}")
    return value


def fold(line: str) -> str:
    """Fold a content line at 75 octets, as the format requires."""
    encoded = line.encode()
    if len(encoded) <= 75:
        return line
    parts: list[str] = []
    current = b""
    for char in line:
        piece = char.encode()
        if len(current) + len(piece) > (75 if not parts else 74):
            parts.append(current.decode())
            current = b""
        current += piece
    parts.append(current.decode())
    return "\r\n ".join(parts)


def interview_calendar(context: Context, *, uid: str, stamp: datetime.datetime) -> str:
    date = context.interview_date
    if date is None:
        raise ValueError("An interview date is needed for a calendar file.")
    job = " at ".join(
        part for part in (context.role_title, context.company_name) if part
    )
    interview = f"Interview: {job}" if job else "Interview"
    reminder_day = date - datetime.timedelta(days=PREP_REMINDER_DAYS_BEFORE)
    events = [
        (
            f"{uid}-interview@interviewdecider",
            date,
            interview,
            "Be someone they remember well. Checklist: Interview Decider.",
        ),
        (
            f"{uid}-prep@interviewdecider",
            reminder_day,
            f"Prepare for: {interview}",
            "Research the company, reread the job advert, prepare your questions.",
        ),
    ]
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//Interview Decider//EN",
        "CALSCALE:GREGORIAN",
    ]
    for event_uid, day, summary, description in events:
        lines += [
            "BEGIN:VEVENT",
            f"UID:{event_uid}",
            f"DTSTAMP:{stamp.astimezone(datetime.UTC):%Y%m%dT%H%M%SZ}",
            f"DTSTART;VALUE=DATE:{day:%Y%m%d}",
            f"DTEND;VALUE=DATE:{day + datetime.timedelta(days=1):%Y%m%d}",
            f"SUMMARY:{escape_text(summary)}",
            f"DESCRIPTION:{escape_text(description)}",
            "TRANSP:TRANSPARENT",
            "END:VEVENT",
        ]
    lines.append("END:VCALENDAR")
    return "\r\n".join(fold(line) for line in lines) + "\r\n"
