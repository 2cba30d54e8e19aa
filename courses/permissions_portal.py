"""The trainer portal ("Mijn sessies"): a trainer reaches only the sessions they are staff on.

Unlike ``courses.manage_session`` (which national staff pass for every session, for the admin and
API), the portal is the trainer's own workplace: national staff manage sessions in the admin.
"""

from accounts.permissions import register
from accounts.roles import is_trainer

register(
    "courses.portal_session",
    predicate=lambda user, session: (
        is_trainer(user) and (session is None or session.assignments.filter(trainer=user).exists())
    ),
    scope=lambda user, qs: (
        qs.filter(assignments__trainer=user).distinct() if is_trainer(user) else qs.none()
    ),
)
