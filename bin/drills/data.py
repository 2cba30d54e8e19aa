"""The drills' data, made and counted inside the project (run with the drill's environment).

    python bin/drills/data.py reminder_batch '{"n": 200}'   -> {"session": 7}
    python bin/drills/data.py journey_users '{"n": 20}'     -> {"cookies": [...], "sessions": [...]}
    python bin/drills/data.py counts                        -> {"outbox": {...}, ...}

Each command prints one JSON object. People are made in bulk (no password: the drills log them in
by creating their Django session directly, which is what a log-in leaves behind), so setting up
200 of them takes a second, not a minute of password hashing.
"""

import json
import os
import sys
from datetime import timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
os.environ.setdefault("LOG_LEVEL", "WARNING")

import django  # noqa: E402

django.setup()

from allauth.account.models import EmailAddress  # noqa: E402
from django.conf import settings  # noqa: E402
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY  # noqa: E402
from django.contrib.auth.models import Group  # noqa: E402
from django.contrib.sessions.backends.db import SessionStore  # noqa: E402
from django.db import transaction  # noqa: E402
from django.db.models import Count  # noqa: E402
from django.utils import timezone  # noqa: E402

from accounts.models import AuditEntry, Region, User  # noqa: E402
from accounts.roles import Role  # noqa: E402
from courses.models import Course, Enrolment, Meeting, Session, Venue  # noqa: E402
from notifications.models import OutboxMessage  # noqa: E402


def _people(prefix: str, n: int) -> list[User]:
    users = User.objects.bulk_create(
        [
            User(email=f"{prefix}-{i}@drill.example.org", display_name=f"Drill {prefix} {i}")
            for i in range(n)
        ]
    )
    for user in users:
        user.set_unusable_password()
    User.objects.bulk_update(users, ["password"])
    EmailAddress.objects.bulk_create(
        [EmailAddress(user=u, email=u.email, verified=True, primary=True) for u in users]
    )
    participants = Group.objects.get(name=Role.PARTICIPANT.value)
    participants.user_set.add(*users)
    return users


def _session(*, slug: str, starts_in: timedelta, capacity: int) -> Session:
    region = Region.objects.order_by("pk").first()
    course, _ = Course.objects.get_or_create(
        slug=slug,
        defaults={"title": f"Drill {slug}", "default_capacity": capacity, "min_participants": 1},
    )
    venue = Venue.objects.create(
        name=f"Buurthuis {slug}", street="Dorpsstraat 1", postcode="1234 AB", city="Amsterdam"
    )
    starts = (timezone.now() + starts_in).replace(second=0, microsecond=0)
    session = Session.objects.create(
        course=course,
        region=region,
        venue=venue,
        capacity=capacity,
        min_participants=1,
        status=Session.Status.PUBLISHED,
        published_at=timezone.now(),
        starts_at=starts,
        ends_at=starts + timedelta(hours=3),
    )
    Meeting.objects.create(session=session, starts_at=starts, ends_at=starts + timedelta(hours=3))
    return session


@transaction.atomic
def reminder_batch(n: int = 200) -> dict:
    """One session 36 hours ahead (inside the reminder window) with ``n`` confirmed people."""
    session = _session(slug="drill-reminders", starts_in=timedelta(hours=36), capacity=n + 10)
    now = timezone.now()
    Enrolment.objects.bulk_create(
        [
            Enrolment(session=session, user=u, status=Enrolment.Status.CONFIRMED, queued_at=now)
            for u in _people("reminder", n)
        ]
    )
    return {"session": session.pk}


def _cookie(user: User) -> str:
    store = SessionStore()
    store[SESSION_KEY] = str(user.pk)
    store[BACKEND_SESSION_KEY] = settings.AUTHENTICATION_BACKENDS[0]
    store[HASH_SESSION_KEY] = user.get_session_auth_hash()
    store.create()
    return store.session_key


@transaction.atomic
def journey_users(n: int = 20, sessions: int = 5, prefix: str = "load") -> dict:
    """``n`` logged-in participants and ``sessions`` open sessions with room for everyone."""
    users = _people(prefix, n)
    made = [
        _session(slug=f"drill-{prefix}-{i}", starts_in=timedelta(days=30 + i), capacity=500)
        for i in range(sessions)
    ]
    return {
        "cookie_name": settings.SESSION_COOKIE_NAME,
        "cookies": [_cookie(u) for u in users],
        "sessions": [s.pk for s in made],
    }


def counts(key_prefix: str = "") -> dict:
    outbox = OutboxMessage.objects.filter(key__startswith=key_prefix)
    enrolments = Enrolment.objects.exclude(enrolled_by=None)
    return {
        "outbox": dict(outbox.values_list("status").annotate(n=Count("pk")).order_by()),
        "outbox_keys": outbox.values("key").distinct().count(),
        "enrolments": Enrolment.objects.count(),
        "enrolments_by_participant": enrolments.count(),
        "enrolment_audit": AuditEntry.objects.filter(verb="enrolment.created").count(),
        "confirmation_rows": OutboxMessage.objects.filter(
            key__startswith="courses:enrolment_confirmed:"
        ).count(),
        "waitlisted_rows": OutboxMessage.objects.filter(
            key__startswith="courses:enrolment_waitlisted:"
        ).count(),
    }


def demo_counts() -> dict:
    """What a restore must bring back, and where the demo participant's results are."""
    from accounts.demo import DEMO_USERS
    from competencies.models import Answer, SelfAssessment

    done = SelfAssessment.objects.filter(
        user__email=DEMO_USERS["participant"], completed_at__isnull=False
    ).order_by("-completed_at")
    return {
        "users": User.objects.count(),
        "sessions": Session.objects.count(),
        "enrolments": Enrolment.objects.count(),
        "answers": Answer.objects.count(),
        "self_assessments": SelfAssessment.objects.count(),
        "participant_results": done.values_list("pk", flat=True).first(),
    }


def demo_login() -> dict:
    from accounts.demo import DEMO_PASSWORD, DEMO_USERS
    from competencies.models import Competency

    return {
        "email": DEMO_USERS["participant"],
        "password": DEMO_PASSWORD,
        "competency": Competency.objects.order_by("pk").values_list("name", flat=True).first(),
    }


def outbox_keys(key_prefix: str = "") -> dict:
    rows = OutboxMessage.objects.filter(key__startswith=key_prefix)
    return {"keys": sorted(rows.values_list("key", flat=True))}


if __name__ == "__main__":
    command = sys.argv[1]
    kwargs = json.loads(sys.argv[2]) if len(sys.argv) > 2 else {}
    print(json.dumps(globals()[command](**kwargs)))
