"""Celery tasks of the trainer pool: thin wrappers; outbox keys make reruns harmless."""

from celery import shared_task

from . import notices


@shared_task(ignore_result=True)
def signoff_reminders_send() -> int:
    return notices.signoff_reminders_send()


@shared_task(ignore_result=True)
def inactive_nudges_send() -> int:
    return notices.inactive_nudges_send()


@shared_task(ignore_result=True)
def profile_checks_send() -> int:
    return notices.profile_checks_send()
