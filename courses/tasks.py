"""Celery tasks of courses: thin wrappers around services; safe to run twice (outbox keys)."""

from datetime import date

from celery import shared_task

from . import services


@shared_task
def send_reminders() -> int:
    return services.reminders_send()


@shared_task
def send_go_no_go_warnings() -> int:
    return services.go_no_go_check()


@shared_task
def send_trainer_digests(day: str | None = None) -> int:
    return services.trainer_digest_send(day=date.fromisoformat(day) if day else None)
