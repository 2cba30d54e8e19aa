"""Delivery through a real Celery worker consuming from Redis (CI runs these; see markers)."""

from datetime import timedelta

import pytest
from django.core import mail
from django.db import transaction
from django.utils import timezone

from config.celery_app import app
from notifications import services
from notifications.models import OutboxMessage
from notifications.tasks import outbox_sweep, ping, send_outbox_message
from tests.celeryworker import reset_broker_pools, running_worker, wait_until

pytestmark = [
    pytest.mark.redis,
    pytest.mark.postgres,
    pytest.mark.django_db(transaction=True),
]


def _status(pk):
    return OutboxMessage.objects.get(pk=pk).status


def test_worker_delivers_a_message_enqueued_in_a_transaction():
    with running_worker():
        assert ping.delay().get(timeout=20) == "pong"
        with transaction.atomic():
            message = services.message_enqueue_email(
                key="worker:1", to="anna@example.org", subject="Hallo", body_text="Tekst"
            )
        wait_until(lambda: _status(message.pk) == OutboxMessage.Status.SENT)
        assert [m.to for m in mail.outbox] == [["anna@example.org"]]

        # A duplicate delivery of the task (or a retry after a lost ack) sends nothing more.
        # Tasks store no result (nobody reads it): a ping after them proves they have run.
        send_outbox_message.delay(message.pk)
        send_outbox_message.delay(message.pk)
        assert ping.delay().get(timeout=20) == "pong"
    assert len(mail.outbox) == 1
    message.refresh_from_db()
    assert message.attempts == 1


def test_worker_retries_a_failed_send_and_sends_once(smtp_fails_once):
    calls = smtp_fails_once
    with running_worker():
        with transaction.atomic():
            message = services.message_enqueue_email(
                key="worker:retry", to="anna@example.org", subject="Hallo", body_text="Tekst"
            )
        wait_until(lambda: _status(message.pk) == OutboxMessage.Status.SENT, timeout=30)
    message.refresh_from_db()
    assert message.attempts == 2
    assert len(calls) == 2
    assert len(mail.outbox) == 1


def test_message_enqueued_while_broker_down_is_delivered_by_the_sweep_task():
    original = app.conf.broker_url
    app.conf.task_always_eager = False
    app.conf.broker_url = "redis://127.0.0.1:1/0"
    reset_broker_pools()
    try:
        with transaction.atomic():
            message = services.message_enqueue_email(
                key="worker:down", to="anna@example.org", subject="Hallo", body_text="Tekst"
            )
    finally:
        app.conf.broker_url = original
        reset_broker_pools()
    assert _status(message.pk) == OutboxMessage.Status.PENDING

    # Redis is back; a minute later beat's sweep runs on the worker.
    OutboxMessage.objects.filter(pk=message.pk).update(
        created_at=timezone.now() - timedelta(minutes=1)
    )
    with running_worker():
        outbox_sweep.delay()
        wait_until(lambda: _status(message.pk) == OutboxMessage.Status.SENT)
    assert len(mail.outbox) == 1
