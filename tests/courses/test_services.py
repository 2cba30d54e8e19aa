from datetime import timedelta

import pytest
from django.db import IntegrityError, transaction
from django.utils import timezone

from accounts.models import AuditEntry
from courses import exceptions as e
from courses import services
from courses.models import Assignment, Attendance, Enrolment, Meeting, Session
from notifications.models import OutboxMessage
from tests.accounts.factories import UserFactory
from tests.courses.factories import (
    AssignmentFactory,
    CourseFactory,
    QualificationFactory,
    SessionFactory,
    TrainerFactory,
    VenueFactory,
    days_ahead,
    region,
)

pytestmark = pytest.mark.django_db
C, W, X = Enrolment.Status.CONFIRMED, Enrolment.Status.WAITLISTED, Enrolment.Status.CANCELLED


def enrol(session, user=None, **kwargs):
    user = user or UserFactory(role="participant")
    return services.enrolment_create(actor=user, session=session, user=user, **kwargs)


def statuses(session):
    return list(session.enrolments.order_by("pk").values_list("status", flat=True))


# --- enrolment -------------------------------------------------------------------------------


def test_enrol_confirms_until_full_then_waitlists():
    session = SessionFactory(capacity=2)
    first, second, third = enrol(session), enrol(session), enrol(session)
    assert (first.status, second.status, third.status) == (C, C, W)
    assert services.seats_taken(session) == 2
    assert AuditEntry.objects.filter(verb="enrolment.created").count() == 3


def test_support_person_takes_a_place():
    session = SessionFactory(capacity=3)
    assert enrol(session, support_person_name="Ria (begeleider)").status == C
    assert services.seats_taken(session) == 2
    assert enrol(session, support_person_name="Kees").status == W
    assert enrol(session).status == C
    assert services.seats_taken(session) == 3


def test_second_enrolment_shows_the_existing_one():
    session = SessionFactory()
    user = UserFactory(role="participant")
    first = enrol(session, user)
    with pytest.raises(e.AlreadyEnrolled) as info:
        enrol(session, user)
    assert info.value.code == "already_enrolled"
    assert info.value.enrolment == first
    assert session.enrolments.count() == 1


def test_one_enrolment_per_person_is_a_database_rule():
    session = SessionFactory()
    user = UserFactory()
    Enrolment.objects.create(session=session, user=user, status=C)
    with pytest.raises(IntegrityError), transaction.atomic():
        Enrolment.objects.create(session=session, user=user, status=W)


@pytest.mark.parametrize("status", ["draft", "cancelled", "completed"])
def test_only_published_sessions_take_enrolments(status):
    session = SessionFactory(status=status, cancel_reason="ziek")
    with pytest.raises(e.SessionNotOpen) as info:
        enrol(session)
    assert info.value.code == "session_not_open"
    assert not session.enrolments.exists()


def test_enrolment_closes_at_the_deadline():
    session = SessionFactory(enrolment_deadline=timezone.now() - timedelta(hours=1))
    with pytest.raises(e.EnrolmentClosed) as info:
        enrol(session)
    assert info.value.code == "enrolment_closed"


def test_enrolment_closes_when_the_first_meeting_starts(frozen_now):
    session = SessionFactory(starts_in=timedelta(hours=-1))
    with pytest.raises(e.EnrolmentClosed):
        enrol(session)


def test_reenrol_after_cancelling_joins_the_back_of_the_line():
    session = SessionFactory(capacity=1)
    a, b = enrol(session), enrol(session)
    b_user = b.user
    services.enrolment_cancel(actor=b_user, enrolment=b)
    c = enrol(session)
    again = enrol(session, b_user)
    assert again.pk == b.pk
    assert again.status == W
    assert again.queued_at > c.queued_at
    services.enrolment_cancel(actor=a.user, enrolment=a)
    c.refresh_from_db()
    again.refresh_from_db()
    assert (c.status, again.status) == (C, W)


# --- cancel and the waitlist -----------------------------------------------------------------


def test_cancel_promotes_the_first_in_line(django_capture_on_commit_callbacks, mailoutbox):
    session = SessionFactory(capacity=1)
    a, b, _c = enrol(session), enrol(session), enrol(session)
    with django_capture_on_commit_callbacks(execute=True):
        services.enrolment_cancel(actor=a.user, enrolment=a)
    assert statuses(session) == [X, C, W]
    promoted = OutboxMessage.objects.get(key__startswith=f"courses:enrolment_promoted:{b.pk}:")
    assert promoted.to == b.user.email
    assert promoted.attachments[0]["mimetype"] == "text/calendar"
    assert any("Er is een plaats voor je" in m.subject for m in mailoutbox)


