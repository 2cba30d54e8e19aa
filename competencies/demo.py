"""Demo data: a finished session whose six participants filled the list before and after.

Enough people (>= 5) that group figures show; the demo participant shares with the demo trainer.
Idempotent: a second run changes nothing.
"""

import random
from datetime import datetime, time, timedelta

from django.db import transaction
from django.utils import timezone

from .models import Answer, Consent, CourseFramework, ResultSharing, SelfAssessment
from .selectors import competencies_with_statements, default_framework
from .summary import summary_rebuild

DEMO_NOTE = "demo:competencies"
EXTRA_PEOPLE = [
    ("Jan Visser", "jan.visser@leerkring.nl"),
    ("Fatima Ouali", "fatima.ouali@leerkring.nl"),
    ("Peter de Boer", "peter.deboer@leerkring.nl"),
    ("Annie Kramer", "annie.kramer@leerkring.nl"),
    ("Mohamed Yilmaz", "mohamed.yilmaz@leerkring.nl"),
]


def _at(days: int, at: time) -> datetime:
    """Local date ``days`` from today at ``at``: the demo loads the same at any hour."""
    return timezone.make_aware(datetime.combine(timezone.localdate() + timedelta(days=days), at))


@transaction.atomic
def load_demo_competencies() -> None:
    from accounts.models import Region, User
    from accounts.roles import Role
    from accounts.services import user_assign_role
    from courses.models import Assignment, Course, Enrolment, Meeting, Session

    framework = default_framework()
    course, _ = Course.objects.get_or_create(
        slug="lokale-belangenbehartiging",
        defaults={"title": "Lokale belangenbehartiging", "number_of_meetings": 1},
    )
    CourseFramework.objects.get_or_create(course=course, defaults={"framework": framework})
    if Session.objects.filter(notes=DEMO_NOTE).exists():
        return
    # Three weekly morning meetings, the last three weeks ago, at fixed local times of day.
    meetings = [(_at(days, time(10, 0)), _at(days, time(12, 30))) for days in (-35, -28, -21)]
    start = meetings[0][0]
    session = Session.objects.create(
        course=course,
        region=Region.objects.get(slug="amsterdam"),
        capacity=12,
        min_participants=4,
        status="completed",
        notes=DEMO_NOTE,
        starts_at=start,
        ends_at=meetings[-1][1],
        published_at=start - timedelta(days=30),
        completed_at=_at(-14, time(11, 0)),
        online_url="https://example.org/demo",
    )
    Meeting.objects.bulk_create(
        Meeting(session=session, starts_at=begins, ends_at=ends) for begins, ends in meetings
    )
    trainer = User.objects.filter(email="trainer@leerkring.nl").first()
    if trainer:
        Assignment.objects.create(session=session, trainer=trainer, role="lead")
    people = list(User.objects.filter(email="deelnemer@leerkring.nl"))
    for name, email in EXTRA_PEOPLE:
        user = User.objects.filter(email=email).first()
        if user is None:
            user = User.objects.create_user(email=email, display_name=name)
            user_assign_role(user=user, role=Role.PARTICIPANT)
        people.append(user)
    statements = [s for c in competencies_with_statements(framework) for s in c.statements.all()]
    rng = random.Random(2011)
    answers = []
    for index, user in enumerate(people):
        Consent.objects.get_or_create(user=user)
        enrolment = Enrolment.objects.create(
            session=session,
            user=user,
            status="attended",
            created_at=start - timedelta(days=20),
            queued_at=start - timedelta(days=20),
        )
        if index == 0:
            ResultSharing.objects.create(enrolment=enrolment)
        base = [rng.choice([1, 2, 2, 3, 3]) for _ in statements]
        for moment, when, lift in (
            ("pre", start - timedelta(days=3), 0),
            ("post", _at(-10, time(14, 0)), 1),
        ):
            assessment = SelfAssessment.objects.create(
                user=user,
                framework=framework,
                moment=moment,
                enrolment=enrolment,
                started_at=when,
                completed_at=when + timedelta(minutes=25),
            )
            answers += [
                Answer(
                    assessment=assessment,
                    statement=s,
                    value=min(4, v + (lift if rng.random() < 0.55 else 0)),
                    answered_at=when,
                )
                for s, v in zip(statements, base, strict=True)
            ]
    Answer.objects.bulk_create(answers)
    summary_rebuild(session_ids=[session.pk])
