"""A moment that took place: attendance, report, the third held closes the series and opens the
follow-up list; a trainer group's moment passes the programme's intervisie step."""

from datetime import timedelta

import pytest

from accounts.models import AuditEntry
from competencies.moments import add_months, window
from courses.models import Enrolment
from intervision import exceptions as e
from intervision import services
from intervision.models import Attendance, Moment, Request, SeriesClosure
from tests.accounts.factories import UserFactory
from tests.trainers.factories import ProfileFactory
from trainers.models import ProgrammeStep
from trainers.selectors import programme_state

from .factories import TrainerGroupFactory, moment_times

pytestmark = pytest.mark.django_db

A, X = Attendance.Status.ATTENDED, Attendance.Status.ABSENT


def schedule(course, days=7, **kwargs):
    starts, ends = moment_times(days)
    return services.moment_schedule(
        actor=course["trainer"],
        session=course["session"],
        starts_at=starts,
        ends_at=ends,
        place="Buurthuis",
        **kwargs,
    )


def after(moment, hours=1):
    return moment.starts_at + timedelta(hours=hours)


def follow_up_opens(session, person):
    enrolment = Enrolment.objects.select_related("session__competency_moment_override").get(
        session=session, user=person
    )
    return window(enrolment, "follow_up").opens_at


def test_attendance_is_recorded_once_started_and_can_be_corrected(course):
    moment = schedule(course)
    one, two, three = course["people"]
    with pytest.raises(e.MomentNotStarted):
        services.attendance_record(
            actor=course["trainer"],
            moment=moment,
            marks={one.pk: A},
            now=moment.starts_at - timedelta(minutes=1),
        )
    services.attendance_record(
        actor=course["trainer"], moment=moment, marks={one.pk: A, two.pk: X}, now=after(moment)
    )
    services.attendance_record(
        actor=course["trainer"], moment=moment, marks={two.pk: A, three.pk: X}, now=after(moment)
    )
    assert dict(moment.attendance.values_list("user_id", "status")) == {
        one.pk: A,
        two.pk: A,
        three.pk: X,
    }
    moment.refresh_from_db()
    assert moment.status == Moment.Status.HELD
    assert AuditEntry.objects.filter(verb="intervision.attendance_recorded").count() == 2


def test_attendance_refuses_strangers_bad_marks_and_other_trainers(course):
    moment = schedule(course)
    now = after(moment)
    with pytest.raises(e.NotInvited):
        services.attendance_record(
            actor=course["trainer"], moment=moment, marks={UserFactory().pk: A}, now=now
        )
    with pytest.raises(e.BadAttendanceStatus):
        services.attendance_record(
            actor=course["trainer"], moment=moment, marks={course["people"][0].pk: "ja"}, now=now
        )
    with pytest.raises(e.NotATrainer):
        services.attendance_record(
            actor=course["people"][0], moment=moment, marks={course["people"][0].pk: A}, now=now
        )
    services.moment_cancel(actor=course["trainer"], moment=moment, reason="Ziek", now=now)
    with pytest.raises(e.MomentCancelled):
        services.attendance_record(
            actor=course["trainer"], moment=moment, marks={course["people"][0].pk: A}, now=now
        )
    assert not Attendance.objects.exists()


def test_the_report_is_saved_and_marks_the_moment_held(course):
    asked = services.request_create(
        actor=course["people"][0], session=course["session"], topic="Achterban"
    )
    moment = schedule(course, requests=[asked])
    with pytest.raises(e.MomentNotStarted):
        services.moment_report_save(
            actor=course["trainer"], moment=moment, discussed="x", agreements="", now=None
        )
    with pytest.raises(e.ReportEmpty):
        services.moment_report_save(
            actor=course["trainer"], moment=moment, discussed=" ", agreements="", now=after(moment)
        )
    with pytest.raises(e.TextTooLong):
        services.moment_report_save(
            actor=course["trainer"],
            moment=moment,
            discussed="x" * 4001,
            agreements="",
            now=after(moment),
        )
    services.moment_report_save(
        actor=course["trainer"],
        moment=moment,
        discussed="We spraken over de achterban.",
        agreements="Iedereen belt twee leden.",
        now=after(moment),
    )
    moment.refresh_from_db()
    assert moment.status == Moment.Status.HELD
    assert moment.reported_by == course["trainer"]
    assert moment.agreements == "Iedereen belt twee leden."
    asked.refresh_from_db()
    assert asked.status == Request.Status.CLOSED  # answered: done


