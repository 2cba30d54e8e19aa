"""Demo data for courses: two courses and a believable calendar in the four pilot regions.

Every pilot region has a session about every twelve days for the coming four months (so two or
more in any month), led by the region's trainers in turn, at fixed local times of day (morning,
afternoon or evening, never past midnight): some full with a waitlist, one exactly full, one
online below its minimum (a go/no-go case), the far ones still mostly empty. Plus a
train-the-trainer session and one completed session in the past. Dates are relative to the day
the demo is loaded, times of day are fixed, so it loads the same at any hour. Everything goes
through the services, like real use.

Idempotent: when the demo course already has sessions, nothing is added.
"""

from datetime import date, datetime, time, timedelta

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
    ("trainer5@leerkring.nl", "Sevda Arslan", "amsterdam"),
    ("trainer6@leerkring.nl", "Els de Jonge", "walcheren"),
    ("trainer7@leerkring.nl", "Ruud Hoekstra", "friesland-zuid"),
    ("trainer8@leerkring.nl", "Wendy van Gils", "bossche-ommelanden"),
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
# Names for the people of the regional calendar (first name x family name, in turn).
FIRST_NAMES = [
    "Anouk", "Bas", "Chantal", "Dirk", "Esra", "Frank", "Gerda", "Hamid", "Inge", "Jeroen",
    "Kim", "Lotte", "Mehmet", "Nicole", "Oscar", "Priya", "Rik", "Sietske", "Tjeerd", "Wilma",
]  # fmt: skip
FAMILY_NAMES = [
    "de Wit", "Dijkstra", "van Leeuwen", "Postma", "Verhoeven", "de Haan", "Schouten",
    "Kuipers", "van der Veen", "Bos", "Zijlstra", "Koster", "Maas", "de Lange",
]  # fmt: skip

# Fixed local times of day, 2.5 hours per meeting; none runs past midnight.
MORNING = (time(10, 0), time(12, 30))
AFTERNOON = (time(13, 30), time(16, 0))
EVENING = (time(19, 0), time(21, 30))
SLOTS = (MORNING, EVENING, AFTERNOON)

#: A session about every SPACING days per region until CALENDAR_DAYS ahead: with Sundays
#: moved to Monday, at most 13 days apart, so any month (even February) holds two or more.
SPACING = 12
CALENDAR_DAYS = 128
#: Per region: the day of its first session, and the story session's place in its calendar.
FIRST_DAY = {"amsterdam": 2, "walcheren": 4, "bossche-ommelanden": 10, "friesland-zuid": 6}
STORY_INDEX = {"amsterdam": 1, "walcheren": 1, "bossche-ommelanden": 0, "friesland-zuid": 0}
#: How many people enrol in the k-th session of a region (rotated per region): near ones
#: fuller than far ones. FULL: a session of 6 places with one more on the waitlist.
FULL = "full"
FILLS = [3, 7, FULL, 4, 5, 2, FULL, 3, 1, 2, 0]


def _day(days: int) -> date:
    """The local date ``days`` from today; a Sunday moves to the Monday."""
    day = timezone.localdate() + timedelta(days=days)
    return day + timedelta(days=1) if day.weekday() == 6 else day


def _at(day: date, at: time) -> datetime:
    return timezone.make_aware(datetime.combine(day, at))


def _meetings(first_day: int, count: int, slot=EVENING, *, every: int = 7):
    """``count`` meetings ``every`` days apart, all at the same local time of day."""
    first = _day(first_day)
    days = [first + timedelta(days=i * every) for i in range(count)]
    return [(_at(day, slot[0]), _at(day, slot[1])) for day in days]


