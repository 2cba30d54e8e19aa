from datetime import timedelta

import factory
from django.utils import timezone

from accounts.models import Region
from courses.models import (
    Assignment,
    Course,
    Enrolment,
    Meeting,
    Qualification,
    Session,
    Venue,
)
from tests.accounts.factories import UserFactory


def region(slug="amsterdam"):
    return Region.objects.get(slug=slug)


class CourseFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Course
        django_get_or_create = ("slug",)

    title = factory.Sequence(lambda n: f"Lokale belangenbehartiging {n}")
    slug = factory.Sequence(lambda n: f"cursus-{n}")
    default_capacity = 12
    min_participants = 4
    number_of_meetings = 1
    cancellation_cutoff_hours = 24


class VenueFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Venue

    name = factory.Sequence(lambda n: f"Buurthuis {n}")
    street = "Dorpsstraat 1"
    postcode = "1234 AB"
    city = "Amsterdam"
    step_free = True
    hearing_loop = True


class SessionFactory(factory.django.DjangoModelFactory):
    """A published session with one meeting ``days`` ahead (default 30) and a venue.

    ``status=`` and ``meetings=`` (number) may be set; ``starts_in=`` a timedelta.
    """

    class Meta:
        model = Session
        skip_postgeneration_save = True

    course = factory.SubFactory(CourseFactory)
    region = factory.LazyFunction(region)
    venue = factory.SubFactory(VenueFactory)
    capacity = 10
    min_participants = factory.LazyAttribute(lambda o: min(2, o.capacity))
    status = Session.Status.PUBLISHED
    published_at = factory.LazyFunction(timezone.now)

    @classmethod
    def _create(cls, model_class, *args, starts_in=None, meetings=1, **kwargs):
        session = super()._create(model_class, *args, **kwargs)
        start = timezone.now() + (starts_in if starts_in is not None else timedelta(days=30))
        start = start.replace(second=0, microsecond=0)
        rows = [
            Meeting(
                session=session,
                starts_at=start + timedelta(days=7 * i),
                ends_at=start + timedelta(days=7 * i, hours=3),
            )
            for i in range(meetings)
        ]
        Meeting.objects.bulk_create(rows)
        if rows:
            session.starts_at = rows[0].starts_at
            session.ends_at = rows[-1].ends_at
            session.save(update_fields=["starts_at", "ends_at"])
        return session


class EnrolmentFactory(factory.django.DjangoModelFactory):
    """A raw row (bypasses the capacity rules): for building lists fast. Use services to enrol."""

    class Meta:
        model = Enrolment

    session = factory.SubFactory(SessionFactory)
    user = factory.SubFactory(UserFactory, role="participant")
    status = Enrolment.Status.CONFIRMED
    cancelled_at = factory.Maybe(
        factory.LazyAttribute(lambda o: o.status == Enrolment.Status.CANCELLED),
        factory.LazyFunction(timezone.now),
        None,
    )


class TrainerFactory(UserFactory):
    @classmethod
    def _create(cls, model_class, *args, role="trainer", **kwargs):
        return super()._create(model_class, *args, role=role, **kwargs)


class QualificationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Qualification

    trainer = factory.SubFactory(TrainerFactory)
    course = factory.SubFactory(CourseFactory)


class AssignmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Assignment

    session = factory.SubFactory(SessionFactory)
    trainer = factory.SubFactory(TrainerFactory)
    role = Assignment.Role.LEAD
