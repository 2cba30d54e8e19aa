"""Root fixtures and the service policy of the suite.

Tests marked ``postgres``, ``redis`` or ``e2e`` need a real service. Without it they are skipped
with a reason on a developer's machine; with ``CI=true`` such a skip is a failure, so CI can never
pass by not running them.
"""

import os
import shutil
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.conf import settings
from django.core.cache import cache

from tests.accounts.factories import UserFactory
from tests.querycount import assert_constant_queries

BASE_DIR = Path(settings.BASE_DIR)
CI = os.environ.get("CI", "").lower() in {"1", "true", "yes"}
CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
AXE = BASE_DIR / "node_modules" / "axe-core" / "axe.min.js"


def _service_missing(item) -> str | None:
    if item.get_closest_marker("postgres") and not settings.USING_POSTGRES:
        return "needs PostgreSQL: set DATABASE_URL=postgres://..."
    if item.get_closest_marker("redis") and not settings.REDIS_URL:
        return "needs Redis: set REDIS_URL=redis://..."
    if item.get_closest_marker("e2e"):
        if not (Path(CHROMIUM).exists() or shutil.which(CHROMIUM)):
            return f"needs Chromium at {CHROMIUM} (apt install chromium)"
        if not AXE.exists():
            return "needs axe-core: npm ci"
    return None


def pytest_collection_modifyitems(items):
    """Transactional tests (real workers, threads, the live server) restore the migrated data.

    Flushing after a transactional test wipes what migrations created (role groups, regions, the
    Wagtail root and home page, the site). Every such test therefore runs with
    ``serialized_rollback``: the database as migrated is serialized once per session and loaded
    back before the test. Nothing to do in a test: mark it ``django_db(transaction=True)`` or use
    ``live_server``/``transactional_db``.
    """
    for item in items:
        marker = item.get_closest_marker("django_db")
        fixtures = getattr(item, "fixturenames", ())
        if marker is not None:
            if marker.kwargs.get("transaction") and "serialized_rollback" not in marker.kwargs:
                kwargs = {**marker.kwargs, "serialized_rollback": True}
                item.add_marker(pytest.mark.django_db(*marker.args, **kwargs), append=False)
        elif "transactional_db" in fixtures or "live_server" in fixtures:
            item.add_marker(
                pytest.mark.django_db(transaction=True, serialized_rollback=True), append=False
            )


@pytest.fixture(scope="session", autouse=True)
def _migrated_data(django_db_setup, django_db_blocker):
    """Keep the serialized migrated data reachable, and leave it in the database at the end.

    Django keeps the serialized data on the connection object, but Playwright's event loop gives
    the test thread another connection object (asgiref locals are per context): without this,
    transactional browser tests would neither skip post-migrate on flush nor restore the data.
    With ``--reuse-db`` the next run starts from this database, so it must not be left empty.
    """
    from django.db import connections

    contents = getattr(connections["default"], "_test_serialized_contents", None)
    if contents:
        type(connections["default"])._test_serialized_contents = contents
    yield
    if not contents:
        return
    from django.contrib.auth.models import Group
    from django.core.management import call_command

    with django_db_blocker.unblock():
        if not Group.objects.exists():
            call_command("flush", interactive=False, inhibit_post_migrate=True, verbosity=0)
            connections["default"].creation.deserialize_db_from_string(contents)


def pytest_runtest_setup(item):
    reason = _service_missing(item)
    if reason:
        if CI:
            pytest.fail(f"CI=true and a required service is missing: {reason}", pytrace=False)
        pytest.skip(reason)


@pytest.fixture(autouse=True)
def _isolate(settings):
    """Every test starts with an empty cache (rate limits, page cache) and eager Celery."""
    from config.celery_app import app

    cache.clear()
    app.conf.task_always_eager = True
    app.conf.task_eager_propagates = True
    yield
    cache.clear()


# "Now" for tests about now + a few hours: a Tuesday morning, far from midnight and DST changes.
FROZEN_NOW = datetime(2026, 12, 1, 9, 0, tzinfo=ZoneInfo("Europe/Amsterdam"))


@pytest.fixture
def frozen_now():
    """The clock at ``FROZEN_NOW`` (ticking), so "in 5 hours" is the same day at any real hour."""
    with time_machine.travel(FROZEN_NOW, tick=True):
        yield FROZEN_NOW


@pytest.fixture
def user(db):
    return UserFactory()


@pytest.fixture
def participant(db):
    return UserFactory(role="participant")


@pytest.fixture
def trainer(db):
    return UserFactory(role="trainer")


@pytest.fixture
def national_staff(db):
    return UserFactory(role="national_staff", with_mfa=True)


@pytest.fixture
def superuser(db):
    return UserFactory(is_superuser=True, is_staff=True, with_mfa=True)


@pytest.fixture
def constant_queries(django_assert_num_queries):
    """``constant_queries(make_data, request)``: same query count at two data sizes."""
    return assert_constant_queries


def pytest_configure(config):
    # Hashing is not what these tests are about; a fast hasher keeps the suite quick.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    _compile_messages()


def _compile_messages():
    """``make test`` compiles the catalogues; a bare ``pytest`` must see the current ones too."""
    import polib

    for locale_path in settings.LOCALE_PATHS:
        for po_path in Path(locale_path).glob("*/LC_MESSAGES/*.po"):
            mo_path = po_path.with_suffix(".mo")
            if not mo_path.exists() or mo_path.stat().st_mtime < po_path.stat().st_mtime:
                polib.pofile(str(po_path)).save_as_mofile(str(mo_path))
