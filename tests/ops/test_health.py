"""/health/: 200 when database, migrations, Redis and beat are fine; 503 naming what is not."""

import json
import time

import pytest
from django.db import connections

from config import health
from tests.accounts.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def beat_alive(settings):
    settings.HEALTH_REQUIRE_BEAT = True
    settings.HEALTH_BEAT_MAX_AGE = 120
    health.beat_heartbeat()


def _get(client):
    response = client.get("/health/")
    return response.status_code, json.loads(response.content)


def test_all_checks_pass(client, beat_alive):
    status, body = _get(client)
    assert status == 200
    assert body["status"] == "ok"
    assert body["checks"]["database"] == "ok"
    assert body["checks"]["migrations"] == "ok"
    assert body["checks"]["beat"] == "ok"
    assert body["checks"]["redis"] in ("ok", "skipped")  # skipped: the embedded default
    assert 0 <= body["beat_age_seconds"] < 120  # a fresh heartbeat (a slow first request too)
    assert response_is_not_cached(client)


def response_is_not_cached(client):
    return "no-cache" in client.get("/health/")["Cache-Control"]


def test_no_personal_data_in_the_answer(client, beat_alive):
    UserFactory(email="sanne.health@example.org", display_name="Sanne Gezondheid")
    content = client.get("/health/").content.decode()
    assert "@" not in content
    assert "Sanne" not in content
    assert set(json.loads(content)) <= {"status", "checks", "beat_age_seconds"}


def test_database_unreachable(client, beat_alive, monkeypatch):
    def broken_cursor(*args, **kwargs):
        raise health.connections["default"].Database.OperationalError("connection refused")

    monkeypatch.setattr(connections["default"], "cursor", broken_cursor)
    monkeypatch.setattr(health, "_migrations_applied", True)
    status, body = _get(client)
    assert status == 503
    assert body["status"] == "fail"
    assert body["checks"]["database"] == "error: OperationalError"


def test_unapplied_migrations(client, beat_alive, monkeypatch):
    monkeypatch.setattr(health, "_migrations_applied", False)
    monkeypatch.setattr(
        health.MigrationExecutor, "migration_plan", lambda self, targets: [("a migration", False)]
    )
    status, body = _get(client)
    assert status == 503
    assert body["checks"]["migrations"] == "unapplied"


def test_applied_migrations_are_remembered(client, beat_alive, monkeypatch):
    monkeypatch.setattr(health, "_migrations_applied", False)
    assert _get(client)[0] == 200
    assert health._migrations_applied is True


def test_redis_unreachable(client, beat_alive, settings):
    settings.CELERY_BROKER_URL = "redis://127.0.0.1:1/0"  # nothing listens on port 1
    started = time.monotonic()
    status, body = _get(client)
    assert status == 503
    assert body["checks"]["redis"] == "error: ConnectionError"
    assert time.monotonic() - started < 5  # a hanging Redis must not hang the load balancer


@pytest.mark.redis
def test_redis_reachable(client, beat_alive):
    status, body = _get(client)
    assert body["checks"]["redis"] == "ok"
    assert status == 200


def test_beat_heartbeat_missing(client, settings):
    settings.HEALTH_REQUIRE_BEAT = True
    status, body = _get(client)
    assert status == 503
    assert body["checks"]["beat"] == "missing"
    assert "beat_age_seconds" not in body


def test_beat_heartbeat_stale(client, settings):
    settings.HEALTH_REQUIRE_BEAT = True
    settings.HEALTH_BEAT_MAX_AGE = 120
    health.beat_heartbeat(now=time.time() - 300)
    status, body = _get(client)
    assert status == 503
    assert body["checks"]["beat"] == "stale"
    assert body["beat_age_seconds"] >= 300


def test_no_beat_expected_without_a_broker(client, settings):
    settings.HEALTH_REQUIRE_BEAT = False
    status, body = _get(client)
    assert body["checks"]["beat"] == "skipped"
    assert status == 200


def test_the_active_beat_writes_the_heartbeat(settings, monkeypatch):
    from django_celery_beat.schedulers import DatabaseScheduler

    from config import beat
    from config.celery_app import app

    settings.HEALTH_REQUIRE_BEAT = True
    monkeypatch.setattr(DatabaseScheduler, "tick", lambda self, *a, **k: 1.0)
    monkeypatch.setattr(beat.SingleBeatScheduler, "hold_lock", lambda self: True)
    assert health.beat_age() is None
    beat.SingleBeatScheduler(app=app, lazy=True).tick()
    assert health.beat_age() < 5
    assert health.check_beat() == "ok"


def test_a_standby_beat_writes_no_heartbeat(settings, monkeypatch):
    from config import beat
    from config.celery_app import app

    monkeypatch.setattr(beat.SingleBeatScheduler, "hold_lock", lambda self: False)
    beat.SingleBeatScheduler(app=app, lazy=True).tick()
    assert health.beat_age() is None


def test_post_is_refused(client):
    assert client.post("/health/").status_code == 405
