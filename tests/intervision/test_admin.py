"""The technical admin goes through the services: a fourth moment is refused with a message."""

import pytest
from django.contrib.messages import get_messages

from intervision.models import IntervisionSettings, Moment
from notifications.models import OutboxMessage
from tests.accounts.factories import UserFactory

from .factories import MomentFactory, moment_times

pytestmark = pytest.mark.django_db

ADD = "/django-admin/intervision/moment/add/"


@pytest.fixture
def admin_client(client):
    client.force_login(UserFactory(is_superuser=True, is_staff=True, with_mfa=True))
    return client


def form(session, days=7, **extra):
    starts, ends = moment_times(days)
    return {
        "session": session.pk,
        "group": "",
        "starts_at_0": starts.strftime("%Y-%m-%d"),
        "starts_at_1": starts.strftime("%H:%M"),
        "ends_at_0": ends.strftime("%Y-%m-%d"),
        "ends_at_1": ends.strftime("%H:%M"),
        "place": "Buurthuis",
        "online_url": "",
        **extra,
    }


def test_the_admin_schedules_through_the_service(admin_client, course):
    response = admin_client.post(ADD, form(course["session"]))
    assert response.status_code == 302, response.content.decode()[:2000]
    moment = Moment.objects.get()
    assert moment.number == 1
    assert (
        OutboxMessage.objects.filter(key__startswith=f"intervision:invitation:{moment.pk}:").count()
        == 3
    )


def test_a_fourth_moment_in_the_admin_is_refused_with_a_clear_message(admin_client, course):
    for number in (1, 2, 3):
        MomentFactory(session=course["session"], number=number)
    response = admin_client.post(ADD, form(course["session"]))
    assert response.status_code == 200
    assert "Er zijn al drie intervisiemomenten" in response.content.decode()
    assert Moment.objects.count() == 3


def test_a_refusal_found_under_the_lock_is_a_message_not_a_500(admin_client, course):
    response = admin_client.post(ADD, form(course["session"], days=-3))
    assert response.status_code == 302
    messages = [str(m) for m in get_messages(response.wsgi_request)]
    assert messages == ["Kies een moment in de toekomst."]
    assert not Moment.objects.exists()


def test_course_settings_are_saved_through_the_service(admin_client, course):
    response = admin_client.post(
        "/django-admin/intervision/intervisionsettings/add/",
        {"course": course["session"].course.pk, "support_threshold": 5, "close_after_months": 9},
    )
    assert response.status_code == 302
    row = IntervisionSettings.objects.get()
    assert (row.support_threshold, row.close_after_months) == (5, 9)
    response = admin_client.post(
        "/django-admin/intervision/intervisionsettings/add/",
        {"course": course["session"].course.pk, "support_threshold": 500, "close_after_months": 9},
    )
    assert response.status_code == 200
