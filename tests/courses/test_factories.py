"""The session factory gives the same local times of day whenever the suite runs."""

from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.utils import timezone

from tests.courses.factories import SessionFactory

pytestmark = pytest.mark.django_db

AMS = ZoneInfo("Europe/Amsterdam")
CLOCKS = {
    "one-minute-to-midnight": datetime(2026, 12, 1, 23, 59, 30, tzinfo=AMS),
    "midnight": datetime(2026, 12, 2, 0, 0, tzinfo=AMS),
    "just-after-midnight": datetime(2026, 12, 2, 0, 59, tzinfo=AMS),
    "evening-before-dst": datetime(2027, 3, 27, 23, 59, tzinfo=AMS),
    "clocks-go-forward": datetime(2027, 3, 28, 1, 59, tzinfo=AMS),
    "clocks-go-back": datetime(2027, 10, 31, 2, 30, tzinfo=AMS),
}
SHAPES = {
    "default": {},
    "three-meetings": {"meetings": 3},
    "tomorrow": {"days": 1},
    "past": {"starts_in": timedelta(days=-2)},
    "in-five-hours": {"starts_in": timedelta(hours=5)},
    "started-an-hour-ago": {"starts_in": timedelta(hours=-1)},
    "in-forty-hours": {"starts_in": timedelta(hours=40), "meetings": 2},
}


@pytest.mark.parametrize("shape", SHAPES.values(), ids=SHAPES.keys())
@pytest.mark.parametrize("now", CLOCKS.values(), ids=CLOCKS.keys())
def test_factory_meetings_never_cross_midnight(now, shape):
    with time_machine.travel(now, tick=False):
        session = SessionFactory(**shape)
    meetings = list(session.meetings.order_by("starts_at"))
    assert len(meetings) == shape.get("meetings", 1)
    for meeting in meetings:
        starts, ends = timezone.localtime(meeting.starts_at), timezone.localtime(meeting.ends_at)
        assert starts < ends
        assert starts.date() == ends.date(), (starts, ends)


@pytest.mark.parametrize("now", CLOCKS.values(), ids=CLOCKS.keys())
def test_factory_meetings_are_at_ten_local_time_weekly_across_dst(now):
    with time_machine.travel(now, tick=False):
        today = timezone.localdate()
        session = SessionFactory(days=-14, meetings=5)  # spans the DST change on those nights
    local = [
        (timezone.localtime(m.starts_at), timezone.localtime(m.ends_at))
        for m in session.meetings.order_by("starts_at")
    ]
    assert [s.date() for s, _ in local] == [today + timedelta(days=d) for d in (-14, -7, 0, 7, 14)]
    assert {(s.time(), e.time()) for s, e in local} == {(time(10, 0), time(13, 0))}
