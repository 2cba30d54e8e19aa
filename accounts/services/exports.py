"""Background exports: ask, run, sweep and expire."""

import hashlib
import json
import logging
from datetime import timedelta

from django.core.files import File
from django.core.serializers.json import DjangoJSONEncoder
from django.db import IntegrityError, transaction
from django.utils import timezone

from .. import export_jobs
from ..audit import log_action
from ..exceptions import ExportUnknown
from ..models import ExportJob, User

logger = logging.getLogger(__name__)


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
    from ..tasks import export_job_run as task

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
