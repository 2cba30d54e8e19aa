"""State changes of accounts: roles, profiles, consent, the privacy notice, sessions,
background exports, and erasure (forgetting a person) with retention."""

import hashlib
import json
import logging
import secrets
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.contrib.auth.models import Group
from django.core.files import File
from django.core.serializers.json import DjangoJSONEncoder
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.urls import reverse
from django.utils import timezone

from notifications.services import message_enqueue

from . import export_jobs, privacy
from .audit import log_action
from .exceptions import (
    AlreadyErased,
    ApiTokenLimit,
    ApiTokenNotAllowed,
    ExportUnknown,
    NoPrivacyNotice,
    RepresentativeIncomplete,
)
from .models import (
    ConsentPurpose,
    ConsentRecord,
    ErasureRequest,
    ExportJob,
    PrivacyNotice,
    RepresentativeRelation,
    StaffApiToken,
    User,
)
from .roles import Role, is_national_staff
from .selectors import current_privacy_notice

logger = logging.getLogger(__name__)

PROFILE_FIELDS = ("display_name", "phone", "organisation", "region")


@transaction.atomic
def user_assign_role(*, user: User, role: Role, actor: User | None = None) -> None:
    group = Group.objects.get(name=role.value)
    user.groups.add(group)
    user.__dict__.pop("_leerkring_roles", None)
    log_action(actor=actor, verb="user.role_assigned", target=user, data={"role": role.value})


@transaction.atomic
def user_remove_role(*, user: User, role: Role, actor: User | None = None) -> None:
    group = Group.objects.get(name=role.value)
    user.groups.remove(group)
    user.__dict__.pop("_leerkring_roles", None)
    log_action(actor=actor, verb="user.role_removed", target=user, data={"role": role.value})


def _role(group: Group) -> Role | None:
    return Role(group.name) if group.name in Role.values else None


@transaction.atomic
def user_group_add(*, user: User, group: Group, actor: User | None) -> None:
    """A group from a user admin: a Leerkring role goes through ``user_assign_role``; any
    other group (Wagtail's editors, moderators) is added and audited the same way."""
    role = _role(group)
    if role is not None:
        user_assign_role(user=user, role=role, actor=actor)
        return
    user.groups.add(group)
    log_action(actor=actor, verb="user.group_added", target=user, data={"group": group.name})


@transaction.atomic
def user_group_remove(*, user: User, group: Group, actor: User | None) -> None:
    role = _role(group)
    if role is not None:
        user_remove_role(user=user, role=role, actor=actor)
        return
    user.groups.remove(group)
    log_action(actor=actor, verb="user.group_removed", target=user, data={"group": group.name})


@transaction.atomic
def user_superuser_set(*, user: User, is_superuser: bool, actor: User | None) -> None:
    """Make someone a technical administrator, or stop: the strongest role, always audited."""
    if User.objects.filter(pk=user.pk, is_superuser=is_superuser).exists():
        user.is_superuser = is_superuser
        return
    User.objects.filter(pk=user.pk).update(is_superuser=is_superuser)
    user.is_superuser = is_superuser
    log_action(
        actor=actor, verb="user.superuser_set", target=user, data={"is_superuser": is_superuser}
    )


def stored_superuser(user: User) -> bool:
    """What the database holds (a form may have changed the instance already)."""
    if user.pk is None:
        return False
    return User.objects.filter(pk=user.pk, is_superuser=True).exists()


@transaction.atomic
def user_groups_set(*, user: User, groups, actor: User | None) -> None:
    """What a user admin form asks for: only the changes are made, each one audited."""
    wanted = set(groups)
    current = set(user.groups.all())
    for group in sorted(wanted - current, key=lambda g: g.name):
        user_group_add(user=user, group=group, actor=actor)
    for group in sorted(current - wanted, key=lambda g: g.name):
        user_group_remove(user=user, group=group, actor=actor)


@transaction.atomic
def user_profile_update(*, user: User, actor: User, **fields) -> User:
    unknown = set(fields) - set(PROFILE_FIELDS)
    if unknown:
        raise TypeError(f"Not profile fields: {sorted(unknown)}")
    changed = {k: v for k, v in fields.items() if getattr(user, k) != v}
    for key, value in changed.items():
        setattr(user, key, value)
    if changed:
        user.save(update_fields=list(changed))
        log_action(
            actor=actor,
            verb="user.profile_updated",
            target=user,
            data={"fields": sorted(changed)},
        )
    return user


