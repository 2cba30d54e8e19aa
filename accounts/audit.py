"""The audit trail: every service that changes state calls :func:`log_action`."""

import json

from django.contrib.contenttypes.models import ContentType
from django.core.serializers.json import DjangoJSONEncoder
from django.utils.translation import gettext_lazy as _

from .models import AuditEntry

#: What each verb means to a person reading the log. Each app registers its own verbs next to
#: the services that write them (``register_verb_labels`` in its ``AppConfig.ready``).
_VERB_LABELS: dict[str, str] = {}


def register_verb_labels(labels: dict[str, str]) -> None:
    _VERB_LABELS.update(labels)


def verb_choices() -> list[tuple[str, str]]:
    """Every registered verb with its label, for filtering the log by what happened."""
    return sorted(((verb, str(label)) for verb, label in _VERB_LABELS.items()), key=lambda c: c[1])


def verb_label(verb: str) -> str:
    """The readable label of ``verb``; a verb nobody registered is shown as it is."""
    label = _VERB_LABELS.get(verb)
    return str(label) if label is not None else verb


register_verb_labels(
    {
        "user.created_on_behalf": _("Account gemaakt door een trainer of medewerker"),
        "user.created_by_invitation": _("Account gemaakt via een uitnodiging"),
        "user.group_added": _("Aan groep toegevoegd"),
        "user.group_removed": _("Uit groep gehaald"),
        "user.role_removed": _("Rol afgenomen"),
        "user.superuser_set": _("Beheerdersrechten gewijzigd"),
        "user.profile_updated": _("Profiel gewijzigd"),
        "user.role_assigned": _("Rol gegeven"),
        "user.signed_up": _("Account gemaakt"),
        "user.sessions_ended": _("Uitgelogd op alle apparaten"),
        "consent.given": _("Toestemming gegeven"),
        "consent.withdrawn": _("Toestemming ingetrokken"),
        "privacy_notice.published": _("Nieuwe privacyverklaring gepubliceerd"),
        "calendar_token.created": _("Agenda-link gemaakt"),
        "calendar_token.regenerated": _("Nieuwe agenda-link gemaakt"),
        "user.erasure_requested": _("Gevraagd om gegevens te wissen"),
        "user.erasure_cancelled": _("Wissen van gegevens teruggedraaid"),
        "user.erased": _("Gegevens gewist"),
        "accounts.person_viewed": _("Persoon bekeken in het beheer"),
        "accounts.personal_export_viewed": _("Gegevens van een persoon bekeken"),
        "accounts.personal_export_downloaded": _("Gegevens van een persoon gedownload"),
        "retention.applied": _("Bewaartermijn toegepast"),
        "export_job.requested": _("Export aangevraagd"),
        "export_job.downloaded": _("Export gedownload"),
        "api_token.created": _("API-sleutel gemaakt"),
        "api_token.revoked": _("API-sleutel ingetrokken"),
    }
)


def log_action(*, actor, verb: str, target=None, data: dict | None = None) -> AuditEntry:
    """Record that ``actor`` did ``verb`` to ``target``.

    Call it inside the service's transaction, so the entry exists exactly when the change does.
    ``data`` is made JSON-safe (dates, decimals) so callers can pass what they have.
    """
    values = audit_values(actor=actor, verb=verb, target=target, data=data)
    return AuditEntry.objects.create(**values)


def audit_values(*, actor, verb: str, target=None, data: dict | None = None) -> dict:
    """The fields of the entry ``log_action`` writes: for a service that writes it in the same
    SQL statement as its change (``competencies.services.answers_save``)."""
    safe = json.loads(json.dumps(data or {}, cls=DjangoJSONEncoder))
    return {
        "actor": actor if getattr(actor, "is_authenticated", False) else None,
        "verb": verb,
        "target_type": ContentType.objects.get_for_model(target) if target is not None else None,
        "target_id": str(target.pk) if target is not None else "",
        "target_repr": str(target)[:255] if target is not None else "",
        "data": safe,
    }


def viewer_role(user) -> str:
    """The role someone looked with, kept in the entry (roles change; the log should not)."""
    from .roles import is_national_staff, is_trainer

    if is_national_staff(user):
        return "national_staff"
    if is_trainer(user):
        return "trainer"
    return "other"


def log_view(*, actor, verb: str, target, data: dict | None = None) -> AuditEntry:
    """Record that staff or a trainer looked at a person's data ("who looked"): one INSERT."""
    return log_action(
        actor=actor, verb=verb, target=target, data={"role": viewer_role(actor), **(data or {})}
    )
