"""Load: N participants at once over their journey, warm and cold cache, on the real stack.

A private stack (``bin/drills/harness.py``: its own PostgreSQL and Redis, gunicorn with 4 workers,
a Celery worker and beat) with the demo data. Each simulated participant, logged in with their own
session, walks the journey in a loop: the catalogue (``/cursussen/``), a session page, the
enrolment form and the enrolment itself (the first time per session), "my courses" and the
competency screen. First ``--seconds`` with the caches as the demo left them (warm), then the
cache Redis is flushed and the same runs again (cold). Prints per phase: requests, errors,
requests/s, p50 and p95 latency; exits non-zero on any error (a status other than 2xx/3xx).

    uv run python bench/load.py                       # 20 users, 300 s warm + 300 s cold
    uv run python bench/load.py --users 20 --seconds 60
    LOAD_SECONDS=60 bin/drill load                    # the same, as the CI drill runs it
"""

import argparse
import os
import sys
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "bin" / "drills"))

from harness import DrillFailed, Stack
from load import Participant, Tally, run_threads


def phase(stack: Stack, users: dict, *, seconds: float, label: str) -> Tally:
    tally, stop = Tally(), threading.Event()
    sessions = users["sessions"]

    def walk(index):
        person = Participant(
            stack.url, cookie_name=users["cookie_name"], cookie=users["cookies"][index], tally=tally
        )
        loop = 0
        while not stop.is_set():
            session = sessions[(index + loop) % len(sessions)]
            person.journey(session, enrol=loop < len(sessions))
            loop += 1

    started = time.monotonic()
    threads = run_threads(len(users["cookies"]), walk)
    time.sleep(seconds)
    stop.set()
    for thread in threads:
        thread.join(timeout=60)
    elapsed = time.monotonic() - started
    errors = tally.errors()
    print(
        f"load {label}: {len(users['cookies'])} users, {elapsed:.0f} s, "
        f"{len(tally.results)} requests, {len(errors)} errors, "
        f"{len(tally.results) / elapsed:.1f} req/s, p50 {tally.percentile(0.5) * 1000:.0f} ms, "
        f"p95 {tally.percentile(0.95) * 1000:.0f} ms, "
        f"statuses {dict(sorted(tally.statuses().items()))}",
        flush=True,
    )
    return tally


def run(*, users: int, seconds: float, cold_seconds: float, workers: int) -> list[str]:
    env = {"WEB_CONCURRENCY": str(workers), "WORKER_CONCURRENCY": "2"}
    with Stack("load", env=env, demo=True) as stack:
        people = stack.data("journey_users", n=users, sessions=5)
        stack.stack("start")
        stack.wait_for_web()
        for path in ("/", "/cursussen/", "/competenties/"):  # first hits: imports, page cache
            stack.get(path, timeout=60)
        warm = phase(stack, people, seconds=seconds, label="warm cache")
        stack.redis_cli("flushdb", db=1)
        cold = phase(stack, people, seconds=cold_seconds, label="cold cache (Redis flushed)")
        failures = [f"{label}: {t.errors()[:5]}" for label, t in (("warm", warm), ("cold", cold))]
        return [f for f, t in zip(failures, (warm, cold), strict=True) if t.errors()]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--users", type=int, default=int(os.environ.get("LOAD_USERS", 20)))
    parser.add_argument("--seconds", type=float, default=float(os.environ.get("LOAD_SECONDS", 300)))
    parser.add_argument("--cold-seconds", type=float, default=None)
    parser.add_argument("--workers", type=int, default=4)
    args, _ = parser.parse_known_args()  # bin/bench passes its own arguments to every script
    cold = args.cold_seconds if args.cold_seconds is not None else args.seconds
    failures = run(users=args.users, seconds=args.seconds, cold_seconds=cold, workers=args.workers)
    if failures:
        raise DrillFailed("errors under load: " + "; ".join(failures))


if __name__ == "__main__":
    main()
