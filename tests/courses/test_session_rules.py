"""One edit of a session, the rules a published session keeps, and attendance only once begun.

The clock is fixed (``frozen``): every date here is relative to 1 February 2027, 10:00 in
Amsterdam, never to the hour the suite runs.
"""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine

from accounts.models import AuditEntry
from courses import exceptions as e
from courses import services
from courses.models import Attendance, Enrolment, Meeting, Session
from notifications.models import OutboxMessage
from tests.accounts.factories import UserFactory
from tests.courses.factories import CourseFactory, SessionFactory, VenueFactory, region

pytestmark = pytest.mark.django_db
AMS = ZoneInfo("Europe/Amsterdam")
NOW = datetime(2027, 2, 1, 10, 0, tzinfo=AMS)


@pytest.fixture(autouse=True)
def frozen():
    with time_machine.travel(NOW, tick=False):
        yield


def at(days, hour=10, minute=0):
    """A local time ``days`` after NOW's date."""
    day = (NOW + timedelta(days=days)).date()
    return datetime(day.year, day.month, day.day, hour, minute, tzinfo=AMS)


def with_meetings(*starts, hours=3, **kwargs):
    """A session whose meetings start at ``starts`` (built explicitly, not by the factory)."""
    session = SessionFactory(meetings=0, **kwargs)
    Meeting.objects.bulk_create(
        [Meeting(session=session, starts_at=s, ends_at=s + timedelta(hours=hours)) for s in starts]
    )
    Session.objects.filter(pk=session.pk).update(
        starts_at=min(starts), ends_at=max(starts) + timedelta(hours=hours)
    )
    session.refresh_from_db()
    return session


def enrol(session):
    user = UserFactory(role="participant")
    return services.enrolment_create(actor=user, session=session, user=user)


def codes(info):
    return [p.code for p in getattr(info.value, "problems", [info.value])]


# --- one edit ---------------------------------------------------------------------------------


def test_edit_raises_capacity_and_minimum_together():
    session = with_meetings(at(20), capacity=4, min_participants=2)
    services.session_edit(actor=None, session=session, fields={"min_participants": 6}, capacity=8)
    session.refresh_from_db()
    assert (session.capacity, session.min_participants) == (8, 6)


def test_edit_lowers_capacity_and_minimum_together():
    session = with_meetings(at(20), capacity=8, min_participants=6)
    services.session_edit(actor=None, session=session, fields={"min_participants": 2}, capacity=3)
    session.refresh_from_db()
    assert (session.capacity, session.min_participants) == (3, 2)


def test_edit_more_places_promote_the_waitlist():
    session = with_meetings(at(20), capacity=1, min_participants=0)
    enrol(session)
    waiting = enrol(session)
    services.session_edit(actor=None, session=session, fields={}, capacity=2)
    waiting.refresh_from_db()
    assert waiting.status == Enrolment.Status.CONFIRMED


def test_edit_of_several_meetings_and_the_place_sends_one_mail_each(
    django_capture_on_commit_callbacks,
):
    session = with_meetings(at(20), at(27), at(34))
    a, b = enrol(session), enrol(session)
    rows = [
        {
            "id": m.pk,
            "starts_at": m.starts_at + timedelta(days=1),
            "ends_at": m.ends_at + timedelta(days=1),
        }
        for m in session.meetings.all()
    ]
    with django_capture_on_commit_callbacks(execute=True):
        services.session_edit(
            actor=None,
            session=session,
            fields={"venue": VenueFactory()},
            meetings=rows,
        )
    session.refresh_from_db()
    assert session.revision == 1
    assert session.starts_at == at(21)
    sent = OutboxMessage.objects.filter(key__contains="session_changed")
    assert sorted(sent.values_list("to", flat=True)) == sorted([a.user.email, b.user.email])
    assert AuditEntry.objects.filter(verb="session.changed").count() == 1
    assert AuditEntry.objects.filter(verb="meeting.updated").count() == 3


def test_edit_refused_in_one_part_saves_nothing():
    session = with_meetings(at(20), capacity=4, min_participants=0)
    for _ in range(3):
        enrol(session)
    meeting = session.meetings.get()
    with pytest.raises(e.CapacityBelowConfirmed):
        services.session_edit(
            actor=None,
            session=session,
            fields={"notes": "Nieuw"},
            capacity=2,
            meetings=[{"id": meeting.pk, "starts_at": at(22), "ends_at": at(22, 13)}],
        )
    session.refresh_from_db()
    assert (session.capacity, session.notes, session.starts_at) == (4, "", at(20))


def test_edit_with_a_meeting_of_another_session_is_refused():
    session, other = with_meetings(at(20)), with_meetings(at(21))
    stranger = other.meetings.get()
    with pytest.raises(e.MeetingNotFound):
        services.session_edit(
            actor=None,
            session=session,
            fields={},
            meetings=[{"id": stranger.pk, "starts_at": at(22), "ends_at": at(22, 13)}],
        )
    stranger.refresh_from_db()
    assert stranger.starts_at == at(21)


# --- what publishing (and editing a published session) refuses ---------------------------------


def draft(*starts, **kwargs):
    return with_meetings(*starts, status=Session.Status.DRAFT, published_at=None, **kwargs)


def test_publish_refuses_a_meeting_in_the_past():
    session = draft(at(-1), at(6))
    with pytest.raises(e.MeetingInPast) as info:
        services.session_publish(actor=None, session=session)
    assert codes(info) == ["meeting_in_past"]
    assert info.value.field == "meetings"
    assert "al voorbij" in str(info.value)
    session.refresh_from_db()
    assert session.status == "draft"


