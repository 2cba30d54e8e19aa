import io
from collections import Counter
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.cache import cache
from django.core.management import call_command
from django.db import transaction
from django.utils import timezone

from courses.models import Enrolment, Session

pytestmark = pytest.mark.django_db

AMS = ZoneInfo("Europe/Amsterdam")
PILOT_REGIONS = {"amsterdam", "walcheren", "bossche-ommelanden", "friesland-zuid"}


def test_demo_courses_load_twice_without_change(django_capture_on_commit_callbacks):
    call_command("load_demo")
    counts = (Session.objects.count(), Enrolment.objects.count())
    call_command("load_demo")
    assert (Session.objects.count(), Enrolment.objects.count()) == counts
    regions = set(Session.objects.values_list("region__slug", flat=True))
    assert regions >= PILOT_REGIONS
    assert Enrolment.objects.filter(status="waitlisted").exists()
    assert Enrolment.objects.filter(user__email="deelnemer@leerkring.nl").count() >= 2
    assert Session.objects.filter(status="completed").exists()
    assert Enrolment.objects.filter(status="attended").exists()
    assert Session.objects.filter(assignments__trainer__email="trainer@leerkring.nl").count() >= 3


def _load_demo_at(when: datetime) -> None:
    with time_machine.travel(when, tick=True):
        call_command("load_demo", stdout=io.StringIO())


def _calendar(today: date) -> list:
    """Every session as (course, region, status, places, meetings as (day from today, local
    start, local end), enrolment statuses): what a visitor sees, independent of the hour."""
    rows = []
    sessions = Session.objects.select_related("course", "region").prefetch_related(
        "meetings", "enrolments"
    )
    for session in sessions:
        meetings = []
        for meeting in sorted(session.meetings.all(), key=lambda m: m.starts_at):
            starts, ends = (
                timezone.localtime(meeting.starts_at),
                timezone.localtime(meeting.ends_at),
            )
            meetings.append(((starts.date() - today).days, starts.time(), ends.date(), ends.time()))
        statuses = tuple(sorted(e.status for e in session.enrolments.all()))
        rows.append(
            (
                session.course.slug,
                session.region.slug,
                session.status,
                session.capacity,
                tuple(meetings),
                statuses,
            )
        )
    return sorted(rows, key=repr)


def _months_ahead(today: date, count: int) -> list[tuple[date, date]]:
    """The next ``count`` calendar months after the current one, as [first day, next first)."""
    months = []
    first = today.replace(day=1)
    for _ in range(count):
        first = (first + timedelta(days=32)).replace(day=1)
        months.append((first, (first + timedelta(days=32)).replace(day=1)))
    return months


@pytest.mark.parametrize(
    "today",
    [date(2026, 12, 1), date(2027, 3, 27)],  # an ordinary day; the night the clocks go forward
    ids=["december", "dst-night"],
)
def test_demo_calendar_is_the_same_at_any_hour_and_believable(today):
    # Loaded in the morning (then rolled back) and at 23:30: the same calendar.
    with transaction.atomic():
        _load_demo_at(datetime.combine(today, time(9, 0), tzinfo=AMS))
        morning = _calendar(today)
        transaction.set_rollback(True)
    cache.clear()
    late_evening = datetime.combine(today, time(23, 30), tzinfo=AMS)
    _load_demo_at(late_evening)
    late = _calendar(today)
    assert morning == late

    # No meeting runs past midnight; every session has its course's meetings of 2.5 hours.
    sessions = Session.objects.select_related("course", "region").prefetch_related("meetings")
    for session in sessions:
        meetings = list(session.meetings.all())
        assert len(meetings) == session.course.number_of_meetings, session
        for meeting in meetings:
            starts, ends = (
                timezone.localtime(meeting.starts_at),
                timezone.localtime(meeting.ends_at),
            )
            assert starts.date() == ends.date(), (session, starts, ends)
            assert ends - starts == timedelta(hours=2, minutes=30), (session, starts, ends)
            assert time(9, 0) <= starts.time()
            assert ends.time() <= time(22, 0)

    # Each pilot region has two or more published sessions in each of the next three months.
    upcoming = Session.objects.filter(
        status=Session.Status.PUBLISHED, starts_at__gt=late_evening
    ).select_related("region")
    for first, following in _months_ahead(today, 3):
        per_region = Counter(
            s.region.slug
            for s in upcoming
            if first <= timezone.localtime(s.starts_at).date() < following
        )
        assert all(per_region[slug] >= 2 for slug in PILOT_REGIONS), (first, per_region)

    # Every region has a full session with people waiting; the far ones are still open.
    waitlisted = upcoming.filter(enrolments__status="waitlisted").distinct()
    assert {s.region.slug for s in waitlisted} == PILOT_REGIONS
    assert upcoming.filter(enrolments__isnull=True).exists()
