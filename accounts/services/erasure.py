"""Erasure (forgetting a person) and retention."""

from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from notifications.services import message_enqueue

from .. import privacy
from ..audit import log_action
from ..exceptions import AlreadyErased
from ..models import ErasureRequest, User

# --- Erasure --------------------------------------------------------------------------------


def erasure_grace() -> timedelta:
    return timedelta(days=getattr(settings, "LEERKRING_ERASURE_GRACE_DAYS", 14))


def _erased(user: User) -> bool:
    return user.erasure_requests.filter(executed_at__isnull=False).exists()


@transaction.atomic
def erasure_request_create(
    *,
    user: User,
    actor: User | None,
    reason: str = "",
    kind: str = ErasureRequest.Kind.REQUEST,
    grace: timedelta | None = None,
) -> ErasureRequest:
    """Ask to forget ``user`` after a grace period; asking again returns the open request.

    The person gets a mail (outbox) saying when it happens and how to undo it. The row lock on
    the user serialises two requests at once (the constraint would catch it anyway).
    """
    User.objects.select_for_update().filter(pk=user.pk).first()
    if _erased(user):
        raise AlreadyErased
    existing = user.erasure_requests.filter(
        cancelled_at__isnull=True, executed_at__isnull=True
    ).first()
    if existing is not None:
        return existing
    now = timezone.now()
    request = ErasureRequest.objects.create(
        user=user,
        kind=kind,
        requested_by=actor,
        reason=reason.strip(),
        requested_at=now,
        execute_after=now + (grace if grace is not None else erasure_grace()),
    )
    if user.email:
        template = "inactivity_warning" if kind == ErasureRequest.Kind.INACTIVITY else "erasure"
        message_enqueue(
            key=f"accounts:{template}:{request.pk}",
            to=user.email,
            template=f"accounts/email/{template}",
            context={
                "person": user,
                "request": request,
                "undo_url": settings.SITE_URL + reverse("accounts:my_data"),
            },
        )
    log_action(
        actor=actor,
        verb="user.erasure_requested",
        target=user,
        data={"request": request.pk, "kind": kind, "by_staff": actor not in (None, user)}
        | ({"reason": request.reason} if request.reason else {}),
    )
    return request


@transaction.atomic
def erasure_request_cancel(*, request: ErasureRequest, actor: User | None) -> ErasureRequest:
    """Undo a request during its grace period; undoing twice changes nothing."""
    request = ErasureRequest.objects.select_for_update().get(pk=request.pk)
    if request.executed_at is not None:
        raise AlreadyErased
    if request.cancelled_at is None:
        request.cancelled_at = timezone.now()
        request.save(update_fields=["cancelled_at"])
        log_action(
            actor=actor,
            verb="user.erasure_cancelled",
            target=request.user,
            data={"request": request.pk},
        )
    return request


@transaction.atomic
def user_erase(*, user: User) -> dict[str, int]:
    """Run every registered eraser for ``user``: personal data removed or anonymised.

    One transaction, so the competencies eraser updates the growth summary together with the
    answers. Every eraser is idempotent, so a second run changes nothing (all counts 0).
    """
    User.objects.select_for_update().filter(pk=user.pk).first()
    changed = {}
    # The account itself last: the other erasers may still need the e-mail address.
    for kind in sorted(privacy.kinds(), key=lambda k: k.key == "accounts.account"):
        changed[kind.key] = kind.erase(user)
    return changed


@transaction.atomic
def erasure_execute(*, request: ErasureRequest, now=None) -> bool:
    """Carry out a due request; False when it was cancelled, done already or not due yet.

    An inactivity request is cancelled instead when the person logged in after the warning.
    """
    now = now or timezone.now()
    request = ErasureRequest.objects.select_for_update().select_related("user").get(pk=request.pk)
    if not request.is_open or request.execute_after > now:
        return False
    user = request.user
    if (
        request.kind == ErasureRequest.Kind.INACTIVITY
        and user.last_login
        and (user.last_login > request.requested_at)
    ):
        erasure_request_cancel(request=request, actor=None)
        return False
    changed = user_erase(user=user)
    request.executed_at = now
    request.reason = ""
    request.save(update_fields=["executed_at", "reason"])
    log_action(
        actor=None,
        verb="user.erased",
        target=user,
        data={"request": request.pk, "changed": {k: v for k, v in changed.items() if v}},
    )
    return True


def erasures_due(*, now=None):
    return ErasureRequest.objects.filter(
        cancelled_at__isnull=True,
        executed_at__isnull=True,
        execute_after__lte=now or timezone.now(),
    )


def erasure_execute_due(*, now=None) -> int:
    """The beat job: every request past its grace period, each in its own transaction."""
    now = now or timezone.now()
    due = erasures_due(now=now).values_list("pk", flat=True)
    return sum(erasure_execute(request=ErasureRequest(pk=pk), now=now) for pk in list(due))


# --- Retention ------------------------------------------------------------------------------


def retention_plan(*, now=None) -> list[tuple[privacy.Retention, int, int]]:
    """(rule, days, how many are past it) per kind: what ``retention_apply`` would do."""
    now = now or timezone.now()
    plan = []
    for rule in privacy.retention_rules():
        days = privacy.retention_days(rule)
        plan.append((rule, days, rule.count(now, days)))
    return plan


def retention_apply(*, now=None) -> dict[str, int]:
    """The beat job: each kind past its retention anonymised or deleted, each kind in its own
    transaction (one slow kind does not hold the others' locks). Idempotent: what is done is no
    longer past retention, so a second run finds nothing."""
    now = now or timezone.now()
    done = {}
    for rule in privacy.retention_rules():
        days = privacy.retention_days(rule)
        with transaction.atomic():
            done[rule.key] = rule.apply(now, days)
            if done[rule.key]:
                log_action(
                    actor=None,
                    verb="retention.applied",
                    data={"kind": rule.key, "days": days, "count": done[rule.key]},
                )
    return done
