"""State changes of accounts: roles and profiles."""

from django.contrib.auth.models import Group
from django.db import transaction

from .audit import log_action
from .models import User
from .roles import Role

PROFILE_FIELDS = ("display_name", "phone", "organisation", "region")


@transaction.atomic
def user_assign_role(*, user: User, role: Role, actor: User | None = None) -> None:
    group = Group.objects.get(name=role.value)
    user.groups.add(group)
    user.__dict__.pop("_leerkring_roles", None)
    log_action(actor=actor, verb="user.role_assigned", target=user, data={"role": role.value})


@transaction.atomic
def user_profile_update(*, user: User, actor: User, **fields) -> User:
    unknown = set(fields) - set(PROFILE_FIELDS)
    if unknown:
        raise TypeError(f"Not profile fields: {sorted(unknown)}")
    changed = {k: v for k, v in fields.items() if getattr(user, k) != v}
    for key, value in changed.items():
        setattr(user, key, value)
    if changed:
        user.save(update_fields=list(changed))
        log_action(
            actor=actor,
            verb="user.profile_updated",
            target=user,
            data={"fields": sorted(changed)},
        )
    return user


@transaction.atomic
def user_signup_complete(*, user: User, profile: dict) -> User:
    """A person signed up: give them the participant role and their profile."""
    for key, value in profile.items():
        if key in PROFILE_FIELDS:
            setattr(user, key, value)
    user.save()
    user_assign_role(user=user, role=Role.PARTICIPANT, actor=user)
    log_action(actor=user, verb="user.signed_up", target=user)
    return user
