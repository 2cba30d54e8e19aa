"""Every state change of courses: sessions, meetings, staffing, enrolment, waitlist, attendance.

The capacity rule spans rows, so it is kept under a row lock: every service that changes who
holds a seat first locks the session row (``select_for_update``) and only then counts seats, in
one transaction. Concurrent enrolments for one session therefore queue on that lock and each sees
the seats the previous one took; there is no check-then-act window. Messages go out after commit
(``transaction.on_commit``) through the outbox, keyed so a retry never sends twice.
"""

from collections.abc import Iterable, Sequence
from datetime import datetime, timedelta

from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import Case, Q, Sum, Value, When
from django.db.models.functions import Coalesce
from django.utils import timezone

from accounts.audit import log_action
from accounts.roles import Role, is_trainer
from accounts.services import user_assign_role

from . import exceptions as e
from . import notify
from .models import (
    Assignment,
    Attendance,
    CalendarFeedToken,
    Course,
    Enrolment,
    Meeting,
    Qualification,
    Session,
    Venue,
)

S = Session.Status
E = Enrolment.Status
OPEN_STATUSES = (S.DRAFT, S.PUBLISHED)
SEATS = Case(When(support_person_name="", then=Value(1)), default=Value(2))


def _now(now: datetime | None) -> datetime:
    return now or timezone.now()


def _lock_session(session_id: int) -> Session:
    """The session row, locked until the transaction ends. Tests replace it to prove it matters."""
    return Session.objects.select_for_update().get(pk=session_id)


def seats_taken(session: Session) -> int:
    """Confirmed places: each confirmed participant, plus their support person if any."""
    return Enrolment.objects.filter(session=session, status=E.CONFIRMED).aggregate(
        seats=Coalesce(Sum(SEATS), 0)
    )["seats"]


def _after_commit(func, *args, **kwargs) -> None:
    transaction.on_commit(lambda: func(*args, **kwargs))


def _check_times(starts_at: datetime, ends_at: datetime) -> None:
    if starts_at is None or ends_at is None or ends_at <= starts_at:
        raise e.MeetingTimesInvalid()


def _check_capacity(capacity: int, min_participants: int) -> None:
    if capacity is None or capacity < 1 or min_participants < 0 or min_participants > capacity:
        raise e.CapacityInvalid()


def _refresh_dates(session: Session) -> None:
    meetings = list(session.meetings.order_by("starts_at").values_list("starts_at", "ends_at"))
    session.starts_at = meetings[0][0] if meetings else None
    session.ends_at = max(m[1] for m in meetings) if meetings else None
    session.save(update_fields=["starts_at", "ends_at"])


def _tell_changed(session: Session, *, actor, what: Sequence[str]) -> None:
    """Published sessions: bump the revision and tell everyone enrolled or waiting."""
    if session.status != S.PUBLISHED:
        return
    session.revision += 1
    session.save(update_fields=["revision"])
    _after_commit(notify.session_changed, session_id=session.pk, revision=session.revision)
    log_action(actor=actor, verb="session.changed", target=session, data={"fields": list(what)})


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
    _refresh_dates(session)
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
    session = _lock_session(session.pk)
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
            _tell_changed(session, actor=actor, what=notified)
    return session


@transaction.atomic
def session_publish(*, actor, session: Session) -> Session:
    session = _lock_session(session.pk)
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
    session = _lock_session(session.pk)
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
        _after_commit(notify.session_cancelled, session_id=session.pk)
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
    session = _lock_session(session.pk)
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
    session = _lock_session(session.pk)
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


def _check_trainers_free(session: Session, *, trainers=None) -> None:
    """No trainer of this session (or the given ones) is at another session's meeting then."""
    meetings = list(session.meetings.values_list("starts_at", "ends_at"))
    if trainers is None:
        trainers = [a.trainer for a in session.assignments.select_related("trainer")]
    if not meetings or not trainers:
        return
    overlap = Q()
    for starts_at, ends_at in meetings:
        overlap |= Q(starts_at__lt=ends_at, ends_at__gt=starts_at)
    for trainer in trainers:
        clash = (
            Meeting.objects.filter(overlap)
            .filter(session__assignments__trainer=trainer, session__status__in=OPEN_STATUSES)
            .exclude(session=session)
            .select_related("session__course", "session__region")
            .first()
        )
        if clash is not None:
            raise e.TrainerDoubleBooked(trainer=trainer, clashing_session=clash.session)


