"""Demo data for the trainer pool: 12 trainers across the four pilot regions in every status,
candidates at each step of the programme (made through the services, from real past sessions),
and Amsterdam with a waitlist but no active trainer.

The pool existed before the site: trainers who were already certified get a back-dated history
(the only rows written directly). Idempotent: when any profile exists, nothing is added.
"""

from datetime import time, timedelta

from django.db import transaction
from django.utils import timezone

from accounts.demo import DEMO_USERS
from accounts.models import Region, User
from accounts.roles import Role
from courses import services as course_services
from courses.demo import AFTERNOON, _at, _day, _meetings, _user
from courses.models import Course, Venue

from . import services
from .models import StatusPeriod, TrainerProfile

CANDIDATE_LOGIN = "kandidaat@leerkring.nl"
ST = StatusPeriod.Status

#: (e-mail, name, region, history of (status, days ago, reason)) of trainers from before the site.
POOL = [
    (DEMO_USERS["trainer"], "Karim El Amrani", "walcheren", [("certified", 900), ("active", 880)]),
    ("trainer2@leerkring.nl", "Fatima Yilmaz", "amsterdam", [("certified", 60)]),
    ("trainer3@leerkring.nl", "Johan de Boer", "friesland-zuid", [("active", 200)]),
    ("trainer4@leerkring.nl", "Marieke van Dijk", "bossche-ommelanden", [("active", 500)]),
    ("trainer5@leerkring.nl", "Hanneke Post", "walcheren", [("active", 300)]),
    ("trainer6@leerkring.nl", "Wim Lammers", "friesland-zuid", [("active", 800)]),  # quiet
    ("trainer7@leerkring.nl", "Sjoerd Dijkstra", "friesland-zuid", [("certified", 20)]),
    (
        "trainer8@leerkring.nl",
        "Gerrit Bos",
        "walcheren",
        [("active", 1000), ("stopped", 200, "Verhuisd naar Canada.")],
    ),
]
#: New people who follow the programme on the site: (e-mail, name).
CANDIDATES = [
    (CANDIDATE_LOGIN, "Anouk Jacobs"),  # stage and cursus passed, intervisie to do
    ("kandidaat2@leerkring.nl", "Ruud Hermans"),  # all three passed: ready to certify
    ("kandidaat3@leerkring.nl", "Esther Kramer"),  # stage: asked to repeat
    ("kandidaat4@leerkring.nl", "Linda Visser"),  # just accepted
]
#: Days ago each candidate applied, was accepted, passed the stage, the cursus, the intervisie.
#: Fixed offsets: the train-the-trainer course ran 45 to 41 days ago, the stage session 21 to
#: 17 days ago, so the dashboard's "days per step" are believable medians, not zeros.
TIMELINE = {
    CANDIDATE_LOGIN: (38, 34, 15, 12),
    "kandidaat2@leerkring.nl": (39, 34, 15, 13, 6),
    "kandidaat3@leerkring.nl": (37, 33, 14),
    "kandidaat4@leerkring.nl": (12, 8),
}
#: Applicants who followed the course too: one still waits for an answer, one was declined.
APPLICANTS = [
    ("aanmelder1@voorbeeld.nl", "Ahmed Bakker"),
    ("aanmelder2@voorbeeld.nl", "Peter Smit"),
]


def _seed(user, region, history):
    profile = TrainerProfile.objects.create(user=user, created_at=timezone.now())
    profile.regions.add(region)
    now = timezone.now()
    for i, (status, days, *reason) in enumerate(history):
        started = now - timedelta(days=days)
        ended = now - timedelta(days=history[i + 1][1]) if i + 1 < len(history) else None
        StatusPeriod.objects.create(
            profile=profile,
            status=status,
            started_at=started,
            ended_at=ended,
            reason=reason[0] if reason else "",
        )
    return profile


def _ago(days: int):
    """Ten in the morning, ``days`` ago: a working hour on a working day."""
    return _at(_day(-days), time(10, 0))


STAGE_GROUP = [
    "Gerda Hermans",
    "Wim van Os",
    "Naima El Amrani",
    "Rik Coenen",
    "Fenna Bos",
    "Joost Maas",
]


def _past_session(course, region, venue, *, lead, staff, days_ago):
    """Planned and published back then (the services refuse a meeting in the past today)."""
    planned = _at(_day(-days_ago - 30), time(12, 0))
    session = course_services.session_create(
        actor=staff,
        course=course,
        region=region,
        venue=venue,
        capacity=course.default_capacity,
        meetings=_meetings(-days_ago, course.number_of_meetings, AFTERNOON, every=2),
        lead=lead,
        now=planned,
    )
    return course_services.session_publish(actor=staff, session=session, now=planned)


