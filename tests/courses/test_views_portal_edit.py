"""The portal's session form: one edit, a message per field, past-midnight meetings, attendance.

The clock is fixed at 1 February 2027, 10:00 in Amsterdam (``frozen``).
"""

import re
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core import mail
from django.urls import reverse

from courses.models import Attendance, Meeting, Session
from tests.courses.factories import (
    AssignmentFactory,
    EnrolmentFactory,
    QualificationFactory,
    SessionFactory,
    VenueFactory,
    region,
)

pytestmark = pytest.mark.django_db
AMS = ZoneInfo("Europe/Amsterdam")
NOW = datetime(2027, 2, 1, 10, 0, tzinfo=AMS)
HUGE = "9" * 30


@pytest.fixture(autouse=True)
def frozen():
    with time_machine.travel(NOW, tick=False):
        yield


@pytest.fixture
def as_trainer(client, trainer):
    client.force_login(trainer)
    return client


def at(days, hour=10, minute=0):
    day = (NOW + timedelta(days=days)).date()
    return datetime(day.year, day.month, day.day, hour, minute, tzinfo=AMS)


def mine(trainer, *meetings, **kwargs):
    """A session of ``trainer`` with the given (start, end) meetings, built explicitly."""
    session = SessionFactory(meetings=0, **kwargs)
    Meeting.objects.bulk_create(
        [Meeting(session=session, starts_at=s, ends_at=t) for s, t in meetings]
    )
    Session.objects.filter(pk=session.pk).update(
        starts_at=min(s for s, _ in meetings), ends_at=max(t for _, t in meetings)
    )
    session.refresh_from_db()
    AssignmentFactory(session=session, trainer=trainer)
    return session


def _url(name, session, **extra):
    return reverse(f"courses:{name}", kwargs={"pk": session.pk, **extra})


def _meetings(rows, initial=0):
    data = {
        "meetings-TOTAL_FORMS": str(len(rows)),
        "meetings-INITIAL_FORMS": str(initial),
        "meetings-MIN_NUM_FORMS": "0",
        "meetings-MAX_NUM_FORMS": "20",
    }
    for i, row in enumerate(rows):
        for key, value in row.items():
            data[f"meetings-{i}-{key}"] = value
    return data


def _create_data(course, **over):
    data = {
        "course": course.pk,
        "region": region().pk,
        "venue": VenueFactory().pk,
        "online_url": "",
        "capacity": "8",
        "min_participants": "3",
        "enrolment_deadline": "",
        "notes": "Neem een pen mee.",
        **_meetings([{"date": at(20).date().isoformat(), "start": "10:00", "end": "13:00"}]),
    }
    data.update(over)
    return data


def _edit_data(session, **over):
    rows = []
    for m in session.meetings.order_by("starts_at"):
        start, end = m.starts_at.astimezone(AMS), m.ends_at.astimezone(AMS)
        rows.append(
            {
                "date": start.date().isoformat(),
                "start": start.strftime("%H:%M"),
                "end": end.strftime("%H:%M"),
                "meeting_id": m.pk,
            }
        )
    data = {
        "course": session.course_id,
        "region": session.region_id,
        "venue": session.venue_id or "",
        "online_url": session.online_url,
        "capacity": str(session.capacity),
        "min_participants": str(session.min_participants),
        "enrolment_deadline": "",
        "notes": session.notes,
        **_meetings([*rows, {"date": "", "start": "", "end": ""}], initial=len(rows)),
    }
    data.update(over)
    return data


def _field_error(html, field):
    match = re.search(rf'id="id_{field}_error">(.*?)</div>', html, re.S)
    return match.group(1) if match else ""


# --- one edit ---------------------------------------------------------------------------------


def test_edit_raises_capacity_and_minimum_together(as_trainer, trainer):
    session = mine(trainer, (at(20), at(20, 13)), capacity=4, min_participants=2)
    response = as_trainer.post(
        _url("portal_session_edit", session),
        _edit_data(session, capacity="8", min_participants="6"),
    )
    assert response.status_code == 302, response.content.decode()[-3000:]
    session.refresh_from_db()
    assert (session.capacity, session.min_participants) == (8, 6)


