"""Bench: the national overview with 100,000 participants and 2,000 trainers (PostgreSQL).

    BENCH_DATABASE=lk_bench_overview .venv/bin/python bench/overview.py [--participants 100000]

1. Generates the programme in its own database with COPY and bulk inserts: sessions over two
   years in every region (statuses mixed), 100,000 participants enrolled (attended, no-show,
   confirmed, waitlisted, cancelled), complete lists before and after for most who attended,
   the growth summary rows of those sessions (written directly: the page never reads answers,
   and the summary's own correctness is tested in tests/competencies), and 2,000 trainers.
2. Folds it into the overview's buckets (``overview_refresh``, what beat runs every 5 minutes)
   and prints how long that takes.
3. Counts the page's queries at a tenth of the data and at all of it (must be equal), and times
   the page (server side, test client, national staff; median) against the minimal view of the
   bench URLconf. Target: ratio <= 50.
"""

import argparse
import io
import os
import random
import statistics
import sys
import time
from datetime import timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
parser = argparse.ArgumentParser()
parser.add_argument("--participants", type=int, default=100_000)
parser.add_argument("--trainers", type=int, default=2000)
parser.add_argument("--per-session", type=int, default=12)
parser.add_argument("--repeat", type=int, default=9)
args = parser.parse_args()

DB = os.environ.get("BENCH_DATABASE", "lk_bench_overview")
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
from competencies.models import Competency, GrowthSummary, Statement  # noqa: E402
from competencies.selectors import default_framework  # noqa: E402
from courses.models import Course, Enrolment, Session  # noqa: E402
from overview.services import overview_refresh  # noqa: E402
from trainers.models import StatusPeriod, TrainerProfile  # noqa: E402

PATH = "/overzicht/"
TRAINER_STATUSES = ["candidate", "in_programme", "certified", "active", "active", "stopped"]


def copy_rows(table, columns, rows):
    buffer = io.StringIO()
    for row in rows:
        buffer.write("\t".join(row))
        buffer.write("\n")
    buffer.seek(0)
    with (
        connection.cursor() as cursor,
        cursor.cursor.copy(f"COPY {table} ({', '.join(columns)}) FROM STDIN") as copy,
    ):
        while chunk := buffer.read(1 << 20):
            copy.write(chunk)


