from celery import shared_task

from . import services


@shared_task(
    bind=True,
    autoretry_for=(Exception,),
    retry_backoff=True,
    retry_backoff_max=600,
    max_retries=6,
)
def send_outbox_message(self, message_id: int) -> bool:
    return services.message_send(message_id=message_id)


@shared_task
def outbox_sweep() -> int:
    return services.outbox_sweep()


@shared_task(ignore_result=False)
def ping() -> str:
    """A round trip through broker, worker and result backend (``bin/stack smoke``)."""
    return "pong"
