"""Demo data: finished sessions whose participants filled the list before and after.

A session of its own with six people, and lists for the people who attended the courses demo's
completed session(s), so every completed demo session shows group figures (n >= 5) on its
trainer's page. The demo participant shares with the demo trainer. Idempotent: a second run
changes nothing.
"""

import random
from datetime import datetime, time, timedelta

from django.db import transaction
from django.utils import timezone

from .models import Answer, CourseFramework, SelfAssessment
from .selectors import competencies_with_statements, default_framework
from .services import consent_give, sharing_set
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
        status=Session.Status.COMPLETED,
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
        Assignment.objects.create(session=session, trainer=trainer, role=Assignment.Role.LEAD)
    people = list(User.objects.filter(email="deelnemer@leerkring.nl"))
    for name, email in EXTRA_PEOPLE:
        user = User.objects.filter(email=email).first()
        if user is None:
            user = User.objects.create_user(email=email, display_name=name)
            user_assign_role(user=user, role=Role.PARTICIPANT)
        people.append(user)
    lists_fill(
        [
            Enrolment.objects.create(
                session=session,
                user=user,
                status=Enrolment.Status.ATTENDED,
                created_at=start - timedelta(days=20),
                queued_at=start - timedelta(days=20),
            )
            for user in people
        ],
        framework=framework,
        pre_at=start - timedelta(days=3) + timedelta(minutes=25),
        post_at=_at(-10, time(14, 25)),
        seed=2011,
    )
    sharing_set(enrolment=session.enrolments.get(user=people[0]), user=people[0], share=True)
    _fill_other_completed_sessions(framework, exclude=session.pk)
    summary_rebuild(
        session_ids=list(
            Session.objects.filter(status=Session.Status.COMPLETED).values_list("pk", flat=True)
        )
    )


def _fill_other_completed_sessions(framework, *, exclude) -> None:
    """Lists for those who attended the other completed demo sessions of a course that measures
    competencies (the train-the-trainer course does not)."""
    from courses.models import Enrolment, Session

    measured = CourseFramework.objects.values_list("course_id", flat=True)
    completed = Session.objects.filter(status=Session.Status.COMPLETED, course_id__in=measured)
    for session in completed.exclude(pk=exclude):
        attended = list(
            Enrolment.objects.filter(
                session=session, status=Enrolment.Status.ATTENDED, self_assessments=None
            )
        )
        first = session.meetings.order_by("starts_at").first()
        if not attended or first is None or session.completed_at is None:
            continue
        lists_fill(
            attended,
            framework=framework,
            pre_at=first.starts_at - timedelta(days=2),
            post_at=session.completed_at,
            seed=session.pk,
        )


def lists_fill(enrolments, *, framework, pre_at, post_at, seed) -> None:
    """A complete pre and post list per enrolment, finished at ``pre_at`` and ``post_at``; the
    post list a little higher, as after a course that helped."""
    statements = [s for c in competencies_with_statements(framework) for s in c.statements.all()]
    rng = random.Random(seed)
    answers = []
    for enrolment in enrolments:
        consent_give(user=enrolment.user)
        base = [rng.choice([1, 2, 2, 3, 3]) for _ in statements]
        for moment, when, lift in (("pre", pre_at, 0), ("post", post_at, 1)):
            assessment = SelfAssessment.objects.create(
                user=enrolment.user,
                framework=framework,
                moment=moment,
                enrolment=enrolment,
                started_at=when - timedelta(minutes=25),
                completed_at=when,
                answered_count=len(statements),
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