def test_the_third_moment_held_closes_the_series_and_opens_the_follow_up_list(course):
    session, trainer, people = course["session"], course["trainer"], course["people"]
    asked = services.request_create(actor=people[2], session=session, topic="Nog open")
    moments = [schedule(course, days=7 * i) for i in (1, 2, 3)]
    for moment in moments[:2]:
        services.attendance_record(
            actor=trainer, moment=moment, marks={people[0].pk: A}, now=after(moment)
        )
    assert not SeriesClosure.objects.exists()
    assert follow_up_opens(session, people[0]) == add_months(session.completed_at, 6)
    held_at = after(moments[2])
    services.moment_report_save(
        actor=trainer, moment=moments[2], discussed="Afsluiting", agreements="", now=held_at
    )
    closure = SeriesClosure.objects.get(session=session)
    assert closure.reason == SeriesClosure.Reason.THIRD_HELD
    assert follow_up_opens(session, people[0]) == held_at
    asked.refresh_from_db()
    assert asked.status == Request.Status.CLOSED
    # Held moments keep their numbers; still never a fourth.
    with pytest.raises(e.SeriesClosed):
        schedule(course, days=40)


def test_the_trainer_closes_the_series_early_once(course):
    session = course["session"]
    closure = services.series_close(actor=course["trainer"], session=session)
    again = services.series_close(actor=course["trainer"], session=session)
    assert closure.pk == again.pk
    assert closure.reason == SeriesClosure.Reason.TRAINER
    assert follow_up_opens(session, course["people"][0]) == closure.closed_at
    assert AuditEntry.objects.filter(verb="intervision.series_closed").count() == 1
    with pytest.raises(e.NotATrainer):
        services.series_close(actor=course["people"][0], session=session)


def test_time_closes_the_series_at_its_close_date_not_at_the_run(course):
    session = course["session"]
    close_at = add_months(session.completed_at, 6)
    assert services.series_close_due(now=close_at - timedelta(seconds=1)) == 0
    assert services.series_close_due(now=close_at + timedelta(days=30)) == 1
    assert services.series_close_due(now=close_at + timedelta(days=31)) == 0
    closure = SeriesClosure.objects.get(session=session)
    assert closure.reason == SeriesClosure.Reason.TIME
    assert follow_up_opens(session, course["people"][0]) == close_at


def trainer_group():
    facilitator = UserFactory(role="trainer")
    candidate = ProfileFactory(status="candidate")
    in_programme = ProfileFactory(status="in_programme")
    certified = ProfileFactory(status="active")
    guest = UserFactory(role="trainer")
    group = TrainerGroupFactory(
        members=[candidate.user, in_programme.user, certified.user, guest],
        facilitators=[facilitator],
    )
    return group, facilitator, (candidate, in_programme, certified, guest)


def test_attending_a_trainer_intervision_passes_the_programme_step():
    group, facilitator, (candidate, in_programme, certified, guest) = trainer_group()
    starts, ends = moment_times()
    moment = services.moment_schedule(
        actor=facilitator, group=group, starts_at=starts, ends_at=ends, place="Utrecht"
    )
    assert moment.number == 1
    services.attendance_record(
        actor=facilitator,
        moment=moment,
        marks={
            candidate.user.pk: A,
            in_programme.user.pk: X,
            certified.user.pk: A,
            guest.pk: A,
        },
        now=after(moment),
    )
    step = programme_state(candidate)["steps"]["intervisie"]
    assert step.outcome == ProgrammeStep.Outcome.PASSED
    assert step.decided_by == facilitator
    assert programme_state(in_programme)["steps"]["intervisie"] is None
    assert programme_state(certified)["steps"]["intervisie"] is None
    # Recording again (a correction) does not record the step twice.
    services.attendance_record(
        actor=facilitator,
        moment=moment,
        marks={candidate.user.pk: A, in_programme.user.pk: A},
        now=after(moment),
    )
    assert ProgrammeStep.objects.filter(profile=candidate, step="intervisie").count() == 1
    assert ProgrammeStep.objects.filter(profile=in_programme, step="intervisie").count() == 1


def test_a_trainer_group_has_three_moments_too_and_only_facilitators_run_them():
    group, facilitator, (candidate, *_rest) = trainer_group()
    for days in (7, 14, 21):
        starts, ends = moment_times(days)
        services.moment_schedule(
            actor=facilitator, group=group, starts_at=starts, ends_at=ends, place="Utrecht"
        )
    starts, ends = moment_times(28)
    with pytest.raises(e.MomentLimitReached):
        services.moment_schedule(
            actor=facilitator, group=group, starts_at=starts, ends_at=ends, place="Utrecht"
        )
    with pytest.raises(e.NotATrainer):
        services.moment_schedule(
            actor=candidate.user, group=group, starts_at=starts, ends_at=ends, place="Utrecht"
        )
