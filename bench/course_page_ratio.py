"""Course page speed against a minimal Django view on the same gunicorn, and catalogue queries.

    uv run python bench/course_page_ratio.py [--seconds 10] [--concurrency 4] [--workers 2]
        [--skip-setup] [--uncached-only]

Prints:
- course page requests/s (anonymous, page cache warm) / minimal view requests/s (target >= 0.5)
- the same ratio with the page cache switched off (uncached rendering)
- the catalogue's query count with 10 and with 300 upcoming sessions (must be equal)
"""

import argparse
import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench._harness import MINIMAL_PATH, bench_env, gunicorn, load, manage

COURSE_PATH = "/cursussen/lokale-belangenbehartiging/"


def _ratio(args, env) -> tuple:
    with gunicorn(workers=args.workers, env=env) as base:
        for path in (COURSE_PATH, MINIMAL_PATH):  # warm up: imports, templates, page cache
            load(base, path, seconds=1, concurrency=args.concurrency)
        runs = {COURSE_PATH: [], MINIMAL_PATH: []}
        for _ in range(2):  # interleaved, so drift on a shared machine hits both alike
            for path in (COURSE_PATH, MINIMAL_PATH):
                runs[path].append(
                    load(base, path, seconds=args.seconds / 2, concurrency=args.concurrency)
                )
    page = sum(r.requests for r in runs[COURSE_PATH]) / sum(r.seconds for r in runs[COURSE_PATH])
    minimal = sum(r.requests for r in runs[MINIMAL_PATH]) / sum(
        r.seconds for r in runs[MINIMAL_PATH]
    )
    errors = sum(r.errors for rs in runs.values() for r in rs)
    return page, minimal, errors


def _catalogue_queries() -> tuple[int, int]:
    import datetime as dt

    os.environ.update(bench_env())
    import django

    django.setup()
    from django.core.cache import cache
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from django.utils import timezone

    from accounts.models import Region
    from courses.models import Course, Meeting, Session, Venue

    course = Course.objects.get(slug="lokale-belangenbehartiging")
    region = Region.objects.get(slug="amsterdam")
    venue = Venue.objects.first()
    client = Client(HTTP_HOST="127.0.0.1")  # DEBUG off: ALLOWED_HOSTS has no "testserver"
    client.get("/cursussen/")  # one-time start-up queries are not the catalogue's

    def upcoming():
        return Session.objects.filter(status="published", starts_at__gt=timezone.now())

    def grow_to(n):
        for i in range(upcoming().count(), n):
            start = timezone.now() + dt.timedelta(days=3 + i % 300, hours=i % 7)
            session = Session.objects.create(
                course=course,
                region=region,
                venue=venue,
                capacity=10,
                status=Session.Status.PUBLISHED,
                published_at=timezone.now(),
                starts_at=start,
                ends_at=start + dt.timedelta(hours=3),
            )
            Meeting.objects.create(
                session=session, starts_at=start, ends_at=start + dt.timedelta(hours=3)
            )

    counts = []
    for size in (10, 300):
        grow_to(size)
        cache.clear()
        with CaptureQueriesContext(connection) as ctx:
            assert client.get("/cursussen/").status_code == 200
        counts.append((upcoming().count(), len(ctx.captured_queries)))
    return counts


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=10.0, help="per measurement")
    parser.add_argument("--concurrency", type=int, default=4, help="client threads")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers")
    parser.add_argument("--skip-setup", action="store_true", help="database already loaded")
    parser.add_argument(
        "--uncached-only", action="store_true", help="only the ratio without the page cache"
    )
    args = parser.parse_args()

    if not args.skip_setup:
        manage("migrate", "--noinput", "-v", "0")
        manage("load_demo")
    cold_page, cold_min, cold_errors = _ratio(args, bench_env(BENCH_NO_PAGE_CACHE="1"))
    if args.uncached_only:
        print(f"uncached:   course page {cold_page:8.1f} req/s, minimal view {cold_min:8.1f} req/s")
        print(f"ratio course/minimal, uncached:            {cold_page / cold_min:.3f}")
        return 1 if cold_errors else 0
    warm_page, warm_min, warm_errors = _ratio(args, bench_env())
    (small_n, small), (large_n, large) = _catalogue_queries()

    env = bench_env()
    backend = "PostgreSQL" if env["DATABASE_URL"].startswith("postgres") else "SQLite"
    cache = "Redis" if env.get("REDIS_URL") else "local memory"
    print(
        f"course_page_ratio: {backend}, cache {cache}, gunicorn {args.workers} sync workers, "
        f"{args.concurrency} client threads, {args.seconds:g}s per view"
    )
    print(f"cache warm: course page {warm_page:8.1f} req/s, minimal view {warm_min:8.1f} req/s")
    print(f"uncached:   course page {cold_page:8.1f} req/s, minimal view {cold_min:8.1f} req/s")
    print(f"ratio course/minimal, cache warm (>= 0.5): {warm_page / warm_min:.3f}")
    print(f"ratio course/minimal, uncached:            {cold_page / cold_min:.3f}")
    print(
        f"catalogue queries: {small_n} upcoming sessions -> {small}, "
        f"{large_n} -> {large}" + ("  (equal)" if small == large else "  (NOT EQUAL)")
    )
    if warm_errors or cold_errors:
        print("errors during the run: figures are not reliable", file=sys.stderr)
        return 1
    return 0 if small == large else 1


if __name__ == "__main__":
    sys.exit(main())
