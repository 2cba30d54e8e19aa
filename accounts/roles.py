"""The roles of Leerkring. A role is a Django group, created by a data migration.

Superusers (technical administrators) are not a group: they are ``is_superuser`` users.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    PARTICIPANT = "participant", _("Deelnemer")
    TRAINER = "trainer", _("Trainer")
    NATIONAL_STAFF = "national_staff", _("Landelijk bureau")


def role_names(user) -> frozenset[str]:
    """The user's role names, cached on the user object for the request."""
    if not getattr(user, "is_authenticated", False):
        return frozenset()
    cached = getattr(user, "_leerkring_roles", None)
    if cached is None:
        cached = frozenset(user.groups.values_list("name", flat=True))
        user._leerkring_roles = cached
    return cached


def has_role(user, role: Role) -> bool:
    return role.value in role_names(user)


def is_national_staff(user) -> bool:
    return bool(getattr(user, "is_superuser", False)) or has_role(user, Role.NATIONAL_STAFF)


def is_trainer(user) -> bool:
    return has_role(user, Role.TRAINER)


def is_staff_account(user) -> bool:
    """Staff accounts reach the CMS admin and staff pages, so they must use MFA."""
    return is_national_staff(user)
