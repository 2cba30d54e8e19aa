"""Contention benchmark: N concurrent enrolment requests over HTTP against ONE session.

Real stack: gunicorn (started here on a free loopback port) against PostgreSQL (``DATABASE_URL``)
and Redis when ``REDIS_URL`` is set. Creates N participants with logged-in session cookies, then
fires N threads at once at ``POST /api/sessions/<id>/enrol`` for one session of capacity C.

Prints the correctness check (exactly C confirmed, N-C waitlisted with positions 1..N-C in
arrival order, zero errors), requests/s, and the ratio to the same N enrolments spread over N
different sessions (the uncontended rate). Cleans up what it created.

    DATABASE_URL=postgres://... uv run python bench/enrolment_contention.py --n 100 --capacity 20
"""

import argparse
import json
import os
import socket
import statistics
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(BASE_DIR))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
os.environ.setdefault("LOG_LEVEL", "WARNING")

import django  # noqa: E402

django.setup()

import contextlib  # noqa: E402
from datetime import timedelta  # noqa: E402

from django.conf import settings  # noqa: E402
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY  # noqa: E402
from django.contrib.sessions.backends.db import SessionStore  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.utils import timezone  # noqa: E402

from accounts.models import AuditEntry, Region, User  # noqa: E402
from courses.models import Course, Enrolment, Meeting, Session  # noqa: E402
from notifications.models import OutboxMessage  # noqa: E402

PREFIX = "bench-contention"
CSRF = "b" * 32


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_gunicorn(port: int, workers: int) -> subprocess.Popen:
    env = {**os.environ, "DJANGO_DEBUG": "false", "LOG_LEVEL": "WARNING"}
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "config.wsgi:application",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            str(workers),
            "--log-level",
            "warning",
        ],
        cwd=BASE_DIR,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    deadline = time.time() + 90
    while time.time() < deadline:
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/api/sessions?limit=1", timeout=20)
            return proc
        except OSError:  # refused while starting, or a slow first request
            time.sleep(0.5)
    proc.terminate()
    raise SystemExit("gunicorn did not start")


