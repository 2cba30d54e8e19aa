"""Celery tasks of the competency app: thin, idempotent wrappers around services."""

from celery import shared_task

from . import services


@shared_task
def moment_invitations_send() -> int:
    """Invitations and one reminder per moment; outbox keys make reruns harmless."""
    return services.moment_invitations_send()
