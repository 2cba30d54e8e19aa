"""A logged-in participant's pages against a minimal view, on the same gunicorn, uncached.

    uv run python bench/portal_ratio.py [--seconds 10] [--concurrency 4] [--workers 2]
        [--skip-setup]

Logged in as the demo participant (``deelnemer@leerkring.nl``, a real session cookie), it
measures "Mijn cursussen" (``/cursussen/mijn-cursussen/``) and one competency screen (the fill
page of one competency, ``/competenties/lijst/<pk>/?c=3``) against ``/_bench/minimal/`` requested
with the same cookie (so the baseline pays the same session and user look-up). Pages for a
logged-in person are never served from the page cache. Target: each ratio >= 0.1.
Also prints each page's query count.
"""

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench._harness import (
    MINIMAL_PATH,
    backend_line,
    django_setup,
    gunicorn,
    interleaved,
    login_cookie,
    manage,
)

PARTICIPANT = "deelnemer@leerkring.nl"
MY_COURSES = "/cursussen/mijn-cursussen/"


def _prepare() -> tuple[str, str, dict]:
    """The participant's cookie, the path of a competency screen, and each page's queries."""
    django_setup()
    from django.db import connection
    from django.db.models import F
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from accounts.models import User
    from competencies.models import SelfAssessment

    user = User.objects.get(email=PARTICIPANT)
    assessment = (
        SelfAssessment.objects.filter(user=user, kind="statements", peer_invitation=None)
        .order_by(F("completed_at").asc(nulls_first=True), "-pk")  # an open list first
        .first()
    )
    fill = f"/competenties/lijst/{assessment.pk}/?c=3"
    client = Client(HTTP_HOST="127.0.0.1")
    client.force_login(user)
    counts = {}
    for path in (MY_COURSES, fill, MINIMAL_PATH):
        assert client.get(path).status_code == 200, path  # start-up queries are not the page's
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(path).status_code == 200, path
        counts[path] = len(ctx.captured_queries)
    cookie = login_cookie(user)
    connection.close()
    return cookie, fill, counts


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=10.0, help="per measurement")
    parser.add_argument("--concurrency", type=int, default=4, help="client threads")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers")
    parser.add_argument("--skip-setup", action="store_true", help="database already migrated")
    args = parser.parse_args()

    if not args.skip_setup:
        manage("migrate", "--noinput", "-v", "0")
        manage("load_demo")
    cookie, fill, counts = _prepare()
    headers = {"Cookie": cookie}
    with gunicorn(workers=args.workers) as base:
        rps = interleaved(
            base,
            {
                "my_courses": {"path": MY_COURSES, "headers": headers},
                "fill": {"path": fill, "headers": headers},
                "minimal": {"path": MINIMAL_PATH, "headers": headers},
            },
            seconds=args.seconds,
            concurrency=args.concurrency,
        )
    print(f"portal_ratio: {backend_line(args)}, logged in as the demo participant")
    print(f"Mijn cursussen    {rps['my_courses']:8.1f} req/s   queries {counts[MY_COURSES]}")
    print(f"competency screen {rps['fill']:8.1f} req/s   queries {counts[fill]}  ({fill})")
    print(f"minimal view      {rps['minimal']:8.1f} req/s   queries {counts[MINIMAL_PATH]}")
    print(f"ratio Mijn cursussen/minimal (>= 0.1):    {rps['my_courses'] / rps['minimal']:.3f}")
    print(f"ratio competency screen/minimal (>= 0.1): {rps['fill'] / rps['minimal']:.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
