"""The one place that answers "may this user do X to this object?".

Each app registers its rules here (in its own ``permissions.py``, imported from ``AppConfig.ready``)
so the rules live next to the models they guard, while views ask one module. A rule has a
predicate for one object and, optionally, a *scope* that narrows a queryset to the objects the
user may act on; views use :func:`scope` and :func:`get_for_user_or_404` instead of filtering ad
hoc, so an object outside someone's reach is a 404, never a leak.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.db.models import QuerySet
from django.http import Http404

from .roles import is_national_staff, is_trainer

Predicate = Callable[[object, object], bool]
Scope = Callable[[object, QuerySet], QuerySet]


@dataclass(frozen=True)
class Rule:
    predicate: Predicate
    scope: Scope | None = None


_rules: dict[str, Rule] = {}


def register(action: str, *, predicate: Predicate, scope: Scope | None = None) -> None:
    _rules[action] = Rule(predicate=predicate, scope=scope)


def registered_actions() -> set[str]:
    """Every action name with a rule (a test checks that each is asked somewhere)."""
    return set(_rules)


def _rule(action: str) -> Rule:
    try:
        return _rules[action]
    except KeyError:
        raise LookupError(f"No permission rule registered for {action!r}") from None


def can(user, action: str, obj=None) -> bool:
    if not getattr(user, "is_authenticated", False) and not action.endswith(".public"):
        return False
    return bool(_rule(action).predicate(user, obj))


def scope(user, action: str, queryset: QuerySet) -> QuerySet:
    """The part of ``queryset`` the user may ``action``; empty when the rule has no scope."""
    rule = _rule(action)
    if rule.scope is None:
        return queryset if rule.predicate(user, None) else queryset.none()
    if not getattr(user, "is_authenticated", False) and not action.endswith(".public"):
        return queryset.none()
    return rule.scope(user, queryset)


def get_for_user_or_404(user, action: str, queryset: QuerySet, **lookup):
    """Fetch one object the user may ``action``; anything else (missing or not theirs) is 404."""
    try:
        obj = scope(user, action, queryset).get(**lookup)
    except (queryset.model.DoesNotExist, ValueError, TypeError):
        raise Http404 from None
    if not can(user, action, obj):
        raise Http404
    return obj


# --- Rules of this app ----------------------------------------------------------------------

register("accounts.view_trainer_pages", predicate=lambda user, obj: is_trainer(user))
register(
    "accounts.manage_personal_data",
    predicate=lambda user, obj: is_national_staff(user),
    scope=lambda user, qs: qs if is_national_staff(user) else qs.none(),
)
