"""Intervision rows for tests: completed sessions with attendees and trainers, trainer groups.

Worlds are built from rows (fast); state changes under test go through ``intervision.services``.
"""

from datetime import datetime, timedelta

import factory
from django.utils import timezone

from courses.models import Assignment, Enrolment, Session
from intervision.models import Moment, Request, TrainerGroup
from tests.accounts.factories import UserFactory
from tests.courses.factories import (
    AssignmentFactory,
    EnrolmentFactory,
    SessionFactory,
    TrainerFactory,
    days_ahead,
)


def completed_session(*, attendees: int = 3, days_ago: int = 10, trainer=None, **kwargs):
    """A session held ``days_ago`` days ago and completed the day after, with a lead trainer and
    ``attendees`` people who attended. Answers ``(session, trainer, [attendees])``."""
    session = SessionFactory(days=-days_ago, **kwargs)
    trainer = trainer or TrainerFactory()
    AssignmentFactory(session=session, trainer=trainer, role=Assignment.Role.LEAD)
    people = [
        EnrolmentFactory(session=session, status=Enrolment.Status.ATTENDED).user
        for _ in range(attendees)
    ]
    completed = session.ends_at + timedelta(hours=1)
    Session.objects.filter(pk=session.pk).update(
        status=Session.Status.COMPLETED, completed_at=completed
    )
    session.refresh_from_db()
    return session, trainer, people


class RequestFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Request

    session = factory.LazyFunction(lambda: completed_session()[0])
    author = factory.SubFactory(UserFactory, role="participant")
    topic = factory.Sequence(lambda n: f"Onderwerp {n}")


def moment_times(days: int = 7, hours: int = 2) -> tuple[datetime, datetime]:
    """A local 19:00 start ``days`` ahead (the same wall-clock time whenever the test runs)."""
    from datetime import time

    starts = days_ahead(days, time(19, 0))
    return starts, starts + timedelta(hours=hours)


class MomentFactory(factory.django.DjangoModelFactory):
    """A raw planned moment (bypasses the service): for building lists and the constraint."""

    class Meta:
        model = Moment

    session = factory.LazyFunction(lambda: completed_session()[0])
    number = 1
    starts_at = factory.LazyFunction(lambda: moment_times()[0])
    ends_at = factory.LazyAttribute(lambda o: o.starts_at + timedelta(hours=2))
    place = "Buurthuis De Kring"
    status = Moment.Status.PLANNED
    cancelled_at = factory.Maybe(
        factory.LazyAttribute(lambda o: o.status == Moment.Status.CANCELLED),
        factory.LazyFunction(timezone.now),
        None,
    )


class TrainerGroupFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = TrainerGroup
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"Intervisiegroep trainers {n}")

    @factory.post_generation
    def members(self, create, extracted, **kwargs):
        if create and extracted:
            self.members.set(extracted)

    @factory.post_generation
    def facilitators(self, create, extracted, **kwargs):
        if create and extracted:
            self.facilitators.set(extracted)
