from celery import shared_task

from . import services


@shared_task
def overview_refresh() -> int:
    return services.overview_refresh()