def test_promotion_skips_who_needs_a_support_seat_that_is_not_free():
    session = SessionFactory(capacity=2)
    a, _b = enrol(session), enrol(session)
    pair = enrol(session, support_person_name="Begeleider")
    single = enrol(session)
    assert (pair.status, single.status) == (W, W)
    services.enrolment_cancel(actor=a.user, enrolment=a)
    pair.refresh_from_db()
    single.refresh_from_db()
    assert (pair.status, single.status) == (W, C)


def test_no_promotion_after_the_first_meeting_started():
    session = SessionFactory(capacity=1, starts_in=timedelta(days=2))
    a, b = enrol(session), enrol(session)
    later = timezone.now() + timedelta(days=3)
    staff = UserFactory(role="national_staff")
    services.enrolment_cancel(actor=staff, enrolment=a, now=later)
    b.refresh_from_db()
    assert b.status == W


def test_participant_cannot_cancel_after_the_cutoff_but_staff_can(frozen_now):
    session = SessionFactory(starts_in=timedelta(hours=10))
    a = enrol(session)
    with pytest.raises(e.CancellationClosed) as info:
        services.enrolment_cancel(actor=a.user, enrolment=a)
    assert info.value.code == "cancellation_closed"
    a.refresh_from_db()
    assert a.status == C
    services.enrolment_cancel(actor=UserFactory(role="national_staff"), enrolment=a)
    a.refresh_from_db()
    assert a.status == X
    assert a.cancelled_at


def test_waitlisted_person_can_always_leave_the_line(frozen_now):
    session = SessionFactory(capacity=1, starts_in=timedelta(hours=10))
    enrol(session)
    b = enrol(session)
    services.enrolment_cancel(actor=b.user, enrolment=b)
    b.refresh_from_db()
    assert b.status == X


def test_cancel_twice_is_refused():
    a = enrol(SessionFactory())
    services.enrolment_cancel(actor=a.user, enrolment=a)
    with pytest.raises(e.EnrolmentNotActive):
        services.enrolment_cancel(actor=a.user, enrolment=a)


# --- capacity ------------------------------------------------------------------------------


def test_capacity_cannot_go_below_the_seats_taken():
    session = SessionFactory(capacity=3, min_participants=0)
    enrol(session, support_person_name="Begeleider")
    with pytest.raises(e.CapacityBelowConfirmed) as info:
        services.session_change_capacity(actor=None, session=session, capacity=1)
    assert info.value.code == "capacity_below_confirmed"
    session.refresh_from_db()
    assert session.capacity == 3


def test_capacity_below_minimum_or_zero_is_refused():
    session = SessionFactory(capacity=5, min_participants=3)
    for bad in (0, 2):
        with pytest.raises(e.CapacityInvalid):
            services.session_change_capacity(actor=None, session=session, capacity=bad)


def test_more_places_promote_in_order():
    session = SessionFactory(capacity=1, min_participants=0)
    enrol(session)
    b, c, d = enrol(session), enrol(session), enrol(session)
    promoted = services.session_change_capacity(actor=None, session=session, capacity=3)
    assert [p.pk for p in promoted] == [b.pk, c.pk]
    d.refresh_from_db()
    assert d.status == W


# --- sessions and meetings -------------------------------------------------------------------


def _times(days=10, hours=3):
    start = days_ahead(days)
    return start, start + timedelta(hours=hours)


def test_session_create_publish_with_lead():
    course = CourseFactory(default_capacity=8, min_participants=3)
    trainer = TrainerFactory()
    QualificationFactory(trainer=trainer, course=course)
    session = services.session_create(
        actor=trainer,
        course=course,
        region=region(),
        venue=VenueFactory(),
        meetings=[first := _times(10), _times(17)],
        lead=trainer,
    )
    assert (session.capacity, session.min_participants, session.status) == (8, 3, "draft")
    assert session.starts_at == first[0]
    assert session.assignments.get().role == Assignment.Role.LEAD
    services.session_publish(actor=trainer, session=session)
    session.refresh_from_db()
    assert session.status == "published"


