"""Closing a series (which opens the follow-up list) and the periodic jobs."""

from datetime import datetime

from django.db import transaction

from accounts.audit import log_action
from competencies.services import follow_up_open_early
from courses.models import Session

from .. import exceptions as e
from .. import notices, selectors
from ..models import (
    IntervisionSettings,
    Request,
    SeriesClosure,
    TrainerGroup,
)
from . import _base
from ._base import RS, _check_runner, _now, _series


def _close(*, session, group, actor, reason: str, now: datetime, opens_at=None):
    closure, created = SeriesClosure.objects.get_or_create(
        session=session,
        group=group,
        defaults={"reason": reason, "closed_by": actor, "closed_at": now},
    )
    if not created:
        return closure
    if session is not None:
        Request.objects.filter(session=session, status=RS.OPEN).update(status=RS.CLOSED)
        follow_up_open_early(session=session, opens_at=opens_at or now, actor=actor)
    log_action(
        actor=actor,
        verb="intervision.series_closed",
        target=session or group,
        data={"reason": reason},
    )
    return closure


@transaction.atomic
def series_close(
    *,
    actor,
    session: Session | None = None,
    group: TrainerGroup | None = None,
    now: datetime | None = None,
) -> SeriesClosure:
    """The trainer ends the series (no more moments needed): open requests close and, for a
    course, the follow-up self-assessment opens now. Closing twice is closing once."""
    now = _now(now)
    session, group = _series(session, group)
    owner = _base.lock_series(session=session, group=group)
    if session is not None:
        session = owner
        if session.status != Session.Status.COMPLETED:
            raise e.SessionNotCompleted()
    else:
        group = owner
    _check_runner(actor, session=session, group=group)
    return _close(
        session=session, group=group, actor=actor, reason=SeriesClosure.Reason.TRAINER, now=now
    )


def series_close_due(*, now: datetime | None = None) -> int:
    """Close the series of every completed session whose asking time ran out (beat).

    The follow-up list opens at that time (not at this run's time), so a first run over old
    sessions opens nothing that has long closed. Answers how many series it closed.
    """
    now = _now(now)
    closed = 0
    sessions = (
        Session.objects.filter(status=Session.Status.COMPLETED, intervision_closure__isnull=True)
        .select_related("course")
        .order_by("completed_at", "pk")
    )
    for session in sessions.iterator(chunk_size=200):
        close_at = selectors.requests_close_at(session)
        if close_at is None or close_at > now:
            continue
        with transaction.atomic():
            owner = _base.lock_series(session=session)
            if selectors.is_closed(session=owner):
                continue
            _close(
                session=owner,
                group=None,
                actor=None,
                reason=SeriesClosure.Reason.TIME,
                now=now,
                opens_at=close_at,
            )
            closed += 1
    return closed


def requests_waiting_send(*, now: datetime | None = None) -> int:
    """Tell trainers of requests waiting 7 days (see ``notices.requests_waiting_send``)."""
    return notices.requests_waiting_send(now=now)


def nudges_send(*, now: datetime | None = None) -> int:
    """Invite participants to ask for a moment, 2 and 6 weeks after the course."""
    return notices.nudges_send(now=now)


def reminders_send(*, now: datetime | None = None) -> int:
    """Remind everyone invited the day before a planned moment."""
    return notices.reminders_send(now=now)


@transaction.atomic
def settings_save(
    *, actor, course, support_threshold: int, close_after_months: int
) -> IntervisionSettings:
    """Set a course's intervision numbers (how many supporters tell the trainers, how long
    participants may ask); out-of-range numbers are refused here and by the database."""
    if not 1 <= support_threshold <= 100 or not 1 <= close_after_months <= 24:
        raise e.SettingsOutOfRange()
    row, _ = IntervisionSettings.objects.update_or_create(
        course=course,
        defaults={
            "support_threshold": support_threshold,
            "close_after_months": close_after_months,
        },
    )
    log_action(
        actor=actor,
        verb="intervision.settings_saved",
        target=course,
        data={"support_threshold": support_threshold, "close_after_months": close_after_months},
    )
    return row