def _user(email, name, *, role, region=None, password=DEMO_PASSWORD):
    user = User.objects.filter(email=email).first()
    if user is None:
        user = User.objects.create_user(
            email=email, password=password, display_name=name, region=region
        )
        EmailAddress.objects.get_or_create(
            user=user, email=email, defaults={"verified": True, "primary": True}
        )
    if not user.groups.filter(name=role.value).exists():
        user_assign_role(user=user, role=role)
    return user


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
    fatima, johan, marieke, sevda, els, ruud, wendy = trainers[1:]
    leads = {
        "amsterdam": (fatima, sevda),
        "walcheren": (karim, els),
        "bossche-ommelanden": (marieke, wendy),
        "friesland-zuid": (johan, ruud),
    }
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

    def session(course, region, *, lead, first_day, capacity, online=False, slot=EVENING, **kw):
        created = services.session_create(
            actor=staff,
            course=course,
            region=regions[region],
            venue=None if online else venues[region],
            online_url="https://meet.leerkring.nl/demo-" + region if online else "",
            capacity=capacity,
            meetings=_meetings(first_day, course.number_of_meetings, slot),
            lead=lead,
            **kw,
        )
        return services.session_publish(actor=staff, session=created)

    def enrol(target, users, **kw):
        for user in users:
            services.enrolment_create(actor=user, session=target, user=user, **kw)

    # Amsterdam: full, with a waitlist of two. Sanne has a place (with her support person).
    amsterdam = session(lb, "amsterdam", lead=fatima, first_day=_story_day("amsterdam"), capacity=8)
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
    walcheren = session(lb, "walcheren", lead=karim, first_day=_story_day("walcheren"), capacity=12)
    enrol(walcheren, people[8:11])
    services.enrolment_create_on_behalf(
        actor=karim,
        session=walcheren,
        display_name="Henk Kodde",
        phone="06 12345678",
        support_person_name="Anja Kodde",
    )
    # Bossche Ommelanden: exactly full.
    bossche = session(
        lb,
        "bossche-ommelanden",
        lead=marieke,
        first_day=_story_day("bossche-ommelanden"),
        capacity=5,
    )
    enrol(bossche, people[3:8])
    # Friesland-Zuid, online, starting in six days with too few people: a go/no-go case.
    friesland = session(
        lb,
        "friesland-zuid",
        lead=johan,
        first_day=_story_day("friesland-zuid"),
        capacity=10,
        online=True,
        slot=MORNING,
    )
    enrol(friesland, people[:2])
    # Train-de-trainer in Amsterdam, with Fatima as intern.
    ttt_session = session(ttt, "amsterdam", lead=karim, first_day=35, capacity=8, slot=AFTERNOON)
    services.assignment_create(actor=staff, session=ttt_session, trainer=fatima, role="intern")
    enrol(ttt_session, people[9:12])

    # The rest of each region's calendar, a session about every twelve days.
    calendar = []
    newcomers = _newcomers()
    for number, (slug, first_day) in enumerate(FIRST_DAY.items()):
        fills = FILLS[number:] + FILLS[:number]
        for k, day in enumerate(range(first_day, CALENDAR_DAYS, SPACING)):
            if k == STORY_INDEX[slug]:
                continue
            fill = fills[k % len(fills)]
            planned = session(
                lb,
                slug,
                lead=leads[slug][k % 2],
                first_day=day,
                capacity=6 if fill == FULL else 12,
                slot=SLOTS[(k + number) % len(SLOTS)],
            )
            count = 7 if fill == FULL else fill
            enrol(planned, [newcomers(regions[slug]) for _ in range(count)])
            calendar.append(planned)

    # A completed session in the past (Walcheren), with attendance taken.
    past_start = -60
    before = _at(_day(past_start - 14), time(12, 0))  # planned and published back then
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
        "sessions": [amsterdam, walcheren, bossche, friesland, ttt_session, *calendar, past],
        "created": True,
    }


def _story_day(slug: str) -> int:
    return FIRST_DAY[slug] + SPACING * STORY_INDEX[slug]


def _newcomers():
    """``next_person(region)``: a new participant of that region each call (no password)."""
    names = (f"{first} {family}" for family in FAMILY_NAMES for first in FIRST_NAMES)
    count = 0

    def next_person(region):
        nonlocal count
        count += 1
        return _user(
            f"deelnemer.{region.slug}.{count}@voorbeeld.nl",
            next(names),
            role=Role.PARTICIPANT,
            region=region,
            password=None,
        )

    return next_person
