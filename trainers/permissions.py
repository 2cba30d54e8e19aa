"""Who may see which part of the trainer pool.

A person sees their own profile and traject; the lead trainer of a completed session signs off
its intern; national staff see and steer everything. Anything else is a 404.
"""

from accounts.permissions import register
from accounts.roles import is_national_staff

from .models import TrainerProfile


def _owner_id(obj) -> int:
    """A profile's person, or the person of a row that belongs to a profile (availability)."""
    return obj.user_id if isinstance(obj, TrainerProfile) else obj.profile.user_id


# Staff pages: applications, trainer details, the pool dashboard, exports.
register("trainers.manage_pool", predicate=lambda user, obj: is_national_staff(user))

# One's own profile, traject ("Mijn traject") and availability marks.
register(
    "trainers.own_profile",
    predicate=lambda user, obj: obj is None or _owner_id(obj) == user.pk,
    scope=lambda user, qs: (
        qs.filter(user=user) if qs.model is TrainerProfile else qs.filter(profile__user=user)
    ),
)

# Signing off an intern: only the lead trainer of that intern's session.
register(
    "trainers.sign_off_internship",
    predicate=lambda user, assignment: (
        assignment is None
        or assignment.session.assignments.filter(trainer=user, role="lead").exists()
    ),
    scope=lambda user, qs: qs.filter(
        session__assignments__trainer=user, session__assignments__role="lead"
    ),
)
