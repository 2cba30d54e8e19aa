"""Enrolment, the waitlist, attendance and calendar tokens."""

import functools
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.contrib.auth import get_user_model
from django.db import connection, transaction
from django.db.models import Q
from django.db.models.sql import Query
from django.utils import timezone

from accounts.audit import log_action
from accounts.models import ConsentPurpose
from accounts.roles import Role
from accounts.services import consent_give, user_assign_role

from .. import exceptions as e
from .. import notify
from ..models import SEATS, Attendance, CalendarFeedToken, Enrolment, Meeting, Session
from . import _base
from ._base import OPEN_STATUSES, E, S, _now, seats_taken

# --- Enrolment and the waitlist --------------------------------------------------------------


def _waitlist(session: Session):
    return (
        Enrolment.objects.filter(session=session, status=E.WAITLISTED)
        .select_related("user")  # the promoted get a mail
        .order_by("queued_at", "pk")
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
        notify.enrolment_promoted(enrolment=enrolment)
        promoted.append(enrolment)
        free -= enrolment.seats
        if free <= 0:
            break
    return promoted


@dataclass(frozen=True)
class _Places:
    """What an enrolment decides on, read in one statement under the session lock."""

    seats_taken: int  # as ``seats_taken``
    mine: int | None  # the person's enrolment (one per person per session), if any
    waiting: int  # people on the waitlist
    waiting_since_now: int  # of them, queued at or after the new enrolment's moment


@functools.cache
def _seats_sql(vendor: str) -> tuple[str, tuple]:
    """``SEATS`` compiled once per database vendor, so the written-out statement below counts
    seats by the one rule instead of a copy of it."""
    query = Query(Enrolment)
    compiler = query.get_compiler(connection=connection)
    sql, params = SEATS.resolve_expression(query).as_sql(compiler, connection)
    return sql, tuple(params)


def _places(session: Session, user, now: datetime) -> _Places:
    """Written out as one statement: built through the ORM, these conditional aggregates cost
    several times what the database needs to run them (3 ms against 0.5 ms on the bench
    machine), on the busiest write of the site. Seats are counted by ``SEATS`` (compiled), the
    line as ``selectors.my_enrolments`` does."""
    seats_sql, seats_params = _seats_sql(connection.vendor)
    sql = f"""
SELECT COALESCE(SUM({seats_sql}) FILTER (WHERE status = %s), 0),
       MAX(id) FILTER (WHERE user_id = %s),
       COUNT(*) FILTER (WHERE status = %s),
       COUNT(*) FILTER (WHERE status = %s AND queued_at >= %s)
FROM {Enrolment._meta.db_table}
WHERE session_id = %s"""  # noqa: S608 - the table name comes from the model
    params = [
        *seats_params,
        E.CONFIRMED.value,
        user.pk,
        E.WAITLISTED.value,
        E.WAITLISTED.value,
        connection.ops.adapt_datetimefield_value(now),
        session.pk,
    ]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return _Places(*cursor.fetchone())


def _waitlist_position(enrolment: Enrolment, places: _Places) -> int:
    """The new place in line, as ``selectors.my_enrolments`` counts it (queued earlier, or at the
    same moment with a lower id, is ahead). Joining after everyone waiting (the usual case),
    everyone is ahead: no query."""
    if not places.waiting_since_now:
        return places.waiting + 1
    ahead = _waitlist(enrolment.session).filter(
        Q(queued_at__lt=enrolment.queued_at) | Q(queued_at=enrolment.queued_at, pk__lt=enrolment.pk)
    )
    return ahead.count() + 1


def check_enrolment_open(session: Session, *, now: datetime) -> None:
    """A published session whose enrolment deadline has not passed (the caller holds the lock)."""
    if session.status != S.PUBLISHED:
        raise e.SessionNotOpen()
    deadline = session.effective_deadline
    if deadline is not None and now > deadline:
        raise e.EnrolmentClosed()


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
    consent: bool = False,
) -> Enrolment:
    """Enrol ``user``: a confirmed place when one is free (with their support person), else the
    waitlist. One enrolment per person per session: a second try raises ``AlreadyEnrolled``
    carrying the existing one; someone who cancelled earlier joins again at the back of the line.

    Only ``session.pk`` is used: the session is locked and read again here (a session that does
    not exist raises ``Session.DoesNotExist``). The enrolment answered carries that session (with
    its course) and its ``waitlist_position`` as ``selectors.my_enrolments`` annotates it, so the
    caller can show it without reading it again.
    """
    now = _now(now)
    session = _base.lock_session(session.pk)
    check_enrolment_open(session, now=now)
    if consent:
        # The person ticked "I want to take part" on the enrol form (accounts records it).
        consent_give(user=user, purpose=ConsentPurpose.COURSES, actor=actor)
    places = _places(session, user, now)
    enrolment = Enrolment.objects.get(pk=places.mine) if places.mine is not None else None
    if enrolment is not None and enrolment.status != E.CANCELLED:
        raise e.AlreadyEnrolled(enrolment=enrolment)
    support_person_name = (support_person_name or "").strip()
    seats = 2 if support_person_name else 1
    free = session.capacity - places.seats_taken
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
        enrolment.session = session
    enrolment.waitlist_position = (
        _waitlist_position(enrolment, places) if status == E.WAITLISTED else None
    )
    log_action(
        actor=actor,
        verb="enrolment.created",
        target=enrolment,
        data={"status": status, "seats": seats, "session": session.pk},
    )
    enrolment.user = user  # the mail's address, without reading the person again
    if status == E.CONFIRMED:
        notify.enrolment_confirmed(enrolment=enrolment)
    else:
        notify.enrolment_waitlisted(enrolment=enrolment)
    return enrolment


