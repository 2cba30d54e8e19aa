"""Every state change of the trainer pool: applications, status transitions, programme steps.

A profile's status changes only through :func:`_transition`, which locks the profile row, checks
the allowed moves in ``TRANSITIONS``, closes the open period and opens the next one; the database
holds at most one open period per profile. Every service is audited.
"""

from collections.abc import Iterable
from datetime import datetime

from django.db import transaction
from django.utils import timezone

from accounts.audit import log_action
from accounts.models import Region
from accounts.roles import Role, is_trainer
from accounts.services import user_assign_role
from courses.models import Assignment, Course, Session
from courses.services import qualification_grant
from notifications.services import message_enqueue

from . import exceptions as e
from . import selectors
from .models import Application, ProgrammeStep, StatusPeriod, TrainerProfile

ST = StatusPeriod.Status
STEP = ProgrammeStep.Step
OUT = ProgrammeStep.Outcome
T = "trainers/email/"

#: Where each status may go next (``stopped`` from anywhere but itself, with a reason).
TRANSITIONS: dict[str | None, set[str]] = {
    None: {ST.CANDIDATE},
    ST.CANDIDATE: {ST.IN_PROGRAMME, ST.STOPPED},
    ST.IN_PROGRAMME: {ST.CERTIFIED, ST.STOPPED},
    ST.CERTIFIED: {ST.ACTIVE, ST.STOPPED},
    ST.ACTIVE: {ST.STOPPED},
    ST.STOPPED: {ST.CANDIDATE},
}


def _now(now: datetime | None) -> datetime:
    return now or timezone.now()


def _lock(profile: TrainerProfile) -> TrainerProfile:
    return TrainerProfile.objects.select_for_update().get(pk=profile.pk)


def _transition(
    profile: TrainerProfile,
    to: str,
    *,
    actor,
    reason: str = "",
    now: datetime | None = None,
) -> StatusPeriod:
    """Close the open period and open one with status ``to``; the caller holds the row lock."""
    now = _now(now)
    current = selectors.current_period(profile)
    frm = current.status if current else None
    if to not in TRANSITIONS[frm]:
        raise e.TransitionNotAllowed(frm=frm, to=to)
    reason = (reason or "").strip()
    if to == ST.STOPPED and not reason:
        raise e.StopReasonRequired()
    if current is not None:
        current.ended_at = now
        current.save(update_fields=["ended_at"])
    period = StatusPeriod.objects.create(
        profile=profile, status=to, started_at=now, reason=reason, actor=actor
    )
    log_action(
        actor=actor,
        verb="trainer.status_changed",
        target=profile,
        data={"from": frm, "to": to, "reason": reason},
    )
    return period


# --- Applications ------------------------------------------------------------------------------


@transaction.atomic
def application_submit(
    *,
    user,
    region: Region,
    motivation: str,
    availability: str = "",
    now: datetime | None = None,
) -> Application:
    """A participant who attended a course asks to become a trainer."""
    if not selectors.has_attended_course(user):
        raise e.NoAttendedCourse()
    profile = TrainerProfile.objects.filter(user=user).first()
    if profile is not None:
        period = selectors.current_period(profile)
        if period is not None and period.status != ST.STOPPED:
            raise e.AlreadyInPool()
    if selectors.pending_application(user) is not None:
        raise e.ApplicationPending()
    application = Application.objects.create(
        user=user,
        region=region,
        motivation=motivation.strip(),
        availability=availability.strip(),
        created_at=_now(now),
    )
    log_action(actor=user, verb="trainer.applied", target=application)
    return application


def _lock_application(application: Application) -> Application:
    application = Application.objects.select_for_update().get(pk=application.pk)
    if application.status != Application.Status.PENDING:
        raise e.ApplicationDecided()
    return application


@transaction.atomic
def application_accept(
    *, actor, application: Application, now: datetime | None = None
) -> TrainerProfile:
    """Staff say yes: the person becomes a candidate and the programme starts.

    They get the trainer role, because an internship is a place on a session's staff.
    """
    now = _now(now)
    application = _lock_application(application)
    user = application.user
    profile, _ = TrainerProfile.objects.get_or_create(user=user)
    profile = _lock(profile)
    profile.regions.add(application.region)
    _transition(profile, ST.CANDIDATE, actor=actor, now=now)
    if not is_trainer(user):
        user_assign_role(user=user, role=Role.TRAINER, actor=actor)
    application.status = Application.Status.ACCEPTED
    application.decided_by = actor
    application.decided_at = now
    application.save(update_fields=["status", "decided_by", "decided_at"])
    log_action(actor=actor, verb="trainer.application_accepted", target=application)
    message_enqueue(
        key=f"trainers.application.{application.pk}.accepted",
        to=user.email,
        template=T + "application_accepted",
        context={"user": user},
    )
    return profile


@transaction.atomic
def application_decline(
    *, actor, application: Application, message: str, now: datetime | None = None
) -> Application:
    """Staff say no, with a kind personal message that goes to the applicant by mail."""
    message = (message or "").strip()
    if not message:
        raise e.DeclineMessageRequired()
    application = _lock_application(application)
    application.status = Application.Status.DECLINED
    application.decline_message = message
    application.decided_by = actor
    application.decided_at = _now(now)
    application.save(update_fields=["status", "decline_message", "decided_by", "decided_at"])
    log_action(actor=actor, verb="trainer.application_declined", target=application)
    message_enqueue(
        key=f"trainers.application.{application.pk}.declined",
        to=application.user.email,
        template=T + "application_declined",
        context={"user": application.user, "message": message},
    )
    return application


# --- Status ------------------------------------------------------------------------------------