def _lock_trainers(session: Session, extra=()) -> list:
    """Lock the trainers' user rows so two sessions cannot book one trainer at the same time."""
    ids = set(session.assignments.values_list("trainer_id", flat=True)) | {t.pk for t in extra}
    return list(get_user_model().objects.select_for_update().filter(pk__in=ids).order_by("pk"))


@transaction.atomic
def meeting_add(*, actor, session: Session, starts_at: datetime, ends_at: datetime) -> Meeting:
    _check_times(starts_at, ends_at)
    session = _lock_session(session.pk)
    if session.status not in OPEN_STATUSES:
        raise e.InvalidTransition()
    _lock_trainers(session)
    meeting = Meeting.objects.create(session=session, starts_at=starts_at, ends_at=ends_at)
    _check_trainers_free(session)
    _refresh_dates(session)
    log_action(actor=actor, verb="meeting.added", target=meeting, data={"session": session.pk})
    _tell_changed(session, actor=actor, what=["meetings"])
    return meeting


@transaction.atomic
def meeting_update(*, actor, meeting: Meeting, starts_at: datetime, ends_at: datetime) -> Meeting:
    _check_times(starts_at, ends_at)
    session = _lock_session(meeting.session_id)
    if session.status not in OPEN_STATUSES:
        raise e.InvalidTransition()
    _lock_trainers(session)
    meeting = Meeting.objects.get(pk=meeting.pk)
    if (meeting.starts_at, meeting.ends_at) == (starts_at, ends_at):
        return meeting
    meeting.starts_at, meeting.ends_at = starts_at, ends_at
    meeting.save(update_fields=["starts_at", "ends_at"])
    _check_trainers_free(session)
    _refresh_dates(session)
    log_action(actor=actor, verb="meeting.updated", target=meeting, data={"session": session.pk})
    _tell_changed(session, actor=actor, what=["meetings"])
    return meeting


@transaction.atomic
def meeting_delete(*, actor, meeting: Meeting) -> None:
    session = _lock_session(meeting.session_id)
    if session.status not in OPEN_STATUSES:
        raise e.InvalidTransition()
    if session.status == S.PUBLISHED and session.meetings.count() <= 1:
        raise e.LastMeeting()
    log_action(actor=actor, verb="meeting.deleted", target=meeting, data={"session": session.pk})
    meeting.delete()
    _refresh_dates(session)
    _tell_changed(session, actor=actor, what=["meetings"])


# --- Staffing --------------------------------------------------------------------------------


@transaction.atomic
def assignment_create(*, actor, session: Session, trainer, role: str) -> Assignment:
    """Put a trainer on a session. Refused when they are booked elsewhere at the same time."""
    session = _lock_session(session.pk)
    if session.status not in OPEN_STATUSES:
        raise e.InvalidTransition()
    if not is_trainer(trainer):
        raise e.NotATrainer()
    role = Assignment.Role(role)
    if (
        role != Assignment.Role.INTERN
        and not Qualification.objects.filter(trainer=trainer, course=session.course_id).exists()
    ):
        raise e.TrainerNotQualified()
    _lock_trainers(session, extra=[trainer])
    if session.assignments.filter(trainer=trainer).exists():
        raise e.AlreadyAssigned()
    if role == Assignment.Role.LEAD and session.assignments.filter(role=role).exists():
        raise e.LeadAlreadyAssigned()
    _check_trainers_free(session, trainers=[trainer])
    assignment = Assignment.objects.create(session=session, trainer=trainer, role=role)
    log_action(
        actor=actor,
        verb="assignment.created",
        target=session,
        data={"trainer": trainer.pk, "role": role.value},
    )
    return assignment


@transaction.atomic
def assignment_delete(*, actor, assignment: Assignment) -> None:
    _lock_session(assignment.session_id)
    log_action(
        actor=actor,
        verb="assignment.deleted",
        target=assignment.session,
        data={"trainer": assignment.trainer_id, "role": assignment.role},
    )
    assignment.delete()


@transaction.atomic
def qualification_grant(*, actor, trainer, course: Course) -> Qualification:
    """Allow a trainer to give a course (national staff now; certification later)."""
    if not is_trainer(trainer):
        raise e.NotATrainer()
    qualification, created = Qualification.objects.get_or_create(
        trainer=trainer, course=course, defaults={"granted_by": actor}
    )
    if created:
        log_action(actor=actor, verb="qualification.granted", target=qualification)
    return qualification


@transaction.atomic
def qualification_revoke(*, actor, qualification: Qualification) -> None:
    log_action(actor=actor, verb="qualification.revoked", target=qualification)
    qualification.delete()


# --- Enrolment and the waitlist --------------------------------------------------------------


