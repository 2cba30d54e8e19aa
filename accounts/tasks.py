"""Celery tasks of accounts: thin, idempotent wrappers around the privacy services."""

from celery import shared_task

from . import services


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
