"""Celery tasks of intervision: thin wrappers around services; safe to run twice (outbox keys)."""

from celery import shared_task

from . import services


@shared_task
def requests_waiting_send() -> int:
    return services.requests_waiting_send()


@shared_task
def nudges_send() -> int:
    return services.nudges_send()


@shared_task
def reminders_send() -> int:
    return services.reminders_send()


@shared_task
def series_close_due() -> int:
    return services.series_close_due()
