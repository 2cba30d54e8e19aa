"""The bare competency-list consents move to accounts' consent records (data migration)."""

from datetime import UTC, datetime

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

pytestmark = pytest.mark.django_db(transaction=True)

BEFORE = [("competencies", "0004_icon_keys"), ("accounts", "0004_privacy_notice_v1")]
AFTER = [("competencies", "0005_consent_to_accounts")]


def test_existing_consents_become_records_under_notice_version_one():
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    apps = executor.loader.project_state(BEFORE).apps
    user = apps.get_model("accounts", "User").objects.create(email="oud@example.org")
    given = datetime(2025, 3, 4, 10, 0, tzinfo=UTC)
    apps.get_model("competencies", "Consent").objects.create(user=user, given_at=given)

    executor = MigrationExecutor(connection)
    executor.migrate(AFTER)
    apps = executor.loader.project_state(AFTER).apps
    [record] = apps.get_model("accounts", "ConsentRecord").objects.filter(user_id=user.pk)
    assert record.purpose == "competencies"
    assert record.notice.version == 1
    assert record.given_at == given
    assert record.withdrawn_at is None
    assert record.replaced_at is None

    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(executor.loader.graph.leaf_nodes())
