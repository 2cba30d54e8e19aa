"""Scheduling, changing and cancelling moments: numbered 1-3, never a fourth (services)."""

from datetime import timedelta

import pytest
from django.utils import timezone
from icalendar import Calendar

from accounts.models import AuditEntry
from courses.models import Assignment
from intervision import exceptions as e
from intervision import services
from intervision.models import Moment, Request
from notifications.models import OutboxMessage
from tests.accounts.factories import UserFactory
from tests.courses.factories import AssignmentFactory, SessionFactory, TrainerFactory

from .conftest import outbox_keys
from .factories import completed_session, moment_times

pytestmark = pytest.mark.django_db


def schedule(course, days=7, **kwargs):
    starts, ends = moment_times(days)
    kwargs.setdefault("place", "Buurthuis De Kring")
    return services.moment_schedule(
        actor=kwargs.pop("actor", course["trainer"]),
        session=course["session"],
        starts_at=starts,
        ends_at=ends,
        **kwargs,
    )


def test_moments_are_numbered_one_to_three_and_a_fourth_is_refused(course):
    numbers = [schedule(course, days=7 * i).number for i in (1, 2, 3)]
    assert numbers == [1, 2, 3]
    with pytest.raises(e.MomentLimitReached) as refused:
        schedule(course, days=28)
    assert refused.value.code == "intervision_moment_limit"
    assert refused.value.status == 409
    assert Moment.objects.count() == 3


def test_a_cancelled_moment_frees_the_lowest_number(course):
    first, _second, third = (schedule(course, days=7 * i) for i in (1, 2, 3))
    services.moment_cancel(actor=course["trainer"], moment=first, reason="De trainer is ziek.")
    again = schedule(course, days=30)
    assert again.number == 1
    services.moment_cancel(actor=course["trainer"], moment=third, reason="Zaal niet vrij.")
    assert schedule(course, days=31).number == 3
    with pytest.raises(e.MomentLimitReached):
        schedule(course, days=32)
    assert Moment.objects.exclude(status="cancelled").count() == 3


def test_everyone_who_attended_is_invited_with_a_calendar_file(course):
    moment = schedule(course, online_url="https://meet.example.org/kring")
    keys = outbox_keys(f"intervision:invitation:{moment.pk}:")
    assert keys == sorted(f"intervision:invitation:{moment.pk}:{p.pk}" for p in course["people"])
    message = OutboxMessage.objects.get(key=keys[0])
    assert "Intervisie 1" in message.subject
    [attachment] = message.attachments
    assert attachment["mimetype"] == "text/calendar"
    [event] = Calendar.from_ical(attachment["content"]).walk("VEVENT")
    assert event.decoded("dtstart") == moment.starts_at
    assert str(event["uid"]) == f"intervision-moment-{moment.pk}@leerkring.nl"
    assert "https://meet.example.org/kring" in message.body_text


def test_the_moment_answers_requests_which_become_planned(course):
    asked = [
        services.request_create(actor=p, session=course["session"], topic=f"Vraag {i}")
        for i, p in enumerate(course["people"][:2])
    ]
    moment = schedule(course, requests=[asked[0].pk])
    assert list(moment.answered_requests.all()) == [asked[0]]
    asked[0].refresh_from_db()
    asked[1].refresh_from_db()
    assert (asked[0].status, asked[1].status) == (Request.Status.PLANNED, Request.Status.OPEN)
    services.moment_cancel(actor=course["trainer"], moment=moment, reason="Gaat niet.")
    asked[0].refresh_from_db()
    assert asked[0].status == Request.Status.OPEN


def test_requests_of_another_session_are_refused(course):
    other, _, people = completed_session(attendees=1)
    foreign = services.request_create(actor=people[0], session=other, topic="Elders")
    with pytest.raises(e.ForeignRequest):
        schedule(course, requests=[foreign])
    with pytest.raises(e.ForeignRequest):
        schedule(course, requests=[10**12])
    assert not Moment.objects.exists()


@pytest.mark.parametrize(
    ("change", "error"),
    [
        ({"place": "", "online_url": ""}, e.PlaceRequired),
        ({"online_url": "geen link", "place": ""}, e.OnlineLinkInvalid),
        ({"online_url": "javascript:alert(1)", "place": ""}, e.OnlineLinkInvalid),
        ({"ends": -1}, e.MomentTimesInvalid),
        ({"days": -1}, e.MomentInPast),
        ({"place": "x" * 301}, e.TextTooLong),
    ],
)
def test_bad_times_and_places_are_refused(course, change, error):
    starts, ends = moment_times(change.pop("days", 7))
    if change.pop("ends", 0):
        ends = starts - timedelta(minutes=1)
    kwargs = {"place": "Buurthuis", **change}
    with pytest.raises(error):
        services.moment_schedule(
            actor=course["trainer"],
            session=course["session"],
            starts_at=starts,
            ends_at=ends,
            **kwargs,
        )


