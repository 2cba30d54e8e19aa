"""Demo data for intervision, made through the services like real use.

- The course that the demo participant (Sanne) followed three weeks ago, led by the demo
  trainer (Karim): two requests (Jan's, which three others support; Sanne's own, talked about
  at the first moment), moment 1 held with attendance and a report, moment 2 planned.
- A trainer intervision that is done (certified trainers, one moment held, series closed), and
  one planned for the new trainers, including the demo candidate (kandidaat@), whose
  intervisie step stays open until she attends.

Dates are days from today at fixed local times, so it loads the same at any hour.
Idempotent: when the demo session already has intervision moments, nothing is added.
"""

from datetime import time

from django.db import transaction

from accounts.demo import DEMO_USERS
from accounts.models import Region, User
from competencies.demo import DEMO_NOTE, _at
from courses.models import Enrolment, Session

from . import services
from .group_services import group_create
from .models import Moment, Suggestion, TrainerGroup

PLACE = "Buurthuis De Meeuw, Meeuwenlaan 88, Amsterdam"
DISCUSSED = (
    "Sanne vertelde over haar gesprek met de wethouder. Wat ging goed? Ze had haar vragen "
    "opgeschreven. Wat was moeilijk? Er was weinig tijd. We hebben geoefend: kort zeggen wat je "
    "wilt, en vragen wanneer je antwoord krijgt."
)
AGREEMENTS = (
    "Iedereen schrijft drie vragen op voor een gesprek met de gemeente.\n"
    "Jan zoekt uit wie bij de gemeente over vervoer gaat.\n"
    "Volgende keer praten we over de achterban."
)
GROUP_DONE = "Trainersintervisie Amsterdam en Friesland"
GROUP_NEW = "Intervisie nieuwe trainers Bossche Ommelanden"


def _by_email(*emails) -> list:
    found = {u.email: u for u in User.objects.filter(email__in=emails)}
    return [found[e] for e in emails if e in found]


@transaction.atomic
def load_demo_intervision() -> dict:
    session = (
        Session.objects.filter(notes=DEMO_NOTE, status=Session.Status.COMPLETED)
        .order_by("pk")
        .first()
    )
    if session is None or Moment.objects.filter(session=session).exists():
        return {"created": False}
    karim = User.objects.get(email=DEMO_USERS["trainer"])
    attended = {
        en.user.email: en.user
        for en in Enrolment.objects.filter(
            session=session, status=Enrolment.Status.ATTENDED
        ).select_related("user")
    }
    sanne = attended[DEMO_USERS["participant"]]
    jan, fatima, peter, annie, mohamed = (
        attended[e]
        for e in (
            "jan.visser@leerkring.nl",
            "fatima.ouali@leerkring.nl",
            "peter.deboer@leerkring.nl",
            "annie.kramer@leerkring.nl",
            "mohamed.yilmaz@leerkring.nl",
        )
    )

    # Sanne asks first, in her own words; Fatima wants it too.
    own = services.request_create(
        actor=sanne,
        session=session,
        topic="Hoe bereid ik me voor op een gesprek met de wethouder?",
        now=_at(-13, time(10, 15)),
    )
    services.request_support(actor=fatima, request=own, now=_at(-13, time(16, 40)))
    # Karim plans the first moment about it; it was held five days ago, with a report.
    first = services.moment_schedule(
        actor=karim,
        session=session,
        starts_at=_at(-5, time(19, 0)),
        ends_at=_at(-5, time(21, 0)),
        place=PLACE,
        requests=[own],
        now=_at(-12, time(9, 30)),
    )
    services.attendance_record(
        actor=karim,
        moment=first,
        marks={u.pk: "attended" for u in (sanne, jan, fatima, peter, annie)}
        | {mohamed.pk: "absent"},
        now=_at(-5, time(21, 5)),
    )
    services.moment_report_save(
        actor=karim,
        moment=first,
        discussed=DISCUSSED,
        agreements=AGREEMENTS,
        now=_at(-4, time(10, 0)),
    )
    # Jan's question, one of the suggestions; three others want it too (Sanne not yet).
    achterban = services.request_create(
        actor=jan,
        session=session,
        suggestion=Suggestion.ACHTERBAN,
        now=_at(-4, time(11, 0)),
    )
    for person, day in ((peter, -4), (annie, -3), (mohamed, -2)):
        services.request_support(actor=person, request=achterban, now=_at(day, time(14, 0)))
    # The second moment is planned already, online.
    services.moment_schedule(
        actor=karim,
        session=session,
        starts_at=_at(9, time(19, 0)),
        ends_at=_at(9, time(20, 30)),
        online_url="https://meet.leerkring.nl/intervisie-amsterdam",
        now=_at(-3, time(9, 0)),
    )
    groups = _trainer_groups(karim)
    return {"created": True, "session": session, "groups": groups}


def _trainer_groups(karim) -> list[TrainerGroup]:
    """A finished trainer intervision, and one planned for the new trainers."""
    staff = User.objects.filter(email=DEMO_USERS["staff"]).first()
    if staff is None:
        return []
    done_members = _by_email(
        "trainer2@leerkring.nl", "trainer7@leerkring.nl", "trainer3@leerkring.nl"
    )
    new_members = _by_email(
        "kandidaat@leerkring.nl", "kandidaat3@leerkring.nl", "kandidaat4@leerkring.nl"
    )
    if not done_members or not new_members:
        return []
    done = group_create(
        actor=staff,
        name=GROUP_DONE,
        members=done_members,
        facilitators=[karim],
        region=Region.objects.filter(slug="amsterdam").first(),
        now=_at(-50, time(9, 0)),
    )
    moment = services.moment_schedule(
        actor=karim,
        group=done,
        starts_at=_at(-30, time(13, 30)),
        ends_at=_at(-30, time(16, 0)),
        place="Landelijk bureau, Utrecht",
        now=_at(-45, time(9, 0)),
    )
    services.attendance_record(
        actor=karim,
        moment=moment,
        marks={u.pk: "attended" for u in done_members},
        now=_at(-30, time(16, 5)),
    )
    services.moment_report_save(
        actor=karim,
        moment=moment,
        discussed="Hoe houd je een groep bij de les als iemand veel praat? Tips uitgewisseld.",
        agreements="We bellen elkaar voor de volgende cursus.",
        now=_at(-29, time(10, 0)),
    )
    services.series_close(actor=karim, group=done, now=_at(-29, time(10, 5)))
    new = group_create(
        actor=staff,
        name=GROUP_NEW,
        members=new_members,
        facilitators=[karim],
        region=Region.objects.filter(slug="bossche-ommelanden").first(),
        now=_at(-7, time(9, 0)),
    )
    services.moment_schedule(
        actor=karim,
        group=new,
        starts_at=_at(16, time(13, 30)),
        ends_at=_at(16, time(16, 0)),
        place="Ontmoetingscentrum De Schakel, Kerkstraat 3, 's-Hertogenbosch",
        now=_at(-6, time(9, 0)),
    )
    return [done, new]
