"""What every intervision service shares: the clock, the series lock, who may act."""

from datetime import datetime

from django.utils import timezone

from accounts.roles import is_national_staff
from courses.models import Session

from .. import exceptions as e
from .. import selectors
from ..models import (
    Moment,
    Request,
    TrainerGroup,
)

RS = Request.Status
MS = Moment.Status


def _now(now: datetime | None) -> datetime:
    return now or timezone.now()


def lock_series(*, session: Session | None = None, group: TrainerGroup | None = None):
    """The row lock every change to a series' moments takes first (the race test swaps it)."""
    if session is not None:
        return Session.objects.select_for_update().get(pk=session.pk)
    return TrainerGroup.objects.select_for_update().get(pk=group.pk)


def _series(session, group) -> tuple[Session | None, TrainerGroup | None]:
    if (session is None) == (group is None):
        raise TypeError("pass exactly one of session and group")
    return session, group


def _check_runner(actor, *, session=None, group=None) -> None:
    if is_national_staff(actor):
        return
    if session is not None and selectors.runs_session(actor, session):
        return
    if group is not None and group.facilitators.filter(pk=actor.pk).exists():
        return
    raise e.NotATrainer()


def _check_participant(actor, session: Session) -> None:
    if session.status != Session.Status.COMPLETED:
        raise e.SessionNotCompleted()
    if not selectors.attended_session(actor, session):
        raise e.NotAParticipant()


def _check_requests_open(session: Session, now: datetime) -> None:
    if selectors.is_closed(session=session):
        raise e.SeriesClosed()
    close_at = selectors.requests_close_at(session)
    if close_at is None or now >= close_at:
        raise e.RequestsClosed()


def _lock_moment(moment: Moment) -> Moment:
    """Lock the series first (the same order as scheduling), then re-read the moment."""
    moment = Moment.objects.get(pk=moment.pk)
    lock_series(session=moment.session, group=moment.group)
    return (
        Moment.objects.select_for_update(of=("self",))  # not the nullable session/group joins
        .select_related("session__course", "group")
        .get(pk=moment.pk)
    )
