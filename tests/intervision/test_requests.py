"""Asking for an intervision moment and supporting a request (services)."""

from datetime import timedelta

import pytest
from django.utils import timezone

from accounts.models import AuditEntry
from competencies.moments import add_months
from courses.models import Enrolment
from intervision import exceptions as e
from intervision import services
from intervision.models import IntervisionSettings, Request, Support
from notifications.models import OutboxMessage
from tests.accounts.factories import UserFactory
from tests.courses.factories import EnrolmentFactory, SessionFactory

from .conftest import outbox_keys
from .factories import completed_session

pytestmark = pytest.mark.django_db


def test_an_attendee_asks_with_a_topic_of_their_own(course):
    person = course["people"][0]
    request = services.request_create(
        actor=person, session=course["session"], topic="  Hoe  schrijf ik een brief? "
    )
    assert request.topic == "Hoe schrijf ik een brief?"
    assert request.status == Request.Status.OPEN
    assert request.author == person
    assert AuditEntry.objects.filter(verb="intervision.request_created").count() == 1


def test_a_suggestion_becomes_the_topic_in_dutch(course):
    request = services.request_create(
        actor=course["people"][0], session=course["session"], suggestion="gemeente"
    )
    assert request.topic == "Waar is de gemeente precies verantwoordelijk voor?"
    assert request.suggestion == "gemeente"


@pytest.mark.parametrize(
    ("topic", "suggestion", "error"),
    [
        ("", "", e.TopicRequired),
        ("   ", "", e.TopicRequired),
        ("x" * 301, "", e.TopicTooLong),
        ("", "bestaat-niet", e.UnknownSuggestion),
    ],
)
def test_bad_topics_are_refused(course, topic, suggestion, error):
    with pytest.raises(error):
        services.request_create(
            actor=course["people"][0], session=course["session"], topic=topic, suggestion=suggestion
        )
    assert not Request.objects.exists()


def test_only_attendees_of_a_completed_session_may_ask(course):
    session = course["session"]
    with pytest.raises(e.NotAParticipant):
        services.request_create(actor=UserFactory(), session=session, topic="Mag ik?")
    no_show = EnrolmentFactory(session=session, status=Enrolment.Status.NO_SHOW).user
    with pytest.raises(e.NotAParticipant) as refused:
        services.request_create(actor=no_show, session=session, topic="Mag ik?")
    assert refused.value.code == "intervision_not_a_participant"
    with pytest.raises(e.NotAParticipant):
        services.request_create(actor=course["trainer"], session=session, topic="Mag ik?")
    running = SessionFactory()
    confirmed = EnrolmentFactory(session=running).user
    with pytest.raises(e.SessionNotCompleted):
        services.request_create(actor=confirmed, session=running, topic="Al?")


def test_asking_closes_six_months_after_the_course_or_as_the_course_says(course):
    session, person = course["session"], course["people"][0]
    close = add_months(session.completed_at, 6)
    services.request_create(
        actor=person, session=session, topic="Net op tijd", now=close - timedelta(seconds=1)
    )
    with pytest.raises(e.RequestsClosed):
        services.request_create(actor=person, session=session, topic="Te laat", now=close)
    IntervisionSettings.objects.create(course=session.course, close_after_months=9)
    services.request_create(actor=person, session=session, topic="Nu wel", now=close)


def test_no_requests_after_the_series_is_closed(course):
    services.series_close(actor=course["trainer"], session=course["session"])
    with pytest.raises(e.SeriesClosed):
        services.request_create(actor=course["people"][0], session=course["session"], topic="Nog?")


def test_supporting_is_once_per_person_and_can_be_taken_back(course):
    author, other, _third = course["people"]
    request = services.request_create(actor=author, session=course["session"], topic="Achterban")
    services.request_support(actor=other, request=request)
    services.request_support(actor=other, request=request)
    assert Support.objects.filter(request=request).count() == 1
    with pytest.raises(e.OwnRequest):
        services.request_support(actor=author, request=request)
    with pytest.raises(e.NotAParticipant):
        services.request_support(actor=UserFactory(), request=request)
    assert services.request_unsupport(actor=other, request=request) is True
    assert services.request_unsupport(actor=other, request=request) is False
    assert not Support.objects.exists()
    verbs = list(AuditEntry.objects.values_list("verb", flat=True))
    assert verbs.count("intervision.request_supported") == 1
    assert verbs.count("intervision.request_unsupported") == 1


def test_trainers_hear_once_when_a_request_reaches_three_supporters():
    session, trainer, people = completed_session(attendees=6)
    request = services.request_create(actor=people[0], session=session, topic="Gemeente")
    for person in people[1:3]:
        services.request_support(actor=person, request=request)
    assert outbox_keys("intervision:request_supported:") == []
    services.request_support(actor=people[3], request=request)
    assert outbox_keys("intervision:request_supported:") == [
        f"intervision:request_supported:{request.pk}:{trainer.pk}"
    ]
    services.request_unsupport(actor=people[3], request=request)
    services.request_support(actor=people[3], request=request)
    services.request_support(actor=people[4], request=request)
    assert len(outbox_keys("intervision:request_supported:")) == 1
    request.refresh_from_db()
    assert request.trainers_told_at is not None
    message = OutboxMessage.objects.get(to=trainer.email)
    assert "Gemeente" in message.body_text


def test_the_threshold_is_configurable_per_course():
    session, _trainer, people = completed_session(attendees=3)
    services.settings_save(
        actor=None, course=session.course, support_threshold=1, close_after_months=6
    )
    request = services.request_create(actor=people[0], session=session, topic="Eén is genoeg")
    services.request_support(actor=people[1], request=request)
    assert len(outbox_keys("intervision:request_supported:")) == 1
    with pytest.raises(e.SettingsOutOfRange):
        services.settings_save(
            actor=None, course=session.course, support_threshold=0, close_after_months=6
        )


def test_a_planned_request_cannot_be_supported_any_more(course):
    from .factories import moment_times

    author, other, _ = course["people"]
    request = services.request_create(actor=author, session=course["session"], topic="Agenda")
    starts, ends = moment_times()
    services.moment_schedule(
        actor=course["trainer"],
        session=course["session"],
        starts_at=starts,
        ends_at=ends,
        place="Buurthuis",
        requests=[request],
    )
    with pytest.raises(e.RequestNotOpen):
        services.request_support(actor=other, request=request)
    with pytest.raises(e.RequestNotOpen):
        services.request_unsupport(actor=other, request=request)


def test_requests_times_use_the_clock(course):
    now = timezone.now()
    request = services.request_create(
        actor=course["people"][0], session=course["session"], topic="Tijd", now=now
    )
    assert request.created_at == now
