"""Every state change of intervision: requests, supports, moments, attendance, reports, closure.

A series (one completed session's intervision, or one trainer group's) has at most three
moments that are not cancelled. :func:`moment_schedule` takes a row lock on the series' owner
(the session or the group), counts and picks the lowest free number under it; the conditional
unique constraint on (series, number) and the 1..3 check are the last line should anything ever
bypass the service. Every service is audited; mail goes to the outbox inside the transaction.
"""

from collections.abc import Iterable, Mapping
from datetime import datetime

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import transaction
from django.utils import timezone, translation

from accounts.audit import log_action
from accounts.roles import is_national_staff
from competencies.services import follow_up_open_early
from courses.models import Session
from trainers import selectors as trainer_selectors
from trainers import services as trainer_services
from trainers.models import ProgrammeStep, TrainerProfile

from . import exceptions as e
from . import notices, selectors
from .models import (
    MOMENTS_MAX,
    TEXT_MAX,
    TOPIC_MAX,
    Attendance,
    Moment,
    Request,
    SeriesClosure,
    Suggestion,
    Support,
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


# --- Requests and supports --------------------------------------------------------------------


@transaction.atomic
def request_create(
    *,
    actor,
    session: Session,
    topic: str = "",
    suggestion: str = "",
    now: datetime | None = None,
) -> Request:
    """Someone who attended the completed course asks for a moment, on a topic of their own or
    one of the suggestions (the suggestion's Dutch text becomes the topic when none is typed)."""
    now = _now(now)
    session = Session.objects.select_related("course").get(pk=session.pk)
    _check_participant(actor, session)
    _check_requests_open(session, now)
    topic = " ".join((topic or "").split())
    suggestion = (suggestion or "").strip()
    if suggestion and suggestion not in Suggestion.values:
        raise e.UnknownSuggestion()
    if not topic and suggestion:
        with translation.override("nl"):
            topic = str(Suggestion(suggestion).label)
    if not topic:
        raise e.TopicRequired()
    if len(topic) > TOPIC_MAX:
        raise e.TopicTooLong()
    request = Request.objects.create(
        session=session, author=actor, topic=topic, suggestion=suggestion, created_at=now
    )
    log_action(
        actor=actor,
        verb="intervision.request_created",
        target=request,
        data={"session": session.pk, "suggestion": suggestion},
    )
    return request


def _lock_request(request: Request) -> Request:
    return Request.objects.select_for_update().select_related("session__course").get(pk=request.pk)


@transaction.atomic
def request_support(*, actor, request: Request, now: datetime | None = None) -> Support:
    """ "Ik wil dit ook". The request is locked so the trainers are told exactly once when it
    reaches the course's threshold. Supporting twice is the same as once."""
    now = _now(now)
    request = _lock_request(request)
    session = request.session
    _check_participant(actor, session)
    if request.author_id == actor.pk:
        raise e.OwnRequest()
    if request.status != RS.OPEN:
        raise e.RequestNotOpen()
    _check_requests_open(session, now)
    support, created = Support.objects.get_or_create(
        request=request, user=actor, defaults={"created_at": now}
    )
    if not created:
        return support
    log_action(actor=actor, verb="intervision.request_supported", target=request)
    threshold = selectors.settings_for(session.course).support_threshold
    if request.trainers_told_at is None and request.supports.count() >= threshold:
        notices.request_supported(request_id=request.pk)
        request.trainers_told_at = now
        request.save(update_fields=["trainers_told_at"])
    return support


@transaction.atomic
def request_unsupport(*, actor, request: Request) -> bool:
    """Take one's support back (while the request is open). Answers whether there was any."""
    request = _lock_request(request)
    if request.status != RS.OPEN:
        raise e.RequestNotOpen()
    deleted, _ = Support.objects.filter(request=request, user=actor).delete()
    if deleted:
        log_action(actor=actor, verb="intervision.request_unsupported", target=request)
    return bool(deleted)


# --- Moments ----------------------------------------------------------------------------------


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
    owner = lock_series(session=session, group=group)
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


def _lock_moment(moment: Moment) -> Moment:
    """Lock the series first (the same order as scheduling), then re-read the moment."""
    moment = Moment.objects.get(pk=moment.pk)
    lock_series(session=moment.session, group=moment.group)
    return (
        Moment.objects.select_for_update()
        .select_related("session__course", "group")
        .get(pk=moment.pk)
    )


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


# --- Held: attendance, report, the programme step ---------------------------------------------


def _check_started(moment: Moment, now: datetime) -> None:
    if moment.status == MS.CANCELLED:
        raise e.MomentCancelled()
    if moment.starts_at > now:
        raise e.MomentNotStarted()


def _mark_held(moment: Moment, *, actor, now: datetime) -> None:
    """A moment with attendance or a report was held; the third one held closes the series."""
    if moment.status == MS.HELD:
        return
    moment.status = MS.HELD
    moment.save(update_fields=["status"])
    held = (
        selectors.series_moments(session=moment.session, group=moment.group)
        .filter(status=MS.HELD)
        .count()
    )
    if held >= MOMENTS_MAX:
        _close(
            session=moment.session,
            group=moment.group,
            actor=actor,
            reason=SeriesClosure.Reason.THIRD_HELD,
            now=now,
        )


def _programme_step(*, actor, user, moment: Moment, now: datetime) -> bool:
    """A member who attended a trainer intervision passes the programme's intervisie step (once;
    people who are not in the programme simply took part)."""
    profile = TrainerProfile.objects.filter(user=user).first()
    if profile is None:
        return False
    period = trainer_selectors.current_period(profile)
    if period is None or period.status not in trainer_selectors.PROGRAMME_STATUSES:
        return False
    latest = trainer_selectors.programme_state(profile)["steps"][ProgrammeStep.Step.INTERVISIE]
    if latest is not None and latest.outcome == ProgrammeStep.Outcome.PASSED:
        return False
    trainer_services.intervisie_record(
        actor=actor,
        profile=profile,
        outcome=ProgrammeStep.Outcome.PASSED,
        note=f"{moment.group} — {moment.number}",
        now=now,
    )
    return True


@transaction.atomic
def attendance_record(
    *,
    actor,
    moment: Moment,
    marks: Mapping[int, str],
    now: datetime | None = None,
) -> list[Attendance]:
    """Record who was there (``{user_id: "attended" | "absent"}``), once the moment has begun.

    Recording again changes a mark. The moment counts as held. At a trainer group's moment,
    attending passes the programme's intervisie step through ``trainers``.
    """
    now = _now(now)
    moment = _lock_moment(moment)
    _check_runner(actor, session=moment.session, group=moment.group)
    _check_started(moment, now)
    if any(status not in Attendance.Status.values for status in marks.values()):
        raise e.BadAttendanceStatus()
    invited = set(selectors.moment_invitees(moment).values_list("pk", flat=True))
    if not set(marks) <= invited:
        raise e.NotInvited()
    rows = []
    for user_id, status in sorted(marks.items()):
        row, _ = Attendance.objects.update_or_create(
            moment=moment,
            user_id=user_id,
            defaults={"status": status, "recorded_by": actor, "recorded_at": now},
        )
        rows.append(row)
    passed = []
    if moment.group_id:
        for row in rows:
            if row.status == Attendance.Status.ATTENDED and _programme_step(
                actor=actor, user=row.user, moment=moment, now=now
            ):
                passed.append(row.user_id)
    log_action(
        actor=actor,
        verb="intervision.attendance_recorded",
        target=moment,
        data={"marks": {str(k): v for k, v in marks.items()}, "programme_passed": passed},
    )
    _mark_held(moment, actor=actor, now=now)
    return rows


@transaction.atomic
def moment_report_save(
    *,
    actor,
    moment: Moment,
    discussed: str,
    agreements: str,
    now: datetime | None = None,
) -> Moment:
    """The short report attendees can read: what was discussed and what was agreed."""
    now = _now(now)
    moment = _lock_moment(moment)
    _check_runner(actor, session=moment.session, group=moment.group)
    _check_started(moment, now)
    discussed = (discussed or "").strip()
    agreements = (agreements or "").strip()
    if not discussed and not agreements:
        raise e.ReportEmpty()
    if len(discussed) > TEXT_MAX or len(agreements) > TEXT_MAX:
        raise e.TextTooLong()
    moment.discussed = discussed
    moment.agreements = agreements
    moment.reported_by = actor
    moment.reported_at = now
    moment.save(update_fields=["discussed", "agreements", "reported_by", "reported_at"])
    log_action(actor=actor, verb="intervision.report_saved", target=moment)
    _mark_held(moment, actor=actor, now=now)
    return moment


# --- Closing a series and the follow-up list --------------------------------------------------


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
    owner = lock_series(session=session, group=group)
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
            owner = lock_series(session=session)
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


# --- Periodic messages (run by beat; each idempotent through its outbox keys) ------------------


def requests_waiting_send(*, now: datetime | None = None) -> int:
    """Tell trainers of requests waiting 7 days (see ``notices.requests_waiting_send``)."""
    return notices.requests_waiting_send(now=now)


def nudges_send(*, now: datetime | None = None) -> int:
    """Invite participants to ask for a moment, 2 and 6 weeks after the course."""
    return notices.nudges_send(now=now)


def reminders_send(*, now: datetime | None = None) -> int:
    """Remind everyone invited the day before a planned moment."""
    return notices.reminders_send(now=now)
