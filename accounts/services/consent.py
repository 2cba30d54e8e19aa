"""The privacy notice and consent (by the person or a legal representative)."""

from dataclasses import dataclass

from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from ..audit import log_action
from ..exceptions import NoPrivacyNotice, RepresentativeIncomplete
from ..models import ConsentPurpose, ConsentRecord, PrivacyNotice, RepresentativeRelation, User
from ..selectors import current_privacy_notice

# --- The privacy notice and consent ---------------------------------------------------------


@dataclass(frozen=True)
class Representative:
    """A legal representative (UAVG art. 5) who gives or withdraws consent for someone."""

    name: str
    relation: str
    contact: str = ""

    def __post_init__(self):
        if not self.name.strip() or self.relation not in RepresentativeRelation.values:
            raise RepresentativeIncomplete


@transaction.atomic
def privacy_notice_publish(
    *, text: str, easy_read_text: str, actor: User | None, published_at=None
) -> PrivacyNotice:
    """Publish the next version. People with a current consent are asked again next visit."""
    latest = PrivacyNotice.objects.select_for_update().aggregate(v=Max("version"))["v"] or 0
    notice = PrivacyNotice.objects.create(
        version=latest + 1,
        text=text,
        easy_read_text=easy_read_text,
        published_at=published_at or timezone.now(),
    )
    log_action(
        actor=actor, verb="privacy_notice.published", target=notice, data={"version": latest + 1}
    )
    transaction.on_commit(_forget_newest_notice, robust=True)
    return notice


def _forget_newest_notice() -> None:
    from django.core.cache import cache

    from ..selectors import NOTICE_CACHE_KEY

    cache.delete(NOTICE_CACHE_KEY)


def _lock_user(user: User) -> None:
    """Serialise consent changes of one person (a double click gives one record)."""
    User.objects.select_for_update().filter(pk=user.pk).first()


def _open(user: User, purpose: str) -> ConsentRecord | None:
    return (
        ConsentRecord.objects.select_related("notice")
        .filter(user=user, purpose=purpose, withdrawn_at=None, replaced_at=None)
        .first()
    )


@transaction.atomic
def consent_give(
    *,
    user: User,
    purpose: str,
    actor: User | None,
    representative: Representative | None = None,
) -> ConsentRecord:
    """Record consent for ``purpose`` under the current privacy notice.

    Giving what is already given (same notice, same person giving it) changes nothing; anything
    else replaces the open record with a new one, so the history keeps both.
    """
    purpose = ConsentPurpose(purpose)
    notice = current_privacy_notice()
    if notice is None:
        raise NoPrivacyNotice
    _lock_user(user)
    now = timezone.now()
    current = _open(user, purpose)
    rep = representative
    if current is not None:
        same_giver = (rep is None and not current.by_representative) or (
            rep is not None
            and current.by_representative
            and (rep.name, rep.relation, rep.contact)
            == (
                current.representative_name,
                current.representative_relation,
                current.representative_contact,
            )
        )
        if current.notice_id == notice.pk and same_giver:
            return current
        ConsentRecord.objects.filter(pk=current.pk).update(replaced_at=now)
    record = ConsentRecord.objects.create(
        user=user,
        purpose=purpose,
        notice=notice,
        given_at=now,
        by_representative=rep is not None,
        representative_name=rep.name.strip() if rep else "",
        representative_relation=rep.relation if rep else "",
        representative_contact=rep.contact.strip() if rep else "",
        recorded_by=actor if getattr(actor, "is_authenticated", False) else None,
    )
    log_action(
        actor=actor,
        verb="consent.given",
        target=user,
        data={
            "purpose": purpose.value,
            "notice_version": notice.version,
            "representative": rep.relation if rep else "",
        },
    )
    return record


@transaction.atomic
def consent_give_many(
    *,
    user: User,
    purposes: list[str],
    actor: User | None,
    representative: Representative | None = None,
) -> list[ConsentRecord]:
    """Consent for several purposes at once (a representative ticks what they agree to)."""
    return [
        consent_give(user=user, purpose=purpose, actor=actor, representative=representative)
        for purpose in purposes
    ]


@transaction.atomic
def consent_withdraw(*, user: User, purpose: str, actor: User | None) -> ConsentRecord | None:
    """Withdraw consent for ``purpose``: the record stays, with the moment it was withdrawn.

    Withdrawing what is not given (a second click) changes nothing and returns ``None``.
    """
    purpose = ConsentPurpose(purpose)
    _lock_user(user)
    current = _open(user, purpose)
    if current is None:
        return None
    current.withdrawn_at = max(timezone.now(), current.given_at)
    current.withdrawn_by = actor if getattr(actor, "is_authenticated", False) else None
    current.save(update_fields=["withdrawn_at", "withdrawn_by"])
    log_action(actor=actor, verb="consent.withdrawn", target=user, data={"purpose": purpose.value})
    return current


@transaction.atomic
def consent_renew(
    *, user: User, actor: User | None, representative: Representative | None = None
) -> list[ConsentRecord]:
    """Agree to the current notice for every purpose that is still given under an older one."""
    notice = current_privacy_notice()
    if notice is None:
        raise NoPrivacyNotice
    stale = ConsentRecord.objects.filter(
        user=user, withdrawn_at=None, replaced_at=None, notice__version__lt=notice.version
    ).values_list("purpose", flat=True)
    return [
        consent_give(user=user, purpose=purpose, actor=actor, representative=representative)
        for purpose in sorted(stale)
    ]
