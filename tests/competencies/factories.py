"""Factories and helpers for competency tests. ``make_framework`` builds any shape."""

import random

import factory

from competencies import services
from competencies.models import (
    Competency,
    CoreTask,
    Framework,
    ScaleOption,
    SelfAssessment,
    Statement,
    SubTask,
    TaskCompetency,
)
from competencies.selectors import competencies_with_statements


def movisie() -> Framework:
    return Framework.objects.get(slug="movisie-2011")


class FrameworkFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Framework

    slug = factory.Sequence(lambda n: f"profiel-{n}")
    name = factory.Sequence(lambda n: f"Profiel {n}")
    credit = "© Voorbeeld"


def make_framework(*, competencies=6, statements=3, scale=5, slug=None) -> Framework:
    """A framework of another shape (e.g. 6 x 3 on a 5-point scale), with a small task table."""
    framework = FrameworkFactory(**({"slug": slug} if slug else {}))
    ScaleOption.objects.bulk_create(
        ScaleOption(framework=framework, value=v, label=f"antwoord {v}", is_high=v > scale // 2 + 1)
        for v in range(1, scale + 1)
    )
    comps = []
    for number in range(1, competencies + 1):
        comp = Competency.objects.create(
            framework=framework,
            number=number,
            name=f"Competentie {number}",
            description=f"Omschrijving {number}",
            plain_text=f"Ik kan ding {number}.",
        )
        comps.append(comp)
        Statement.objects.bulk_create(
            Statement(competency=comp, number=i, text=f"Stelling {number}.{i}")
            for i in range(1, statements + 1)
        )
    core = CoreTask.objects.create(framework=framework, number=1, name="Kerntaak")
    for i in range(1, 3):
        sub = SubTask.objects.create(core_task=core, code=f"1.{i}", number=i, name=f"Taak {i}")
        TaskCompetency.objects.bulk_create(
            TaskCompetency(sub_task=sub, competency=c, order=j)
            for j, c in enumerate(comps[i - 1 : i + 2])
        )
    return framework


def statement_ids(framework) -> list[int]:
    return [s.pk for c in competencies_with_statements(framework) for s in c.statements.all()]


def fill_all(assessment, values=None, *, actor=None, seed=None):
    """Answer every statement (``values``: a constant, a list, or random on the scale)."""
    framework = assessment.framework
    ids = statement_ids(framework)
    scale = sorted(framework.scale_options.values_list("value", flat=True))
    rng = random.Random(seed)
    if values is None:
        chosen = [rng.choice(scale) for _ in ids]
    elif isinstance(values, int):
        chosen = [values] * len(ids)
    else:
        chosen = list(values)
    return services.answers_save(
        assessment=assessment, values=dict(zip(ids, chosen, strict=True)), actor=actor
    )


def start(user, framework=None, **kwargs) -> SelfAssessment:
    services.consent_give(user=user)
    return services.assessment_start(user=user, framework=framework or movisie(), **kwargs)


def course_session(*, participants=5, starts_in=None, trainer=None):
    """A published session (one meeting ahead) with confirmed enrolments and a lead trainer."""
    from datetime import timedelta

    from tests.courses.factories import AssignmentFactory, EnrolmentFactory, SessionFactory

    session = SessionFactory(starts_in=starts_in if starts_in is not None else timedelta(days=10))
    if trainer is not None:
        AssignmentFactory(session=session, trainer=trainer)
    enrolments = [EnrolmentFactory(session=session) for _ in range(participants)]
    return session, enrolments


def complete_session(session, *, when=None, actor=None):
    """Mark the session completed (everyone confirmed attended) through the courses service."""
    import time_machine

    from courses.models import Session
    from courses.services import session_complete

    when = when or (session.starts_at + (session.ends_at - session.starts_at) * 2)
    with time_machine.travel(when, tick=False):
        session_complete(
            actor=actor,
            session=session,
            attended_enrolment_ids=list(session.enrolments.values_list("pk", flat=True)),
        )
    session.refresh_from_db()
    assert session.status == Session.Status.COMPLETED
    assert session.completed_at == when  # later moments are timed from this instant
    return session


def course_list(enrolment, moment, values=None, *, seed=None, when=None):
    """Start and fill ``moment`` for an enrolment (optionally at a frozen time)."""
    import contextlib

    import time_machine

    ctx = time_machine.travel(when, tick=False) if when else contextlib.nullcontext()
    with ctx:
        services.consent_give(user=enrolment.user)
        assessment = services.assessment_start(
            user=enrolment.user, framework=movisie(), moment=moment, enrolment=enrolment
        )
        return fill_all(assessment, values, seed=seed)
