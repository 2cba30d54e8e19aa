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
        "calendar_token.created": _("Agenda-link gemaakt"),
        "calendar_token.regenerated": _("Nieuwe agenda-link gemaakt"),
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
