"""The trainers' daily digest reads its data in a fixed number of queries."""

from datetime import timedelta

import pytest
from django.utils import timezone

from courses import services
from notifications.models import OutboxMessage
from tests.courses.factories import (
    AssignmentFactory,
    EnrolmentFactory,
    SessionFactory,
    TrainerFactory,
)

pytestmark = pytest.mark.django_db


def test_trainer_digest_queries_do_not_grow_with_sessions_and_assignments(constant_queries):
    yesterday = timezone.now() - timedelta(days=1)
    day = timezone.localdate(yesterday)
    trainers = [TrainerFactory(), TrainerFactory()]

    def grow(n):
        OutboxMessage.objects.all().delete()  # each count writes both digests anew
        for _ in range(n):
            session = SessionFactory()
            AssignmentFactory(session=session, trainer=trainers[0], role="lead")
            AssignmentFactory(session=session, trainer=trainers[1], role="co_trainer")
            EnrolmentFactory(session=session, created_at=yesterday)
            EnrolmentFactory(session=session, created_at=yesterday, support_person_name="Jan")

    constant_queries(grow=grow, action=lambda: services.trainer_digest_send(day=day))
    digest = OutboxMessage.objects.get(to=trainers[0].email)
    assert digest.body_text.count("Plaatsen bezet: 3 / 10") == 12