def test_publish_needs_a_meeting_and_a_place():
    course = CourseFactory()
    session = services.session_create(actor=None, course=course, region=region())
    with pytest.raises(e.SessionIncomplete):
        services.session_publish(actor=None, session=session)
    services.meeting_add(actor=None, session=session, starts_at=_times()[0], ends_at=_times()[1])
    with pytest.raises(e.SessionIncomplete):
        services.session_publish(actor=None, session=session)
    services.session_update(actor=None, session=session, online_url="https://meet.example.org/x")
    services.session_publish(actor=None, session=session)


def test_meeting_ending_before_it_starts_is_refused():
    session = SessionFactory()
    start, _ = _times()
    with pytest.raises(e.MeetingTimesInvalid) as info:
        services.meeting_add(actor=None, session=session, starts_at=start, ends_at=start)
    assert info.value.code == "meeting_ends_before_start"
    with pytest.raises(e.MeetingTimesInvalid):
        services.session_create(
            actor=None,
            course=CourseFactory(),
            region=region(),
            meetings=[(start, start - timedelta(hours=1))],
        )
    assert session.meetings.count() == 1
    with pytest.raises(IntegrityError), transaction.atomic():
        Meeting.objects.create(session=session, starts_at=start, ends_at=start)


def test_session_changed_tells_everyone(django_capture_on_commit_callbacks):
    session = SessionFactory(capacity=1)
    a, b = enrol(session), enrol(session)
    meeting = session.meetings.get()
    start, end = _times(40)
    with django_capture_on_commit_callbacks(execute=True):
        services.meeting_update(actor=None, meeting=meeting, starts_at=start, ends_at=end)
    session.refresh_from_db()
    assert session.starts_at == start
    assert session.revision == 1
    keys = set(
        OutboxMessage.objects.filter(key__contains="session_changed").values_list("to", flat=True)
    )
    assert keys == {a.user.email, b.user.email}


def test_session_cancel_needs_a_reason_and_tells_everyone(django_capture_on_commit_callbacks):
    session = SessionFactory(capacity=1)
    enrol(session)
    enrol(session)
    with pytest.raises(e.CancelReasonRequired):
        services.session_cancel(actor=None, session=session, reason="  ")
    with django_capture_on_commit_callbacks(execute=True):
        services.session_cancel(actor=None, session=session, reason="De trainer is ziek.")
    assert OutboxMessage.objects.filter(key__contains="session_cancelled").count() == 2
    with pytest.raises(e.InvalidTransition):
        services.session_publish(actor=None, session=session)


def test_confirmation_and_waitlist_mails(django_capture_on_commit_callbacks):
    session = SessionFactory(capacity=1)
    with django_capture_on_commit_callbacks(execute=True):
        a = enrol(session)
        b = enrol(session)
    confirmed = OutboxMessage.objects.get(key__startswith=f"courses:enrolment_confirmed:{a.pk}:")
    assert "BEGIN:VCALENDAR" in confirmed.attachments[0]["content"]
    assert "ingeschreven" in confirmed.body_text
    assert "<p>" in confirmed.body_html
    assert OutboxMessage.objects.filter(key__startswith=f"courses:enrolment_waitlisted:{b.pk}:")


# --- staffing ------------------------------------------------------------------------------


def test_trainer_cannot_be_at_two_overlapping_meetings():
    trainer = TrainerFactory()
    first = SessionFactory(starts_in=timedelta(days=5))
    AssignmentFactory(session=first, trainer=trainer)
    second = SessionFactory(starts_at=first.starts_at + timedelta(hours=1))
    QualificationFactory(trainer=trainer, course=second.course)
    with pytest.raises(e.TrainerDoubleBooked) as info:
        services.assignment_create(actor=None, session=second, trainer=trainer, role="lead")
    assert info.value.code == "trainer_double_booked"
    assert info.value.clashing_session == first
    assert str(first.course) in str(info.value)
    assert not second.assignments.exists()


def test_moving_a_meeting_onto_a_trainers_other_session_is_refused():
    trainer = TrainerFactory()
    first = SessionFactory(starts_in=timedelta(days=5))
    second = SessionFactory(starts_in=timedelta(days=9))
    AssignmentFactory(session=first, trainer=trainer)
    AssignmentFactory(session=second, trainer=trainer)
    meeting = second.meetings.get()
    with pytest.raises(e.TrainerDoubleBooked):
        services.meeting_update(
            actor=None,
            meeting=meeting,
            starts_at=first.starts_at + timedelta(hours=1),
            ends_at=first.starts_at + timedelta(hours=4),
        )
    meeting.refresh_from_db()
    assert meeting.starts_at == second.starts_at


