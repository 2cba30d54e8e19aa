"""A real Celery worker for tests: in a thread of the test process, against the real broker.

Use it with ``@pytest.mark.django_db(transaction=True)`` (the worker's thread has its own database
connection and must see committed rows) and the ``redis`` marker. E-mail sent by the worker lands
in ``django.core.mail.outbox``: the locmem backend and the test share the process.
"""

import time
from contextlib import contextmanager

from celery import signals
from celery.contrib.testing.worker import start_worker
from django.db import connections

from config.celery_app import app


def _close_thread_connections(**kwargs):
    # The worker thread's connection would otherwise outlive the test database's flush.
    connections.close_all()


def reset_broker_pools(celery_app=app) -> None:
    """Forget pooled broker connections, e.g. after changing ``broker_url`` in a test."""
    celery_app._pool = None
    celery_app.amqp._producer_pool = None


@contextmanager
def running_worker(celery_app=app, pool: str = "solo"):
    """Start a worker consuming the app's queues; tasks are no longer eager while it runs."""
    celery_app.conf.task_always_eager = False
    reset_broker_pools(celery_app)
    celery_app.control.purge()  # leftovers of an interrupted earlier run
    signals.task_postrun.connect(_close_thread_connections, weak=False)
    try:
        with start_worker(
            celery_app, pool=pool, perform_ping_check=False, shutdown_timeout=30
        ) as worker:
            yield worker
    finally:
        signals.task_postrun.disconnect(_close_thread_connections)


def wait_until(condition, *, timeout: float = 20.0, interval: float = 0.05):
    """Poll ``condition`` until it is truthy; fail the test after ``timeout`` seconds."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = condition()
        if value:
            return value
        time.sleep(interval)
    raise AssertionError(f"condition not met within {timeout}s: {condition.__doc__ or condition}")
