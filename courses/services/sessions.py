"""Sessions and their meetings: create, edit, publish, cancel, complete; dates and places.

Every edit of an open session, from the portal form, the admin or a single-purpose service such
as ``meeting_update``, is applied by ``_apply_edit``: the rules are checked on the session as it
will be (so capacity and minimum can rise together), everything is saved or nothing is, and the
people enrolled hear of it once, however many meetings moved.
"""

from collections.abc import Iterable, Sequence
from datetime import datetime

from django.db import transaction
from django.utils import timezone

from accounts.audit import log_action

from .. import exceptions as e
from .. import notify
from ..models import Assignment, Attendance, Course, Enrolment, Meeting, Session, Venue
from . import _base, rules
from ._base import OPEN_STATUSES, E, S, _now, seats_taken
from .enrolment import _promote
from .rules import MeetingRow
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
    now: datetime | None = None,
) -> Session:
    """A draft session. ``lead`` (usually the trainer who creates it) is assigned as lead."""
    capacity = course.default_capacity if capacity is None else capacity
    if min_participants is None:
        min_participants = min(course.min_participants, capacity or 0)
    meetings = list(meetings)
    session = Session(
        course=course,
        region=region,
        capacity=capacity,
        min_participants=min_participants,
        venue=venue,
        online_url=online_url or "",
        enrolment_deadline=enrolment_deadline,
        notes=notes or "",
        created_by=actor if getattr(actor, "is_authenticated", False) else None,
    )
    rows = [MeetingRow(s, t, index=i, changed=True) for i, (s, t) in enumerate(meetings)]
    new = {"capacity", "min_participants", "enrolment_deadline", "notes"}
    rules.raise_problems(
        rules.session_problems(session=session, meetings=rows, changed=new, now=_now(now))
    )
    session.save()
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


def _apply_edit(
    session: Session,
    *,
    actor,
    fields: dict | None = None,
    capacity: int | None = None,
    meetings: Sequence[dict] = (),
    delete_meeting_ids: Iterable[int] = (),
    now: datetime,
) -> tuple[list[Meeting], list[Enrolment]]:
    """Check and apply one edit to ``session`` (locked by the caller); returns the meetings
    added and the people promoted from the waitlist.

    ``meetings`` rows are ``{"id": pk or None, "starts_at", "ends_at"}``: moved or new meetings;
    meetings not named stay as they are.
    """
    fields = dict(fields or {})
    unknown = set(fields) - SESSION_EDITABLE
    if unknown:
        raise TypeError(f"Not editable here: {sorted(unknown)}")
    if session.status not in OPEN_STATUSES:
        raise e.InvalidTransition()
    if "course" in fields and fields["course"] != session.course and session.status != S.DRAFT:
        raise e.FieldNotEditable()
    if "online_url" in fields:
        fields["online_url"] = fields["online_url"] or ""
    own = {m.pk: m for m in session.meetings.all()}
    deleted = set(delete_meeting_ids)
    if ({row["id"] for row in meetings if row.get("id")} | deleted) - set(own):
        raise e.MeetingNotFound()

    changed = [k for k, v in fields.items() if getattr(session, k) != v]
    for key in changed:
        setattr(session, key, fields[key])
    old_capacity = session.capacity
    if capacity is not None and capacity != session.capacity:
        session.capacity = capacity
        changed.append("capacity")

    moved, added, rows = [], [], []
    for index, row in enumerate(meetings):
        meeting = own.get(row.get("id"))
        if meeting is not None and meeting.pk in deleted:
            continue
        if meeting is not None and (meeting.starts_at, meeting.ends_at) == (
            row["starts_at"],
            row["ends_at"],
        ):
            continue
        (moved if meeting is not None else added).append((meeting, row))
        rows.append(MeetingRow(row["starts_at"], row["ends_at"], index=index, changed=True))
    touched = {m.pk for m, _ in moved} | deleted
    rows += [MeetingRow(m.starts_at, m.ends_at) for pk, m in own.items() if pk not in touched]

    problems = rules.session_problems(session=session, meetings=rows, changed=set(changed), now=now)
    if (
        "capacity" in changed
        and not any(getattr(p, "field", None) == "capacity" for p in problems)
        and session.capacity < seats_taken(session)
    ):
        problems.insert(0, e.CapacityBelowConfirmed())
    if session.status == S.PUBLISHED:
        if not rows:
            problems.insert(0, e.LastMeeting())
        if session.venue_id is None and not session.online_url:
            problems.insert(0, e.SessionIncomplete())
    rules.raise_problems(problems)

    if changed:  # in one statement: capacity and minimum may only fit together
        session.save(update_fields=changed)
    plain = [k for k in changed if k != "capacity"]
    if plain:
        log_action(actor=actor, verb="session.updated", target=session, data={"fields": plain})
    if "capacity" in changed:
        log_action(
            actor=actor,
            verb="session.capacity_changed",
            target=session,
            data={"from": old_capacity, "to": session.capacity},
        )
    created = []
    if moved or added or deleted:
        _lock_trainers(session)
        for meeting, row in moved:
            meeting.starts_at, meeting.ends_at = row["starts_at"], row["ends_at"]
            meeting.save(update_fields=["starts_at", "ends_at"])
            log_action(
                actor=actor, verb="meeting.updated", target=meeting, data={"session": session.pk}
            )
        for _, row in added:
            meeting = Meeting.objects.create(
                session=session, starts_at=row["starts_at"], ends_at=row["ends_at"]
            )
            log_action(
                actor=actor, verb="meeting.added", target=meeting, data={"session": session.pk}
            )
            created.append(meeting)
        for pk in deleted:
            log_action(
                actor=actor, verb="meeting.deleted", target=own[pk], data={"session": session.pk}
            )
            own[pk].delete()
        _check_trainers_free(session)
        _base.refresh_dates(session)
    told = [k for k in changed if k in SESSION_NOTIFIED]
    if moved or added or deleted:
        told.append("meetings")
    if told:
        _base.tell_changed(session, actor=actor, what=told)
    promoted = _promote(session, actor=actor, now=now) if "capacity" in changed else []
    return created, promoted


