"""The outbox: write a message with the change that causes it; send each message once.

Every e-mail in Leerkring goes through :func:`message_enqueue` (rendered from templates) or
:func:`message_enqueue_email` (already rendered, e.g. by allauth). The row is written in the
caller's transaction; after commit a task is asked to send it. If the broker is down, the row
simply waits for :func:`outbox_sweep`, which beat runs every minute.
"""

import logging
from datetime import timedelta

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation

from .models import OutboxMessage

logger = logging.getLogger(__name__)

MAX_ATTEMPTS = 8


def _schedule_send(message_id: int) -> None:
    from .tasks import send_outbox_message

    def enqueue():
        try:
            send_outbox_message.apply_async(args=[message_id], retry=False)
        except Exception:  # broker unreachable: the sweep will send it later
            logger.warning(
                "Outbox %s not queued; the sweep will send it", message_id, exc_info=True
            )

    transaction.on_commit(enqueue)


def message_enqueue_email(
    *,
    key: str,
    to: str,
    subject: str,
    body_text: str,
    body_html: str = "",
    attachments: list[dict] | None = None,
) -> OutboxMessage:
    """Store a rendered e-mail under ``key`` (once) and ask for it to be sent after commit."""
    with transaction.atomic():
        message, created = OutboxMessage.objects.get_or_create(
            key=key,
            defaults={
                "to": to,
                "subject": " ".join(subject.split())[:255],
                "body_text": body_text,
                "body_html": body_html,
                "attachments": attachments or [],
            },
        )
        if created:
            _schedule_send(message.pk)
    return message


def message_enqueue(
    *,
    key: str,
    to: str,
    template: str,
    context: dict,
    attachments: list[dict] | None = None,
    language: str | None = None,
) -> OutboxMessage | None:
    """Render ``notifications/email/<template>_{subject.txt,body.txt,body.html}`` and store it.

    Returns ``None`` when the person has no e-mail address (they were enrolled on their behalf);
    the trainer reaches them by phone.
    """
    if not to:
        return None
    if OutboxMessage.objects.filter(key=key).exists():
        return OutboxMessage.objects.get(key=key)
    context = {"site_url": settings.SITE_URL, **context}
    with translation.override(language or settings.LANGUAGE_CODE):
        subject = render_to_string(f"{template}_subject.txt", context)
        body_text = render_to_string(f"{template}_body.txt", context)
        body_html = render_to_string(f"{template}_body.html", context)
    return message_enqueue_email(
        key=key,
        to=to,
        subject=subject,
        body_text=body_text,
        body_html=body_html,
        attachments=attachments,
    )


def message_send(*, message_id: int) -> bool:
    """Send one outbox message unless it was sent already. Returns whether it sent now.

    The row is locked for the duration of the send, so two workers given the same message (a
    retry, a duplicate delivery, the sweep racing the task) send it once: the second waits for
    the lock and then sees ``sent``.
    """
    with transaction.atomic():
        message = OutboxMessage.objects.select_for_update().filter(pk=message_id).first()
        if message is None or message.status != OutboxMessage.Status.PENDING:
            return False
        email = EmailMultiAlternatives(
            subject=message.subject,
            body=message.body_text,
            from_email=settings.DEFAULT_FROM_EMAIL,
            to=[message.to],
            headers={"X-Leerkring-Key": message.key},
        )
        if message.body_html:
            email.attach_alternative(message.body_html, "text/html")
        for attachment in message.attachments:
            email.attach(attachment["filename"], attachment["content"], attachment["mimetype"])
        message.attempts += 1
        error = None
        try:
            email.send(fail_silently=False)
        except Exception as exc:  # recorded on the row, then re-raised for the task to retry
            error = exc
            message.last_error = f"{type(exc).__name__}: {exc}"[:2000]
            if message.attempts >= MAX_ATTEMPTS:
                message.status = OutboxMessage.Status.FAILED
        else:
            message.status = OutboxMessage.Status.SENT
            message.sent_at = timezone.now()
            message.last_error = ""
        message.save(update_fields=["attempts", "status", "sent_at", "last_error"])
    if error is not None:
        raise error
    return True


def outbox_sweep(*, older_than: timedelta = timedelta(seconds=30), limit: int = 500) -> int:
    """Send what is still pending (e.g. queued while the broker was down). Returns how many."""
    cutoff = timezone.now() - older_than
    ids = list(
        OutboxMessage.objects.filter(status=OutboxMessage.Status.PENDING, created_at__lte=cutoff)
        .order_by("created_at")
        .values_list("pk", flat=True)[:limit]
    )
    sent = 0
    for message_id in ids:
        try:
            sent += message_send(message_id=message_id)
        except Exception:
            logger.exception("Outbox %s failed in the sweep", message_id)
    return sent