@transaction.atomic
def user_signup_complete(
    *, user: User, profile: dict, representative: "Representative | None" = None
) -> User:
    """A person signed up: the participant role, their profile, and consent to take part.

    The sign-up form asks for that consent (for the person or by their representative), so a
    new participant has it from the first visit.
    """
    for key, value in profile.items():
        if key in PROFILE_FIELDS:
            setattr(user, key, value)
    user.save()
    user_assign_role(user=user, role=Role.PARTICIPANT, actor=user)
    log_action(actor=user, verb="user.signed_up", target=user)
    if current_privacy_notice() is not None:
        consent_give(
            user=user, purpose=ConsentPurpose.COURSES, actor=user, representative=representative
        )
    return user


# --- Sessions -------------------------------------------------------------------------------


@transaction.atomic
def user_sessions_end_all(*, user: User, actor: User) -> None:
    """End every session of ``user`` on every device: a new token changes the session hash."""
    user.session_token = secrets.token_hex(16)
    User.objects.filter(pk=user.pk).update(session_token=user.session_token)
    log_action(actor=actor, verb="user.sessions_ended", target=user)


# --- The privacy notice and consent ---------------------------------------------------------


@dataclass(frozen=True)
class Representative:
    """A legal representative (UAVG art. 5) who gives or withdraws consent for someone."""

    name: str
    relation: str
    contact: str = ""

    def __post_init__(self):
        if not self.name.strip() or self.relation not in RepresentativeRelation.values:
            raise RepresentativeIncomplete


@transaction.atomic
def privacy_notice_publish(
    *, text: str, easy_read_text: str, actor: User | None, published_at=None
) -> PrivacyNotice:
    """Publish the next version. People with a current consent are asked again next visit."""
    latest = PrivacyNotice.objects.select_for_update().aggregate(v=Max("version"))["v"] or 0
    notice = PrivacyNotice.objects.create(
        version=latest + 1,
        text=text,
        easy_read_text=easy_read_text,
        published_at=published_at or timezone.now(),
    )
    log_action(
        actor=actor, verb="privacy_notice.published", target=notice, data={"version": latest + 1}
    )
    transaction.on_commit(_forget_newest_notice, robust=True)
    return notice


def _forget_newest_notice() -> None:
    from django.core.cache import cache

    from .selectors import NOTICE_CACHE_KEY

    cache.delete(NOTICE_CACHE_KEY)


def _lock_user(user: User) -> None:
    """Serialise consent changes of one person (a double click gives one record)."""
    User.objects.select_for_update().filter(pk=user.pk).first()


def _open(user: User, purpose: str) -> ConsentRecord | None:
    return (
        ConsentRecord.objects.select_related("notice")
        .filter(user=user, purpose=purpose, withdrawn_at=None, replaced_at=None)
        .first()
    )


@transaction.atomic
def consent_give(
    *,
    user: User,
    purpose: str,
    actor: User | None,
    representative: Representative | None = None,
) -> ConsentRecord:
    """Record consent for ``purpose`` under the current privacy notice.

    Giving what is already given (same notice, same person giving it) changes nothing; anything
    else replaces the open record with a new one, so the history keeps both.
    """
    purpose = ConsentPurpose(purpose)
    notice = current_privacy_notice()
    if notice is None:
        raise NoPrivacyNotice
    _lock_user(user)
    now = timezone.now()
    current = _open(user, purpose)
    rep = representative
    if current is not None:
        same_giver = (rep is None and not current.by_representative) or (
            rep is not None
            and current.by_representative
            and (rep.name, rep.relation, rep.contact)
            == (
                current.representative_name,
                current.representative_relation,
                current.representative_contact,
            )
        )
        if current.notice_id == notice.pk and same_giver:
            return current
        ConsentRecord.objects.filter(pk=current.pk).update(replaced_at=now)
    record = ConsentRecord.objects.create(
        user=user,
        purpose=purpose,
        notice=notice,
        given_at=now,
        by_representative=rep is not None,
        representative_name=rep.name.strip() if rep else "",
        representative_relation=rep.relation if rep else "",
        representative_contact=rep.contact.strip() if rep else "",
        recorded_by=actor if getattr(actor, "is_authenticated", False) else None,
    )
    log_action(
        actor=actor,
        verb="consent.given",
        target=user,
        data={
            "purpose": purpose.value,
            "notice_version": notice.version,
            "representative": rep.relation if rep else "",
        },
    )
    return record


@transaction.atomic
def consent_give_many(
    *,
    user: User,
    purposes: list[str],
    actor: User | None,
    representative: Representative | None = None,
) -> list[ConsentRecord]:
    """Consent for several purposes at once (a representative ticks what they agree to)."""
    return [
        consent_give(user=user, purpose=purpose, actor=actor, representative=representative)
        for purpose in purposes
    ]


