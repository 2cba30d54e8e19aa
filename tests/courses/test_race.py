"""Concurrent enrolments on PostgreSQL: the session row lock is what keeps capacity.

Each thread enrols a different person into one session at the same moment. A short pause is put
between counting the seats and writing the enrolment (in both runs), so the window a missing lock
would leave open is wide: with the lock nobody can use it; without it the session oversells. The
control run proves the test can fail.
"""

import time

import pytest

from courses import services
from courses.models import Enrolment, Session
from courses.services import _base, enrolment
from tests.accounts.factories import UserFactory
from tests.concurrency import at_once
from tests.courses.factories import SessionFactory

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

RESTORE_SERIALIZED_DB = True
CAPACITY = 5
THREADS = 16


@pytest.fixture
def slow_count(monkeypatch):
    real = enrolment.seats_taken

    def slow(session):
        taken = real(session)
        time.sleep(0.02)
        return taken

    monkeypatch.setattr(enrolment, "seats_taken", slow)


def _race(session: Session, users) -> list[str]:
    return at_once(
        [
            lambda user=user: services.enrolment_create(actor=user, session=session, user=user)
            for user in users
        ]
    )


def _confirmed(session):
    return session.enrolments.filter(status=Enrolment.Status.CONFIRMED).count()


def test_the_lock_never_oversells(slow_count):
    for _ in range(4):
        session = SessionFactory(capacity=CAPACITY)
        users = [UserFactory() for _ in range(THREADS)]
        errors = _race(session, users)
        assert errors == []
        assert _confirmed(session) == CAPACITY
        waiting = session.enrolments.filter(status=Enrolment.Status.WAITLISTED)
        assert waiting.count() == THREADS - CAPACITY


def test_without_the_lock_it_oversells(slow_count, monkeypatch):
    """Control: the same race with ``select_for_update`` taken away."""
    monkeypatch.setattr(_base, "lock_session", lambda pk: Session.objects.get(pk=pk))
    oversold = 0
    for _ in range(3):
        session = SessionFactory(capacity=CAPACITY)
        errors = _race(session, [UserFactory() for _ in range(THREADS)])
        assert errors == []
        oversold = max(oversold, _confirmed(session) - CAPACITY)
    assert oversold > 0
