"""How long a request's task publish takes while Redis (broker and result backend) is unreachable.

A web request that enrols someone asks a task to send the confirmation after commit. With Redis
down that publish must fail fast (the outbox row waits for the sweep). Each publish here runs in a
fresh Celery app, as in a process that has not connected before, against a closed loopback port.
Prints seconds per publish as configured (tasks ignore results) and, once, with the result stored
as before (the result backend's pub/sub subscription retried about 20 times), and their ratio.

    uv run python bench/broker_down.py [--n 5]
"""

import argparse
import contextlib
import os
import sys
import time
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(BASE_DIR))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
os.environ.setdefault("LOG_LEVEL", "CRITICAL")

import django  # noqa: E402

django.setup()

from celery import Celery  # noqa: E402

CLOSED = "redis://127.0.0.1:1/0"


def publish_seconds(*, as_configured: bool) -> float:
    app = Celery("bench-broker-down")
    app.config_from_object("django.conf:settings", namespace="CELERY")
    app.conf.update(broker_url=CLOSED, result_backend=CLOSED, task_always_eager=False)
    if not as_configured:  # as before: results stored, the result backend's default retries
        app.conf.update(task_ignore_result=False, result_backend_transport_options={})
    started = time.perf_counter()
    # Expected to fail: the broker is down; the outbox sweep sends later.
    with contextlib.suppress(Exception):
        app.send_task(
            "notifications.tasks.send_outbox_message",
            args=[0],
            retry=False,
            ignore_result=app.conf.task_ignore_result,
        )
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--n", type=int, default=5)
    args, _ = parser.parse_known_args()  # bin/bench passes its arguments to every script
    now = [publish_seconds(as_configured=True) for _ in range(args.n)]
    mean = sum(now) / len(now)
    before = publish_seconds(as_configured=False)
    print(f"publish with Redis down, results ignored: {mean:.3f} s (mean of {args.n})")
    print(f"publish with Redis down, result stored:   {before:.3f} s (once)")
    print(f"ratio: {before / mean:.0f}x")


if __name__ == "__main__":
    main()
