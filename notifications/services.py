"""The outbox: write a message with the change that causes it; send each message once.

Every e-mail in Leerkring goes through :func:`message_enqueue` (rendered from templates) or
:func:`message_enqueue_email` (already rendered, e.g. by allauth). The row is written in the
caller's transaction, so a change that rolls back leaves no message and a change that commits
always has its message, whatever happens to the process after the commit. After commit a task is
asked to send it; if the broker is down the row simply waits for :func:`outbox_sweep`, which beat
runs every minute. Nothing after the commit may fail the caller: the change is done.
"""

import logging
from datetime import timedelta

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import DatabaseError, IntegrityError, transaction
from django.db.models import F, Q
from django.template.loader import render_to_string
from django.utils import timezone, translation

from .models import OutboxMessage

logger = logging.getLogger(__name__)

MAX_ATTEMPTS = 8
#: How long a claimed row belongs to its sender. Longer than any send can take (``EMAIL_TIMEOUT``
#: bounds each SMTP call), so a live sender never loses its claim; a dead one's claim runs out
#: and the sweep sends the row again.
#: ``OUTBOX_CLAIM_LEASE_SECONDS`` (five minutes; the operations drills shorten it).
CLAIM_LEASE = timedelta(seconds=settings.OUTBOX_CLAIM_LEASE_SECONDS)


def _schedule_send(message_id: int) -> None:
    from .tasks import send_outbox_message

    def enqueue():
        try:
            send_outbox_message.apply_async(args=[message_id], retry=False)
        except Exception:  # broker unreachable: the sweep will send it later
            logger.warning(
                "Outbox %s not queued; the sweep will send it", message_id, exc_info=True
            )

    transaction.on_commit(enqueue, robust=True)


def _enqueue_email(
    *,
    key: str,
    to: str,
    subject: str,
    body_text: str,
    body_html: str = "",
    attachments: list[dict] | None = None,
    status: str = OutboxMessage.Status.PENDING,
    last_error: str = "",
) -> tuple[OutboxMessage, bool]:
    # Insert first (callers have usually just seen that the key is free): a savepoint, the
    # insert and its release. The key's unique constraint catches a twin written meanwhile.
    try:
        with transaction.atomic():
            message = OutboxMessage.objects.create(
                key=key,
                to=to,
                subject=" ".join(subject.split())[:255],
                body_text=body_text,
                body_html=body_html,
                attachments=attachments or [],
                status=status,
                last_error=last_error,
            )
    except IntegrityError:
        existing = OutboxMessage.objects.filter(key=key).first()
        if existing is None:
            raise
        return existing, False
    if status == OutboxMessage.Status.PENDING:
        _schedule_send(message.pk)
    return message, True


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
    message, _ = _enqueue_email(
        key=key,
        to=to,
        subject=subject,
        body_text=body_text,
        body_html=body_html,
        attachments=attachments,
    )
    return message


def _render(template: str, context: dict, language: str | None) -> dict:
    context = {"site_url": settings.SITE_URL, **context}
    with translation.override(language or settings.LANGUAGE_CODE):
        return {
            "subject": render_to_string(f"{template}_subject.txt", context),
            "body_text": render_to_string(f"{template}_body.txt", context),
            "body_html": render_to_string(f"{template}_body.html", context),
        }


