"""When each course moment is open. Reads the session's state; ``courses`` knows nothing of it.

- pre: opens at enrolment, closes when the first meeting starts;
- post: opens when the session is completed, closes 6 weeks later;
- follow_up: opens 6 months after the course (or earlier, when the intervision app calls
  ``follow_up_open_early`` after the last intervision moment or when a trainer closes the
  series), closes 6 weeks after it opened. Six months is when intervision requests close by
  default (issue 12), so the list comes after the intervision moments, not between them.
"""

import calendar
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.utils import timezone

from courses.models import Enrolment, Session

POST_OPEN_FOR = timedelta(weeks=6)
FOLLOW_UP_AFTER_MONTHS = 6
FOLLOW_UP_OPEN_FOR = timedelta(weeks=6)
# Enrolments whose person takes part (or took part) in the course.
ACTIVE_ENROLMENT = (Enrolment.Status.CONFIRMED, Enrolment.Status.ATTENDED)


def add_months(moment: datetime, months: int) -> datetime:
    month = moment.month - 1 + months
    year = moment.year + month // 12
    month = month % 12 + 1
    day = min(moment.day, calendar.monthrange(year, month)[1])
    return moment.replace(year=year, month=month, day=day)


@dataclass(frozen=True)
class Window:
    opens_at: datetime | None
    closes_at: datetime | None

    def is_open(self, now: datetime | None = None) -> bool:
        now = now or timezone.now()
        if self.opens_at is None or now < self.opens_at:
            return False
        return self.closes_at is None or now < self.closes_at


def first_meeting_start(session):
    """Uses prefetched meetings when present (list views), else one query."""
    cache = getattr(session, "_prefetched_objects_cache", {})
    if "meetings" in cache:
        starts = [m.starts_at for m in cache["meetings"]]
        return min(starts) if starts else session.starts_at
    first = session.meetings.order_by("starts_at").values_list("starts_at", flat=True).first()
    return first or session.starts_at


def window(enrolment, moment: str) -> Window:
    session = enrolment.session
    if enrolment.status not in ACTIVE_ENROLMENT and not (
        moment == "pre" and enrolment.status == Enrolment.Status.WAITLISTED
    ):
        return Window(None, None)
    if moment == "pre":
        return Window(enrolment.created_at, first_meeting_start(session))
    completed_at = session.completed_at if session.status == Session.Status.COMPLETED else None
    if completed_at is None:
        return Window(None, None)
    if moment == "post":
        return Window(completed_at, completed_at + POST_OPEN_FOR)
    if moment == "follow_up":
        opens = add_months(completed_at, FOLLOW_UP_AFTER_MONTHS)
        override = getattr(session, "competency_moment_override", None)
        if override is not None and override.follow_up_opens_at < opens:
            opens = max(override.follow_up_opens_at, completed_at)
        return Window(opens, opens + FOLLOW_UP_OPEN_FOR)
    return Window(None, None)


def is_open(enrolment, moment: str, now=None) -> bool:
    if moment == "personal":
        return True
    return window(enrolment, moment).is_open(now)