@transaction.atomic
def consent_withdraw(*, user: User, purpose: str, actor: User | None) -> ConsentRecord | None:
    """Withdraw consent for ``purpose``: the record stays, with the moment it was withdrawn.

    Withdrawing what is not given (a second click) changes nothing and returns ``None``.
    """
    purpose = ConsentPurpose(purpose)
    _lock_user(user)
    current = _open(user, purpose)
    if current is None:
        return None
    current.withdrawn_at = max(timezone.now(), current.given_at)
    current.withdrawn_by = actor if getattr(actor, "is_authenticated", False) else None
    current.save(update_fields=["withdrawn_at", "withdrawn_by"])
    log_action(actor=actor, verb="consent.withdrawn", target=user, data={"purpose": purpose.value})
    return current


@transaction.atomic
def consent_renew(
    *, user: User, actor: User | None, representative: Representative | None = None
) -> list[ConsentRecord]:
    """Agree to the current notice for every purpose that is still given under an older one."""
    notice = current_privacy_notice()
    if notice is None:
        raise NoPrivacyNotice
    stale = ConsentRecord.objects.filter(
        user=user, withdrawn_at=None, replaced_at=None, notice__version__lt=notice.version
    ).values_list("purpose", flat=True)
    return [
        consent_give(user=user, purpose=purpose, actor=actor, representative=representative)
        for purpose in sorted(stale)
    ]


# --- Background exports ---------------------------------------------------------------------
# The flow: a view calls export_job_request (one row, reused while it runs), the task calls
# export_job_run after commit; if the broker was down the row waits for export_jobs_sweep. The
# file lives a day: export_jobs_expire removes it with its row.

EXPORT_LIFETIME = timedelta(days=1)
#: A running job whose heartbeat is older than this lost its worker: the sweep queues it again.
EXPORT_STALE = timedelta(minutes=10)


def _params_hash(kind: str, params: dict) -> str:
    blob = json.dumps([kind, params], sort_keys=True, cls=DjangoJSONEncoder)
    return hashlib.sha256(blob.encode()).hexdigest()


def _schedule_export(job_id: int) -> None:
    from .tasks import export_job_run as task

    def enqueue():
        try:
            task.apply_async(args=[job_id], retry=False)
        except Exception:  # broker unreachable: the sweep runs it later
            logger.warning("Export %s not queued; the sweep will run it", job_id, exc_info=True)

    transaction.on_commit(enqueue, robust=True)


def export_job_request(*, user: User, kind: str, params: dict | None = None) -> ExportJob:
    """Ask for an export; the same export still queued or running is returned instead.

    ``params`` are the kind's cleaned filters (JSON-safe). A kind nobody registered, or one
    this person may not ask for, is :class:`ExportUnknown`, so a link never tells which exist.
    """
    export_kind = export_jobs.get(kind)
    if export_kind is None or not export_kind.allowed(user):
        raise ExportUnknown()
    params = json.loads(json.dumps(params or {}, sort_keys=True, cls=DjangoJSONEncoder))
    digest = _params_hash(kind, params)
    active = ExportJob.objects.filter(
        requester=user,
        kind=kind,
        params_hash=digest,
        status__in=[ExportJob.Status.QUEUED, ExportJob.Status.RUNNING],
    )
    with transaction.atomic():
        existing = active.first()
        if existing is not None:
            return existing
        now = timezone.now()
        try:
            with transaction.atomic():
                job = ExportJob.objects.create(
                    requester=user,
                    kind=kind,
                    params=params,
                    params_hash=digest,
                    created_at=now,
                    expires_at=now + EXPORT_LIFETIME,
                )
        except IntegrityError:  # a concurrent request created it a moment ago: join that one
            existing = active.first()
            if existing is None:
                raise
            return existing
        log_action(actor=user, verb="export_job.requested", target=job, data={"kind": kind})
        _schedule_export(job.pk)
    return job


def _claim_export(job_id: int) -> ExportJob | None:
    now = timezone.now()
    claimed = ExportJob.objects.filter(pk=job_id, status=ExportJob.Status.QUEUED).update(
        status=ExportJob.Status.RUNNING, started_at=now, heartbeat_at=now, progress=0
    )
    if not claimed:
        return None
    return ExportJob.objects.select_related("requester").get(pk=job_id)


