from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import factory
from django.conf import settings
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


MEETING_STARTS = time(10, 0)
MEETING_LENGTH = timedelta(hours=3)


def local_at(day: date, at: time = MEETING_STARTS) -> datetime:
    """``day`` at the local wall-clock time ``at`` (Europe/Amsterdam), DST-aware."""
    return datetime.combine(day, at, tzinfo=ZoneInfo(settings.TIME_ZONE))


def days_ahead(days: int, at: time = MEETING_STARTS) -> datetime:
    """The local date ``days`` from today at ``at``: the same wall-clock time at any hour."""
    return local_at(timezone.localdate() + timedelta(days=days), at)


def _first_start(*, days, starts_in, starts_at) -> datetime:
    if starts_at is not None:
        return starts_at
    if starts_in is not None:
        if starts_in % timedelta(days=1):
            # An hour-precise offset: the test is about "now" and freezes the clock
            # (time_machine); late in the evening its meeting is cut at 23:59 (_meeting_rows).
            return (timezone.now() + starts_in).replace(second=0, microsecond=0)
        days = starts_in.days
    return days_ahead(30 if days is None else days)


def _meeting_rows(session, start: datetime, meetings: int, length: timedelta, clip: bool) -> list:
    tz = ZoneInfo(settings.TIME_ZONE)
    local = start.astimezone(tz)
    rows = []
    for i in range(meetings):
        # Weekly at the same local time of day, also across a DST change.
        begins = datetime.combine(local.date() + timedelta(days=7 * i), local.timetz())
        midnight = datetime.combine(begins.date() + timedelta(days=1), time(0), tzinfo=tz)
        ends = begins + length
        if clip and ends >= midnight:  # an hour-precise "now + x" late in the evening
            ends = midnight - timedelta(minutes=1)
            begins = min(begins, ends - timedelta(minutes=1))
        rows.append(Meeting(session=session, starts_at=begins, ends_at=ends))
    return rows


class SessionFactory(factory.django.DjangoModelFactory):
    """A published session with a venue and ``meetings`` weekly meetings (default 1).

    The first meeting is ``days`` local days ahead (default 30; negative is in the past) from
    10:00 to 13:00 Europe/Amsterdam, so no test depends on the hour, day or season it runs, and
    no meeting crosses midnight. ``starts_in=`` a timedelta of whole days means the same;
    an hour-precise ``starts_in`` (or ``starts_at=``, an aware datetime) is an exact instant, for
    tests about "now" that freeze the clock with time_machine (a meeting ``starts_at`` asks for
    is made as asked, even past midnight). ``length=`` a timedelta (default 3 h).
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
    def _create(
        cls,
        model_class,
        *args,
        days=None,
        starts_in=None,
        starts_at=None,
        meetings=1,
        length=MEETING_LENGTH,
        **kwargs,
    ):
        session = super()._create(model_class, *args, **kwargs)
        start = _first_start(days=days, starts_in=starts_in, starts_at=starts_at)
        rows = _meeting_rows(session, start, meetings, length, clip=starts_at is None)
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