@transaction.atomic
def enrolment_cancel(*, actor, enrolment: Enrolment, now: datetime | None = None) -> Enrolment:
    """Cancel a place (or a place in line). A freed place goes to the first in line who fits.

    Participants cancelling themselves must do so before the course's cut-off (e.g. 24 hours
    before the first meeting); trainers and staff may cancel for them later.
    """
    now = _now(now)
    session = _base.lock_session(enrolment.session_id)
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
def enrolment_update(
    *, actor, enrolment: Enrolment, access_needs: str, dietary_needs: str
) -> Enrolment:
    """Staff correct what someone needs to take part; audited like every other change."""
    enrolment = Enrolment.objects.select_for_update().get(pk=enrolment.pk)
    values = {
        "access_needs": (access_needs or "").strip(),
        "dietary_needs": (dietary_needs or "").strip(),
    }
    changed = [key for key, value in values.items() if getattr(enrolment, key) != value]
    if changed:
        for key in changed:
            setattr(enrolment, key, values[key])
        enrolment.save(update_fields=changed)
        log_action(
            actor=actor, verb="enrolment.updated", target=enrolment, data={"fields": changed}
        )
    return enrolment


@transaction.atomic
def enrolment_create_on_behalf(
    *,
    actor,
    session: Session,
    display_name: str,
    phone: str = "",
    support_person_name: str = "",
    access_needs: str = "",
    dietary_needs: str = "",
    now: datetime | None = None,
) -> Enrolment:
    """Enrol someone who has no e-mail address (or does not use it) on their behalf.

    They get an account without a password, reachable by phone or through their support person;
    it can be claimed later by adding an e-mail address and setting a password (password reset).
    Someone with an e-mail address is invited instead (``enrolment_invite``): an existing account
    is never enrolled without its owner.
    """
    display_name = (display_name or "").strip()
    phone = (phone or "").strip()
    support_person_name = (support_person_name or "").strip()
    if not display_name or not (phone or support_person_name):
        raise e.ContactRequired()
    user = get_user_model().objects.create_user(
        email=None, password=None, display_name=display_name, phone=phone
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
    *,
    actor,
    meeting: Meeting,
    enrolment: Enrolment,
    present: bool,
    now: datetime | None = None,
) -> Attendance:
    """Note whether a person with a place was at a meeting (can be corrected until completion).

    Not before the meeting begins: nobody can have been there yet.
    """
    now = _now(now)
    session = _base.lock_session(meeting.session_id)
    if session.status != S.PUBLISHED:
        raise e.InvalidTransition()
    if enrolment.session_id != meeting.session_id or enrolment.status != E.CONFIRMED:
        raise e.NotEnrolled()
    if not meeting.has_started(now):
        raise e.MeetingNotStarted()
    attendance, _ = Attendance.objects.update_or_create(
        meeting=meeting,
        enrolment=enrolment,
        defaults={"present": bool(present), "recorded_by": actor, "recorded_at": now},
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
    *, actor, meeting: Meeting, present_enrolment_ids: Iterable[int], now: datetime | None = None
) -> int:
    """The phone form: everyone with a place is present when ticked, absent otherwise."""
    now = _now(now)
    session = _base.lock_session(meeting.session_id)
    if session.status != S.PUBLISHED:
        raise e.InvalidTransition()
    confirmed = {en.pk: en for en in Enrolment.objects.filter(session=session, status=E.CONFIRMED)}
    present = set(present_enrolment_ids)
    if present - set(confirmed):
        raise e.NotEnrolled()
    if not meeting.has_started(now):
        raise e.MeetingNotStarted()
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


def calendar_token_get_or_create(*, user) -> CalendarFeedToken:
    """The user's feed token. "Mijn cursussen" asks on every view: a token that exists costs one
    read, outside a transaction; only the first time opens one to create it."""
    token = CalendarFeedToken.objects.filter(user=user).first()
    return token if token is not None else _calendar_token_create(user=user)


@transaction.atomic
def _calendar_token_create(*, user) -> CalendarFeedToken:
    token, created = CalendarFeedToken.objects.get_or_create(user=user)
    if created:
        log_action(actor=user, verb="calendar_token.created", target=token)
    return token


@transaction.atomic
def calendar_token_regenerate(*, user) -> CalendarFeedToken:
    """A new secret; the old feed URL stops working at once."""
    from ..models import _new_token

    token, _ = CalendarFeedToken.objects.select_for_update().get_or_create(user=user)
    token.token = _new_token()
    token.created_at = timezone.now()
    token.save(update_fields=["token", "created_at"])
    log_action(actor=user, verb="calendar_token.regenerated", target=token)
    return token