def export_job_run(*, job_id: int) -> bool:
    """Produce the file of one queued export. Returns whether it ran now.

    Idempotent: only a queued job runs (a done, failed or running one is left alone), and the
    claim is one conditional UPDATE, so two workers given the same job run it once. Progress is
    written as the producer reports it (at most once per percent), which is also the heartbeat
    the sweep reads.
    """
    job = _claim_export(job_id)
    if job is None:
        return False
    kind = export_jobs.get(job.kind)
    last = [0]

    def on_progress(percent: int) -> None:
        if percent > last[0]:
            last[0] = percent
            ExportJob.objects.filter(pk=job.pk, status=ExportJob.Status.RUNNING).update(
                progress=min(percent, 99), heartbeat_at=timezone.now()
            )

    try:
        if kind is None:
            raise LookupError(f"export kind {job.kind!r} is not registered")
        items = kind.produce(user=job.requester, params=job.params)
        fmt = kind.format_of(job.params)
        with export_jobs.write(fmt, kind, items, on_progress) as handle:
            job.file.save(kind.file_name(job.params), File(handle), save=False)
    except Exception as exc:
        logger.exception("Export %s failed", job.pk)
        ExportJob.objects.filter(pk=job.pk).update(
            status=ExportJob.Status.FAILED,
            finished_at=timezone.now(),
            error=f"{type(exc).__name__}: {exc}"[:500],
        )
        return True
    finished = timezone.now()
    ExportJob.objects.filter(pk=job.pk).update(
        status=ExportJob.Status.DONE,
        progress=100,
        file=job.file.name,
        finished_at=finished,
        expires_at=finished + EXPORT_LIFETIME,  # a day to download it, counted from ready
    )
    return True


def export_jobs_sweep(*, older_than: timedelta = timedelta(seconds=30), limit: int = 20) -> int:
    """Run the exports still queued (asked while the broker was down) and queue again the ones
    whose worker died. Returns how many ran."""
    now = timezone.now()
    ExportJob.objects.filter(
        status=ExportJob.Status.RUNNING, heartbeat_at__lt=now - EXPORT_STALE
    ).update(status=ExportJob.Status.QUEUED, progress=0)
    ids = list(
        ExportJob.objects.filter(status=ExportJob.Status.QUEUED, created_at__lte=now - older_than)
        .order_by("created_at")
        .values_list("pk", flat=True)[:limit]
    )
    return sum(export_job_run(job_id=job_id) for job_id in ids)


def export_jobs_expire() -> int:
    """Remove the exports past their day: the file first, then the row. Returns how many."""
    removed = 0
    for job in ExportJob.objects.filter(expires_at__lte=timezone.now()).exclude(
        status=ExportJob.Status.RUNNING
    ):
        if job.file:
            job.file.delete(save=False)
        job.delete()
        removed += 1
    return removed


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


# --- Staff API tokens -------------------------------------------------------------------------

API_TOKEN_PREFIX = "lk_"  # noqa: S105 (a marker, not a secret)
API_TOKEN_MAX = 10


def api_token_hash(raw: str) -> str:
    return hashlib.sha256(raw.encode()).hexdigest()


@transaction.atomic
def api_token_create(*, user: User, name: str) -> tuple[StaffApiToken, str]:
    """Make a key for ``user`` (national staff). Returns the row and the key, which is never
    stored and cannot be shown again."""
    if not is_national_staff(user):
        raise ApiTokenNotAllowed()
    User.objects.select_for_update().filter(pk=user.pk).first()  # count under a lock
    if user.staff_api_tokens.filter(revoked_at__isnull=True).count() >= API_TOKEN_MAX:
        raise ApiTokenLimit()
    raw = API_TOKEN_PREFIX + secrets.token_urlsafe(32)
    token = StaffApiToken.objects.create(
        user=user, name=name.strip()[:100], prefix=raw[:10], key_hash=api_token_hash(raw)
    )
    log_action(actor=user, verb="api_token.created", target=token, data={"name": token.name})
    return token, raw


@transaction.atomic
def api_token_revoke(*, user: User, token: StaffApiToken) -> None:
    """Revoke one of ``user``'s own keys (revoking twice changes nothing)."""
    updated = StaffApiToken.objects.filter(pk=token.pk, user=user, revoked_at__isnull=True).update(
        revoked_at=timezone.now()
    )
    if updated:
        log_action(actor=user, verb="api_token.revoked", target=token, data={"name": token.name})


def api_token_user(raw: str) -> User | None:
    """The active staff member a key belongs to, or None (unknown, revoked, or no longer
    staff). Marks the key used, at most once a minute."""
    if not raw or not raw.startswith(API_TOKEN_PREFIX) or len(raw) > 100:
        return None
    token = (
        StaffApiToken.objects.select_related("user")
        .filter(key_hash=api_token_hash(raw), revoked_at__isnull=True, user__is_active=True)
        .first()
    )
    if token is None or not is_national_staff(token.user):
        return None
    now = timezone.now()
    if token.last_used_at is None or now - token.last_used_at > timedelta(minutes=1):
        StaffApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    return token.user
