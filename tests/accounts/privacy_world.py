"""A completed course with six participants (pre and post lists), a trainer, a peer invitation
and sharing: enough personal data in every app to export, erase and age."""

from dataclasses import dataclass
from datetime import timedelta

import time_machine

from competencies import services as competency_services
from competencies.models import GrowthSummary
from tests.accounts.factories import UserFactory
from tests.competencies.factories import complete_session, course_list, course_session, movisie


@dataclass
class World:
    session: object
    enrolments: list
    me: object
    other: object
    trainer: object
    peer_email: str


def snapshot():
    fields = ("session_id", "competency_id", "moment", "units", *GrowthSummary.SUM_FIELDS)
    return sorted(
        (tuple(row[f] or 0 for f in fields) for row in GrowthSummary.objects.values(*fields)),
        key=repr,
    )


def build_world(*, participants=6) -> World:
    trainer = UserFactory(role="trainer", display_name="Tineke Trainer")
    session, enrolments = course_session(participants=participants, trainer=trainer)
    for i, enrolment in enumerate(enrolments):
        course_list(enrolment, "pre", seed=i)
    session = complete_session(session)
    with time_machine.travel(session.completed_at + timedelta(days=1), tick=False):
        for i, enrolment in enumerate(enrolments):
            course_list(enrolment, "post", seed=100 + i)
    me, other = enrolments[0].user, enrolments[1].user
    me.display_name, other.display_name = "Mirjam Mijzelf", "Otto Ander"
    me.save(update_fields=["display_name"])
    other.save(update_fields=["display_name"])
    enrolments[0].support_person_name = "Bea Begeleider"
    enrolments[0].access_needs = "Een rolstoelplek"
    enrolments[0].save(update_fields=["support_person_name", "access_needs"])
    peer_email = "vriendin@example.org"
    competency_services.peer_invite(
        user=me, framework=movisie(), name="Vera Vriendin", email=peer_email
    )
    competency_services.sharing_set(enrolment=enrolments[0], user=me, share=True)
    competency_services.sharing_set(enrolment=enrolments[1], user=other, share=True)
    return World(session, enrolments, me, other, trainer, peer_email)
