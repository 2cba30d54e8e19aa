"""Sessions and their meetings: create, edit, publish, cancel, complete; dates and places."""

from collections.abc import Iterable
from datetime import datetime

from django.db import transaction
from django.utils import timezone

from accounts.audit import log_action

from .. import exceptions as e
from .. import notify
from ..models import Assignment, Attendance, Course, Enrolment, Meeting, Session, Venue
from . import _base
from ._base import (
    OPEN_STATUSES,
    E,
    S,
    _check_capacity,
    _check_times,
    _now,
    seats_taken,
)
from .enrolment import _promote
from .staffing import _check_trainers_free, _lock_trainers, assignment_create

# --- Sessions --------------------------------------------------------------------------------


@transaction.atomic
def session_create(
    *,
    actor,
    course: Course,
    region,
    capacity: int | None = None,
    min_participants: int | None = None,
    venue: Venue | None = None,
    online_url: str = "",
    enrolment_deadline: datetime | None = None,
    notes: str = "",
    meetings: Iterable[tuple[datetime, datetime]] = (),
    lead=None,
) -> Session:
    """A draft session. ``lead`` (usually the trainer who creates it) is assigned as lead."""
    capacity = course.default_capacity if capacity is None else capacity
    if min_participants is None:
        min_participants = min(course.min_participants, capacity or 0)
    _check_capacity(capacity, min_participants)
    meetings = list(meetings)
    for starts_at, ends_at in meetings:
        _check_times(starts_at, ends_at)
    session = Session.objects.create(
        course=course,
        region=region,
        capacity=capacity,
        min_participants=min_participants,
        venue=venue,
        online_url=online_url or "",
        enrolment_deadline=enrolment_deadline,
        notes=notes,
        created_by=actor if getattr(actor, "is_authenticated", False) else None,
    )
    Meeting.objects.bulk_create(
        [Meeting(session=session, starts_at=s, ends_at=t) for s, t in meetings]
    )
    _base.refresh_dates(session)
    log_action(actor=actor, verb="session.created", target=session)
    if lead is not None:
        assignment_create(actor=actor, session=session, trainer=lead, role=Assignment.Role.LEAD)
    return session


SESSION_EDITABLE = {
    "region",
    "venue",
    "online_url",
    "enrolment_deadline",
    "min_participants",
    "notes",
    "course",
}
#: Changes participants are told about.
SESSION_NOTIFIED = {"venue", "online_url"}


@transaction.atomic
def session_update(*, actor, session: Session, **fields) -> Session:
    unknown = set(fields) - SESSION_EDITABLE
    if unknown:
        raise TypeError(f"Not editable here: {sorted(unknown)}")
    session = _base.lock_session(session.pk)
    if session.status not in OPEN_STATUSES:
        raise e.InvalidTransition()
    if "course" in fields and fields["course"] != session.course and session.status != S.DRAFT:
        raise e.FieldNotEditable()
    if "online_url" in fields:
        fields["online_url"] = fields["online_url"] or ""
    changed = [k for k, v in fields.items() if getattr(session, k) != v]
    for key in changed:
        setattr(session, key, fields[key])
    _check_capacity(session.capacity, session.min_participants)
    if session.status == S.PUBLISHED and session.venue_id is None and not session.online_url:
        raise e.SessionIncomplete()
    if changed:
        session.save(update_fields=changed)
        log_action(actor=actor, verb="session.updated", target=session, data={"fields": changed})
        notified = [k for k in changed if k in SESSION_NOTIFIED]
        if notified:
            _base.tell_changed(session, actor=actor, what=notified)
    return session


@transaction.atomic
def session_publish(*, actor, session: Session) -> Session:
    session = _base.lock_session(session.pk)
    if session.status != S.DRAFT:
        raise e.InvalidTransition()
    if not session.meetings.exists() or (session.venue_id is None and not session.online_url):
        raise e.SessionIncomplete()
    session.status = S.PUBLISHED
    session.published_at = timezone.now()
    session.save(update_fields=["status", "published_at"])
    log_action(actor=actor, verb="session.published", target=session)
    return session


@transaction.atomic
def session_cancel(*, actor, session: Session, reason: str) -> Session:
    """Call the session off; everyone enrolled or waiting is told why."""
    session = _base.lock_session(session.pk)
    if session.status not in OPEN_STATUSES:
        raise e.InvalidTransition()
    reason = (reason or "").strip()
    if not reason:
        raise e.CancelReasonRequired()
    was_published = session.status == S.PUBLISHED
    session.status = S.CANCELLED
    session.cancel_reason = reason
    session.cancelled_at = timezone.now()
    session.save(update_fields=["status", "cancel_reason", "cancelled_at"])
    log_action(actor=actor, verb="session.cancelled", target=session, data={"reason": reason})
    if was_published:
        notify.session_cancelled(session_id=session.pk)
    return session