def test_moving_every_meeting_sends_one_mail_per_person(
    as_trainer, trainer, django_capture_on_commit_callbacks
):
    session = mine(trainer, (at(20), at(20, 13)), (at(27), at(27, 13)))
    person = EnrolmentFactory(session=session)
    data = _edit_data(session)
    data["meetings-0-date"] = at(21).date().isoformat()
    data["meetings-1-date"] = at(28).date().isoformat()
    with django_capture_on_commit_callbacks(execute=True):
        response = as_trainer.post(_url("portal_session_edit", session), data)
    assert response.status_code == 302
    assert [m.to for m in mail.outbox] == [[person.user.email]]
    session.refresh_from_db()
    assert (session.starts_at, session.revision) == (at(21), 1)


# --- bad input: a message per field, never a 500, nothing lost --------------------------------


@pytest.mark.parametrize("field", ["capacity", "min_participants"])
def test_huge_numbers_are_a_field_error_on_create(as_trainer, trainer, field):
    course = QualificationFactory(trainer=trainer).course
    response = as_trainer.post(
        reverse("courses:portal_session_create"), _create_data(course, **{field: HUGE})
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert _field_error(html, field)
    assert "Neem een pen mee." in html
    assert not Session.objects.exists()


def test_huge_capacity_is_a_field_error_on_edit(as_trainer, trainer):
    session = mine(trainer, (at(20), at(20, 13)), capacity=4)
    response = as_trainer.post(
        _url("portal_session_edit", session), _edit_data(session, capacity=HUGE)
    )
    assert response.status_code == 400
    assert _field_error(response.content.decode(), "capacity")
    session.refresh_from_db()
    assert session.capacity == 4


def test_capacity_above_the_maximum_is_a_field_error(as_trainer, trainer):
    course = QualificationFactory(trainer=trainer).course
    response = as_trainer.post(
        reverse("courses:portal_session_create"), _create_data(course, capacity="501")
    )
    assert response.status_code == 400
    assert "500" in _field_error(response.content.decode(), "capacity")


def test_notes_are_bounded_in_the_form(as_trainer, trainer):
    course = QualificationFactory(trainer=trainer).course
    html = as_trainer.get(reverse("courses:portal_session_create")).content.decode()
    assert re.search(r'name="notes"[^>]*maxlength="2000"', html)
    response = as_trainer.post(
        reverse("courses:portal_session_create"), _create_data(course, notes="x" * 2001)
    )
    assert response.status_code == 400
    assert _field_error(response.content.decode(), "notes")


def test_a_meeting_in_year_9999_is_refused_on_its_row(as_trainer, trainer):
    course = QualificationFactory(trainer=trainer).course
    data = _create_data(
        course, **_meetings([{"date": "9999-12-01", "start": "10:00", "end": "12:00"}])
    )
    response = as_trainer.post(reverse("courses:portal_session_create"), data)
    assert response.status_code == 400
    html = response.content.decode()
    assert "te ver vooruit" in _field_error(html, "meetings-0-date")
    assert 'value="9999-12-01"' in html
    assert not Session.objects.exists()


def test_a_meeting_in_the_past_is_refused_on_its_row(as_trainer, trainer):
    course = QualificationFactory(trainer=trainer).course
    data = _create_data(
        course,
        **_meetings(
            [
                {"date": at(20).date().isoformat(), "start": "10:00", "end": "12:00"},
                {"date": at(-3).date().isoformat(), "start": "10:00", "end": "12:00"},
            ]
        ),
    )
    response = as_trainer.post(reverse("courses:portal_session_create"), data)
    assert response.status_code == 400
    html = response.content.decode()
    assert not _field_error(html, "meetings-0-date")
    assert "al voorbij" in _field_error(html, "meetings-1-date")


def test_a_deadline_after_the_first_meeting_is_a_field_error(as_trainer, trainer):
    course = QualificationFactory(trainer=trainer).course
    data = _create_data(course, enrolment_deadline=at(21).strftime("%Y-%m-%dT%H:%M"))
    response = as_trainer.post(reverse("courses:portal_session_create"), data)
    assert response.status_code == 400
    assert "eerste bijeenkomst" in _field_error(response.content.decode(), "enrolment_deadline")


def test_publishing_a_draft_with_a_past_meeting_is_refused_with_the_reason(as_trainer, trainer):
    session = mine(trainer, (at(-1), at(-1, 13)), status=Session.Status.DRAFT, published_at=None)
    response = as_trainer.post(_url("portal_session_publish", session), follow=True)
    assert "al voorbij" in response.content.decode()
    session.refresh_from_db()
    assert session.status == "draft"


# --- a meeting past midnight ------------------------------------------------------------------

SAME_DAY = "Een bijeenkomst moet op dezelfde dag eindigen."


def test_creating_a_meeting_past_midnight_is_a_clear_message(as_trainer, trainer):
    course = QualificationFactory(trainer=trainer).course
    day = at(20).date().isoformat()
    data = _create_data(course, **_meetings([{"date": day, "start": "21:00", "end": "00:30"}]))
    response = as_trainer.post(reverse("courses:portal_session_create"), data)
    assert response.status_code == 400
    html = response.content.decode()
    assert SAME_DAY in _field_error(html, "meetings-0-end")
    assert "Neem een pen mee." in html
    assert 'value="21:00"' in html
    assert 'value="00:30"' in html
    assert not Session.objects.exists()


def test_a_session_with_a_meeting_past_midnight_can_be_edited(as_trainer, trainer):
    session = mine(trainer, (at(20, 21), at(21, 0, 30)), (at(27, 10), at(27, 13)))
    url = _url("portal_session_edit", session)
    response = as_trainer.get(url)
    assert response.status_code == 200
    html = response.content.decode()
    assert SAME_DAY in html
    assert "00:30" in html
    # Changing something else keeps that meeting as it is.
    response = as_trainer.post(url, _edit_data(session, notes="Koffie staat klaar."))
    assert response.status_code == 302, response.content.decode()[-3000:]
    session.refresh_from_db()
    assert session.notes == "Koffie staat klaar."
    assert session.meetings.order_by("starts_at").first().ends_at == at(21, 0, 30)
    # Fixing it on its row saves the new end time.
    data = _edit_data(session)
    data["meetings-0-end"] = "23:30"
    assert as_trainer.post(url, data).status_code == 302
    assert session.meetings.order_by("starts_at").first().ends_at == at(20, 23, 30)


def test_changing_a_past_midnight_meeting_without_fixing_it_says_why(as_trainer, trainer):
    session = mine(trainer, (at(20, 21), at(21, 0, 30)))
    data = _edit_data(session)
    data["meetings-0-start"] = "20:30"
    response = as_trainer.post(_url("portal_session_edit", session), data)
    assert response.status_code == 400
    html = response.content.decode()
    assert SAME_DAY in _field_error(html, "meetings-0-end")
    assert 'value="20:30"' in html
    assert session.meetings.get().starts_at == at(20, 21)


# --- attendance only once a meeting has begun -------------------------------------------------


def test_attendance_is_not_offered_before_the_meeting(as_trainer, trainer):
    session = mine(trainer, (at(0, 9), at(0, 12)), (at(7, 9), at(7, 12)))
    person = EnrolmentFactory(session=session)
    first, later = session.meetings.order_by("starts_at")
    html = as_trainer.get(_url("portal_attendance", session)).content.decode()
    assert _url("portal_attendance_meeting", session, meeting=first.pk) in html
    assert _url("portal_attendance_meeting", session, meeting=later.pk) not in html
    assert "nog niet begonnen" in html
    url = _url("portal_attendance_meeting", session, meeting=later.pk)
    response = as_trainer.get(url)
    assert response.status_code == 200
    assert "nog niet begonnen" in response.content.decode()
    assert "Aanwezigheid opslaan" not in response.content.decode()
    response = as_trainer.post(url, {"people": [person.pk]})
    assert response.status_code == 409
    assert "nog niet begonnen" in response.content.decode()
    assert not Attendance.objects.exists()


def test_session_page_offers_attendance_only_once_started(as_trainer, trainer):
    session = mine(trainer, (at(3), at(3, 13)))
    link = _url("portal_attendance", session)
    assert link not in as_trainer.get(_url("portal_session", session)).content.decode()
    with time_machine.travel(at(3, 10, 5), tick=False):
        assert link in as_trainer.get(_url("portal_session", session)).content.decode()


def test_dates_at_the_start_of_the_calendar_are_a_field_error(as_trainer, trainer):
    """Year 1 in Amsterdam is before year 1 in UTC: comparing it must not become a 500."""
    course = QualificationFactory(trainer=trainer).course
    data = _create_data(
        course,
        enrolment_deadline="0001-01-01T00:00",
        **_meetings([{"date": "0001-01-01", "start": "00:00", "end": "01:00"}]),
    )
    response = as_trainer.post(reverse("courses:portal_session_create"), data)
    assert response.status_code == 400
    html = response.content.decode()
    assert _field_error(html, "enrolment_deadline")
    assert _field_error(html, "meetings-0-date")
    assert not Session.objects.exists()
