"""State changes of accounts: roles, profiles and background exports."""

import hashlib
import json
import logging
import secrets
from datetime import timedelta

from django.contrib.auth.models import Group
from django.core.files import File
from django.core.serializers.json import DjangoJSONEncoder
from django.db import IntegrityError, transaction
from django.utils import timezone

from . import export_jobs
from .audit import log_action
from .exceptions import ApiTokenLimit, ApiTokenNotAllowed, ExportUnknown
from .models import ExportJob, StaffApiToken, User
from .roles import Role, is_national_staff

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
def user_signup_complete(*, user: User, profile: dict) -> User:
    """A person signed up: give them the participant role and their profile."""
    for key, value in profile.items():
        if key in PROFILE_FIELDS:
            setattr(user, key, value)
    user.save()
    user_assign_role(user=user, role=Role.PARTICIPANT, actor=user)
    log_action(actor=user, verb="user.signed_up", target=user)
    return user


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
