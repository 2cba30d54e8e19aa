"""The outbox: a message is written once, sent once, and survives a broker that is down."""

import threading
import time
from datetime import timedelta
from smtplib import SMTPException

import pytest
import redis.connection
from celery.exceptions import Retry
from django.core import mail
from django.core.mail.backends.locmem import EmailBackend
from django.db import connections, transaction
from django.urls import reverse
from django.utils import timezone

from config.celery_app import app
from notifications import services
from notifications.models import OutboxMessage
from notifications.tasks import outbox_sweep, send_outbox_message
from tests.celeryworker import reset_broker_pools

CLOSED_PORT_BROKER = "redis://127.0.0.1:1/0"


def _enqueue(key="test:1", to="anna@example.org"):
    return services.message_enqueue_email(
        key=key, to=to, subject="Hallo", body_text="Tekst", body_html="<p>Tekst</p>"
    )


@pytest.fixture
def broker_down(monkeypatch):
    """Point the Celery app at a closed loopback port; publishing must fail (fast).

    Yields the list of connection attempts made to that port: failing fast means one try (and
    redis-py's single reconnect), not a retry loop. Counted, not timed: a timing limit fails on
    a busy machine and passes a slow loop on a fast one.
    """
    attempts = []
    connect = redis.connection.Connection._connect

    def counting_connect(self):
        if self.port == 1:
            attempts.append(self.host)
        return connect(self)

    monkeypatch.setattr(redis.connection.Connection, "_connect", counting_connect)
    original = app.conf.broker_url
    app.conf.task_always_eager = False
    app.conf.broker_url = CLOSED_PORT_BROKER
    reset_broker_pools()
    yield attempts
    app.conf.broker_url = original
    reset_broker_pools()


# A publish that retried would try again and again (5 attempts with kombu's default retry
# policy, 3 without the transport's max_retries=0).
FAIL_FAST_ATTEMPTS = 2


@pytest.fixture
def flaky_mail(monkeypatch):
    """The mail server refuses the first ``fail_times`` sends, then accepts."""
    state = {"fail_times": 1, "calls": 0}
    original = EmailBackend.send_messages

    def send_messages(self, messages):
        state["calls"] += 1
        if state["calls"] <= state["fail_times"]:
            raise SMTPException("451 try again later")
        return original(self, messages)

    monkeypatch.setattr(EmailBackend, "send_messages", send_messages)
    return state