@transaction.atomic
def trainer_start_programme(*, actor, profile: TrainerProfile) -> StatusPeriod:
    return _transition(_lock(profile), ST.IN_PROGRAMME, actor=actor)


@transaction.atomic
def trainer_activate(*, actor, profile: TrainerProfile) -> StatusPeriod:
    """A certified trainer joins the active pool (ready to be scheduled)."""
    return _transition(_lock(profile), ST.ACTIVE, actor=actor)


@transaction.atomic
def trainer_stop(*, actor, profile: TrainerProfile, reason: str) -> StatusPeriod:
    return _transition(_lock(profile), ST.STOPPED, actor=actor, reason=reason)


@transaction.atomic
def trainer_certify(
    *, actor, profile: TrainerProfile, courses: Iterable[Course], now: datetime | None = None
) -> StatusPeriod:
    """All three steps passed: staff certify and grant the courses this trainer may give."""
    courses = list(courses)
    if not courses:
        raise e.CoursesRequired()
    profile = _lock(profile)
    if not selectors.programme_state(profile)["ready"]:
        raise e.ProgrammeIncomplete()
    period = _transition(profile, ST.CERTIFIED, actor=actor, now=now)
    for course in courses:
        qualification_grant(actor=actor, trainer=profile.user, course=course)
    log_action(
        actor=actor,
        verb="trainer.certified",
        target=profile,
        data={"courses": [c.pk for c in courses]},
    )
    return period


@transaction.atomic
def profile_update(
    *,
    actor,
    profile: TrainerProfile,
    regions: Iterable[Region],
    bio: str = "",
    languages: str = "",
    access_needs: str = "",
    now: datetime | None = None,
) -> TrainerProfile:
    """The trainer (or staff) keeps the profile right; saving it counts as checking it."""
    profile = _lock(profile)
    profile.bio, profile.languages = bio.strip(), languages.strip()
    profile.access_needs = access_needs.strip()
    profile.checked_at = _now(now)
    profile.save(update_fields=["bio", "languages", "access_needs", "checked_at"])
    profile.regions.set(list(regions))
    log_action(actor=actor, verb="trainer.profile_updated", target=profile)
    return profile


# --- The programme -----------------------------------------------------------------------------


def _programme_profile(user) -> TrainerProfile:
    """The locked profile of someone in the programme; a candidate moves into it now."""
    profile = TrainerProfile.objects.filter(user=user).first()
    if profile is None:
        raise e.NotInProgramme()
    profile = _lock(profile)
    period = selectors.current_period(profile)
    if period is None or period.status not in selectors.PROGRAMME_STATUSES:
        raise e.NotInProgramme()
    return profile


def _refuse_if_passed(profile: TrainerProfile, step: str) -> None:
    latest = selectors.programme_state(profile)["steps"][step]
    if latest is not None and latest.outcome == OUT.PASSED:
        raise e.StepAlreadyPassed()


def _record(profile, *, actor, step, outcome, note="", now=None, **link) -> ProgrammeStep:
    outcome = OUT(outcome)
    _refuse_if_passed(profile, step)
    if selectors.current_period(profile).status == ST.CANDIDATE:
        _transition(profile, ST.IN_PROGRAMME, actor=actor, now=now)
    row = ProgrammeStep.objects.create(
        profile=profile,
        step=step,
        outcome=outcome,
        note=(note or "").strip(),
        decided_by=actor,
        decided_at=_now(now),
        **link,
    )
    log_action(
        actor=actor,
        verb=f"trainer.{step}_recorded",
        target=profile,
        data={"outcome": outcome.value, "step": row.pk},
    )
    return row


@transaction.atomic
def stage_sign_off(
    *, actor, assignment: Assignment, outcome: str, note: str = "", now: datetime | None = None
) -> ProgrammeStep:
    """The lead trainer of a completed session decides on the intern who co-gave it."""
    assignment = Assignment.objects.select_related("session").get(pk=assignment.pk)
    if assignment.role != Assignment.Role.INTERN:
        raise e.NotAnInternship()
    if assignment.session.status != Session.Status.COMPLETED:
        raise e.SessionNotCompleted()
    lead = selectors.session_lead(assignment.session)
    if lead is None or lead.pk != getattr(actor, "pk", None):
        raise e.NotSessionLead()
    profile = _programme_profile(assignment.trainer)
    if ProgrammeStep.objects.filter(assignment=assignment).exists():
        raise e.StepAlreadyDecided()
    return _record(
        profile,
        actor=actor,
        step=STEP.STAGE,
        outcome=outcome,
        note=note,
        now=now,
        assignment=assignment,
    )


@transaction.atomic
def cursus_record(*, actor, profile: TrainerProfile, now: datetime | None = None) -> ProgrammeStep:
    """Read courses' state: an attended, completed train-the-trainer session passes the step."""
    profile = _programme_profile(profile.user)
    _refuse_if_passed(profile, STEP.CURSUS)
    enrolment = selectors.attended_cursus_enrolments(profile.user).first()
    if enrolment is None:
        raise e.NoCursusAttended()
    return _record(
        profile,
        actor=actor,
        step=STEP.CURSUS,
        outcome=OUT.PASSED,
        now=now,
        enrolment=enrolment,
    )


@transaction.atomic
def intervisie_record(
    *,
    actor,
    profile: TrainerProfile,
    outcome: str,
    note: str = "",
    now: datetime | None = None,
) -> ProgrammeStep:
    """A trainer intervision attended: staff record it by hand; the intervision app will call
    this same service when a trainer's attendance is recorded there."""
    profile = _programme_profile(profile.user)
    return _record(profile, actor=actor, step=STEP.INTERVISIE, outcome=outcome, note=note, now=now)
