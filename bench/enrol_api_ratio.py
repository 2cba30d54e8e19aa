"""Enrolling over the API against a minimal logged-in POST that writes one row, same gunicorn.

    uv run python bench/enrol_api_ratio.py [--seconds 10] [--concurrency 4] [--workers 2]
        [--users 400] [--sessions 12] [--skip-setup]

Makes ``--users`` participants (each with a logged-in session cookie and a CSRF token) and
``--sessions`` published sessions, then sends ``POST /api/sessions/<id>/enrol`` (JSON ``{}``,
``X-CSRFToken``) for a new (person, session) pair each time: every request is a real enrolment
(a place or the waitlist, the audit entry and the mail in the outbox). The baseline is
``POST /_bench/write/``: logged in, CSRF checked, one row written (an audit entry). Both count
only their success status (201). Target: ratio enrol/baseline >= 0.3. Also prints the enrolment's
query count. The bench's people and sessions are removed at the start of the next run.
"""

import argparse
import itertools
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench._harness import backend_line, django_setup, gunicorn, interleaved, login_cookie, manage

DOMAIN = "enrol.bench.invalid"


def _prepare(args):
    """People (cookie + CSRF token each), sessions, and the enrolment's query count."""
    django_setup()
    import datetime as dt

    from django.db import connection
    from django.middleware.csrf import _get_new_csrf_string
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from django.utils import timezone

    from accounts.models import AuditEntry, Region, User
    from courses.models import Course, Meeting, Session, Venue

    old = User.objects.filter(email__endswith="@" + DOMAIN)
    AuditEntry.objects.filter(actor__in=old).delete()
    Session.objects.filter(online_url__endswith=DOMAIN + "/").delete()
    old.delete()
    course = Course.objects.get(slug="lokale-belangenbehartiging")
    region, venue = Region.objects.first(), Venue.objects.first()
    sessions = []
    for i in range(args.sessions):
        start = timezone.now() + dt.timedelta(days=20 + i)
        session = Session.objects.create(
            course=course,
            region=region,
            venue=venue,
            capacity=20,
            status=Session.Status.PUBLISHED,
            published_at=timezone.now(),
            starts_at=start,
            ends_at=start + dt.timedelta(hours=3),
            online_url=f"https://{DOMAIN}/",
        )
        Meeting.objects.create(session=session, starts_at=start, ends_at=session.ends_at)
        sessions.append(session.pk)
    users = User.objects.bulk_create(
        [
            User(email=f"p{i}@{DOMAIN}", display_name=f"Deelnemer {i}", password="!")
            for i in range(args.users + 1)
        ]
    )
    people = []
    for user in users[1:]:
        token = _get_new_csrf_string()
        people.append({"Cookie": f"{login_cookie(user)}; csrftoken={token}", "X-CSRFToken": token})
    client = Client(HTTP_HOST="127.0.0.1")
    client.force_login(users[0])
    url = f"/api/sessions/{sessions[0]}/enrol"
    with CaptureQueriesContext(connection) as ctx:
        response = client.post(url, data="{}", content_type="application/json")
    assert response.status_code == 201, response.content
    connection.close()
    return people, sessions, len(ctx.captured_queries)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=10.0, help="per measurement")
    parser.add_argument("--concurrency", type=int, default=4, help="client threads")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers")
    parser.add_argument("--users", type=int, default=400)
    parser.add_argument("--sessions", type=int, default=12)
    parser.add_argument("--skip-setup", action="store_true", help="database already loaded")
    args = parser.parse_args()

    if not args.skip_setup:
        manage("migrate", "--noinput", "-v", "0")
        manage("load_demo")
    people, sessions, queries = _prepare(args)
    # Every (person, session) pair once: session-major, so one session fills, then the next.
    pairs = itertools.product(sessions, range(len(people)))
    writers = itertools.cycle(people)
    json = {"Content-Type": "application/json"}

    def enrol():
        session, person = next(pairs)
        return "POST", f"/api/sessions/{session}/enrol", b"{}", {**people[person], **json}

    def write():
        return "POST", "/_bench/write/", b"", next(writers)

    with gunicorn(workers=args.workers) as base:
        rps = interleaved(
            base,
            {
                "enrol": {"path": "/api/", "next_request": enrol, "ok_status": 201},
                "write": {"path": "/_bench/write/", "next_request": write, "ok_status": 201},
            },
            seconds=args.seconds,
            concurrency=args.concurrency,
        )
    print(f"enrol_api_ratio: {backend_line(args)}")
    print(f"enrol over the API  {rps['enrol']:8.1f} req/s   queries {queries}")
    print(f"minimal write POST  {rps['write']:8.1f} req/s")
    print(f"ratio enrol/minimal write (>= 0.3): {rps['enrol'] / rps['write']:.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