def warm_up(port: int, workers: int) -> None:
    """Every worker imports Django on its first request; do that before the clock runs."""
    url = f"http://127.0.0.1:{port}/api/sessions?limit=1"

    def hit():
        with contextlib.suppress(OSError):
            urllib.request.urlopen(url, timeout=60).read()

    for _ in range(2):
        threads = [threading.Thread(target=hit) for _ in range(workers * 4)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()


def make_session(course, region, capacity) -> Session:
    start = timezone.now() + timedelta(days=30)
    session = Session.objects.create(
        course=course,
        region=region,
        capacity=capacity,
        min_participants=0,
        online_url="https://meet.example.org/bench",
        status=Session.Status.PUBLISHED,
        starts_at=start,
        ends_at=start + timedelta(hours=2),
    )
    Meeting.objects.create(session=session, starts_at=start, ends_at=start + timedelta(hours=2))
    return session


def login_cookie(user) -> str:
    store = SessionStore()
    store[SESSION_KEY] = str(user.pk)
    store[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    store[HASH_SESSION_KEY] = user.get_session_auth_hash()
    store.create()
    return f"{settings.SESSION_COOKIE_NAME}={store.session_key}; csrftoken={CSRF}"


def fire(port, targets) -> tuple[float, list]:
    """targets: [(cookie, session_id)], all released at once. Returns (seconds, results)."""
    barrier = threading.Barrier(len(targets) + 1)
    results = [None] * len(targets)

    def worker(i, cookie, session_id):
        request = urllib.request.Request(
            f"http://127.0.0.1:{port}/api/sessions/{session_id}/enrol",
            data=b"{}",
            method="POST",
            headers={
                "Content-Type": "application/json",
                "Cookie": cookie,
                "X-CSRFToken": CSRF,
            },
        )
        barrier.wait()
        try:
            with urllib.request.urlopen(request, timeout=60) as response:
                results[i] = (response.status, json.loads(response.read()))
        except urllib.error.HTTPError as exc:
            results[i] = (exc.code, exc.read()[:200])
        except Exception as exc:
            results[i] = (0, repr(exc))

    threads = [
        threading.Thread(target=worker, args=(i, cookie, sid))
        for i, (cookie, sid) in enumerate(targets)
    ]
    for t in threads:
        t.start()
    barrier.wait()
    started = time.perf_counter()
    for t in threads:
        t.join()
    return time.perf_counter() - started, results


def check_contended(session, results, n, capacity) -> list[str]:
    problems = []
    errors = [r for r in results if r[0] != 201]
    if errors:
        problems.append(f"{len(errors)} errors, e.g. {errors[:3]}")
    confirmed = session.enrolments.filter(status=Enrolment.Status.CONFIRMED).count()
    waiting = list(
        session.enrolments.filter(status=Enrolment.Status.WAITLISTED).order_by("queued_at", "pk")
    )
    if confirmed != capacity:
        problems.append(f"{confirmed} confirmed, expected {capacity}")
    if len(waiting) != n - capacity:
        problems.append(f"{len(waiting)} waitlisted, expected {n - capacity}")
    first_waiting = waiting[0].queued_at if waiting else None
    late_confirmed = (
        session.enrolments.filter(
            status=Enrolment.Status.CONFIRMED, queued_at__gt=first_waiting
        ).count()
        if first_waiting
        else 0
    )
    if late_confirmed:
        problems.append(f"{late_confirmed} confirmed after someone was waitlisted (not FIFO)")
    positions = sorted(
        r[1]["waitlist_position"] for r in results if r[0] == 201 and r[1]["status"] == "waitlisted"
    )
    if positions != list(range(1, n - capacity + 1)):
        problems.append(f"waitlist positions at enrol time are not 1..{n - capacity}")
    by_user = {r[1]["id"]: r[1]["waitlist_position"] for r in results if r[0] == 201}
    in_order = [by_user.get(e.pk) for e in waiting]
    if in_order != list(range(1, len(waiting) + 1)):
        problems.append("waitlist order in the database differs from the positions handed out")
    return problems


def cleanup():
    users = User.objects.filter(email__startswith=PREFIX)
    sessions = Session.objects.filter(course__slug=PREFIX)
    enrolments = Enrolment.objects.filter(session__in=sessions)
    OutboxMessage.objects.filter(key__startswith="courses:enrolment_").filter(
        to__startswith=PREFIX
    ).delete()
    AuditEntry.objects.filter(target_repr__contains=PREFIX).delete()
    AuditEntry.objects.filter(actor__in=users).delete()
    enrolments.delete()
    sessions.delete()
    Course.objects.filter(slug=PREFIX).delete()
    users.delete()


def log(message):
    print(f"[{time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--n", type=int, default=100)
    parser.add_argument("--capacity", type=int, default=20)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--workers", type=int, default=4)
    args, _ = parser.parse_known_args()  # bin/bench passes its options to every script
    if not settings.USING_POSTGRES:
        print("skipped: set DATABASE_URL to PostgreSQL (the row lock is what this measures)")
        return
    log("migrate and clean up")
    call_command("migrate", verbosity=0)
    cleanup()
    course = Course.objects.create(
        title=PREFIX, slug=PREFIX, default_capacity=args.capacity, min_participants=0
    )
    region = Region.objects.first()
    users = [
        User.objects.create_user(email=f"{PREFIX}-{i}@example.org", display_name=f"Bench {i}")
        for i in range(args.n)
    ]
    cookies = [login_cookie(u) for u in users]
    port = free_port()
    log(f"{args.n} users ready; starting gunicorn on port {port}")
    server = start_gunicorn(port, args.workers)
    warm_up(port, args.workers)
    log("gunicorn up and warm")
    contended, uncontended, all_problems = [], [], []
    try:
        for _ in range(args.rounds):
            one = make_session(course, region, args.capacity)
            seconds, results = fire(port, [(c, one.pk) for c in cookies])
            contended.append(args.n / seconds)
            log(f"contended round: {seconds:.2f}s")
            all_problems += check_contended(one, results, args.n, args.capacity)
            many = [make_session(course, region, args.capacity) for _ in range(args.n)]
            seconds, results = fire(port, [(c, s.pk) for c, s in zip(cookies, many, strict=True)])
            uncontended.append(args.n / seconds)
            log(f"uncontended round: {seconds:.2f}s")
            bad = [r for r in results if r[0] != 201 or r[1]["status"] != "confirmed"]
            if bad:
                all_problems.append(f"uncontended: {len(bad)} not confirmed, e.g. {bad[:2]}")
    finally:
        server.terminate()
        try:
            server.wait(timeout=60)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()
        cleanup()
    c, u = statistics.median(contended), statistics.median(uncontended)
    print(f"enrolment contention: N={args.n} threads, capacity {args.capacity}, ", end="")
    print(f"{args.rounds} rounds, gunicorn {args.workers} workers, PostgreSQL")
    if all_problems:
        print("CHECK FAILED:")
        for problem in all_problems:
            print("  -", problem)
    else:
        print(
            f"check: every round exactly {args.capacity} confirmed, "
            f"{args.n - args.capacity} waitlisted in order (positions 1..{args.n - args.capacity}),"
            " zero errors"
        )
    print(
        f"one session (contended):   {c:7.1f} requests/s  (rounds: "
        + ", ".join(f"{x:.1f}" for x in contended)
        + ")"
    )
    print(
        f"{args.n} sessions (uncontended): {u:7.1f} requests/s  (rounds: "
        + ", ".join(f"{x:.1f}" for x in uncontended)
        + ")"
    )
    print(f"ratio contended / uncontended: {c / u:.2f}")
    sys.exit(1 if all_problems else 0)


if __name__ == "__main__":
    main()
