"""A moment that took place: attendance, the short report, the programme step."""

from collections.abc import Mapping
from datetime import datetime

from django.db import transaction

from accounts.audit import log_action
from trainers import selectors as trainer_selectors
from trainers import services as trainer_services
from trainers.models import ProgrammeStep, TrainerProfile

from .. import exceptions as e
from .. import selectors
from ..models import (
    MOMENTS_MAX,
    TEXT_MAX,
    Attendance,
    Moment,
    Request,
    SeriesClosure,
)
from ._base import MS, _check_runner, _lock_moment, _now
from .series import _close


def _check_started(moment: Moment, now: datetime) -> None:
    if moment.status == MS.CANCELLED:
        raise e.MomentCancelled()
    if moment.starts_at > now:
        raise e.MomentNotStarted()


def _mark_held(moment: Moment, *, actor, now: datetime) -> None:
    """A moment with attendance or a report was held: the requests it answered are done
    (closed), and the third moment held closes the series."""
    if moment.status == MS.HELD:
        return
    moment.status = MS.HELD
    moment.save(update_fields=["status"])
    moment.answered_requests.filter(status=Request.Status.PLANNED).update(
        status=Request.Status.CLOSED
    )
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