def _enqueue(
    *,
    key: str,
    to: str,
    template: str,
    context: dict,
    attachments: list[dict] | None,
    language: str | None,
) -> tuple[OutboxMessage | None, bool]:
    if not to:
        return None, False
    existing = OutboxMessage.objects.filter(key=key).first()
    if existing is not None:
        return existing, False
    try:
        rendered = _render(template, context, language)
    except DatabaseError:
        raise  # the caller's transaction is broken anyway; let it roll back
    except Exception as exc:
        if settings.OUTBOX_RAISE_TEMPLATE_ERRORS:
            raise
        logger.exception("Outbox %s: template %s failed to render", key, template)
        return _enqueue_email(
            key=key,
            to=to,
            subject=f"[{template}]",
            body_text="",
            status=OutboxMessage.Status.FAILED,
            last_error=f"template {template}: {type(exc).__name__}: {exc}"[:2000],
        )
    return _enqueue_email(key=key, to=to, attachments=attachments, **rendered)


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

    A template that fails to render is a bug. Raised inside the caller's transaction it would undo
    the change itself (a participant would lose the place they just took because of a typo in a
    mail), so in production (``OUTBOX_RAISE_TEMPLATE_ERRORS`` off) the change stands: the error is
    logged and the row is stored as ``failed`` with the error, visible to staff, instead of being
    lost. In development and in the tests the setting is on and the error fails loudly; the test
    suite renders every template, so a broken one fails CI before it reaches production.
    """
    message, _ = _enqueue(
        key=key,
        to=to,
        template=template,
        context=context,
        attachments=attachments,
        language=language,
    )
    return message


def message_enqueue_new(
    *,
    key: str,
    to: str,
    template: str,
    context: dict,
    attachments: list[dict] | None = None,
    language: str | None = None,
) -> OutboxMessage | None:
    """:func:`message_enqueue` for the periodic jobs, which count what they wrote: answers
    ``None`` when the message existed before (or the person has no e-mail address)."""
    message, created = _enqueue(
        key=key,
        to=to,
        template=template,
        context=context,
        attachments=attachments,
        language=language,
    )
    return message if created else None


def message_withdraw(*, key_prefix: str) -> int:
    """Delete the messages under ``key_prefix`` that no sender has claimed yet (a newer message
    replaces them). Answers how many were withdrawn."""
    deleted, _ = OutboxMessage.objects.filter(
        key__startswith=key_prefix, status=OutboxMessage.Status.PENDING
    ).delete()
    return deleted


def _claimable(now) -> Q:
    S = OutboxMessage.Status
    return Q(status=S.PENDING) | Q(status=S.SENDING, claimed_until__lt=now)


def _claim(message_id: int) -> OutboxMessage | None:
    """Make the row ours for ``CLAIM_LEASE`` in one short statement (its own transaction), or
    ``None`` when it is sent, given up, or being sent by someone else right now."""
    now = timezone.now()
    with transaction.atomic():
        claimed = OutboxMessage.objects.filter(_claimable(now), pk=message_id).update(
            status=OutboxMessage.Status.SENDING,
            claimed_until=now + CLAIM_LEASE,
            attempts=F("attempts") + 1,
        )
    if not claimed:
        return None
    return OutboxMessage.objects.get(pk=message_id)


def _email(message: OutboxMessage) -> EmailMultiAlternatives:
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
    return email


def message_send(*, message_id: int) -> bool:
    """Send one outbox message unless it was sent already. Returns whether it sent now.

    Two workers given the same message (a retry, a duplicate delivery, the sweep racing the task)
    send it once: only one of them can claim the row. The claim is committed before the mail
    server is called, so no database lock is held while SMTP is slow; the row is marked sent (or
    pending again, with the error) afterwards. Only a sender that dies between the send and that
    mark can cause a second mail, after its claim expires: at least once, never lost.
    """
    message = _claim(message_id)
    if message is None:
        return False
    try:
        _email(message).send(fail_silently=False)
    except Exception as exc:  # recorded on the row, then re-raised for the task to retry
        failed = message.attempts >= MAX_ATTEMPTS
        OutboxMessage.objects.filter(pk=message_id, status=OutboxMessage.Status.SENDING).update(
            status=OutboxMessage.Status.FAILED if failed else OutboxMessage.Status.PENDING,
            claimed_until=None,
            last_error=f"{type(exc).__name__}: {exc}"[:2000],
        )
        raise
    OutboxMessage.objects.filter(pk=message_id, status=OutboxMessage.Status.SENDING).update(
        status=OutboxMessage.Status.SENT,
        sent_at=timezone.now(),
        claimed_until=None,
        last_error="",
    )
    return True


def outbox_sweep(*, older_than: timedelta | None = None, limit: int = 500) -> int:
    """Send what is still pending (queued while the broker was down, or claimed by a sender that
    died) and older than ``older_than`` (``OUTBOX_SWEEP_AFTER_SECONDS``, 30 s: the send task
    usually gets there first). Returns how many it sent."""
    now = timezone.now()
    if older_than is None:
        older_than = timedelta(seconds=settings.OUTBOX_SWEEP_AFTER_SECONDS)
    ids = list(
        OutboxMessage.objects.filter(_claimable(now), created_at__lte=now - older_than)
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
