"""Messages rendered by their sender: the request writes one small row (a renderer's name, ids
and the facts of the moment), the send task renders it once, stores it and sends it."""

import datetime as dt
from smtplib import SMTPException
from types import SimpleNamespace

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.db import transaction
from django.test import override_settings
from django.utils import translation

from notifications import services
from notifications.models import OutboxMessage
from tests.accounts.factories import UserFactory

pytestmark = pytest.mark.django_db

KIND = "tests.erasure_notice"
CALLS = []


def _erasure_notice(context: dict) -> services.Rendering:
    """A renderer as an app registers one: it reads what the ids point at, and takes the facts
    of the moment from the context."""
    CALLS.append(context)
    person = get_user_model().objects.get(pk=context["person"])
    return services.Rendering(
        template="accounts/email/erasure",
        context={
            "person": person,
            "request": SimpleNamespace(execute_after=dt.date.fromisoformat(context["on"])),
            "undo_url": "https://leerkring.example/mijn-gegevens/",
        },
        attachments=[{"filename": "a.txt", "content": "bijlage", "mimetype": "text/plain"}],
    )


@pytest.fixture(autouse=True)
def renderer():
    services.register_renderer(KIND, _erasure_notice)
    CALLS.clear()
    yield
    services._RENDERERS.pop(KIND, None)


def _later(person, key="tests:later:1", on="2027-01-15"):
    return services.message_enqueue_later(
        key=key, to=person.email, kind=KIND, context={"person": person.pk, "on": on}
    )


def test_the_row_is_small_and_the_sender_renders_it_once(django_capture_on_commit_callbacks):
    person = UserFactory(display_name="Anna de Vries")
    with django_capture_on_commit_callbacks(execute=True):
        message = _later(person)
        row = OutboxMessage.objects.get(pk=message.pk)
        assert (row.subject, row.body_text, row.body_html, row.attachments) == ("", "", "", [])
        assert row.language == "nl"
        assert CALLS == []
    row.refresh_from_db()
    assert row.status == OutboxMessage.Status.SENT
    assert row.subject == "We gaan je gegevens wissen"
    assert "Hallo Anna" in row.body_text
    assert "15 januari 2027" in row.body_text
    assert "<p>" in row.body_html
    [sent] = mail.outbox
    assert sent.subject == row.subject
    assert sent.body == row.body_text
    assert sent.alternatives[0] == (row.body_html, "text/html")
    assert sent.attachments == [("a.txt", "bijlage", "text/plain")]
    assert sent.extra_headers["X-Leerkring-Key"] == "tests:later:1"
    assert services.message_send(message_id=row.pk) is False
    assert len(CALLS) == 1


def test_same_key_is_written_once_and_no_address_writes_nothing(
    django_capture_on_commit_callbacks,
):
    person = UserFactory()
    with django_capture_on_commit_callbacks(execute=True):
        assert _later(person) is not None
        assert _later(person) is None  # it existed
        assert services.message_enqueue_later(key="x", to="", kind=KIND, context={}) is None
    assert OutboxMessage.objects.count() == 1
    assert len(mail.outbox) == 1


def test_a_rolled_back_change_leaves_no_row():
    person = UserFactory()

    def change_that_fails():
        with transaction.atomic():
            _later(person)
            raise RuntimeError("the change failed")

    with pytest.raises(RuntimeError):
        change_that_fails()
    assert not OutboxMessage.objects.exists()


def test_it_renders_in_the_language_fixed_when_written_not_the_senders():
    person = UserFactory()
    with translation.override("en"):
        message = _later(person)  # written during an English request
        assert services.message_send(message_id=message.pk) is True  # a sender running in English
    assert mail.outbox[0].subject == "We gaan je gegevens wissen"


def test_a_failed_send_keeps_the_rendered_mail_and_the_retry_sends_it(smtp_fails_once):
    person = UserFactory()
    message = _later(person)
    with pytest.raises(SMTPException):
        services.message_send(message_id=message.pk)
    row = OutboxMessage.objects.get(pk=message.pk)
    assert row.status == OutboxMessage.Status.PENDING
    assert row.subject == "We gaan je gegevens wissen"
    # Meanwhile the facts change; the retry sends the mail as it was rendered.
    person.display_name = "Iemand Anders"
    person.save()
    assert services.message_send(message_id=message.pk) is True
    assert "Hallo Iemand" not in mail.outbox[0].body
    assert len(CALLS) == 1


def test_what_the_message_is_about_is_gone_then_it_is_not_sent(caplog):
    person = UserFactory()
    message = _later(person)
    OutboxMessage.objects.filter(pk=message.pk).update(context={"person": 0, "on": "2027-01-15"})
    assert services.message_send(message_id=message.pk) is False
    row = OutboxMessage.objects.get(pk=message.pk)
    assert row.status == OutboxMessage.Status.FAILED
    assert "DoesNotExist" in row.last_error
    assert services.outbox_sweep(older_than=dt.timedelta(0)) == 0
    assert mail.outbox == []


def test_an_unknown_kind_fails_loudly_in_tests_and_is_recorded():
    message = services.message_enqueue_later(
        key="k", to="a@example.org", kind="tests.nobody_registered_this", context={}
    )
    with pytest.raises(LookupError):
        services.message_send(message_id=message.pk)
    row = OutboxMessage.objects.get(pk=message.pk)
    assert row.status == OutboxMessage.Status.FAILED
    assert "no renderer" in row.last_error


@override_settings(OUTBOX_RAISE_TEMPLATE_ERRORS=False)
def test_an_unknown_kind_in_production_is_recorded_not_raised():
    message = services.message_enqueue_later(
        key="k", to="a@example.org", kind="tests.nobody_registered_this", context={}
    )
    assert services.message_send(message_id=message.pk) is False
    assert OutboxMessage.objects.get(pk=message.pk).status == OutboxMessage.Status.FAILED
