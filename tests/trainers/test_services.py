from datetime import timedelta

import pytest
from django.db import IntegrityError, transaction
from django.utils import timezone

from accounts.models import AuditEntry
from accounts.roles import is_trainer
from courses.models import Course, Qualification
from notifications.models import OutboxMessage
from tests.accounts.factories import UserFactory
from tests.courses.factories import CourseFactory, TrainerFactory, region
from tests.trainers.factories import ApplicationFactory, ProfileFactory, attended, internship
from trainers import exceptions as e
from trainers import selectors, services
from trainers.models import Application, ProgrammeStep, StatusPeriod

pytestmark = pytest.mark.django_db
ST = StatusPeriod.Status


def status(profile):
    return selectors.current_period(profile).status


def history(profile):
    return list(
        profile.status_periods.order_by("started_at", "pk").values_list("status", flat=True)
    )


# --- Applications -------------------------------------------------------------------------------


def test_only_someone_who_attended_a_course_may_apply():
    user = UserFactory(role="participant")
    with pytest.raises(e.NoAttendedCourse) as info:
        services.application_submit(user=user, region=region(), motivation="Graag")
    assert info.value.code == "no_attended_course"
    attended(user)
    application = services.application_submit(
        user=user, region=region(), motivation="  Graag  ", availability="dinsdag"
    )
    assert application.status == Application.Status.PENDING
    assert application.motivation == "Graag"
    assert AuditEntry.objects.filter(verb="trainer.applied").count() == 1


def test_a_second_pending_application_is_refused_also_by_the_database():
    user = UserFactory(role="participant")
    attended(user)
    services.application_submit(user=user, region=region(), motivation="Graag")
    with pytest.raises(e.ApplicationPending):
        services.application_submit(user=user, region=region(), motivation="Nog eens")
    with pytest.raises(IntegrityError), transaction.atomic():
        Application.objects.create(user=user, region=region(), motivation="x")


def test_someone_in_the_pool_cannot_apply_again_until_stopped():
    profile = ProfileFactory(status="active")
    attended(profile.user)
    with pytest.raises(e.AlreadyInPool) as info:
        services.application_submit(user=profile.user, region=region(), motivation="x")
    assert info.value.code == "already_in_pool"
    staff = UserFactory(role="national_staff")
    services.trainer_stop(actor=staff, profile=profile, reason="Verhuisd")
    services.application_submit(user=profile.user, region=region(), motivation="Terug")


def test_accept_makes_a_candidate_with_the_trainer_role_and_mails():
    staff = UserFactory(role="national_staff")
    user = UserFactory(role="participant")
    application = ApplicationFactory(user=user, region=region("walcheren"))
    profile = services.application_accept(actor=staff, application=application)
    assert status(profile) == ST.CANDIDATE
    assert list(profile.regions.values_list("slug", flat=True)) == ["walcheren"]
    user.refresh_from_db()
    assert is_trainer(user)
    application.refresh_from_db()
    assert (application.status, application.decided_by) == (Application.Status.ACCEPTED, staff)
    mail = OutboxMessage.objects.get(key=f"trainers.application.{application.pk}.accepted")
    assert mail.to == user.email
    assert "Mijn traject" in mail.body_text
    with pytest.raises(e.ApplicationDecided):
        services.application_accept(actor=staff, application=application)


def test_decline_needs_a_kind_message_which_is_mailed():
    staff = UserFactory(role="national_staff")
    application = ApplicationFactory()
    with pytest.raises(e.DeclineMessageRequired):
        services.application_decline(actor=staff, application=application, message="  ")
    services.application_decline(
        actor=staff, application=application, message="Nu even niet, wel volgend jaar."
    )
    application.refresh_from_db()
    assert application.status == Application.Status.DECLINED
    mail = OutboxMessage.objects.get(key=f"trainers.application.{application.pk}.declined")
    assert "volgend jaar" in mail.body_text
    assert not hasattr(application.user, "trainer_profile")
    with pytest.raises(e.ApplicationDecided):
        services.application_decline(actor=staff, application=application, message="x")


