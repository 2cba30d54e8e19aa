"""Staff API tokens."""

import hashlib
import secrets
from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from ..audit import log_action
from ..exceptions import ApiTokenLimit, ApiTokenNotAllowed
from ..models import StaffApiToken, User
from ..roles import is_national_staff

# --- Staff API tokens -------------------------------------------------------------------------

API_TOKEN_PREFIX = "lk_"  # noqa: S105 (a marker, not a secret)
API_TOKEN_MAX = 10


def api_token_hash(raw: str) -> str:
    return hashlib.sha256(raw.encode()).hexdigest()


@transaction.atomic
def api_token_create(*, user: User, name: str) -> tuple[StaffApiToken, str]:
    """Make a key for ``user`` (national staff). Returns the row and the key, which is never
    stored and cannot be shown again."""
    if not is_national_staff(user):
        raise ApiTokenNotAllowed()
    User.objects.select_for_update().filter(pk=user.pk).first()  # count under a lock
    if user.staff_api_tokens.filter(revoked_at__isnull=True).count() >= API_TOKEN_MAX:
        raise ApiTokenLimit()
    raw = API_TOKEN_PREFIX + secrets.token_urlsafe(32)
    token = StaffApiToken.objects.create(
        user=user, name=name.strip()[:100], prefix=raw[:10], key_hash=api_token_hash(raw)
    )
    log_action(actor=user, verb="api_token.created", target=token, data={"name": token.name})
    return token, raw


@transaction.atomic
def api_token_revoke(*, user: User, token: StaffApiToken) -> None:
    """Revoke one of ``user``'s own keys (revoking twice changes nothing)."""
    updated = StaffApiToken.objects.filter(pk=token.pk, user=user, revoked_at__isnull=True).update(
        revoked_at=timezone.now()
    )
    if updated:
        log_action(actor=user, verb="api_token.revoked", target=token, data={"name": token.name})


def api_token_user(raw: str) -> User | None:
    """The active staff member a key belongs to, or None (unknown, revoked, or no longer
    staff). Marks the key used, at most once a minute."""
    if not raw or not raw.startswith(API_TOKEN_PREFIX) or len(raw) > 100:
        return None
    token = (
        StaffApiToken.objects.select_related("user")
        .filter(key_hash=api_token_hash(raw), revoked_at__isnull=True, user__is_active=True)
        .first()
    )
    if token is None or not is_national_staff(token.user):
        return None
    now = timezone.now()
    if token.last_used_at is None or now - token.last_used_at > timedelta(minutes=1):
        StaffApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    return token.user
