"""Who sees which results. Answers belong to the participant (DESIGN.md, Privacy).

- A person reaches their own lists (and the peer lists filled about them).
- A trainer reaches a participant's results only for an enrolment in a session they are
  assigned to, and only while the participant shares them (the enrolment's switch) and their
  consent to share with the trainer holds (withdrawing it on "Mijn toestemmingen" hides all).
- Trainers see group figures of their own sessions; national staff see group figures only.
"""

from accounts.models import ConsentPurpose
from accounts.permissions import register
from accounts.roles import is_national_staff, is_trainer
from accounts.selectors import consent_exists

register(
    "competencies.view_assessment",
    predicate=lambda user, a: a is None or a.user_id == user.pk,
    scope=lambda user, qs: qs.filter(user=user),
)


def _shared_scope(user, qs):
    if not is_trainer(user):
        return qs.none()
    return (
        qs.filter(session__assignments__trainer=user, competency_sharing__isnull=False)
        .filter(consent_exists(ConsentPurpose.SHARE_WITH_TRAINER))
        .distinct()
    )


register(
    "competencies.view_shared_results",
    predicate=lambda user, enrolment: (
        is_trainer(user)
        and (
            enrolment is None
            or _shared_scope(user, type(enrolment).objects.filter(pk=enrolment.pk)).exists()
        )
    ),
    scope=_shared_scope,
)

register(
    "competencies.view_session_growth",
    predicate=lambda user, session: (
        is_national_staff(user)
        or (
            is_trainer(user)
            and (session is None or session.assignments.filter(trainer=user).exists())
        )
    ),
    scope=lambda user, qs: (
        qs
        if is_national_staff(user)
        else qs.filter(assignments__trainer=user).distinct()
        if is_trainer(user)
        else qs.none()
    ),
)

register(
    "competencies.view_national_growth",
    predicate=lambda user, obj: is_national_staff(user),
)

register(
    "competencies.own_enrolment",
    predicate=lambda user, enrolment: enrolment is None or enrolment.user_id == user.pk,
    scope=lambda user, qs: qs.filter(user=user),
)
