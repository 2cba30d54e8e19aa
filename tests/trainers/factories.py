"""Trainer-pool rows for tests. Use services for state changes under test; these build worlds."""

from datetime import timedelta

import factory
from django.utils import timezone

from courses import services as course_services
from courses.models import Assignment, Course, Enrolment
from tests.courses.factories import (
    AssignmentFactory,
    CourseFactory,
    EnrolmentFactory,
    SessionFactory,
    TrainerFactory,
    region,
)
from trainers.models import Application, StatusPeriod, TrainerProfile


class ProfileFactory(factory.django.DjangoModelFactory):
    """A profile with one open period of ``status`` (default candidate) in Amsterdam."""

    class Meta:
        model = TrainerProfile
        skip_postgeneration_save = True

    user = factory.SubFactory(TrainerFactory)

    @classmethod
    def _create(cls, model_class, *args, status="candidate", since=None, regions=None, **kw):
        profile = super()._create(model_class, *args, **kw)
        profile.regions.set(regions if regions is not None else [region()])
        StatusPeriod.objects.create(
            profile=profile,
            status=status,
            started_at=since or timezone.now(),
            reason="gestopt" if status == "stopped" else "",
        )
        return profile


class ApplicationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Application

    user = factory.SubFactory(TrainerFactory, role="participant")
    region = factory.LazyFunction(region)
    motivation = "Ik wil anderen helpen."


def attended(user, *, kind=Course.Kind.COURSE):
    """An attended enrolment of ``user`` in a completed session (made through courses)."""
    session = SessionFactory(course=CourseFactory(kind=kind), starts_in=-timedelta(days=3))
    enrolment = EnrolmentFactory(session=session, user=user)
    course_services.session_complete(
        actor=None, session=session, attended_enrolment_ids=[enrolment.pk]
    )
    enrolment.refresh_from_db()
    assert enrolment.status == Enrolment.Status.ATTENDED
    return enrolment


def internship(intern, *, lead=None, complete=True):
    """A past session led by ``lead`` with ``intern`` as intern; completed unless told not to."""
    session = SessionFactory(starts_in=-timedelta(days=3))
    lead = lead or TrainerFactory()
    AssignmentFactory(session=session, trainer=lead, role=Assignment.Role.LEAD)
    assignment = AssignmentFactory(session=session, trainer=intern, role=Assignment.Role.INTERN)
    if complete:
        course_services.session_complete(actor=None, session=session)
        assignment.session.refresh_from_db()
    return assignment, lead