def test_assignment_needs_a_qualified_trainer_except_interns():
    session = SessionFactory()
    with pytest.raises(e.NotATrainer):
        services.assignment_create(actor=None, session=session, trainer=UserFactory(), role="lead")
    trainer = TrainerFactory()
    with pytest.raises(e.TrainerNotQualified):
        services.assignment_create(actor=None, session=session, trainer=trainer, role="co_trainer")
    assert services.assignment_create(actor=None, session=session, trainer=trainer, role="intern")
    with pytest.raises(e.AlreadyAssigned):
        services.assignment_create(actor=None, session=session, trainer=trainer, role="intern")


def test_one_lead_per_session():
    session = SessionFactory()
    AssignmentFactory(session=session)
    other = QualificationFactory(course=session.course).trainer
    with pytest.raises(e.LeadAlreadyAssigned):
        services.assignment_create(actor=None, session=session, trainer=other, role="lead")


def test_qualification_grant_is_idempotent():
    trainer, course = TrainerFactory(), CourseFactory()
    q1 = services.qualification_grant(actor=None, trainer=trainer, course=course)
    q2 = services.qualification_grant(actor=None, trainer=trainer, course=course)
    assert q1 == q2


# --- attendance and completion ---------------------------------------------------------------


def test_attendance_for_someone_not_enrolled_is_refused():
    session = SessionFactory()
    other = enrol(SessionFactory())
    waiting = SessionFactory(capacity=1)
    enrol(waiting)
    in_line = enrol(waiting)
    with pytest.raises(e.NotEnrolled) as info:
        services.attendance_record(
            actor=None, meeting=session.meetings.get(), enrolment=other, present=True
        )
    assert info.value.code == "not_enrolled"
    with pytest.raises(e.NotEnrolled):
        services.attendance_record(
            actor=None, meeting=waiting.meetings.get(), enrolment=in_line, present=True
        )
    assert not Attendance.objects.exists()


def test_attendance_then_complete():
    session = SessionFactory(capacity=2, starts_in=timedelta(days=2), meetings=2)
    a, b, c = enrol(session), enrol(session), enrol(session)
    first, second = session.meetings.all()
    later = timezone.now() + timedelta(days=3)
    with pytest.raises(e.SessionNotStarted):
        services.session_complete(actor=None, session=session)
    services.attendance_record_meeting(
        actor=None, meeting=first, present_enrolment_ids=[a.pk], now=later
    )
    services.attendance_record(actor=None, meeting=first, enrolment=b, present=False, now=later)
    assert Attendance.objects.filter(meeting=first).count() == 2
    with pytest.raises(e.NotEnrolled):
        services.attendance_record_meeting(
            actor=None, meeting=second, present_enrolment_ids=[c.pk], now=later
        )
    services.session_complete(actor=None, session=session, now=later)
    assert statuses(session) == [Enrolment.Status.ATTENDED, Enrolment.Status.NO_SHOW, X]
    session.refresh_from_db()
    assert session.status == Session.Status.COMPLETED


# --- on behalf ------------------------------------------------------------------------------


def test_enrol_on_behalf_creates_an_account_without_password():
    session = SessionFactory()
    trainer = TrainerFactory()
    enrolment = services.enrolment_create_on_behalf(
        actor=trainer, session=session, display_name="Jan Jansen", phone="0612345678"
    )
    person = enrolment.user
    assert person.email is None
    assert not person.has_usable_password()
    assert person.groups.filter(name="participant").exists()
    assert enrolment.enrolled_by == trainer
    assert enrolment.status == C


def test_enrol_on_behalf_needs_a_way_to_reach_them():
    with pytest.raises(e.ContactRequired) as info:
        services.enrolment_create_on_behalf(
            actor=None, session=SessionFactory(), display_name="Jan"
        )
    assert info.value.code == "contact_required"
    via_support = services.enrolment_create_on_behalf(
        actor=None, session=SessionFactory(), display_name="Jan", support_person_name="Marga"
    )
    assert via_support.seats == 2


def test_calendar_token_regenerates():
    user = UserFactory()
    token = services.calendar_token_get_or_create(user=user).token
    assert services.calendar_token_regenerate(user=user).token != token
