"""A sender claims a row before it calls the mail server: no lock is held over SMTP, a second
sender backs off at once, and a sender that dies mid-send is replaced when its claim runs out."""

import threading
from datetime import timedelta

import pytest
import time_machine
from django.core import mail
from django.core.mail.backends.locmem import EmailBackend
from django.db import connections
from django.utils import timezone

from notifications import services
from notifications.models import OutboxMessage


def _message(**kwargs):
    return OutboxMessage.objects.create(
        key="k", to="a@example.org", subject="s", body_text="t", **kwargs
    )


@pytest.fixture
def sends(monkeypatch):
    """Counts the mails handed to the (locmem) mail server; ``during`` runs inside a send."""
    state = {"count": 0, "during": None}
    original = EmailBackend.send_messages

    def send_messages(self, messages):
        state["count"] += 1
        if state["during"]:
            state["during"]()
        return original(self, messages)

    monkeypatch.setattr(EmailBackend, "send_messages", send_messages)
    return state


class ProcessDied(BaseException):
    """Stands for SIGKILL in the middle of an SMTP conversation (nothing after it runs)."""


@pytest.mark.django_db
def test_a_sender_that_died_is_replaced_after_its_claim_runs_out(sends):
    message = _message()
    start = timezone.now()

    def die():
        raise ProcessDied

    sends["during"] = die
    with time_machine.travel(start, tick=False), pytest.raises(ProcessDied):
        services.message_send(message_id=message.pk)
    message.refresh_from_db()
    assert message.status == OutboxMessage.Status.SENDING
    sends["during"] = None
    with time_machine.travel(start + services.CLAIM_LEASE - timedelta(seconds=1)):
        assert services.message_send(message_id=message.pk) is False
        assert services.outbox_sweep(older_than=timedelta(0)) == 0
    with time_machine.travel(start + services.CLAIM_LEASE + timedelta(seconds=1)):
        assert services.outbox_sweep(older_than=timedelta(0)) == 1
    message.refresh_from_db()
    assert message.status == OutboxMessage.Status.SENT
    assert message.claimed_until is None
    assert message.attempts == 2
    assert len(mail.outbox) == 1


@pytest.mark.django_db
def test_a_failed_send_gives_the_row_back_for_a_retry(sends):
    message = _message()

    def refuse():
        raise ConnectionRefusedError("smtp down")

    sends["during"] = refuse
    with pytest.raises(ConnectionRefusedError):
        services.message_send(message_id=message.pk)
    message.refresh_from_db()
    assert (message.status, message.claimed_until) == (OutboxMessage.Status.PENDING, None)
    assert "smtp down" in message.last_error
    sends["during"] = None
    assert services.message_send(message_id=message.pk) is True
    assert services.message_send(message_id=message.pk) is False
    assert sends["count"] == 2
    assert len(mail.outbox) == 1


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_no_row_lock_is_held_while_the_mail_server_is_slow(sends):
    """While the first sender talks SMTP, a second sender is answered at once (it used to wait
    for the first one's row lock, so a slow mail server stalled every worker)."""
    message = _message()
    second = {}

    def run_second():
        try:
            second["result"] = services.message_send(message_id=message.pk)
        finally:
            connections.close_all()

    def while_sending():
        other = threading.Thread(target=run_second)
        other.start()
        other.join(10)
        second["done_during_send"] = not other.is_alive()
        second["thread"] = other

    sends["during"] = while_sending
    assert services.message_send(message_id=message.pk) is True
    second["thread"].join(30)
    assert second["done_during_send"] is True
    assert second["result"] is False
    assert sends["count"] == 1
    assert len(mail.outbox) == 1


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_two_workers_given_one_message_send_it_once(sends):
    message = _message()
    barrier = threading.Barrier(2)
    results, errors = [], []

    def worker():
        try:
            barrier.wait(10)
            results.append(services.message_send(message_id=message.pk))
        except Exception as exc:  # pragma: no cover - reported below
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=worker) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    assert errors == []
    assert sorted(results) == [False, True]
    assert sends["count"] == 1
    message.refresh_from_db()
    assert (message.status, message.attempts) == (OutboxMessage.Status.SENT, 1)


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_two_sweeps_at_once_send_each_message_once(sends):
    """Two beats (or a beat and a retry) sweeping together: every pending row is sent once."""
    old = timezone.now() - timedelta(minutes=5)
    for n in range(10):
        OutboxMessage.objects.create(
            key=f"k{n}", to=f"p{n}@example.org", subject="s", body_text="t", created_at=old
        )
    barrier = threading.Barrier(2)
    counts, errors = [], []

    def sweep():
        try:
            barrier.wait(10)
            counts.append(services.outbox_sweep())
        except Exception as exc:  # pragma: no cover - reported below
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=sweep) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    assert errors == []
    assert sum(counts) == 10
    assert sends["count"] == 10
    assert sorted(m.to[0] for m in mail.outbox) == sorted(f"p{n}@example.org" for n in range(10))
    assert set(OutboxMessage.objects.values_list("attempts", flat=True)) == {1}
