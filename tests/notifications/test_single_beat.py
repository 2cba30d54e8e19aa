"""Exactly one beat sends the periodic tasks; a second one started by mistake stands by and takes
over only when the first is gone (config/beat.py)."""

import pytest
import redis
from django_celery_beat.schedulers import DatabaseScheduler

from config import beat
from config.celery_app import app

pytestmark = [pytest.mark.redis, pytest.mark.django_db]


@pytest.fixture
def beat_redis():
    client = redis.Redis.from_url(app.conf.broker_url)
    client.delete(beat.LOCK_KEY)
    yield client
    client.delete(beat.LOCK_KEY)


@pytest.fixture
def dispatched(monkeypatch):
    """Which beat ran a scheduling round (the part that sends due tasks)."""
    rounds = []

    def tick(self, *args, **kwargs):
        rounds.append(self.name)
        return 1.0

    monkeypatch.setattr(DatabaseScheduler, "tick", tick)
    return rounds


def _beat(name):
    scheduler = beat.SingleBeatScheduler(app=app, lazy=True)
    scheduler.name = name
    return scheduler


def test_a_second_beat_sends_nothing_while_the_first_runs(beat_redis, dispatched):
    first, second = _beat("first"), _beat("second")
    for _ in range(3):
        first.tick()
        second.tick()
    assert dispatched == ["first"] * 3
    assert beat_redis.ttl(beat.LOCK_KEY) > 0


def test_the_standby_takes_over_when_the_first_beat_stops(beat_redis, dispatched):
    first, second = _beat("first"), _beat("second")
    first.tick()
    second.tick()
    first.close()
    second.tick()
    first.tick()  # a beat that was stopped and started again now stands by
    assert dispatched == ["first", "second"]


def test_the_standby_takes_over_when_the_first_beats_lock_runs_out(beat_redis, dispatched):
    first, second = _beat("first"), _beat("second")
    first.tick()
    beat_redis.delete(beat.LOCK_KEY)  # the first beat was killed; its lock ran out
    second.tick()
    first.tick()  # it comes back: the lock is someone else's now
    second.tick()
    assert dispatched == ["first", "second", "second"]


def test_with_redis_unreachable_no_beat_sends(beat_redis, dispatched, monkeypatch):
    monkeypatch.setattr(app.conf, "broker_url", "redis://127.0.0.1:1/0")
    lonely = _beat("lonely")
    assert lonely.tick() == beat.CHECK_EVERY
    assert dispatched == []
