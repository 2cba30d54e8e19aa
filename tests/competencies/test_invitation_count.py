"""The invitation job answers how many mails it wrote new, not how many exist."""

from datetime import timedelta

import pytest
import time_machine

from competencies import services
from notifications.models import OutboxMessage

from .factories import course_session

pytestmark = pytest.mark.django_db


def test_a_rerun_of_the_invitations_counts_no_mail():
    session, _ = course_session(participants=2)
    first = session.meetings.first().starts_at
    with time_machine.travel(first - timedelta(days=9), tick=False):
        assert services.moment_invitations_send() == 2
        assert services.moment_invitations_send() == 0
        course_session(participants=1, starts_in=timedelta(days=10))
        assert services.moment_invitations_send() == 1
    assert OutboxMessage.objects.filter(key__startswith="competencies:invite:").count() == 3
