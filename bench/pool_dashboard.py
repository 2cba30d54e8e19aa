"""Bench: the trainer pool dashboard with 2,000 trainers and 20,000 assignments (PostgreSQL).

    BENCH_DATABASE=lk_bench_trainers uv run python bench/pool_dashboard.py [--trainers 2000]

1. Generates the pool in its own database: trainers with status periods and regions, sessions
   with lead / co-trainer / intern assignments, programme steps, applications, waitlists.
2. Counts the dashboard's queries at a tenth of the data and at all of it: they must be equal.
3. Times the dashboard (server side, through the test client, as national staff) against the
   minimal view of the bench URLconf (same middleware, no work) and prints the ratio of the
   median latencies. Target <= 30.
"""

import argparse
import os
import random
import statistics
import sys
import time
from datetime import timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
parser = argparse.ArgumentParser()
parser.add_argument("--trainers", type=int, default=2000)
parser.add_argument("--assignments", type=int, default=20000)
parser.add_argument("--repeat", type=int, default=9)
args = parser.parse_args()

DB = os.environ.get("BENCH_DATABASE", "lk_bench_trainers")
HOST = os.environ.get("BENCH_PG", "postgres://postgres@127.0.0.1:5432")
os.environ["DATABASE_URL"] = f"{HOST}/{DB}"
os.environ["DJANGO_SETTINGS_MODULE"] = "bench._site.settings"
os.environ.setdefault("DJANGO_DEBUG", "false")
os.environ.pop("REDIS_URL", None)
os.environ.pop("CACHE_REDIS_URL", None)

import psycopg  # noqa: E402

with psycopg.connect(f"{HOST}/postgres", autocommit=True) as admin:
    if admin.execute("SELECT 1 FROM pg_database WHERE datname = %s", [DB]).fetchone():
        admin.execute(f'DROP DATABASE "{DB}"')
    admin.execute(f'CREATE DATABASE "{DB}"')

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.contrib.auth.models import Group  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.utils import timezone  # noqa: E402

call_command("migrate", verbosity=0)
settings.ALLOWED_HOSTS = ["*"]

from accounts.models import Region, User  # noqa: E402
from courses.models import Assignment, Course, Enrolment, Session  # noqa: E402
from trainers.models import Application, ProgrammeStep, StatusPeriod, TrainerProfile  # noqa: E402

STATUSES = ["candidate", "in_programme", "certified", "active", "active", "active", "stopped"]


def generate(first: int, count: int, sessions_per_trainer: int, rng: random.Random) -> None:
    now = timezone.now()
    regions = list(Region.objects.all())
    course, _ = Course.objects.get_or_create(slug="bench", defaults={"title": "Bench"})
    trainer_group = Group.objects.get(name="trainer")
    with transaction.atomic():
        users = User.objects.bulk_create(
            User(email=f"t{i}@bench.invalid", password="!", display_name=f"Trainer {i}")
            for i in range(first, first + count)
        )
        User.groups.through.objects.bulk_create(
            User.groups.through(user_id=u.pk, group_id=trainer_group.pk) for u in users
        )
        profiles = TrainerProfile.objects.bulk_create(
            TrainerProfile(user=u, created_at=now - timedelta(days=900)) for u in users
        )
        TrainerProfile.regions.through.objects.bulk_create(
            TrainerProfile.regions.through(trainerprofile_id=p.pk, region_id=rng.choice(regions).pk)
            for p in profiles
        )
        periods, steps = [], []
        for p in profiles:
            status = rng.choice(STATUSES)
            start = now - timedelta(days=rng.randint(30, 900))
            periods.append(
                StatusPeriod(
                    profile=p,
                    status=status,
                    started_at=start,
                    reason="bench" if status == "stopped" else "",
                )
            )
            if status in ("in_programme", "certified", "active"):
                steps.append(
                    ProgrammeStep(
                        profile=p,
                        step="intervisie",
                        outcome="passed",
                        decided_at=start + timedelta(days=rng.randint(1, 60)),
                    )
                )
        StatusPeriod.objects.bulk_create(periods)
        ProgrammeStep.objects.bulk_create(steps)
        Application.objects.bulk_create(
            Application(
                user=u,
                region=rng.choice(regions),
                motivation="bench",
                status="accepted",
                decided_at=now,
            )
            for u in users
        )
        n_sessions = count * sessions_per_trainer // 4
        sessions = Session.objects.bulk_create(
            Session(
                course=course,
                region=rng.choice(regions),
                capacity=10,
                online_url="https://example.org/bench",
                status=rng.choice(["completed", "published"]),
                starts_at=now - timedelta(days=rng.randint(-60, 700)),
                ends_at=now - timedelta(days=rng.randint(-60, 700)) + timedelta(days=800),
            )
            for _ in range(n_sessions)
        )
        assignments = []
        for s in sessions:
            staff = rng.sample(users, 4)
            for role, u in zip(["lead", "co_trainer", "co_trainer", "intern"], staff, strict=True):
                assignments.append(Assignment(session=s, trainer=u, role=role))
        Assignment.objects.bulk_create(assignments, batch_size=5000)
        Enrolment.objects.bulk_create(
            Enrolment(session=s, user=u, status="waitlisted")
            for s, u in zip(sessions[:50], users[:50], strict=False)
        )


def analyze() -> None:
    """Fresh planner statistics after a bulk load, as autovacuum would give a live database."""
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")


def count_queries(client, path):
    client.get(path)  # a first visit does one-off work (profile rows, caches)
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(path)
    assert response.status_code == 200, response.status_code
    return len(ctx.captured_queries)


def median_ms(client, path):
    client.get(path)
    times = []
    for _ in range(args.repeat):
        start = time.perf_counter()
        client.get(path)
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def main() -> int:
    rng = random.Random(42)
    per_trainer = max(1, args.assignments * 4 // 4 // args.trainers)
    staff = User.objects.create_user(email="staf@bench.invalid", password="!", display_name="S")
    staff.groups.add(Group.objects.get(name="national_staff"))
    client = Client()
    client.force_login(staff)
    small = args.trainers // 10
    generate(0, small, per_trainer, rng)
    analyze()
    few = count_queries(client, "/trainers/beheer/")
    generate(small, args.trainers - small, per_trainer, rng)
    analyze()
    many = count_queries(client, "/trainers/beheer/")
    print(
        f"pool_dashboard: {TrainerProfile.objects.count()} trainers, "
        f"{Assignment.objects.count()} assignments, PostgreSQL"
    )
    print(f"queries at {small} trainers: {few}; at {args.trainers}: {many}")
    dashboard = median_ms(client, "/trainers/beheer/")
    minimal = median_ms(client, "/_bench/minimal/")
    print(f"dashboard median {dashboard:.1f} ms; minimal view median {minimal:.2f} ms")
    print(f"ratio dashboard/minimal: {dashboard / minimal:.1f} (target <= 30)")
    return 0 if few == many else 1


if __name__ == "__main__":
    sys.exit(main())