@pytest.mark.django_db
def test_enqueue_is_sent_after_commit_with_html(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        message = _enqueue()
        assert mail.outbox == []
    message.refresh_from_db()
    assert message.status == OutboxMessage.Status.SENT
    assert message.sent_at is not None
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["anna@example.org"]
    assert mail.outbox[0].alternatives[0][1] == "text/html"
    assert mail.outbox[0].extra_headers["X-Leerkring-Key"] == "test:1"


@pytest.mark.django_db
def test_same_key_is_written_once(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        first = _enqueue()
        second = _enqueue()
    assert first.pk == second.pk
    assert OutboxMessage.objects.count() == 1
    assert len(mail.outbox) == 1


@pytest.mark.django_db
def test_rolled_back_change_sends_nothing(django_capture_on_commit_callbacks):
    def change_that_fails():
        with transaction.atomic():
            _enqueue()
            raise RuntimeError("the change failed")

    with django_capture_on_commit_callbacks(execute=True), pytest.raises(RuntimeError):
        change_that_fails()
    assert not OutboxMessage.objects.exists()
    assert mail.outbox == []


@pytest.mark.django_db
def test_same_send_run_twice_sends_one_mail():
    message = OutboxMessage.objects.create(key="k", to="a@example.org", subject="s", body_text="t")
    assert send_outbox_message.delay(message.pk).get() is True
    assert send_outbox_message.delay(message.pk).get() is False
    assert services.message_send(message_id=message.pk) is False
    assert len(mail.outbox) == 1


@pytest.mark.django_db
def test_failed_send_asks_for_a_retry_and_the_retry_sends_once(flaky_mail):
    message = OutboxMessage.objects.create(key="k", to="a@example.org", subject="s", body_text="t")
    # Eagerly, Celery raises the Retry it would schedule (a real worker: test_celery_worker.py).
    with pytest.raises(Retry):
        send_outbox_message.delay(message.pk)
    message.refresh_from_db()
    assert message.status == OutboxMessage.Status.PENDING
    assert "451" in message.last_error
    assert mail.outbox == []
    assert send_outbox_message.delay(message.pk).get() is True
    assert send_outbox_message.delay(message.pk).get() is False
    message.refresh_from_db()
    assert message.status == OutboxMessage.Status.SENT
    assert message.attempts == 2
    assert flaky_mail["calls"] == 2
    assert len(mail.outbox) == 1


@pytest.mark.django_db
def test_failed_send_is_recorded_and_given_up_after_max_attempts(flaky_mail):
    flaky_mail["fail_times"] = 100
    message = OutboxMessage.objects.create(key="k", to="a@example.org", subject="s", body_text="t")
    for _ in range(services.MAX_ATTEMPTS):
        with pytest.raises(SMTPException):
            services.message_send(message_id=message.pk)
    message.refresh_from_db()
    assert message.status == OutboxMessage.Status.FAILED
    assert "451" in message.last_error
    assert services.outbox_sweep(older_than=timedelta(0)) == 0
    assert mail.outbox == []


@pytest.mark.django_db
def test_sweep_sends_only_pending_messages_old_enough():
    old = timezone.now() - timedelta(minutes=5)
    pending = OutboxMessage.objects.create(
        key="old", to="a@example.org", subject="s", body_text="t", created_at=old
    )
    OutboxMessage.objects.create(key="new", to="b@example.org", subject="s", body_text="t")
    OutboxMessage.objects.create(
        key="done",
        to="c@example.org",
        subject="s",
        body_text="t",
        created_at=old,
        status=OutboxMessage.Status.SENT,
        sent_at=old,
    )
    assert outbox_sweep.delay().get() == 1
    assert [m.to for m in mail.outbox] == [["a@example.org"]]
    pending.refresh_from_db()
    assert pending.status == OutboxMessage.Status.SENT


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_concurrent_sends_of_one_message_send_one_mail(monkeypatch):
    """Four workers get the same message at once: only one can claim the row and send it."""
    message = OutboxMessage.objects.create(key="k", to="a@example.org", subject="s", body_text="t")
    original = EmailBackend.send_messages

    def slow_send(self, messages):
        time.sleep(0.3)  # a slow mail server: the others find the row claimed meanwhile
        return original(self, messages)

    monkeypatch.setattr(EmailBackend, "send_messages", slow_send)
    barrier = threading.Barrier(4)
    results, errors = [], []

    def worker():
        try:
            barrier.wait()
            results.append(services.message_send(message_id=message.pk))
        except Exception as exc:  # pragma: no cover - reported below
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=worker) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    assert errors == []
    assert sorted(results) == [False, False, False, True]
    assert len(mail.outbox) == 1
    message.refresh_from_db()
    assert message.attempts == 1


@pytest.mark.django_db(transaction=True)
def test_broker_down_at_enqueue_fails_fast_and_the_sweep_delivers_later(broker_down):
    with transaction.atomic():
        message = _enqueue()
    assert 1 <= len(broker_down) <= FAIL_FAST_ATTEMPTS
    message.refresh_from_db()
    assert message.status == OutboxMessage.Status.PENDING
    assert mail.outbox == []

    # A minute later beat runs the sweep, which sends what the broker never got.
    OutboxMessage.objects.filter(pk=message.pk).update(
        created_at=timezone.now() - timedelta(minutes=1)
    )
    assert services.outbox_sweep() == 1
    message.refresh_from_db()
    assert message.status == OutboxMessage.Status.SENT
    assert len(mail.outbox) == 1


@pytest.mark.django_db(transaction=True)
def test_signup_works_while_the_broker_is_down(client, broker_down):
    response = client.post(
        reverse("account_signup"),
        {
            "display_name": "Piet Jansen",
            "email": "piet@example.org",
            "password1": "Sterk-wachtwoord-2026",
            "password2": "Sterk-wachtwoord-2026",
            "organisation": "",
            "phone": "",
            "privacy_consent": "on",
        },
    )
    assert response.status_code == 302
    assert 1 <= len(broker_down) <= FAIL_FAST_ATTEMPTS  # one mail, one fast failed publish
    message = OutboxMessage.objects.get(to="piet@example.org")
    assert message.status == OutboxMessage.Status.PENDING
    assert mail.outbox == []
    assert services.outbox_sweep(older_than=timedelta(0)) == 1
    assert "confirm-email" in mail.outbox[0].body
