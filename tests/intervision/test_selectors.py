"""The reads the pages and the API share."""

from datetime import timedelta

import pytest

from competencies.moments import add_months
from intervision import selectors, services
from tests.accounts.factories import UserFactory

from .factories import MomentFactory, TrainerGroupFactory, completed_session

pytestmark = pytest.mark.django_db


def test_requests_with_support_counts_and_the_readers_view(course):
    one, two, three = course["people"]
    session = course["session"]
    first = services.request_create(actor=one, session=session, topic="Eerste")
    second = services.request_create(actor=two, session=session, topic="Tweede")
    services.request_support(actor=three, request=second)
    services.request_support(actor=one, request=second)
    rows = list(selectors.requests_for_session(session, three))
    assert [(r.pk, r.support_count, r.supported, r.mine) for r in rows] == [
        (second.pk, 2, True, False),
        (first.pk, 0, False, False),
    ]
    rows = {r.pk: r for r in selectors.requests_for_session(session, one)}
    assert rows[first.pk].mine is True
    assert rows[second.pk].supported is True


def test_moments_for_a_user_span_courses_and_trainer_groups(course):
    person = course["people"][0]
    in_course = MomentFactory(session=course["session"], number=1)
    group = TrainerGroupFactory(members=[person])
    in_group = MomentFactory(session=None, group=group, number=1)
    other, _, _ = completed_session(attendees=1)
    MomentFactory(session=other, number=1)
    assert {m.pk for m in selectors.moments_for_user(person)} == {in_course.pk, in_group.pk}
    assert list(selectors.moments_for_user(UserFactory())) == []


def test_series_summary_and_asking_open(course):
    session = course["session"]
    MomentFactory(session=session, number=2)
    summary = selectors.series_summary(session=session)
    assert (summary["used"], summary["left"], summary["next_number"]) == (1, 2, 1)
    assert summary["closed"] is False
    close_at = add_months(session.completed_at, 6)
    assert summary["requests_close_at"] == close_at
    assert selectors.asking_open(session, close_at - timedelta(seconds=1)) is True
    assert selectors.asking_open(session, close_at) is False
    services.series_close(actor=course["trainer"], session=session)
    assert selectors.asking_open(session) is False
    assert selectors.series_summary(session=session)["closed"] is True


def test_sessions_for_participant_and_trainer_count_the_state(course):
    session, trainer, (one, *_rest) = course["session"], course["trainer"], course["people"]
    services.request_create(actor=one, session=session, topic="Vraag")
    MomentFactory(session=session, number=1)
    [mine] = selectors.sessions_for_participant(one)
    assert (mine.pk, mine.open_requests, mine.planned_moments, mine.moments_used) == (
        session.pk,
        1,
        1,
        1,
    )
    [runs] = selectors.sessions_for_trainer(trainer)
    assert runs.pk == session.pk
    assert list(selectors.sessions_for_trainer(one)) == []
