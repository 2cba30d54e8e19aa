"""Reads about people that more than one caller shares: the privacy notice and consent."""

import logging

from django.core.cache import cache
from django.db.models import Exists, OuterRef
from django.utils import timezone

from .models import ConsentPurpose, ConsentRecord, PrivacyNotice

logger = logging.getLogger(__name__)

#: Cache key of (newest published version, when the next scheduled version goes live).
NOTICE_CACHE_KEY = "accounts:privacy_notice:newest"


def current_privacy_notice() -> PrivacyNotice | None:
    """The newest published version (a version published for a later moment waits)."""
    return (
        PrivacyNotice.objects.filter(published_at__lte=timezone.now()).order_by("-version").first()
    )


def newest_notice_version() -> int | None:
    """The newest published version, cached until the next scheduled one goes live.

    The re-consent middleware asks this on every page, so it is a cache read, not a query;
    ``privacy_notice_publish`` drops the cached value after its commit.
    """
    now = timezone.now().timestamp()
    cached = cache.get(NOTICE_CACHE_KEY)
    if cached is not None and (cached[1] is None or now < cached[1]):
        return cached[0]
    notice = current_privacy_notice()
    upcoming = (
        PrivacyNotice.objects.filter(published_at__gt=timezone.now())
        .order_by("published_at")
        .values_list("published_at", flat=True)
        .first()
    )
    value = (notice.version if notice else None, upcoming.timestamp() if upcoming else None)
    cache.set(NOTICE_CACHE_KEY, value, 3600)
    return value[0]


def consent_current(user, purpose: str) -> ConsentRecord | None:
    """The consent that holds now for ``purpose`` (given and neither withdrawn nor replaced)."""
    if not getattr(user, "is_authenticated", False):
        return None
    return (
        ConsentRecord.objects.select_related("notice")
        .filter(user=user, purpose=purpose, withdrawn_at=None, replaced_at=None)
        .first()
    )


def has_consent(user, purpose: str) -> bool:
    if not getattr(user, "is_authenticated", False):
        return False
    return ConsentRecord.objects.filter(
        user=user, purpose=purpose, withdrawn_at=None, replaced_at=None
    ).exists()


def consent_exists(purpose: str, *, user_ref: str = "user") -> Exists:
    """An ``Exists`` for querysets: does the row's person (``user_ref``) consent to ``purpose``?

    Apps above ``accounts`` filter with it (a trainer sees shared results only while the
    participant's consent to share holds), without importing the consent model.
    """
    return Exists(
        ConsentRecord.objects.filter(
            user=OuterRef(user_ref), purpose=purpose, withdrawn_at=None, replaced_at=None
        )
    )


def consents_overview(user) -> list[dict]:
    """Per purpose (in a fixed order): its label and the consent that holds now, or ``None``."""
    current = {
        record.purpose: record
        for record in ConsentRecord.objects.select_related("notice").filter(
            user=user, withdrawn_at=None, replaced_at=None
        )
    }
    return [
        {"purpose": purpose, "label": label, "record": current.get(purpose)}
        for purpose, label in ConsentPurpose.choices
    ]


def consent_history(user) -> list[ConsentRecord]:
    return list(
        ConsentRecord.objects.select_related("notice")
        .filter(user=user)
        .order_by("-given_at", "-id")
    )


def needs_reconsent(user) -> bool:
    """Is a consent of this person still open under an older notice than the current one?

    One query: the re-consent middleware asks it on every page a logged-in person opens.
    """
    newest = (
        PrivacyNotice.objects.filter(published_at__lte=timezone.now())
        .order_by("-version")
        .values("version")[:1]
    )
    return ConsentRecord.objects.filter(
        user=user, withdrawn_at=None, replaced_at=None, notice__version__lt=newest
    ).exists()


def consent_records_for(user) -> list[dict]:
    """Every consent record of ``user`` as plain data, for "Mijn gegevens" (the data export)."""
    return [
        {
            "purpose": record.purpose,
            "purpose_label": str(record.get_purpose_display()),
            "privacy_notice_version": record.notice.version,
            "given_at": record.given_at.isoformat(),
            "by_representative": record.by_representative,
            "representative_name": record.representative_name,
            "representative_relation": record.representative_relation,
            "representative_contact": record.representative_contact,
            "withdrawn_at": record.withdrawn_at.isoformat() if record.withdrawn_at else None,
            "replaced_at": record.replaced_at.isoformat() if record.replaced_at else None,
        }
        for record in consent_history(user)
    ]