def _waitlist(session: Session):
    return Enrolment.objects.filter(session=session, status=E.WAITLISTED).order_by(
        "queued_at", "pk"
    )


def _promote(session: Session, *, actor, now: datetime | None = None) -> list[Enrolment]:
    """Give free places to the first in line who fit (the session row is locked by the caller).

    First come, first served; someone whose support person would need a seat that is not free
    is passed over for the next who fits (they keep their place in line). Nobody is promoted once
    the first meeting has started: a place that late cannot be used.
    """
    now = _now(now)
    if session.status != S.PUBLISHED or session.has_started(now):
        return []
    free = session.capacity - seats_taken(session)
    promoted = []
    if free <= 0:
        return promoted
    for enrolment in _waitlist(session):
        if enrolment.seats > free:
            continue
        enrolment.status = E.CONFIRMED
        enrolment.status_changed_at = now
        enrolment.save(update_fields=["status", "status_changed_at"])
        log_action(actor=actor, verb="enrolment.promoted", target=enrolment)
        _after_commit(notify.enrolment_promoted, enrolment_id=enrolment.pk)
        promoted.append(enrolment)
        free -= enrolment.seats
        if free <= 0:
            break
    return promoted


@transaction.atomic
def enrolment_create(
    *,
    actor,
    session: Session,
    user,
    support_person_name: str = "",
    access_needs: str = "",
    dietary_needs: str = "",
    now: datetime | None = None,
) -> Enrolment:
    """Enrol ``user``: a confirmed place when one is free (with their support person), else the
    waitlist. One enrolment per person per session: a second try raises ``AlreadyEnrolled``
    carrying the existing one; someone who cancelled earlier joins again at the back of the line.
    """
    now = _now(now)
    session = _lock_session(session.pk)
    if session.status != S.PUBLISHED:
        raise e.SessionNotOpen()
    deadline = session.effective_deadline
    if deadline is not None and now > deadline:
        raise e.EnrolmentClosed()
    enrolment = Enrolment.objects.filter(session=session, user=user).first()
    if enrolment is not None and enrolment.status != E.CANCELLED:
        raise e.AlreadyEnrolled(enrolment=enrolment)
    support_person_name = (support_person_name or "").strip()
    seats = 2 if support_person_name else 1
    free = session.capacity - seats_taken(session)
    status = E.CONFIRMED if seats <= free else E.WAITLISTED
    values = {
        "status": status,
        "support_person_name": support_person_name,
        "access_needs": (access_needs or "").strip(),
        "dietary_needs": (dietary_needs or "").strip(),
        "queued_at": now,
        "status_changed_at": now,
        "cancelled_at": None,
        "enrolled_by": actor if getattr(actor, "is_authenticated", False) else None,
    }
    if enrolment is None:
        enrolment = Enrolment.objects.create(session=session, user=user, created_at=now, **values)
    else:
        for key, value in values.items():
            setattr(enrolment, key, value)
        enrolment.save()
    log_action(
        actor=actor,
        verb="enrolment.created",
        target=enrolment,
        data={"status": status, "seats": seats, "session": session.pk},
    )
    if status == E.CONFIRMED:
        _after_commit(notify.enrolment_confirmed, enrolment_id=enrolment.pk)
    else:
        _after_commit(notify.enrolment_waitlisted, enrolment_id=enrolment.pk)
    return enrolment


@transaction.atomic
def enrolment_cancel(*, actor, enrolment: Enrolment, now: datetime | None = None) -> Enrolment:
    """Cancel a place (or a place in line). A freed place goes to the first in line who fits.

    Participants cancelling themselves must do so before the course's cut-off (e.g. 24 hours
    before the first meeting); trainers and staff may cancel for them later.
    """
    now = _now(now)
    session = _lock_session(enrolment.session_id)
    enrolment = Enrolment.objects.get(pk=enrolment.pk)
    if enrolment.status not in Enrolment.ACTIVE:
        raise e.EnrolmentNotActive()
    if session.status not in OPEN_STATUSES:
        raise e.InvalidTransition()
    was_confirmed = enrolment.status == E.CONFIRMED
    if was_confirmed and actor is not None and actor.pk == enrolment.user_id and session.starts_at:
        cutoff = session.starts_at - timedelta(hours=session.course.cancellation_cutoff_hours)
        if now > cutoff:
            raise e.CancellationClosed()
    enrolment.status = E.CANCELLED
    enrolment.cancelled_at = now
    enrolment.status_changed_at = now
    enrolment.save(update_fields=["status", "cancelled_at", "status_changed_at"])
    log_action(actor=actor, verb="enrolment.cancelled", target=enrolment)
    if was_confirmed:
        _promote(session, actor=actor, now=now)
    return enrolment