@transaction.atomic
def session_edit(
    *,
    actor,
    session: Session,
    fields: dict | None = None,
    capacity: int | None = None,
    meetings: Sequence[dict] = (),
    delete_meeting_ids: Iterable[int] = (),
    now: datetime | None = None,
) -> Session:
    """One edit of a session, from the portal's form or the admin's: its fields, its number of
    places and its meetings (moved, new, gone), all saved or none. Enrolled people get one
    message about it, however many meetings changed.
    """
    session = _base.lock_session(session.pk)
    _apply_edit(
        session,
        actor=actor,
        fields=fields,
        capacity=capacity,
        meetings=meetings,
        delete_meeting_ids=delete_meeting_ids,
        now=_now(now),
    )
    return Session.objects.get(pk=session.pk)


@transaction.atomic
def session_update(*, actor, session: Session, now: datetime | None = None, **fields) -> Session:
    session = _base.lock_session(session.pk)
    _apply_edit(session, actor=actor, fields=fields, now=_now(now))
    return session


@transaction.atomic
def session_publish(*, actor, session: Session, now: datetime | None = None) -> Session:
    """Make a draft public, once everything it promises makes sense (see ``rules``)."""
    now = _now(now)
    session = _base.lock_session(session.pk)
    if session.status != S.DRAFT:
        raise e.InvalidTransition()
    rows = [MeetingRow(m.starts_at, m.ends_at) for m in session.meetings.all()]
    problems = rules.session_problems(
        session=session, meetings=rows, changed=set(), now=now, publishing=True
    )
    if not rows or (session.venue_id is None and not session.online_url):
        problems.insert(0, e.SessionIncomplete())
    rules.raise_problems(problems)
    session.status = S.PUBLISHED
    session.published_at = now
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
    rules.raise_problems(rules.text_problems({"cancel_reason": reason}))
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
def session_change_capacity(
    *, actor, session: Session, capacity: int, now: datetime | None = None
) -> list[Enrolment]:
    """Change the number of places; never below the seats taken. More places promote people."""
    session = _base.lock_session(session.pk)
    return _apply_edit(session, actor=actor, capacity=capacity, now=_now(now))[1]


# --- Meetings --------------------------------------------------------------------------------


@transaction.atomic
def meeting_add(
    *, actor, session: Session, starts_at: datetime, ends_at: datetime, now: datetime | None = None
) -> Meeting:
    session = _base.lock_session(session.pk)
    row = {"id": None, "starts_at": starts_at, "ends_at": ends_at}
    return _apply_edit(session, actor=actor, meetings=[row], now=_now(now))[0][0]


@transaction.atomic
def meeting_update(
    *,
    actor,
    meeting: Meeting,
    starts_at: datetime,
    ends_at: datetime,
    now: datetime | None = None,
) -> Meeting:
    session = _base.lock_session(meeting.session_id)
    row = {"id": meeting.pk, "starts_at": starts_at, "ends_at": ends_at}
    _apply_edit(session, actor=actor, meetings=[row], now=_now(now))
    return Meeting.objects.get(pk=meeting.pk)


@transaction.atomic
def meeting_delete(*, actor, meeting: Meeting, now: datetime | None = None) -> None:
    session = _base.lock_session(meeting.session_id)
    _apply_edit(session, actor=actor, delete_meeting_ids=[meeting.pk], now=_now(now))
