"""Scheduling, changing and cancelling moments: never a fourth, the lowest free number."""

from collections.abc import Iterable
from datetime import datetime

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import transaction

from accounts.audit import log_action
from courses.models import Session

from .. import exceptions as e
from .. import notices, selectors
from ..models import (
    MOMENTS_MAX,
    TEXT_MAX,
    Moment,
    Request,
    TrainerGroup,
)
from . import _base
from ._base import MS, RS, _check_runner, _lock_moment, _now, _series


def _check_place_and_times(*, starts_at, ends_at, place, online_url, now, new: bool) -> None:
    if starts_at is None or ends_at is None or ends_at <= starts_at:
        raise e.MomentTimesInvalid()
    if new and starts_at <= now:
        raise e.MomentInPast()
    if not place and not online_url:
        raise e.PlaceRequired()
    if len(place) > 300:
        raise e.TextTooLong()
    if online_url:
        try:
            URLValidator(schemes=["https", "http"])(online_url)
        except ValidationError:
            raise e.OnlineLinkInvalid() from None
        if len(online_url) > 200:
            raise e.OnlineLinkInvalid()


def _answered(session: Session | None, requests: Iterable) -> list[Request]:
    ids = {getattr(r, "pk", r) for r in requests or ()}
    if not ids:
        return []
    if session is None:
        raise e.ForeignRequest()
    found = list(Request.objects.select_for_update().filter(pk__in=ids, session=session))
    if len(found) != len(ids):
        raise e.ForeignRequest()
    if any(r.status == RS.CLOSED for r in found):
        raise e.RequestNotOpen()
    return found


def _reopen_unanswered(requests: Iterable[Request]) -> None:
    """Requests no planned or held moment answers any more are open again."""
    for request in requests:
        if (
            request.status == RS.PLANNED
            and not request.moments.exclude(status=MS.CANCELLED).exists()
        ):
            request.status = RS.OPEN
            request.save(update_fields=["status"])


@transaction.atomic
def moment_schedule(
    *,
    actor,
    starts_at: datetime,
    ends_at: datetime,
    place: str = "",
    online_url: str = "",
    session: Session | None = None,
    group: TrainerGroup | None = None,
    requests: Iterable = (),
    now: datetime | None = None,
) -> Moment:
    """A trainer plans the next moment of a series, answering some of its requests.

    Under the series' row lock: count the moments that are not cancelled and refuse a fourth,
    then take the lowest free number. Everyone the series is for is invited (with an .ics).
    """
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
    if selectors.is_closed(session=session, group=group):
        raise e.SeriesClosed()
    place = (place or "").strip()
    online_url = (online_url or "").strip()
    _check_place_and_times(
        starts_at=starts_at,
        ends_at=ends_at,
        place=place,
        online_url=online_url,
        now=now,
        new=True,
    )
    used = selectors.used_numbers(session=session, group=group)
    number = selectors.free_number(used)
    if len(used) >= MOMENTS_MAX or number is None:
        raise e.MomentLimitReached()
    answered = _answered(session, requests)
    moment = Moment.objects.create(
        session=session,
        group=group,
        number=number,
        starts_at=starts_at,
        ends_at=ends_at,
        place=place,
        online_url=online_url,
        created_by=actor,
        created_at=now,
    )
    if answered:
        moment.answered_requests.set(answered)
        Request.objects.filter(pk__in=[r.pk for r in answered], status=RS.OPEN).update(
            status=RS.PLANNED
        )
    log_action(
        actor=actor,
        verb="intervision.moment_scheduled",
        target=moment,
        data={"number": number, "requests": [r.pk for r in answered]},
    )
    notices.moment_invitation(moment_id=moment.pk)
    return moment


@transaction.atomic
def moment_update(
    *,
    actor,
    moment: Moment,
    starts_at: datetime | None = None,
    ends_at: datetime | None = None,
    place: str | None = None,
    online_url: str | None = None,
    requests: Iterable | None = None,
    now: datetime | None = None,
) -> Moment:
    """Change a planned moment's time, place or answered requests; invitees hear of a new time
    or place (an updated .ics with a higher SEQUENCE replaces the old event)."""
    now = _now(now)
    moment = _lock_moment(moment)
    _check_runner(actor, session=moment.session, group=moment.group)
    if moment.status != MS.PLANNED:
        raise e.MomentNotPlanned()
    new = {
        "starts_at": moment.starts_at if starts_at is None else starts_at,
        "ends_at": moment.ends_at if ends_at is None else ends_at,
        "place": moment.place if place is None else place.strip(),
        "online_url": moment.online_url if online_url is None else online_url.strip(),
    }
    _check_place_and_times(now=now, new=new["starts_at"] != moment.starts_at, **new)
    changed = [field for field, value in new.items() if getattr(moment, field) != value]
    for field in changed:
        setattr(moment, field, new[field])
    if changed:
        moment.revision += 1
        moment.save(update_fields=[*changed, "revision"])
    if requests is not None:
        before = list(moment.answered_requests.all())
        answered = _answered(moment.session, requests)
        moment.answered_requests.set(answered)
        Request.objects.filter(pk__in=[r.pk for r in answered], status=RS.OPEN).update(
            status=RS.PLANNED
        )
        _reopen_unanswered(Request.objects.filter(pk__in=[r.pk for r in before]))
    log_action(
        actor=actor,
        verb="intervision.moment_updated",
        target=moment,
        data={"changed": changed},
    )
    if changed:
        notices.moment_changed(moment_id=moment.pk)
    return moment


@transaction.atomic
def moment_cancel(*, actor, moment: Moment, reason: str, now: datetime | None = None) -> Moment:
    """Call a planned moment off: everyone invited hears it, its number is free again and the
    requests it answered (and no other moment does) are open again."""
    now = _now(now)
    moment = _lock_moment(moment)
    _check_runner(actor, session=moment.session, group=moment.group)
    if moment.status != MS.PLANNED:
        raise e.MomentNotPlanned()
    reason = (reason or "").strip()
    if not reason:
        raise e.CancelReasonRequired()
    if len(reason) > TEXT_MAX:
        raise e.TextTooLong()
    moment.status = MS.CANCELLED
    moment.cancel_reason = reason
    moment.cancelled_at = now
    moment.revision += 1
    moment.save(update_fields=["status", "cancel_reason", "cancelled_at", "revision"])
    _reopen_unanswered(moment.answered_requests.all())
    log_action(actor=actor, verb="intervision.moment_cancelled", target=moment)
    notices.moment_cancelled(moment_id=moment.pk)
    return moment