def test_only_the_sessions_trainers_and_staff_schedule(course):
    with pytest.raises(e.NotATrainer):
        schedule(course, actor=course["people"][0])
    with pytest.raises(e.NotATrainer):
        schedule(course, actor=TrainerFactory())
    intern = TrainerFactory()
    AssignmentFactory(session=course["session"], trainer=intern, role=Assignment.Role.INTERN)
    with pytest.raises(e.NotATrainer):
        schedule(course, actor=intern)
    co = TrainerFactory()
    AssignmentFactory(session=course["session"], trainer=co, role=Assignment.Role.CO_TRAINER)
    assert schedule(course, actor=co).number == 1
    staff = UserFactory(role="national_staff")
    assert schedule(course, actor=staff).number == 2


def test_no_moments_before_the_course_is_completed_or_after_the_series_closed(course):
    running = SessionFactory()
    trainer = TrainerFactory()
    AssignmentFactory(session=running, trainer=trainer)
    starts, ends = moment_times()
    with pytest.raises(e.SessionNotCompleted):
        services.moment_schedule(
            actor=trainer, session=running, starts_at=starts, ends_at=ends, place="Hier"
        )
    services.series_close(actor=course["trainer"], session=course["session"])
    with pytest.raises(e.SeriesClosed):
        schedule(course)


def test_changing_time_or_place_tells_everyone_with_a_newer_calendar_event(course):
    moment = schedule(course)
    starts = moment.starts_at + timedelta(days=1)
    services.moment_update(
        actor=course["trainer"],
        moment=moment,
        starts_at=starts,
        ends_at=starts + timedelta(hours=2),
        place="Bibliotheek",
    )
    moment.refresh_from_db()
    assert (moment.place, moment.revision, moment.number) == ("Bibliotheek", 1, 1)
    keys = outbox_keys(f"intervision:changed:{moment.pk}:1:")
    assert len(keys) == 3
    attachment = OutboxMessage.objects.get(key=keys[0]).attachments[0]
    [event] = Calendar.from_ical(attachment["content"]).walk("VEVENT")
    assert int(event["sequence"]) == 1
    # Nothing changed: no message, no new revision.
    services.moment_update(actor=course["trainer"], moment=moment, place="Bibliotheek")
    moment.refresh_from_db()
    assert moment.revision == 1
    assert len(outbox_keys("intervision:changed:")) == 3


def test_a_moment_cannot_move_into_the_past(course):
    moment = schedule(course)
    past = timezone.now() - timedelta(days=1)
    with pytest.raises(e.MomentInPast):
        services.moment_update(
            actor=course["trainer"],
            moment=moment,
            starts_at=past,
            ends_at=past + timedelta(hours=1),
        )


def test_cancelling_tells_everyone_and_needs_a_reason(course):
    moment = schedule(course)
    with pytest.raises(e.CancelReasonRequired):
        services.moment_cancel(actor=course["trainer"], moment=moment, reason="  ")
    with pytest.raises(e.NotATrainer):
        services.moment_cancel(actor=course["people"][0], moment=moment, reason="Ik wil niet")
    services.moment_cancel(actor=course["trainer"], moment=moment, reason="De zaal is dicht.")
    moment.refresh_from_db()
    assert moment.status == Moment.Status.CANCELLED
    keys = outbox_keys(f"intervision:cancelled:{moment.pk}:")
    assert len(keys) == 3
    message = OutboxMessage.objects.get(key=keys[0])
    assert "De zaal is dicht." in message.body_text
    [event] = Calendar.from_ical(message.attachments[0]["content"]).walk("VEVENT")
    assert str(event["status"]) == "CANCELLED"
    with pytest.raises(e.MomentNotPlanned):
        services.moment_cancel(actor=course["trainer"], moment=moment, reason="Nog eens")
    with pytest.raises(e.MomentNotPlanned):
        services.moment_update(actor=course["trainer"], moment=moment, place="Elders")
    assert AuditEntry.objects.filter(verb="intervision.moment_cancelled").count() == 1
