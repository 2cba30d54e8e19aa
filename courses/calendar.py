"""iCalendar (RFC 5545) for sessions: one ``.ics`` per session and a private feed per person.

Each meeting is one VEVENT with a stable UID, so calendar apps update an event (SEQUENCE is the
session's revision) instead of adding a copy when a date or place changes; a cancelled session's
events carry STATUS:CANCELLED.
"""

from django.conf import settings
from django.utils import timezone
from icalendar import Calendar, Event

from .models import Enrolment, Session

PRODID = "-//Leerkring//Cursussen//NL"
UID_DOMAIN = "leerkring.nl"


def _calendar(name: str) -> Calendar:
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("x-wr-calname", name)
    return cal


def _location(session: Session) -> str:
    if session.venue_id:
        return f"{session.venue.name}, {session.venue.address}"
    return session.online_url


def _events(session: Session, meetings, stamp) -> list[Event]:
    events = []
    count = len(meetings)
    url = settings.SITE_URL + session.get_absolute_url()
    for number, meeting in enumerate(meetings, start=1):
        event = Event()
        event.add("uid", f"meeting-{meeting.pk}@{UID_DOMAIN}")
        event.add("dtstamp", stamp)
        event.add("dtstart", meeting.starts_at)
        event.add("dtend", meeting.ends_at)
        summary = session.course.title
        if count > 1:
            summary = f"{summary} ({number}/{count})"
        event.add("summary", summary)
        location = _location(session)
        if location:
            event.add("location", location)
        description = [url]
        if session.online_url:
            description.append(f"Online: {session.online_url}")
        event.add("description", "\n".join(description))
        event.add("url", url)
        event.add("sequence", session.revision)
        event.add(
            "status", "CANCELLED" if session.status == Session.Status.CANCELLED else "CONFIRMED"
        )
        events.append(event)
    return events


def session_ics(session: Session) -> bytes:
    """All meetings of one session, with place and link."""
    session = (
        Session.objects.select_related("course", "venue")
        .prefetch_related("meetings")
        .get(pk=session.pk)
    )
    cal = _calendar(session.course.title)
    for event in _events(session, list(session.meetings.all()), timezone.now()):
        cal.add_component(event)
    return cal.to_ical()


def user_feed_ics(user) -> bytes:
    """Every session the person has (or waits for) a place in, and every session they train."""
    stamp = timezone.now()
    sessions = (
        Session.objects.filter(
            enrolments__user=user,
            enrolments__status__in=[*Enrolment.ACTIVE, Enrolment.Status.ATTENDED],
        )
        | Session.objects.filter(assignments__trainer=user)
    ).exclude(status=Session.Status.DRAFT)
    sessions = (
        sessions.distinct()
        .select_related("course", "venue")
        .prefetch_related("meetings")
        .order_by("starts_at", "pk")
    )
    cal = _calendar("Leerkring")
    for session in sessions:
        for event in _events(session, list(session.meetings.all()), stamp):
            cal.add_component(event)
    return cal.to_ical()
