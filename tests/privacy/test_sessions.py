"""Staff sessions end after 30 idle minutes; "log uit op alle apparaten" ends every session."""

from datetime import timedelta

import pytest
import time_machine
from django.conf import settings
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from accounts.models import AuditEntry
from tests.accounts.factories import PASSWORD

pytestmark = pytest.mark.django_db

DASHBOARD = reverse("accounts:dashboard")
LOGIN = reverse("account_login")


def test_the_default_staff_timeout_is_thirty_minutes():
    assert settings.STAFF_IDLE_TIMEOUT == 30 * 60


def test_staff_are_logged_out_after_thirty_idle_minutes(client, national_staff):
    start = timezone.now()
    with time_machine.travel(start, tick=False) as clock:
        client.force_login(national_staff)
        assert client.get(DASHBOARD).status_code == 200
        clock.shift(timedelta(minutes=20))
        assert client.get(DASHBOARD).status_code == 200  # activity restarts the clock
        clock.shift(timedelta(minutes=29))
        assert client.get(DASHBOARD).status_code == 200
        clock.shift(timedelta(minutes=31))
        response = client.get(DASHBOARD)
        assert response.status_code == 302
        assert response["Location"] == f"{LOGIN}?next=%2Fmijn%2F"
        # Logged out for real: the next page asks to log in again.
        assert client.get(DASHBOARD)["Location"].startswith(LOGIN)


def test_administrators_time_out_too(client, superuser):
    start = timezone.now()
    with time_machine.travel(start, tick=False) as clock:
        client.force_login(superuser)
        assert client.get(DASHBOARD).status_code == 200
        clock.shift(timedelta(minutes=45))
        assert client.get(DASHBOARD)["Location"].startswith(LOGIN)


def test_participants_keep_their_session_when_idle(client, participant):
    start = timezone.now()
    with time_machine.travel(start, tick=False) as clock:
        client.force_login(participant)
        assert client.get(DASHBOARD).status_code == 200
        clock.shift(timedelta(hours=5))
        assert client.get(DASHBOARD).status_code == 200


def test_log_out_everywhere_ends_the_other_sessions_too(client, participant):
    other_device = Client()
    assert other_device.login(email=participant.email, password=PASSWORD)
    client.force_login(participant)
    assert other_device.get(DASHBOARD).status_code == 200
    assert client.get(reverse("accounts:logout_everywhere")).status_code == 200
    response = client.post(reverse("accounts:logout_everywhere"))
    assert response["Location"] == LOGIN
    assert other_device.get(DASHBOARD)["Location"].startswith(LOGIN)
    assert client.get(DASHBOARD)["Location"].startswith(LOGIN)
    assert AuditEntry.objects.filter(verb="user.sessions_ended", target_id=participant.pk).exists()
    # Logging in again works, and an unrelated person's session was never touched.
    assert other_device.login(email=participant.email, password=PASSWORD)
    assert other_device.get(DASHBOARD).status_code == 200


def test_log_out_everywhere_leaves_other_people_logged_in(client, participant, trainer):
    someone_else = Client()
    someone_else.force_login(trainer)
    client.force_login(participant)
    client.post(reverse("accounts:logout_everywhere"))
    assert someone_else.get(DASHBOARD).status_code == 200