def test_publish_refuses_a_meeting_in_year_9999():
    session = draft(datetime(9999, 12, 1, 10, 0, tzinfo=AMS))
    with pytest.raises(e.MeetingTooFarAhead) as info:
        services.session_publish(actor=None, session=session)
    assert codes(info) == ["meeting_too_far_ahead"]
    assert "te ver vooruit" in str(info.value)


def test_publish_accepts_a_meeting_just_inside_the_horizon(settings):
    settings.COURSES_PLANNING_HORIZON_DAYS = 30
    services.session_publish(actor=None, session=draft(at(29)))
    with pytest.raises(e.MeetingTooFarAhead):
        services.session_publish(actor=None, session=draft(at(31)))


def test_publish_refuses_a_deadline_after_the_first_meeting_or_past():
    late = draft(at(10), enrolment_deadline=at(11))
    with pytest.raises(e.DeadlineAfterStart) as info:
        services.session_publish(actor=None, session=late)
    assert codes(info) == ["deadline_after_first_meeting"]
    assert info.value.field == "enrolment_deadline"
    past = draft(at(10), enrolment_deadline=at(-1))
    with pytest.raises(e.DeadlinePassed) as info:
        services.session_publish(actor=None, session=past)
    assert codes(info) == ["deadline_passed"]


def test_publish_lists_every_problem_with_its_field():
    session = draft(at(-2), enrolment_deadline=at(-3), notes="x" * 5000)
    with pytest.raises(e.DomainError) as info:
        services.session_publish(actor=None, session=session)
    problems = {p.code: p.field for p in info.value.problems}
    assert problems == {
        "meeting_in_past": "meetings",
        "deadline_passed": "enrolment_deadline",
        "text_too_long": "notes",
    }


def test_notes_and_cancel_reason_are_bounded():
    session = with_meetings(at(20))
    with pytest.raises(e.TextTooLong) as info:
        services.session_update(actor=None, session=session, notes="x" * 2001)
    assert info.value.code == "text_too_long"
    services.session_update(actor=None, session=session, notes="x" * 2000)
    with pytest.raises(e.TextTooLong):
        services.session_cancel(actor=None, session=session, reason="x" * 2001)
    with pytest.raises(e.TextTooLong):
        services.session_create(
            actor=None, course=CourseFactory(), region=region(), notes="x" * 2001
        )


@pytest.mark.parametrize("capacity", [0, 501, 10**30])
def test_capacity_out_of_range_is_refused(capacity):
    session = with_meetings(at(20), capacity=10, min_participants=0)
    with pytest.raises(e.CapacityInvalid) as info:
        services.session_edit(actor=None, session=session, fields={}, capacity=capacity)
    assert info.value.field == "capacity"
    with pytest.raises(e.CapacityInvalid):
        services.session_create(
            actor=None, course=CourseFactory(), region=region(), capacity=capacity
        )


def test_minimum_above_capacity_is_a_minimum_error():
    session = with_meetings(at(20), capacity=10, min_participants=0)
    with pytest.raises(e.CapacityInvalid) as info:
        services.session_edit(actor=None, session=session, fields={"min_participants": 11})
    assert info.value.field == "min_participants"


def test_editing_a_published_session_refuses_a_meeting_moved_into_the_past():
    session = with_meetings(at(20))
    meeting = session.meetings.get()
    with pytest.raises(e.MeetingInPast) as info:
        services.meeting_update(actor=None, meeting=meeting, starts_at=at(-1), ends_at=at(-1, 12))
    assert info.value.context["index"] == 0
    with pytest.raises(e.MeetingTooFarAhead):
        services.meeting_add(
            actor=None,
            session=session,
            starts_at=datetime(9999, 1, 1, 10, tzinfo=AMS),
            ends_at=datetime(9999, 1, 1, 12, tzinfo=AMS),
        )
    with pytest.raises(e.DeadlinePassed):
        services.session_update(actor=None, session=session, enrolment_deadline=at(-1))
    with pytest.raises(e.DeadlineAfterStart):
        services.session_update(actor=None, session=session, enrolment_deadline=at(21))


def test_a_session_under_way_can_still_move_its_later_meeting():
    """The meeting that has been is not new input: only what changes must lie ahead."""
    session = with_meetings(at(-7), at(7))
    later = session.meetings.order_by("starts_at").last()
    services.meeting_update(actor=None, meeting=later, starts_at=at(8), ends_at=at(8, 13))
    services.session_update(actor=None, session=session, notes="Neem je map mee.")
    later.refresh_from_db()
    assert later.starts_at == at(8)


def test_a_new_draft_refuses_a_meeting_in_the_past():
    with pytest.raises(e.MeetingInPast):
        services.session_create(
            actor=None,
            course=CourseFactory(),
            region=region(),
            meetings=[(at(-1), at(-1, 13))],
        )
    assert not Session.objects.exists()


# --- attendance only once a meeting has begun -------------------------------------------------


def test_attendance_before_the_meeting_starts_is_refused():
    session = with_meetings(at(1), capacity=5)
    person = enrol(session)
    meeting = session.meetings.get()
    with pytest.raises(e.MeetingNotStarted) as info:
        services.attendance_record_meeting(
            actor=None, meeting=meeting, present_enrolment_ids=[person.pk]
        )
    assert info.value.code == "meeting_not_started"
    with pytest.raises(e.MeetingNotStarted):
        services.attendance_record(actor=None, meeting=meeting, enrolment=person, present=True)
    assert not Attendance.objects.exists()
    with time_machine.travel(at(1, 10, 1), tick=False):
        services.attendance_record_meeting(
            actor=None, meeting=meeting, present_enrolment_ids=[person.pk]
        )
    assert Attendance.objects.get().present
