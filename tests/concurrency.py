"""Running calls at the same moment from threads, for race tests on PostgreSQL."""

import threading
from collections.abc import Callable

from django.db import connection


def at_once(calls: list[Callable[[], object]]) -> list[str]:
    """Run every call in its own thread, all released together by a barrier; answer the errors
    they raised (``repr``), so the test's assertion shows what went wrong. Each thread closes its
    own database connection."""
    barrier = threading.Barrier(len(calls))
    errors = []

    def worker(call):
        try:
            barrier.wait()
            call()
        except Exception as exc:  # collected: the assertion says what went wrong
            errors.append(repr(exc))
        finally:
            connection.close()

    threads = [threading.Thread(target=worker, args=(call,)) for call in calls]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return errors
