"""Celery tasks of accounts: thin wrappers around the export and privacy services."""

from celery import shared_task

from . import services


@shared_task(acks_late=True)
def export_job_run(job_id: int) -> bool:
    return services.export_job_run(job_id=job_id)


@shared_task
def export_jobs_sweep() -> int:
    return services.export_jobs_sweep()


@shared_task
def export_jobs_expire() -> int:
    return services.export_jobs_expire()


@shared_task
def erasure_execute_due() -> int:
    """Forget the people whose grace period is over (a cancelled request is skipped)."""
    return services.erasure_execute_due()


@shared_task
def retention_apply() -> dict:
    """Anonymise or delete what is past its retention; then carry out what became due."""
    done = services.retention_apply()
    done["erased"] = services.erasure_execute_due()
    return done
