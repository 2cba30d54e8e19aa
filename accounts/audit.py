"""The audit trail: every service that changes state calls :func:`log_action`."""

import json

from django.contrib.contenttypes.models import ContentType
from django.core.serializers.json import DjangoJSONEncoder

from .models import AuditEntry


def log_action(*, actor, verb: str, target=None, data: dict | None = None) -> AuditEntry:
    """Record that ``actor`` did ``verb`` to ``target``.

    Call it inside the service's transaction, so the entry exists exactly when the change does.
    ``data`` is made JSON-safe (dates, decimals) so callers can pass what they have.
    """
    safe = json.loads(json.dumps(data or {}, cls=DjangoJSONEncoder))
    return AuditEntry.objects.create(
        actor=actor if getattr(actor, "is_authenticated", False) else None,
        verb=verb,
        target_type=ContentType.objects.get_for_model(target) if target is not None else None,
        target_id=str(target.pk) if target is not None else "",
        target_repr=str(target)[:255] if target is not None else "",
        data=safe,
    )
