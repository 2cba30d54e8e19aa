"""Concurrent scheduling on PostgreSQL: the session row lock is what keeps "never a fourth".

Threads schedule a moment for one session at the same moment. A short pause is put between
counting the moments and writing one (in every run), so the window a missing lock would leave
open is wide. With the lock: three moments, numbered 1-3, every other caller refused with the
domain error. Without the lock but with the database constraint: still never more than three,
the constraint refuses the rest (the last line). Control: without lock and constraint the series
oversells, which proves the race is real and the test can fail.
"""

import threading
import time

import pytest
from django.db import IntegrityError, connection

from intervision import selectors, services
from intervision.exceptions import MomentLimitReached
from intervision.models import Moment
from intervision.services import _base

from .factories import completed_session, moment_times

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

RESTORE_SERIALIZED_DB = True
THREADS = 8
CONSTRAINT = "intervision_moment_number_per_session"


@pytest.fixture
def slow_count(monkeypatch):
    real = selectors.used_numbers

    def slow(**kwargs):
        used = real(**kwargs)
        time.sleep(0.05)
        return used

    monkeypatch.setattr(selectors, "used_numbers", slow)


@pytest.fixture
def no_lock(monkeypatch):
    def unlocked(*, session=None, group=None):
        from courses.models import Session

        return Session.objects.get(pk=session.pk)

    monkeypatch.setattr(_base, "lock_series", unlocked)


@pytest.fixture
def no_constraint():
    """Drop the conditional unique index for one test, and put it back whatever happens."""
    constraint = next(c for c in Moment._meta.constraints if c.name == CONSTRAINT)
    with connection.schema_editor() as editor:
        editor.remove_constraint(Moment, constraint)
    try:
        yield
    finally:
        Moment.objects.all().delete()
        with connection.schema_editor() as editor:
            editor.add_constraint(Moment, constraint)


def _race(session, trainer) -> list[Exception]:
    barrier = threading.Barrier(THREADS)
    errors: list[Exception] = []
    starts, ends = moment_times(7)

    def worker():
        try:
            barrier.wait()
            services.moment_schedule(
                actor=trainer, session=session, starts_at=starts, ends_at=ends, place="Hier"
            )
        except Exception as exc:  # collected: the assertions say what went wrong
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=worker) for _ in range(THREADS)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return errors


def _live(session):
    return list(
        Moment.objects.filter(session=session)
        .exclude(status="cancelled")
        .order_by("number")
        .values_list("number", flat=True)
    )


def test_the_lock_never_makes_a_fourth(slow_count):
    for _ in range(3):
        session, trainer, _people = completed_session(attendees=2)
        errors = _race(session, trainer)
        assert _live(session) == [1, 2, 3]
        assert len(errors) == THREADS - 3
        assert all(isinstance(e, MomentLimitReached) for e in errors), errors


def test_without_the_lock_the_constraint_still_holds(slow_count, no_lock):
    session, trainer, _people = completed_session(attendees=2)
    errors = _race(session, trainer)
    live = _live(session)
    assert len(live) <= 3
    assert len(set(live)) == len(live)
    assert any(isinstance(e, IntegrityError) for e in errors), errors


def test_without_lock_and_constraint_it_oversells(slow_count, no_lock, no_constraint):
    """Control: the same race with ``select_for_update`` and the unique index taken away."""
    oversold = 0
    for _ in range(3):
        session, trainer, _people = completed_session(attendees=2)
        errors = _race(session, trainer)
        assert not [e for e in errors if not isinstance(e, MomentLimitReached)], errors
        oversold = max(oversold, len(_live(session)) - 3)
    assert oversold > 0
