from datetime import timedelta

import pytest
from icalendar import Calendar

from courses import services
from courses.calendar import session_ics
from tests.courses.factories import AssignmentFactory, EnrolmentFactory, SessionFactory

pytestmark = pytest.mark.django_db


def events(content: bytes):
    cal = Calendar.from_ical(content)
    assert cal["VERSION"] == "2.0"
    assert cal["PRODID"]
    return list(cal.walk("VEVENT"))


def test_session_ics_has_every_meeting_with_place():
    session = SessionFactory(meetings=3)
    found = events(session_ics(session))
    assert len(found) == 3
    meetings = list(session.meetings.order_by("starts_at"))
    for event, meeting in zip(found, meetings, strict=True):
        assert event.decoded("dtstart") == meeting.starts_at
        assert event.decoded("dtend") == meeting.ends_at
        assert session.venue.city in str(event["location"])
        assert str(event["uid"]).endswith("@leerkring.nl")
        assert event["dtstamp"]
    assert "(2/3)" in str(found[1]["summary"])


def test_online_session_carries_the_link():
    session = SessionFactory(venue=None, online_url="https://meet.example.org/abc")
    (event,) = events(session_ics(session))
    assert str(event["location"]) == "https://meet.example.org/abc"
    assert "https://meet.example.org/abc" in str(event["description"])


def test_cancelled_session_events_are_cancelled():
    session = SessionFactory()
    services.session_cancel(actor=None, session=session, reason="Te weinig aanmeldingen")
    (event,) = events(session_ics(session))
    assert str(event["status"]) == "CANCELLED"


def test_session_ics_url(client):
    session = SessionFactory()
    response = client.get(f"/cursussen/sessie/{session.pk}/agenda.ics")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    assert len(events(response.content)) == 1
    draft = SessionFactory(status="draft")
    assert client.get(f"/cursussen/sessie/{draft.pk}/agenda.ics").status_code == 404


def test_private_feed_lists_my_sessions_and_regenerating_revokes_it(client, participant):
    mine = SessionFactory(meetings=2)
    waiting = SessionFactory(starts_in=timedelta(days=50))
    EnrolmentFactory(session=mine, user=participant)
    EnrolmentFactory(session=waiting, user=participant, status="waitlisted")
    EnrolmentFactory(session=SessionFactory(), user=participant, status="cancelled")
    EnrolmentFactory()  # someone else's
    token = services.calendar_token_get_or_create(user=participant)
    response = client.get(f"/cursussen/agenda/{token.token}.ics")
    assert response.status_code == 200
    assert len(events(response.content)) == 3
    new = services.calendar_token_regenerate(user=participant)
    assert client.get(f"/cursussen/agenda/{token.token}.ics").status_code == 404
    assert client.get(f"/cursussen/agenda/{new.token}.ics").status_code == 200
    assert client.get("/cursussen/agenda/geraden.ics").status_code == 404


def test_trainers_feed_has_the_sessions_they_give(client):
    assignment = AssignmentFactory()
    token = services.calendar_token_get_or_create(user=assignment.trainer)
    response = client.get(f"/cursussen/agenda/{token.token}.ics")
    assert len(events(response.content)) == 1