@transaction.atomic
def enrolment_create_on_behalf(
    *,
    actor,
    session: Session,
    display_name: str,
    phone: str = "",
    email: str | None = None,
    support_person_name: str = "",
    access_needs: str = "",
    dietary_needs: str = "",
    now: datetime | None = None,
) -> Enrolment:
    """Enrol someone who has no e-mail address (or does not use it) on their behalf.

    They get an account without a password, reachable by phone or through their support person;
    it can be claimed later by adding an e-mail address and setting a password (password reset).
    With an ``email`` that already has an account, that account is enrolled.
    """
    display_name = (display_name or "").strip()
    phone = (phone or "").strip()
    support_person_name = (support_person_name or "").strip()
    email = (email or "").strip().lower() or None
    if not display_name or not (phone or support_person_name or email):
        raise e.ContactRequired()
    User = get_user_model()
    user = User.objects.filter(email__iexact=email).first() if email else None
    if user is None:
        user = User.objects.create_user(
            email=email, password=None, display_name=display_name, phone=phone
        )
        user_assign_role(user=user, role=Role.PARTICIPANT, actor=actor)
        log_action(actor=actor, verb="user.created_on_behalf", target=user)
    return enrolment_create(
        actor=actor,
        session=session,
        user=user,
        support_person_name=support_person_name,
        access_needs=access_needs,
        dietary_needs=dietary_needs,
        now=now,
    )


# --- Attendance ------------------------------------------------------------------------------


@transaction.atomic
def attendance_record(
    *, actor, meeting: Meeting, enrolment: Enrolment, present: bool
) -> Attendance:
    """Note whether a person with a place was at a meeting (can be corrected until completion)."""
    session = _lock_session(meeting.session_id)
    if session.status != S.PUBLISHED:
        raise e.InvalidTransition()
    if enrolment.session_id != meeting.session_id or enrolment.status != E.CONFIRMED:
        raise e.NotEnrolled()
    attendance, _ = Attendance.objects.update_or_create(
        meeting=meeting,
        enrolment=enrolment,
        defaults={"present": bool(present), "recorded_by": actor, "recorded_at": timezone.now()},
    )
    log_action(
        actor=actor,
        verb="attendance.recorded",
        target=enrolment,
        data={"meeting": meeting.pk, "present": bool(present)},
    )
    return attendance


@transaction.atomic
def attendance_record_meeting(
    *, actor, meeting: Meeting, present_enrolment_ids: Iterable[int]
) -> int:
    """The phone form: everyone with a place is present when ticked, absent otherwise."""
    session = _lock_session(meeting.session_id)
    if session.status != S.PUBLISHED:
        raise e.InvalidTransition()
    confirmed = {en.pk: en for en in Enrolment.objects.filter(session=session, status=E.CONFIRMED)}
    present = set(present_enrolment_ids)
    if present - set(confirmed):
        raise e.NotEnrolled()
    now = timezone.now()
    existing = {a.enrolment_id: a for a in Attendance.objects.filter(meeting=meeting)}
    new, changed = [], []
    for pk, enrolment in confirmed.items():
        row = existing.get(pk) or Attendance(meeting=meeting, enrolment=enrolment)
        row.present, row.recorded_by, row.recorded_at = pk in present, actor, now
        (changed if row.pk else new).append(row)
    Attendance.objects.bulk_create(new)
    Attendance.objects.bulk_update(changed, ["present", "recorded_by", "recorded_at"])
    log_action(
        actor=actor,
        verb="attendance.recorded",
        target=meeting,
        data={"present": sorted(present), "session": session.pk},
    )
    return len(confirmed)


# --- Calendar feed ---------------------------------------------------------------------------


@transaction.atomic
def calendar_token_get_or_create(*, user) -> CalendarFeedToken:
    token, created = CalendarFeedToken.objects.get_or_create(user=user)
    if created:
        log_action(actor=user, verb="calendar_token.created", target=token)
    return token


@transaction.atomic
def calendar_token_regenerate(*, user) -> CalendarFeedToken:
    """A new secret; the old feed URL stops working at once."""
    from .models import _new_token

    token, _ = CalendarFeedToken.objects.select_for_update().get_or_create(user=user)
    token.token = _new_token()
    token.created_at = timezone.now()
    token.save(update_fields=["token", "created_at"])
    log_action(actor=user, verb="calendar_token.regenerated", target=token)
    return token
