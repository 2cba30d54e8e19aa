"""Generated programme data for the overview's tests: sessions in several regions, months and
states, enrolments of every status (some with a support person), and complete lists before and
after the course for the completed sessions."""

import random
from datetime import timedelta

import time_machine

from courses.models import Enrolment, Session
from tests.competencies.factories import complete_session, course_list
from tests.courses.factories import CourseFactory, EnrolmentFactory, SessionFactory, region

E = Enrolment.Status


def programme(*, seed: int = 1, completed: int = 2, participants: int = 6):
    """Returns nothing; everything is in the database. Deterministic for a seed."""
    rng = random.Random(seed)
    courses = [CourseFactory(), CourseFactory()]
    regions = [region("amsterdam"), region("walcheren")]
    # Completed sessions with lists: pre for everyone now, then (the clock moved on past the
    # course) post for all but one.
    for number in range(completed):
        session = SessionFactory(
            course=courses[number % 2],
            region=regions[number % 2],
            days=10 + 31 * number,
            capacity=12,
        )
        enrolments = [EnrolmentFactory(session=session) for _ in range(participants)]
        for enrolment in enrolments:
            course_list(enrolment, "pre", seed=rng.random())
        session = complete_session(session)
        with time_machine.travel(session.completed_at + timedelta(days=1), tick=False):
            for enrolment in enrolments[1:]:
                course_list(enrolment, "post", seed=rng.random())
        # One who did not come (changes attendance, not the lists).
        Enrolment.objects.filter(pk=enrolments[0].pk).update(status=E.NO_SHOW)
    # Upcoming and other sessions with enrolments of every status.
    for number, status in enumerate(
        [
            Session.Status.PUBLISHED,
            Session.Status.PUBLISHED,
            Session.Status.DRAFT,
            Session.Status.CANCELLED,
        ]
    ):
        session = SessionFactory(
            course=courses[number % 2],
            region=regions[(number + seed) % 2],
            days=-40 + 33 * number,
            capacity=8,
            status=status,
            cancel_reason="Te weinig aanmeldingen" if status == Session.Status.CANCELLED else "",
        )
        for index in range(rng.randint(2, 6)):
            state = [E.CONFIRMED, E.WAITLISTED, E.CANCELLED][index % 3]
            EnrolmentFactory(
                session=session,
                status=state,
                support_person_name="Begeleider" if index % 4 == 0 else "",
            )
