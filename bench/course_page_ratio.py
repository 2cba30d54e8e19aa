"""Course page speed against a minimal Django view on the same gunicorn, and catalogue queries.

Prints:
- course page requests/s (anonymous, cache warm) / minimal view requests/s  (target >= 0.5)
- the same ratio with the page cache switched off (uncached rendering)
- the catalogue's query count with 10 and with 300 upcoming sessions (must be equal)

Uses DATABASE_URL/REDIS_URL when set (the real stack), else a throw-away SQLite database and
local-memory cache. Run: ``uv run python bench/course_page_ratio.py [--seconds 8]``.
"""

import argparse
import http.client
import os
import socket
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
COURSE_URL = "/cursussen/lokale-belangenbehartiging/"
MINIMAL_URL = "/_bench/minimal/"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _rate(port: int, path: str, seconds: float, clients: int) -> float:
    """Requests per second over keep-alive connections from ``clients`` threads."""
    counts = [0] * clients
    stop = time.monotonic() + seconds

    def worker(i):
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
        while time.monotonic() < stop:
            conn.request("GET", path, headers={"Host": "127.0.0.1"})
            response = conn.getresponse()
            response.read()
            if response.status != 200:
                raise SystemExit(f"{path}: HTTP {response.status}")
            counts[i] += 1

    threads = [threading.Thread(target=worker, args=(i,)) for i in range(clients)]
    started = time.monotonic()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return sum(counts) / (time.monotonic() - started)


def _serve(env: dict, port: int) -> subprocess.Popen:
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "config.wsgi:application",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            "2",
            "--worker-class",
            "gthread",
            "--threads",
            "4",
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
        env=env,
    )
    for _ in range(100):
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
            conn.request("GET", MINIMAL_URL, headers={"Host": "127.0.0.1"})
            if conn.getresponse().status == 200:
                return proc
        except OSError:
            time.sleep(0.2)
    proc.kill()
    raise SystemExit("gunicorn did not start")


def _measure(env, seconds, clients, *, cached: bool) -> tuple[float, float]:
    env = dict(env, BENCH_NO_PAGE_CACHE="0" if cached else "1")
    port = _free_port()
    proc = _serve(env, port)
    try:
        _rate(port, COURSE_URL, 1.0, clients)  # warm: every worker renders and caches the page
        _rate(port, MINIMAL_URL, 1.0, clients)
        page = _rate(port, COURSE_URL, seconds, clients)
        minimal = _rate(port, MINIMAL_URL, seconds, clients)
        return page, minimal
    finally:
        proc.terminate()
        proc.wait(timeout=10)


def _catalogue_queries() -> tuple[int, int]:
    import datetime as dt

    import django
    from django.core.cache import cache
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from django.utils import timezone

    django.setup()
    from accounts.models import Region
    from courses.models import Course, Meeting, Session, Venue

    course = Course.objects.get(slug="lokale-belangenbehartiging")
    region = Region.objects.get(slug="amsterdam")
    venue = Venue.objects.first()
    client = Client()

    def grow_to(n):
        have = Session.objects.filter(status="published", starts_at__gt=timezone.now()).count()
        for i in range(have, n):
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

    client.get("/cursussen/")  # one-time start-up queries are not the catalogue's
    counts = []
    for size in (10, 300):
        grow_to(size)
        cache.clear()
        with CaptureQueriesContext(connection) as ctx:
            assert client.get("/cursussen/").status_code == 200
        counts.append(len(ctx.captured_queries))
    return counts[0], counts[1]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds", type=float, default=8.0)
    parser.add_argument("--clients", type=int, default=4)
    args = parser.parse_args()

    env = dict(os.environ, DJANGO_SETTINGS_MODULE="bench.settings", DJANGO_DEBUG="false")
    env.setdefault("DJANGO_ALLOWED_HOSTS", "127.0.0.1,localhost,testserver")
    tmp = None
    if "DATABASE_URL" not in env:
        tmp = tempfile.TemporaryDirectory()
        env["DATABASE_URL"] = f"sqlite:///{tmp.name}/bench.sqlite3"
    os.environ.update({k: env[k] for k in ("DJANGO_SETTINGS_MODULE", "DATABASE_URL")})
    os.environ["DJANGO_DEBUG"] = "false"
    os.environ["DJANGO_ALLOWED_HOSTS"] = env["DJANGO_ALLOWED_HOSTS"]
    manage = [sys.executable, "manage.py"]
    subprocess.run([*manage, "migrate", "--noinput", "-v0"], cwd=ROOT, env=env, check=True)
    subprocess.run([*manage, "load_demo"], cwd=ROOT, env=env, check=True, stdout=subprocess.DEVNULL)

    warm_page, warm_min = _measure(env, args.seconds, args.clients, cached=True)
    cold_page, cold_min = _measure(env, args.seconds, args.clients, cached=False)
    small, large = _catalogue_queries()

    backend = "PostgreSQL" if env["DATABASE_URL"].startswith("postgres") else "SQLite"
    cache_backend = "Redis" if env.get("REDIS_URL") else "local memory"
    print(f"database: {backend}, cache: {cache_backend}, gunicorn 2 workers x 4 threads")
    print(
        f"minimal view:             {warm_min:8.1f} req/s (cached run), {cold_min:.1f} (uncached)"
    )
    print(f"course page, cache warm:  {warm_page:8.1f} req/s")
    print(f"course page, uncached:    {cold_page:8.1f} req/s")
    print(f"ratio cached   (>= 0.5):  {warm_page / warm_min:8.2f}")
    print(f"ratio uncached:           {cold_page / cold_min:8.2f}")
    print(f"catalogue queries: 10 sessions -> {small}, 300 sessions -> {large}", end="")
    print("  (equal)" if small == large else "  (NOT EQUAL)")
    if tmp:
        tmp.cleanup()


if __name__ == "__main__":
    main()