@transaction.atomic
def load_demo_trainers() -> dict:
    if TrainerProfile.objects.exists():
        return {"created": False}
    regions = {r.slug: r for r in Region.objects.filter(is_pilot=True)}
    staff = User.objects.get(email=DEMO_USERS["staff"])
    pool = {}
    for email, name, slug, history in POOL:
        user = _user(email, name, role=Role.TRAINER, region=regions[slug])
        pool[email] = _seed(user, regions[slug], history)
    karim = pool[DEMO_USERS["trainer"]].user
    marieke = pool["trainer4@leerkring.nl"].user
    lb = Course.objects.get(slug="lokale-belangenbehartiging")
    ttt = Course.objects.get(slug="train-de-trainer")
    bossche = regions["bossche-ommelanden"]
    venue = Venue.objects.filter(region=bossche).first()

    # The candidates followed the train-the-trainer course six weeks ago (Karim led it) ...
    people = [_user(e, n, role=Role.PARTICIPANT, region=bossche) for e, n in CANDIDATES]
    anouk, ruud, esther, linda = people
    applicants = [
        _user(email, name, role=Role.PARTICIPANT, region=regions["amsterdam"])
        for email, name in APPLICANTS
    ]
    cursus = _past_session(ttt, bossche, venue, lead=karim, staff=staff, days_ago=45)
    for person in people + applicants:
        course_services.enrolment_create(
            actor=person, session=cursus, user=person, now=_at(_day(-50), time(12, 0))
        )
    course_services.session_complete(
        actor=karim,
        session=cursus,
        attended_enrolment_ids=cursus.enrolments.values_list("pk", flat=True),
    )
    # ... applied, and were accepted some days later (a pending and a declined application
    # besides). Every step is dated back then (see TIMELINE) so the funnel's medians are real.
    for person in people:
        applied, accepted = TIMELINE[person.email][:2]
        application = services.application_submit(
            user=person,
            region=bossche,
            motivation="Ik heb zelf veel geleerd en wil dat graag doorgeven.",
            availability="Doordeweeks overdag.",
            now=_ago(applied),
        )
        services.application_accept(actor=staff, application=application, now=_ago(accepted))
    pending, declined = (
        services.application_submit(
            user=person,
            region=regions["amsterdam"],
            motivation="Ik wil graag trainer worden.",
            now=_ago(days),
        )
        for person, days in zip(applicants, (5, 20), strict=True)
    )
    services.application_decline(
        actor=staff,
        application=declined,
        message="Nu even niet: kom je volgend jaar terug?",
        now=_ago(15),
    )
    assert pending.status == "pending"

    # Anouk, Ruud and Esther did their internship with Marieke three weeks ago.
    stage = _past_session(lb, bossche, venue, lead=marieke, staff=staff, days_ago=21)
    interns = {}
    for person in (anouk, ruud, esther):
        interns[person.pk] = course_services.assignment_create(
            actor=staff, session=stage, trainer=person, role="intern"
        )
    # The session itself had its own participants, like any course.
    for number, name in enumerate(STAGE_GROUP, start=1):
        person = _user(
            f"stagegroep{number}@leerkring.nl", name, role=Role.PARTICIPANT, region=bossche
        )
        course_services.enrolment_create(
            actor=person, session=stage, user=person, now=_at(_day(-30), time(12, 0))
        )
    course_services.session_complete(
        actor=marieke,
        session=stage,
        attended_enrolment_ids=stage.enrolments.values_list("pk", flat=True),
    )
    services.stage_sign_off(
        actor=marieke,
        assignment=interns[anouk.pk],
        outcome="passed",
        note="Goed voorbereid.",
        now=_ago(TIMELINE[anouk.email][2]),
    )
    services.stage_sign_off(
        actor=marieke,
        assignment=interns[ruud.pk],
        outcome="passed",
        now=_ago(TIMELINE[ruud.email][2]),
    )
    services.stage_sign_off(
        actor=marieke,
        assignment=interns[esther.pk],
        outcome="asked_to_repeat",
        note="Nog wat spannend voor de groep; doe nog een stage.",
        now=_ago(TIMELINE[esther.email][2]),
    )
    for person in (anouk, ruud):
        services.cursus_record(
            actor=staff, profile=person.trainer_profile, now=_ago(TIMELINE[person.email][3])
        )
    services.intervisie_record(
        actor=staff,
        profile=ruud.trainer_profile,
        outcome="passed",
        note="Intervisie met de andere nieuwe trainers.",
        now=_ago(TIMELINE[ruud.email][4]),
    )
    assert linda.trainer_profile  # accepted, nothing done yet: a candidate
    return {"created": True, "profiles": TrainerProfile.objects.count()}