@transaction.atomic
def session_complete(
    *,
    actor,
    session: Session,
    attended_enrolment_ids: Iterable[int] | None = None,
    now: datetime | None = None,
) -> Session:
    """Close a session that has run: each confirmed enrolment becomes attended or no-show.

    Without ``attended_enrolment_ids`` someone counts as attended when they were recorded
    present at one meeting or more. Those still waiting never got a place: their enrolment ends.
    """
    now = _now(now)
    session = _base.lock_session(session.pk)
    if session.status != S.PUBLISHED:
        raise e.InvalidTransition()
    if not session.has_started(now):
        raise e.SessionNotStarted()
    confirmed = Enrolment.objects.filter(session=session, status=E.CONFIRMED)
    if attended_enrolment_ids is None:
        attended = set(
            Attendance.objects.filter(enrolment__in=confirmed, present=True).values_list(
                "enrolment_id", flat=True
            )
        )
    else:
        attended = set(attended_enrolment_ids)
    confirmed.filter(pk__in=attended).update(status=E.ATTENDED, status_changed_at=now)
    confirmed.exclude(pk__in=attended).update(status=E.NO_SHOW, status_changed_at=now)
    Enrolment.objects.filter(session=session, status=E.WAITLISTED).update(
        status=E.CANCELLED, status_changed_at=now, cancelled_at=now
    )
    session.status = S.COMPLETED
    session.completed_at = now
    session.save(update_fields=["status", "completed_at"])
    log_action(actor=actor, verb="session.completed", target=session)
    return session


@transaction.atomic
def session_change_capacity(*, actor, session: Session, capacity: int) -> list[Enrolment]:
    """Change the number of places; never below the seats taken. More places promote people."""
    session = _base.lock_session(session.pk)
    if session.status not in OPEN_STATUSES:
        raise e.InvalidTransition()
    _check_capacity(capacity, session.min_participants)
    if capacity < seats_taken(session):
        raise e.CapacityBelowConfirmed()
    old = session.capacity
    session.capacity = capacity
    session.save(update_fields=["capacity"])
    log_action(
        actor=actor,
        verb="session.capacity_changed",
        target=session,
        data={"from": old, "to": capacity},
    )
    return _promote(session, actor=actor)


# --- Meetings --------------------------------------------------------------------------------


@transaction.atomic
def meeting_add(*, actor, session: Session, starts_at: datetime, ends_at: datetime) -> Meeting:
    _check_times(starts_at, ends_at)
    session = _base.lock_session(session.pk)
    if session.status not in OPEN_STATUSES:
        raise e.InvalidTransition()
    _lock_trainers(session)
    meeting = Meeting.objects.create(session=session, starts_at=starts_at, ends_at=ends_at)
    _check_trainers_free(session)
    _base.refresh_dates(session)
    log_action(actor=actor, verb="meeting.added", target=meeting, data={"session": session.pk})
    _base.tell_changed(session, actor=actor, what=["meetings"])
    return meeting


@transaction.atomic
def meeting_update(*, actor, meeting: Meeting, starts_at: datetime, ends_at: datetime) -> Meeting:
    _check_times(starts_at, ends_at)
    session = _base.lock_session(meeting.session_id)
    if session.status not in OPEN_STATUSES:
        raise e.InvalidTransition()
    _lock_trainers(session)
    meeting = Meeting.objects.get(pk=meeting.pk)
    if (meeting.starts_at, meeting.ends_at) == (starts_at, ends_at):
        return meeting
    meeting.starts_at, meeting.ends_at = starts_at, ends_at
    meeting.save(update_fields=["starts_at", "ends_at"])
    _check_trainers_free(session)
    _base.refresh_dates(session)
    log_action(actor=actor, verb="meeting.updated", target=meeting, data={"session": session.pk})
    _base.tell_changed(session, actor=actor, what=["meetings"])
    return meeting


@transaction.atomic
def meeting_delete(*, actor, meeting: Meeting) -> None:
    session = _base.lock_session(meeting.session_id)
    if session.status not in OPEN_STATUSES:
        raise e.InvalidTransition()
    if session.status == S.PUBLISHED and session.meetings.count() <= 1:
        raise e.LastMeeting()
    log_action(actor=actor, verb="meeting.deleted", target=meeting, data={"session": session.pk})
    meeting.delete()
    _base.refresh_dates(session)
    _base.tell_changed(session, actor=actor, what=["meetings"])