# --- Status transitions --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("frm", "to", "allowed"),
    [
        ("candidate", "in_programme", True),
        ("candidate", "active", False),
        ("in_programme", "active", False),
        ("certified", "active", True),
        ("active", "active", False),
        ("stopped", "in_programme", False),
        ("stopped", "active", False),
    ],
)
def test_transitions_follow_the_table(frm, to, allowed):
    profile = ProfileFactory(status=frm)
    staff = UserFactory(role="national_staff")
    service = {
        "in_programme": services.trainer_start_programme,
        "active": services.trainer_activate,
    }
    if allowed:
        service[to](actor=staff, profile=profile)
        assert status(profile) == to
        assert history(profile) == [frm, to]
        assert AuditEntry.objects.filter(verb="trainer.status_changed", data__to=to).exists()
    else:
        with pytest.raises(e.TransitionNotAllowed) as info:
            service[to](actor=staff, profile=profile)
        assert info.value.code == "trainer_transition_not_allowed"
        assert history(profile) == [frm]


@pytest.mark.parametrize("frm", ["candidate", "in_programme", "certified", "active"])
def test_stop_from_any_live_status_needs_a_reason(frm):
    profile = ProfileFactory(status=frm)
    staff = UserFactory(role="national_staff")
    with pytest.raises(e.StopReasonRequired):
        services.trainer_stop(actor=staff, profile=profile, reason=" ")
    services.trainer_stop(actor=staff, profile=profile, reason="Gaat studeren")
    period = selectors.current_period(profile)
    assert (period.status, period.reason, period.actor) == (ST.STOPPED, "Gaat studeren", staff)
    closed = profile.status_periods.get(status=frm)
    assert closed.ended_at == period.started_at
    with pytest.raises(e.TransitionNotAllowed):
        services.trainer_stop(actor=staff, profile=profile, reason="nog eens")


def test_database_allows_one_open_period_and_a_reason_when_stopped():
    profile = ProfileFactory(status="candidate")
    with pytest.raises(IntegrityError), transaction.atomic():
        StatusPeriod.objects.create(profile=profile, status=ST.ACTIVE)
    with pytest.raises(IntegrityError), transaction.atomic():
        StatusPeriod.objects.create(
            profile=profile, status=ST.STOPPED, ended_at=timezone.now() + timedelta(days=1)
        )


def test_a_stopped_person_accepted_again_starts_as_candidate():
    staff = UserFactory(role="national_staff")
    profile = ProfileFactory(status="stopped")
    application = ApplicationFactory(user=profile.user)
    services.application_accept(actor=staff, application=application)
    assert history(profile) == [ST.STOPPED, ST.CANDIDATE]


# --- The programme -------------------------------------------------------------------------------


def test_stage_is_signed_off_by_the_lead_after_completion_only():
    profile = ProfileFactory(status="candidate")
    assignment, lead = internship(profile.user, complete=False)
    with pytest.raises(e.SessionNotCompleted):
        services.stage_sign_off(actor=lead, assignment=assignment, outcome="passed")
    from courses.services import session_complete

    session_complete(actor=None, session=assignment.session)
    other = TrainerFactory()
    with pytest.raises(e.NotSessionLead) as info:
        services.stage_sign_off(actor=other, assignment=assignment, outcome="passed")
    assert info.value.code == "not_session_lead"
    step = services.stage_sign_off(
        actor=lead, assignment=assignment, outcome="asked_to_repeat", note="Meer oefenen"
    )
    assert (step.step, step.outcome, step.decided_by) == ("stage", "asked_to_repeat", lead)
    # The first decision moves a candidate into the programme.
    assert history(profile) == [ST.CANDIDATE, ST.IN_PROGRAMME]
    with pytest.raises(e.StepAlreadyDecided):
        services.stage_sign_off(actor=lead, assignment=assignment, outcome="passed")
    assert selectors.internships_to_sign_off(lead).count() == 0


