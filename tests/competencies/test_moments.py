"""Course moments open and close with the session's state (frozen time)."""

from datetime import timedelta

import pytest
import time_machine
from django.urls import reverse

from competencies import services
from competencies.exceptions import MomentClosed
from competencies.models import Answer
from competencies.moments import add_months, window
from notifications.models import OutboxMessage

from .factories import complete_session, course_list, course_session, fill_all, movisie

pytestmark = pytest.mark.django_db


def test_pre_opens_at_enrolment_and_closes_when_the_first_meeting_starts():
    session, [enrolment] = course_session(participants=1)
    first = session.meetings.order_by("starts_at").first().starts_at
    services.consent_give(user=enrolment.user)
    with time_machine.travel(first - timedelta(minutes=1), tick=False):
        assessment = services.assessment_start(
            user=enrolment.user, framework=movisie(), moment="pre", enrolment=enrolment
        )
        services.answers_save(assessment=assessment, values={movisie().statements.first().pk: 3})
    with time_machine.travel(first, tick=False), pytest.raises(MomentClosed):
        services.answers_save(assessment=assessment, values={movisie().statements.first().pk: 1})
    assert list(Answer.objects.values_list("value", flat=True)) == [3]
    with time_machine.travel(enrolment.created_at - timedelta(seconds=1), tick=False):
        assert not window(enrolment, "pre").is_open()


def test_post_opens_when_completed_and_closes_after_six_weeks():
    session, [enrolment] = course_session(participants=1)
    services.consent_give(user=enrolment.user)
    with pytest.raises(MomentClosed):
        services.assessment_start(
            user=enrolment.user, framework=movisie(), moment="post", enrolment=enrolment
        )
    session = complete_session(session)
    enrolment.refresh_from_db()
    done = session.completed_at
    win = window(enrolment, "post")
    assert win.opens_at == done
    assert win.closes_at == done + timedelta(weeks=6)
    with time_machine.travel(done + timedelta(weeks=6) - timedelta(seconds=1), tick=False):
        assessment = course_list(enrolment, "post", 3)
    with time_machine.travel(done + timedelta(weeks=6), tick=False), pytest.raises(MomentClosed):
        services.answers_save(assessment=assessment, values={movisie().statements.first().pk: 1})


def test_follow_up_opens_six_months_after_or_earlier_through_the_service():
    session, [enrolment] = course_session(participants=1)
    session = complete_session(session)
    enrolment.refresh_from_db()
    done = session.completed_at
    opens = add_months(done, 6)
    assert window(enrolment, "follow_up").opens_at == opens
    with time_machine.travel(done + timedelta(days=93), tick=False):
        assert not window(enrolment, "follow_up").is_open()  # no longer at three months
    with time_machine.travel(opens - timedelta(seconds=1), tick=False):
        assert not window(enrolment, "follow_up").is_open()
    with time_machine.travel(opens, tick=False):
        assert window(enrolment, "follow_up").is_open()
    with time_machine.travel(opens + timedelta(weeks=6), tick=False):
        assert not window(enrolment, "follow_up").is_open()
    services.follow_up_open_early(session=session, opens_at=done + timedelta(days=30))
    enrolment = type(enrolment).objects.get(pk=enrolment.pk)
    with time_machine.travel(done + timedelta(days=31), tick=False):
        assert window(enrolment, "follow_up").is_open()
    with time_machine.travel(done + timedelta(days=30 + 42), tick=False):
        assert not window(enrolment, "follow_up").is_open()


def test_closed_moment_page_says_so_and_keeps_answers(client):
    session, [enrolment] = course_session(participants=1)
    assessment = course_list(enrolment, "pre", None, seed=1)
    first = session.meetings.first().starts_at
    client.force_login(enrolment.user)
    statement = movisie().statements.first()
    before = Answer.objects.get(assessment=assessment, statement=statement).value
    with time_machine.travel(first + timedelta(hours=1), tick=False):
        response = client.post(
            reverse("competencies:fill", args=[assessment.pk]),
            {f"s{statement.pk}": 5 - before, "c": 1},
        )
    assert response.status_code == 409
    assert "gesloten" in response.content.decode()
    assert Answer.objects.get(assessment=assessment, statement=statement).value == before


def test_invitations_and_one_reminder_per_moment_are_sent_once():
    session, enrolments = course_session(participants=2)
    first = session.meetings.first().starts_at
    with time_machine.travel(first - timedelta(days=9), tick=False):
        services.moment_invitations_send()
        services.moment_invitations_send()
    assert OutboxMessage.objects.filter(key__startswith="competencies:invite:").count() == 2
    course_list(enrolments[0], "pre", 3, when=first - timedelta(days=8))
    with time_machine.travel(first - timedelta(days=2), tick=False):
        services.moment_invitations_send()
        services.moment_invitations_send()
    reminders = OutboxMessage.objects.filter(key__startswith="competencies:remind:")
    assert [m.key for m in reminders] == [f"competencies:remind:{enrolments[1].pk}:pre"]
    session = complete_session(session)
    with time_machine.travel(session.completed_at + timedelta(hours=1), tick=False):
        services.moment_invitations_send()
    assert OutboxMessage.objects.filter(key__endswith=":post").count() == 2
    message = OutboxMessage.objects.filter(key__endswith=":post").first()
    assert "competentielijst" in message.subject
    assert "/competenties/" in message.body_text


def test_task_wrapper_runs_the_service():
    from competencies.tasks import moment_invitations_send

    course_session(participants=1)
    assert moment_invitations_send.delay().get() == 1


def test_no_show_and_second_list_per_moment_are_refused():
    _session, [enrolment] = course_session(participants=1)
    a = course_list(enrolment, "pre", 2)
    services.consent_give(user=enrolment.user)
    again = services.assessment_start(
        user=enrolment.user, framework=movisie(), moment="pre", enrolment=enrolment
    )
    assert again.pk == a.pk
    fill_all(a, 3)
    assert Answer.objects.filter(assessment=a).count() == 48
