"""Demo data for courses: two courses, sessions in the pilot regions (some full, one with a
waitlist, one below its minimum), trainers with qualifications and assignments, enrolments, and
one completed session in the past. Everything goes through the services, like real use.

Idempotent: when the demo course already has sessions, nothing is added.
"""

from datetime import datetime, time, timedelta

from allauth.account.models import EmailAddress
from django.db import transaction
from django.utils import timezone

from accounts.demo import DEMO_PASSWORD, DEMO_USERS
from accounts.models import Region, User
from accounts.roles import Role
from accounts.services import user_assign_role

from . import services
from .models import Course, Venue

EXTRA_TRAINERS = [
    ("trainer2@leerkring.nl", "Fatima Yilmaz", "amsterdam"),
    ("trainer3@leerkring.nl", "Johan de Boer", "friesland-zuid"),
    ("trainer4@leerkring.nl", "Marieke van Dijk", "bossche-ommelanden"),
]
PARTICIPANT_NAMES = [
    "Ahmed Bakker",
    "Linda Visser",
    "Peter Smit",
    "Emma Mulder",
    "Kevin de Graaf",
    "Noor Hendriks",
    "Tom Jansen",
    "Sara Peters",
    "Bram Willems",
    "Ilse Kok",
    "Daan Vos",
    "Yara Meijer",
]


def _user(email, name, *, role, region=None):
    user = User.objects.filter(email=email).first()
    if user is None:
        user = User.objects.create_user(
            email=email, password=DEMO_PASSWORD, display_name=name, region=region
        )
        EmailAddress.objects.get_or_create(
            user=user, email=email, defaults={"verified": True, "primary": True}
        )
    if not user.groups.filter(name=role.value).exists():
        user_assign_role(user=user, role=role)
    return user


def _at(days: int, hour: int, minute: int = 0) -> datetime:
    day = timezone.localdate() + timedelta(days=days)
    return timezone.make_aware(datetime.combine(day, time(hour, minute)))


def _meetings(first_day: int, count: int, *, every: int = 7, hour: int = 19):
    return [
        (_at(first_day + i * every, hour), _at(first_day + i * every, hour + 2, 30))
        for i in range(count)
    ]


def _venues(regions):
    data = [
        ("amsterdam", "Buurthuis De Meeuw", "Meeuwenlaan 88", "1021 JK", "Amsterdam", True, True),
        ("walcheren", "Wijkcentrum Het Dok", "Dokweg 12", "4382 AB", "Vlissingen", True, False),
        (
            "bossche-ommelanden",
            "Ontmoetingscentrum De Schakel",
            "Kerkstraat 3",
            "5211 KL",
            "'s-Hertogenbosch",
            False,
            True,
        ),
        ("friesland-zuid", "Dorpshuis De Skoalle", "Skoalleane 5", "8501 AA", "Joure", True, True),
    ]
    venues = {}
    for slug, name, street, postcode, city, step_free, loop in data:
        venues[slug], _ = Venue.objects.get_or_create(
            name=name,
            defaults={
                "street": street,
                "postcode": postcode,
                "city": city,
                "region": regions[slug],
                "step_free": step_free,
                "hearing_loop": loop,
                "quiet_room": True,
                "parking": True,
                "public_transport_notes": "Bushalte op 3 minuten lopen.",
            },
        )
    return venues


