"""The outbox: write a message with the change that causes it; send each message once.

Every e-mail in Leerkring goes through :func:`message_enqueue` (rendered from templates),
:func:`message_enqueue_later` (rendered by the sender, from what a registered renderer reads) or
:func:`message_enqueue_email` (already rendered, e.g. by allauth). The row is written in the
caller's transaction, so a change that rolls back leaves no message and a change that commits
always has its message, whatever happens to the process after the commit. After commit a task is
asked to send it; if the broker is down the row simply waits for :func:`outbox_sweep`, which beat
runs every minute. Nothing after the commit may fail the caller: the change is done.

Rendering later keeps the busiest requests (enrolling) to one small insert: three templates and a
calendar file cost more than the whole rest of the enrolment. The row stores the renderer's name
(``kind``), the ids it needs and the facts of the moment that the mail states (``context``), and
the language; the sender renders it once, stores the result on the row and sends that.
"""

import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ObjectDoesNotExist
from django.core.mail import EmailMultiAlternatives
from django.db import DatabaseError, IntegrityError, connection, transaction
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
    return _write(
        OutboxMessage(
            key=key,
            to=to,
            subject=_one_line(subject),
            body_text=body_text,
            body_html=body_html,
            attachments=attachments or [],
            status=status,
            last_error=last_error,
        )
    )


def _one_line(subject: str) -> str:
    return " ".join(subject.split())[:255]


def _insert_once(message: OutboxMessage) -> bool:
    """Insert ``message`` unless a row with its key exists: one statement, inside the caller's
    transaction, without a savepoint (``ON CONFLICT (key) DO NOTHING``; PostgreSQL, and SQLite
    from 3.35). Sets ``message.pk`` and answers ``True`` when it inserted the row. A twin that
    another transaction is writing makes this one wait for it, then do nothing."""
    meta = OutboxMessage._meta
    fields = [f for f in meta.concrete_fields if not f.primary_key]
    quote = connection.ops.quote_name
    values = [f.get_db_prep_save(f.pre_save(message, True), connection) for f in fields]
    # Names come from the model; every value is a parameter.
    sql = (
        f"INSERT INTO {quote(meta.db_table)} ({', '.join(quote(f.column) for f in fields)}) "  # noqa: S608
        f"VALUES ({', '.join(['%s'] * len(fields))}) "
        f"ON CONFLICT ({quote(meta.get_field('key').column)}) DO NOTHING "
        f"RETURNING {quote(meta.pk.column)}"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, values)
        row = cursor.fetchone()
    if row is None:
        return False
    message.pk = row[0]
    message._state.adding = False
    return True


def _write(message: OutboxMessage) -> tuple[OutboxMessage, bool]:
    """Store ``message`` once under its key and, when new and pending, send it after commit."""
    if not _insert_once(message):
        existing = OutboxMessage.objects.filter(key=message.key).first()
        if existing is None:  # pragma: no cover - a conflict is a row with this key
            raise IntegrityError(f"outbox key {message.key} conflicted but is not there")
        return existing, False
    if message.status == OutboxMessage.Status.PENDING:
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


@dataclass
class Rendering:
    """What a renderer answers: the template (``<name>_{subject.txt,body.txt,body.html}``), its
    context and the attachments (``[{filename, content, mimetype}]``)."""

    template: str
    context: dict
    attachments: list[dict] | None = None


#: ``kind`` -> a function of the row's ``context`` answering a :class:`Rendering`. Apps register
#: theirs in ``AppConfig.ready`` (the outbox knows no other app).
_RENDERERS: dict[str, Callable[[dict], Rendering]] = {}


def register_renderer(kind: str, renderer: Callable[[dict], Rendering]) -> None:
    _RENDERERS[kind] = renderer


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


def message_enqueue_later(
    *, key: str, to: str, kind: str, context: dict, language: str | None = None
) -> OutboxMessage | None:
    """Store a message that its sender renders: ``kind`` is a registered renderer, ``context``
    what it needs (JSON: ids, and the facts of this moment that the mail states, since the
    sender reads the database later). One insert, no rendering here. Answers ``None`` when the
    person has no e-mail address or the message existed before (like
    :func:`message_enqueue_new`).

    The language is fixed now (``LANGUAGE_CODE`` unless given, as :func:`message_enqueue`
    renders), so the mail does not depend on the language the sender happens to run in.
    """
    if not to:
        return None
    message, created = _write(
        OutboxMessage(
            key=key,
            to=to,
            kind=kind,
            context=context,
            language=language or settings.LANGUAGE_CODE,
        )
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


def _give_up(message: OutboxMessage, error: str) -> None:
    OutboxMessage.objects.filter(pk=message.pk, status=OutboxMessage.Status.SENDING).update(
        status=OutboxMessage.Status.FAILED, claimed_until=None, last_error=error[:2000]
    )


def _render_stored(message: OutboxMessage) -> bool:
    """Render a message written with :func:`message_enqueue_later` (the sender holds its claim)
    and store the result on the row, so a retry sends the same mail. Answers ``False`` when it
    cannot be sent: what it is about no longer exists, or rendering failed (a bug). Either way
    the row is ``failed`` with the reason, as :func:`message_enqueue` records a broken template;
    in development and the tests (``OUTBOX_RAISE_TEMPLATE_ERRORS``) a broken one also raises. A
    database error raises, and the row waits for a retry like a failed send."""
    renderer = _RENDERERS.get(message.kind)
    try:
        if renderer is None:
            raise LookupError(f"no renderer registered for {message.kind!r}")
        rendering = renderer(message.context)
        rendered = _render(rendering.template, rendering.context, message.language or None)
    except DatabaseError:
        raise
    except ObjectDoesNotExist as exc:  # e.g. the person was erased meanwhile: nothing to say
        logger.warning("Outbox %s: %s is gone; not sent", message.pk, message.kind)
        _give_up(message, f"{message.kind}: {type(exc).__name__}: {exc}")
        return False
    except Exception as exc:
        logger.exception("Outbox %s: %s failed to render", message.pk, message.kind)
        _give_up(message, f"{message.kind}: {type(exc).__name__}: {exc}")
        if settings.OUTBOX_RAISE_TEMPLATE_ERRORS:
            raise
        return False
    message.subject = _one_line(rendered["subject"])
    message.body_text = rendered["body_text"]
    message.body_html = rendered["body_html"]
    message.attachments = rendering.attachments or []
    OutboxMessage.objects.filter(pk=message.pk, status=OutboxMessage.Status.SENDING).update(
        subject=message.subject,
        body_text=message.body_text,
        body_html=message.body_html,
        attachments=message.attachments,
    )
    return True


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
        if message.needs_render and not _render_stored(message):
            return False
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
