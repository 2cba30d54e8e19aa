from datetime import timedelta

import pytest

from courses import selectors, services
from courses.models import Attendance
from tests.courses.factories import EnrolmentFactory, SessionFactory

pytestmark = pytest.mark.django_db


def test_participant_list_confirmed_first_then_the_line_in_order():
    session = SessionFactory(capacity=2)
    people = [EnrolmentFactory(session=session, status="waitlisted") for _ in range(2)]
    confirmed = EnrolmentFactory(session=session, support_person_name="Begeleider")
    EnrolmentFactory(session=session, status="cancelled")
    rows = selectors.participant_list(session=session)
    assert [r.pk for r in rows] == [confirmed.pk, people[0].pk, people[1].pk]
    assert [r.waitlist_position for r in rows] == [None, 1, 2]


def test_participant_list_query_count_is_constant(constant_queries):
    session = SessionFactory(capacity=100, meetings=2)
    meeting = session.meetings.first()

    def grow(n):
        for _ in range(n):
            enrolment = EnrolmentFactory(session=session, access_needs="Rolstoel")
            Attendance.objects.create(meeting=meeting, enrolment=enrolment, present=True)
            EnrolmentFactory(session=session, status="waitlisted")

    def action():
        for row in selectors.participant_list(session=session):
            _ = (row.user.display_name, row.enrolled_by, row.attendance_by_meeting)

    constant_queries(grow=grow, action=action, max_queries=3)


def test_my_enrolments_position_and_query_count(participant, constant_queries):
    def grow(n):
        for _ in range(n):
            session = SessionFactory(capacity=1)
            EnrolmentFactory(session=session)
            EnrolmentFactory(session=session, status="waitlisted")
            EnrolmentFactory(session=session, user=participant, status="waitlisted")

    def action():
        for row in selectors.my_enrolments(user=participant):
            _ = (row.session.course.title, row.session.region, list(row.session.meetings.all()))
            assert row.waitlist_position == 2

    constant_queries(grow=grow, action=action, max_queries=2)


def test_published_sessions_places_left_and_query_count(constant_queries):
    def grow(n):
        for _ in range(n):
            session = SessionFactory(capacity=3)
            EnrolmentFactory(session=session, support_person_name="B")

    def action():
        rows = list(selectors.published_sessions())
        assert all(r.places_left == 1 for r in rows)
        for r in rows:
            _ = (r.course.title, list(r.meetings.all()), list(r.assignments.all()), r.venue)

    constant_queries(grow=grow, action=action, max_queries=3)


def test_trainer_sessions_lists_only_assigned(trainer):
    from tests.courses.factories import AssignmentFactory

    mine = AssignmentFactory(trainer=trainer).session
    SessionFactory()
    assert list(selectors.trainer_sessions(user=trainer)) == [mine]


def test_waitlist_position_single():
    session = SessionFactory(capacity=1, starts_in=timedelta(days=9))
    first = EnrolmentFactory(session=session)
    a = EnrolmentFactory(session=session, status="waitlisted")
    b = EnrolmentFactory(session=session, status="waitlisted")
    assert selectors.waitlist_position(enrolment=b) == 2
    services.enrolment_cancel(actor=None, enrolment=first)
    b.refresh_from_db()
    assert selectors.waitlist_position(enrolment=b) == 1
    a.refresh_from_db()
    assert selectors.waitlist_position(enrolment=a) is None
