"""Who may see and change which sessions and enrolments.

Trainers reach only the sessions they are assigned to; participants only their own enrolments;
national staff (and superusers) reach everything. Views and the API ask
``accounts.permissions.scope``/``get_for_user_or_404`` with these action names, so anything
outside a person's reach is a 404.
"""

from django.db.models import Q

from accounts.permissions import register
from accounts.roles import is_national_staff, is_trainer

from .models import Session


def _is_assigned(user, session) -> bool:
    return session.assignments.filter(trainer=user).exists()


# A published (or completed/cancelled) session page: anyone may look, drafts only their staff.
register(
    "courses.view_session.public",
    predicate=lambda user, session: (
        session is None
        or session.status != Session.Status.DRAFT
        or (
            getattr(user, "is_authenticated", False)
            and (is_national_staff(user) or _is_assigned(user, session))
        )
    ),
    scope=lambda user, qs: (
        qs
        if getattr(user, "is_authenticated", False) and is_national_staff(user)
        else qs.filter(~Q(status=Session.Status.DRAFT) | Q(assignments__trainer=user)).distinct()
        if getattr(user, "is_authenticated", False)
        else qs.exclude(status=Session.Status.DRAFT)
    ),
)

# One's own enrolment (view, cancel, calendar); national staff reach all.
register(
    "courses.manage_enrolment",
    predicate=lambda user, enrolment: (
        is_national_staff(user) or enrolment is None or enrolment.user_id == user.pk
    ),
    scope=lambda user, qs: qs if is_national_staff(user) else qs.filter(user=user),
)

# Strictly one's own enrolment (the API and "Mijn cursussen" act for the person themselves).
register(
    "courses.own_enrolment",
    predicate=lambda user, enrolment: enrolment is None or enrolment.user_id == user.pk,
    scope=lambda user, qs: qs.filter(user=user),
)


# A session as its staffing: its trainers, and national staff who plan the pool (e.g. the
# trainers app's suggestions of who could give it).
register(
    "courses.manage_session",
    predicate=lambda user, session: (
        is_national_staff(user)
        or (is_trainer(user) and (session is None or _is_assigned(user, session)))
    ),
    scope=lambda user, qs: (
        qs
        if is_national_staff(user)
        else qs.filter(assignments__trainer=user).distinct()
        if is_trainer(user)
        else qs.none()
    ),
)


# The trainer portal ("Mijn sessies") is the trainer's own workplace: only trainers who staff the
# session reach it (national staff work on sessions in the CMS admin, with Wagtail's permissions).
register(
    "courses.portal_session",
    predicate=lambda user, session: (
        is_trainer(user) and (session is None or _is_assigned(user, session))
    ),
    scope=lambda user, qs: (
        qs.filter(assignments__trainer=user).distinct() if is_trainer(user) else qs.none()
    ),
)