@transaction.atomic
def load_demo_courses() -> dict:
    regions = {r.slug: r for r in Region.objects.filter(is_pilot=True)}
    lb, _ = Course.objects.get_or_create(
        slug="lokale-belangenbehartiging",
        defaults={
            "title": "Lokale belangenbehartiging",
            "description": "Samen opkomen voor wat belangrijk is in je gemeente.",
            "default_capacity": 12,
            "min_participants": 6,
            "number_of_meetings": 3,
            "cancellation_cutoff_hours": 24,
        },
    )
    ttt, _ = Course.objects.get_or_create(
        slug="train-de-trainer",
        defaults={
            "title": "Train-de-trainer",
            "kind": Course.Kind.TRAIN_THE_TRAINER,
            "description": "Zelf de cursus Lokale belangenbehartiging leren geven.",
            "default_capacity": 8,
            "min_participants": 4,
            "number_of_meetings": 2,
            "cancellation_cutoff_hours": 48,
        },
    )
    if lb.sessions.exists():
        return {"courses": [lb, ttt], "created": False}

    staff = User.objects.filter(email=DEMO_USERS["staff"]).first()
    karim = _user(DEMO_USERS["trainer"], "Karim El Amrani", role=Role.TRAINER)
    trainers = [karim] + [
        _user(email, name, role=Role.TRAINER, region=regions.get(slug))
        for email, name, slug in EXTRA_TRAINERS
    ]
    for trainer in trainers:
        services.qualification_grant(actor=staff, trainer=trainer, course=lb)
    services.qualification_grant(actor=staff, trainer=karim, course=ttt)
    sanne = _user(DEMO_USERS["participant"], "Sanne de Vries", role=Role.PARTICIPANT)
    people = [
        _user(
            f"deelnemer{i + 1}@voorbeeld.nl",
            name,
            role=Role.PARTICIPANT,
            region=regions["amsterdam"],
        )
        for i, name in enumerate(PARTICIPANT_NAMES)
    ]
    venues = _venues(regions)

    def session(course, region, *, lead, first_day, capacity, online=False, hour=19, **kw):
        created = services.session_create(
            actor=staff,
            course=course,
            region=regions[region],
            venue=None if online else venues[region],
            online_url="https://meet.leerkring.nl/demo-" + region if online else "",
            capacity=capacity,
            meetings=_meetings(first_day, course.number_of_meetings, hour=hour),
            lead=lead,
            **kw,
        )
        return services.session_publish(actor=staff, session=created)

    def enrol(target, users, **kw):
        for user in users:
            services.enrolment_create(actor=user, session=target, user=user, **kw)

    # Amsterdam: full, with a waitlist of two. Sanne has a place (with her support person).
    amsterdam = session(lb, "amsterdam", lead=trainers[1], first_day=14, capacity=8)
    services.assignment_create(actor=staff, session=amsterdam, trainer=karim, role="co_trainer")
    services.enrolment_create(
        actor=sanne,
        session=amsterdam,
        user=sanne,
        support_person_name="Ria de Vries",
        access_needs="Graag een plek dicht bij de deur.",
    )
    enrol(amsterdam, people[:8])
    # Walcheren (Karim): places left.
    walcheren = session(lb, "walcheren", lead=karim, first_day=16, capacity=12)
    enrol(walcheren, people[8:11])
    services.enrolment_create_on_behalf(
        actor=karim,
        session=walcheren,
        display_name="Henk Kodde",
        phone="06 12345678",
        support_person_name="Anja Kodde",
    )
    # Bossche Ommelanden: exactly full.
    bossche = session(lb, "bossche-ommelanden", lead=trainers[3], first_day=10, capacity=5)
    enrol(bossche, people[3:8])
    # Friesland-Zuid, online, starting in six days with too few people: a go/no-go case.
    friesland = session(
        lb, "friesland-zuid", lead=trainers[2], first_day=6, capacity=10, online=True, hour=10
    )
    enrol(friesland, people[:2])
    # Train-de-trainer in Amsterdam, with Fatima as intern.
    ttt_session = session(ttt, "amsterdam", lead=karim, first_day=35, capacity=8, hour=13)
    services.assignment_create(actor=staff, session=ttt_session, trainer=trainers[1], role="intern")
    enrol(ttt_session, people[9:12])

    # A completed session in the past (Walcheren), with attendance taken.
    past_start = -60
    before = _at(past_start - 14, 12)  # planned and published back then
    past = services.session_create(
        actor=staff,
        course=lb,
        region=regions["walcheren"],
        venue=venues["walcheren"],
        capacity=10,
        meetings=_meetings(past_start, lb.number_of_meetings),
        lead=karim,
        now=before,
    )
    services.session_publish(actor=staff, session=past, now=before)
    for user in [sanne, *people[:5]]:
        services.enrolment_create(actor=user, session=past, user=user, now=before)
    enrolments = list(past.enrolments.all())
    for meeting in past.meetings.all():
        services.attendance_record_meeting(
            actor=karim,
            meeting=meeting,
            present_enrolment_ids=[e.pk for e in enrolments[:-1]],
        )
    services.session_complete(actor=karim, session=past)
    return {
        "courses": [lb, ttt],
        "sessions": [amsterdam, walcheren, bossche, friesland, ttt_session, past],
        "created": True,
    }
