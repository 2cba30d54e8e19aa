"""Roles, groups, profiles, sign-up and sessions."""

import secrets

from django.contrib.auth.models import Group
from django.db import transaction

from ..audit import log_action
from ..models import ConsentPurpose, User
from ..roles import Role
from ..selectors import current_privacy_notice
from .consent import Representative, consent_give

PROFILE_FIELDS = ("display_name", "phone", "organisation", "region")


@transaction.atomic
def user_assign_role(*, user: User, role: Role, actor: User | None = None) -> None:
    group = Group.objects.get(name=role.value)
    user.groups.add(group)
    user.__dict__.pop("_leerkring_roles", None)
    log_action(actor=actor, verb="user.role_assigned", target=user, data={"role": role.value})


@transaction.atomic
def user_remove_role(*, user: User, role: Role, actor: User | None = None) -> None:
    group = Group.objects.get(name=role.value)
    user.groups.remove(group)
    user.__dict__.pop("_leerkring_roles", None)
    log_action(actor=actor, verb="user.role_removed", target=user, data={"role": role.value})


def _role(group: Group) -> Role | None:
    return Role(group.name) if group.name in Role.values else None


@transaction.atomic
def user_group_add(*, user: User, group: Group, actor: User | None) -> None:
    """A group from a user admin: a Leerkring role goes through ``user_assign_role``; any
    other group (Wagtail's editors, moderators) is added and audited the same way."""
    role = _role(group)
    if role is not None:
        user_assign_role(user=user, role=role, actor=actor)
        return
    user.groups.add(group)
    log_action(actor=actor, verb="user.group_added", target=user, data={"group": group.name})


@transaction.atomic
def user_group_remove(*, user: User, group: Group, actor: User | None) -> None:
    role = _role(group)
    if role is not None:
        user_remove_role(user=user, role=role, actor=actor)
        return
    user.groups.remove(group)
    log_action(actor=actor, verb="user.group_removed", target=user, data={"group": group.name})


@transaction.atomic
def user_superuser_set(*, user: User, is_superuser: bool, actor: User | None) -> None:
    """Make someone a technical administrator, or stop: the strongest role, always audited."""
    if User.objects.filter(pk=user.pk, is_superuser=is_superuser).exists():
        user.is_superuser = is_superuser
        return
    User.objects.filter(pk=user.pk).update(is_superuser=is_superuser)
    user.is_superuser = is_superuser
    log_action(
        actor=actor, verb="user.superuser_set", target=user, data={"is_superuser": is_superuser}
    )


def stored_superuser(user: User) -> bool:
    """What the database holds (a form may have changed the instance already)."""
    if user.pk is None:
        return False
    return User.objects.filter(pk=user.pk, is_superuser=True).exists()


@transaction.atomic
def user_groups_set(*, user: User, groups, actor: User | None) -> None:
    """What a user admin form asks for: only the changes are made, each one audited."""
    wanted = set(groups)
    current = set(user.groups.all())
    for group in sorted(wanted - current, key=lambda g: g.name):
        user_group_add(user=user, group=group, actor=actor)
    for group in sorted(current - wanted, key=lambda g: g.name):
        user_group_remove(user=user, group=group, actor=actor)


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
def user_signup_complete(
    *, user: User, profile: dict, representative: Representative | None = None
) -> User:
    """A person signed up: the participant role, their profile, and consent to take part.

    The sign-up form asks for that consent (for the person or by their representative), so a
    new participant has it from the first visit.
    """
    for key, value in profile.items():
        if key in PROFILE_FIELDS:
            setattr(user, key, value)
    user.save()
    user_assign_role(user=user, role=Role.PARTICIPANT, actor=user)
    log_action(actor=user, verb="user.signed_up", target=user)
    if current_privacy_notice() is not None:
        consent_give(
            user=user, purpose=ConsentPurpose.COURSES, actor=user, representative=representative
        )
    return user


# --- Sessions -------------------------------------------------------------------------------


@transaction.atomic
def user_sessions_end_all(*, user: User, actor: User) -> None:
    """End every session of ``user`` on every device: a new token changes the session hash."""
    user.session_token = secrets.token_hex(16)
    User.objects.filter(pk=user.pk).update(session_token=user.session_token)
    log_action(actor=actor, verb="user.sessions_ended", target=user)