def test_stage_refuses_a_non_intern_place_and_people_outside_the_programme():
    profile = ProfileFactory(status="active")
    assignment, lead = internship(profile.user)
    with pytest.raises(e.NotInProgramme):
        services.stage_sign_off(actor=lead, assignment=assignment, outcome="passed")
    lead_assignment = assignment.session.assignments.get(role="lead")
    with pytest.raises(e.NotAnInternship):
        services.stage_sign_off(actor=lead, assignment=lead_assignment, outcome="passed")


def test_cursus_is_derived_from_an_attended_train_the_trainer_session():
    staff = UserFactory(role="national_staff")
    profile = ProfileFactory(status="in_programme")
    attended(profile.user)  # an ordinary course does not count
    with pytest.raises(e.NoCursusAttended) as info:
        services.cursus_record(actor=staff, profile=profile)
    assert info.value.code == "no_cursus_attended"
    enrolment = attended(profile.user, kind=Course.Kind.TRAIN_THE_TRAINER)
    step = services.cursus_record(actor=staff, profile=profile)
    assert (step.outcome, step.enrolment) == ("passed", enrolment)
    with pytest.raises(e.StepAlreadyPassed):
        services.cursus_record(actor=staff, profile=profile)


def test_certify_needs_all_three_passed_then_grants_qualifications():
    staff = UserFactory(role="national_staff")
    profile = ProfileFactory(status="candidate")
    course = CourseFactory()
    assignment, lead = internship(profile.user)
    services.stage_sign_off(actor=lead, assignment=assignment, outcome="passed")
    attended(profile.user, kind=Course.Kind.TRAIN_THE_TRAINER)
    services.cursus_record(actor=staff, profile=profile)
    services.intervisie_record(actor=staff, profile=profile, outcome="failed", note="Niet gekomen")
    assert not selectors.programme_state(profile)["ready"]
    with pytest.raises(e.ProgrammeIncomplete) as info:
        services.trainer_certify(actor=staff, profile=profile, courses=[course])
    assert info.value.code == "programme_incomplete"
    services.intervisie_record(actor=staff, profile=profile, outcome="passed")
    assert selectors.programme_state(profile)["ready"]
    with pytest.raises(e.CoursesRequired):
        services.trainer_certify(actor=staff, profile=profile, courses=[])
    services.trainer_certify(actor=staff, profile=profile, courses=[course])
    assert status(profile) == ST.CERTIFIED
    assert Qualification.objects.filter(trainer=profile.user, course=course).exists()
    assert AuditEntry.objects.filter(verb="trainer.certified").exists()
    assert AuditEntry.objects.filter(verb="trainer.intervisie_recorded").count() == 2
    assert ProgrammeStep.objects.filter(profile=profile).count() == 4
    with pytest.raises(e.NotInProgramme):
        services.intervisie_record(actor=staff, profile=profile, outcome="passed")


def test_profile_update_sets_regions_and_counts_as_checked():
    profile = ProfileFactory(status="active")
    services.profile_update(
        actor=profile.user,
        profile=profile,
        regions=[region("walcheren"), region("friesland-zuid")],
        bio=" Ik ben Anna ",
        languages="Nederlands, Fries",
    )
    profile.refresh_from_db()
    assert profile.bio == "Ik ben Anna"
    assert profile.checked_at is not None
    assert sorted(profile.regions.values_list("slug", flat=True)) == ["friesland-zuid", "walcheren"]


# --- Inactive (derived) --------------------------------------------------------------------------


def test_inactive_is_derived_from_sessions_given_in_twelve_months():
    long_ago = timezone.now() - timedelta(days=800)
    quiet = ProfileFactory(status="active", since=long_ago)
    busy = ProfileFactory(status="active", since=long_ago)
    new = ProfileFactory(status="active")
    intern_only = ProfileFactory(status="active", since=long_ago)
    internship(busy.user, lead=None)  # busy is an intern here: does not count...
    _, _ = internship(TrainerFactory(), lead=busy.user)  # ...but leading one does
    internship(intern_only.user)
    assert set(selectors.inactive_trainers()) == {quiet, intern_only}
    assert selectors.is_inactive(quiet)
    assert not selectors.is_inactive(new)