def generate_programme(first: int, n: int, rng: random.Random) -> None:
    now = timezone.now()
    stamp = now.isoformat()
    regions = list(Region.objects.values_list("pk", flat=True))
    courses = [
        Course.objects.get_or_create(slug=f"bench-{i}", defaults={"title": f"Bench {i}"})[0]
        for i in range(3)
    ]
    framework = default_framework()
    comps = list(Competency.objects.filter(framework=framework).values_list("pk", flat=True))
    k = Statement.objects.filter(competency__framework=framework).count() // len(comps)
    with transaction.atomic():
        copy_rows(
            "accounts_user",
            [
                "email",
                "password",
                "display_name",
                "phone",
                "organisation",
                "is_superuser",
                "is_staff",
                "is_active",
                "date_joined",
                "session_token",
            ],
            (
                [f"p{i}@bench.invalid", "!", f"P {i}", "", "", "f", "f", "t", stamp, ""]
                for i in range(first, first + n)
            ),
        )
        users = list(
            User.objects.filter(email__endswith="@bench.invalid", email__startswith="p")
            .order_by("-pk")
            .values_list("pk", flat=True)[:n]
        )
        count = (n + args.per_session - 1) // args.per_session
        sessions = []
        for i in range(count):
            day = now - timedelta(days=rng.randint(-120, 600))
            status = (
                "completed"
                if day < now - timedelta(days=7)
                else rng.choice(["published", "published", "draft", "cancelled"])
            )
            sessions.append(
                Session(
                    course=courses[i % 3],
                    region_id=regions[i % len(regions)],
                    capacity=args.per_session + 2,
                    online_url="https://example.org/bench",
                    status=status,
                    cancel_reason="bench" if status == "cancelled" else "",
                    starts_at=day,
                    ends_at=day + timedelta(hours=3),
                    completed_at=day + timedelta(hours=4) if status == "completed" else None,
                )
            )
        sessions = Session.objects.bulk_create(sessions, batch_size=5000)
        enrolment_rows = []
        for index, uid in enumerate(users):
            session = sessions[index // args.per_session]
            if session.status == "completed":
                status = "attended" if rng.random() < 0.9 else "no_show"
            else:
                status = rng.choice(["confirmed", "confirmed", "waitlisted", "cancelled"])
            enrolment_rows.append((session.pk, uid, status))
        copy_rows(
            "courses_enrolment",
            [
                "session_id",
                "user_id",
                "status",
                "support_person_name",
                "access_needs",
                "dietary_needs",
                "queued_at",
                "created_at",
                "status_changed_at",
                "cancelled_at",
            ],
            (
                [
                    str(s),
                    str(u),
                    st,
                    "",
                    "",
                    "",
                    stamp,
                    stamp,
                    stamp,
                    stamp if st == "cancelled" else "\\N",
                ]
                for s, u, st in enrolment_rows
            ),
        )
        attended = list(
            Enrolment.objects.filter(user_id__in=users, status="attended").values_list(
                "pk", "user_id", "session_id"
            )
        )
        both = [row for row in attended if rng.random() < 0.8]
        copy_rows(
            "competencies_selfassessment",
            [
                "user_id",
                "framework_id",
                "kind",
                "moment",
                "enrolment_id",
                "started_at",
                "completed_at",
                "answered_count",  # 0: no answer rows here, the page reads the summary
            ],
            (
                [str(uid), str(framework.pk), "statements", moment, str(eid), stamp, stamp, "0"]
                for eid, uid, _s in both
                for moment in ("pre", "post")
            ),
        )
        per_session: dict[int, int] = {}
        for _e, _u, sid in both:
            per_session[sid] = per_session.get(sid, 0) + 1
        summaries = []
        for sid, people in per_session.items():
            for comp, units in [(None, k * len(comps)), *((c, k) for c in comps)]:
                pre = people * units * 2
                change = rng.randint(0, people * units // 2)
                for moment in ("pre", "post"):
                    summaries.append(
                        GrowthSummary(
                            session_id=sid,
                            framework=framework,
                            competency_id=comp,
                            moment=moment,
                            units=units,
                            n=people,
                            sum_total=pre if moment == "pre" else pre + change,
                            sum_sq_total=0,
                            n_paired=people if moment == "post" else 0,
                            sum_pre_paired=pre if moment == "post" else 0,
                            sum_change=change if moment == "post" else 0,
                            sum_sq_change=change * change if moment == "post" else 0,
                            n_improved=people // 2 if moment == "post" else 0,
                            n_declined=people // 6 if moment == "post" else 0,
                        )
                    )
        GrowthSummary.objects.bulk_create(summaries, batch_size=10000)


def generate_trainers(first: int, n: int, rng: random.Random) -> None:
    now = timezone.now()
    regions = list(Region.objects.all())
    group = Group.objects.get(name="trainer")
    with transaction.atomic():
        users = User.objects.bulk_create(
            User(email=f"t{i}@bench.invalid", password="!", display_name=f"Trainer {i}")
            for i in range(first, first + n)
        )
        User.groups.through.objects.bulk_create(
            User.groups.through(user_id=u.pk, group_id=group.pk) for u in users
        )
        profiles = TrainerProfile.objects.bulk_create(
            TrainerProfile(user=u, created_at=now - timedelta(days=900)) for u in users
        )
        TrainerProfile.regions.through.objects.bulk_create(
            TrainerProfile.regions.through(trainerprofile_id=p.pk, region_id=rng.choice(regions).pk)
            for p in profiles
        )
        periods = []
        for p in profiles:
            status = rng.choice(TRAINER_STATUSES)
            periods.append(
                StatusPeriod(
                    profile=p,
                    status=status,
                    started_at=now - timedelta(days=rng.randint(30, 900)),
                    reason="bench" if status == "stopped" else "",
                )
            )
        StatusPeriod.objects.bulk_create(periods)


def analyze() -> None:
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")


def refresh() -> float:
    start = time.perf_counter()
    overview_refresh()
    return time.perf_counter() - start


def count_queries(client) -> int:
    client.get(PATH)
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(PATH)
    assert response.status_code == 200, response.status_code
    html = response.content.decode()
    assert "<svg" in html
    assert "None" not in html.split("<main", 1)[1]
    return len(ctx.captured_queries)


def median_ms(client, path) -> float:
    client.get(path)
    times = []
    for _ in range(args.repeat):
        start = time.perf_counter()
        response = client.get(path)
        times.append((time.perf_counter() - start) * 1000)
        assert response.status_code == 200
    return statistics.median(times)


def main() -> int:
    rng = random.Random(42)
    staff = User.objects.create_user(email="staf@bench.invalid", password="!", display_name="S")
    staff.groups.add(Group.objects.get(name="national_staff"))
    client = Client()
    client.force_login(staff)
    small_p, small_t = args.participants // 10, args.trainers // 10
    start = time.perf_counter()
    generate_programme(0, small_p, rng)
    generate_trainers(0, small_t, rng)
    analyze()
    refresh()
    few = count_queries(client)
    generate_programme(small_p, args.participants - small_p, rng)
    generate_trainers(small_t, args.trainers - small_t, rng)
    analyze()
    print(f"generated in {time.perf_counter() - start:.1f} s")
    folded = refresh()
    many = count_queries(client)
    print(
        f"overview: {Enrolment.objects.count():,} enrolments in {Session.objects.count():,} "
        f"sessions, {GrowthSummary.objects.count():,} growth summary rows, "
        f"{TrainerProfile.objects.count():,} trainers, PostgreSQL"
    )
    print(f"refresh (beat, every 5 min): {folded * 1000:.0f} ms")
    print(f"queries at a tenth of the data: {few}; at all of it: {many}")
    page = median_ms(client, PATH)
    minimal = median_ms(client, "/_bench/minimal/")
    print(f"overview median {page:.1f} ms; minimal view median {minimal:.2f} ms")
    ratio = page / minimal
    print(f"ratio overview/minimal: {ratio:.1f} (target <= 50)")
    return 0 if few == many and ratio <= 50 else 1


if __name__ == "__main__":
    sys.exit(main())
