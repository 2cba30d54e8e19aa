"""Who may see and run which intervision.

Participants reach the intervision of the completed sessions they attended; the session's lead
and co-trainers run it; a trainer group's facilitators run its moments and its members take
part; national staff reach everything. Anything else is a 404.
"""

from django.db.models import Q

from accounts.permissions import register
from accounts.roles import is_national_staff
from courses.models import Enrolment, Session

from .models import Moment
from .selectors import RUNNING_ROLES


def _authenticated(user) -> bool:
    return bool(getattr(user, "is_authenticated", False))


def _attended(user):
    return Enrolment.objects.filter(user=user, status=Enrolment.Status.ATTENDED).values(
        "session_id"
    )


def _runs(user):
    return Session.objects.filter(
        assignments__trainer=user, assignments__role__in=RUNNING_ROLES
    ).values("pk")


# A completed session's intervision as a participant (ask, support, see moments and reports).
register(
    "intervision.take_part",
    predicate=lambda user, session: (
        session is None
        or (
            session.status == Session.Status.COMPLETED
            and session.enrolments.filter(user=user, status=Enrolment.Status.ATTENDED).exists()
        )
    ),
    scope=lambda user, qs: qs.filter(status=Session.Status.COMPLETED, pk__in=_attended(user)),
)

# A session's intervision as its trainer (requests with support, schedule, attendance, report).
register(
    "intervision.run_session",
    predicate=lambda user, session: (
        is_national_staff(user)
        or session is None
        or session.assignments.filter(trainer=user, role__in=RUNNING_ROLES).exists()
    ),
    scope=lambda user, qs: qs if is_national_staff(user) else qs.filter(pk__in=_runs(user)),
)

# A trainer group as its facilitator.
register(
    "intervision.run_group",
    predicate=lambda user, group: (
        is_national_staff(user) or group is None or group.facilitators.filter(pk=user.pk).exists()
    ),
    scope=lambda user, qs: qs if is_national_staff(user) else qs.filter(facilitators=user),
)


def _moment_runner_q(user) -> Q:
    return Q(session__in=_runs(user)) | Q(group__facilitators=user)


def _moment_guest_q(user) -> Q:
    return Q(session__in=_attended(user)) | Q(group__members=user)


# One moment as someone invited to it (details, calendar, report).
register(
    "intervision.view_moment",
    predicate=lambda user, moment: (
        moment is None
        or is_national_staff(user)
        or Moment.objects.filter(
            _moment_guest_q(user) | _moment_runner_q(user), pk=moment.pk
        ).exists()
    ),
    scope=lambda user, qs: (
        qs
        if is_national_staff(user)
        else qs.filter(_moment_guest_q(user) | _moment_runner_q(user)).distinct()
    ),
)

# One moment as the one who runs it (change, cancel, attendance, report).
register(
    "intervision.run_moment",
    predicate=lambda user, moment: (
        moment is None
        or is_national_staff(user)
        or Moment.objects.filter(_moment_runner_q(user), pk=moment.pk).exists()
    ),
    scope=lambda user, qs: (
        qs if is_national_staff(user) else qs.filter(_moment_runner_q(user)).distinct()
    ),
)
