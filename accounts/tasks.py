"""Celery tasks of accounts: thin wrappers around the background export services."""

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
