"""Production settings pass Django's deploy check and refuse unsafe values (subprocesses)."""

import os
import secrets
import subprocess
import sys

from django.conf import settings


def _manage(*args, **env):
    environment = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DJANGO_", "LEERKRING_", "CELERY_", "PYTEST"))
    }
    environment.update(
        DJANGO_ENV="production",
        DJANGO_SECRET_KEY=secrets.token_urlsafe(64),
        DJANGO_ALLOWED_HOSTS="leerkring.example",
        REDIS_URL=os.environ.get("REDIS_URL") or "redis://127.0.0.1:6379/0",
        DJANGO_SETTINGS_MODULE="config.settings",
    )
    environment.update(env)
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=settings.BASE_DIR,
        env=environment,
        capture_output=True,
        text=True,
        timeout=180,
    )


def test_production_settings_pass_the_deploy_check_without_warnings():
    result = _manage("check", "--deploy", "--fail-level", "WARNING")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_refuses_to_start_with_staff_mfa_relaxed():
    result = _manage("check", LEERKRING_REQUIRE_STAFF_MFA="false")
    assert result.returncode != 0
    assert "LEERKRING_REQUIRE_STAFF_MFA" in result.stderr


def test_production_refuses_a_short_secret_key():
    result = _manage("check", DJANGO_SECRET_KEY="short")
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY" in result.stderr


def test_production_refuses_eager_tasks():
    result = _manage("check", "--deploy", REDIS_URL="", CELERY_TASK_ALWAYS_EAGER="true")
    assert result.returncode != 0
    assert "leerkring.E002" in result.stdout + result.stderr


def test_production_refuses_to_start_without_a_secret_key():
    result = _manage("check", DJANGO_SECRET_KEY="")
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY" in result.stderr
