"""Making a trainer intervision group (owned by the pages; the core services have none yet).

National staff put candidates and trainers together in a group and name who leads it; the
group's moments are then planned with ``services.moment_schedule(group=...)``, and attending
one passes the programme's intervisie step there.
"""

from datetime import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.audit import log_action
from accounts.models import Region
from accounts.roles import is_national_staff

from . import exceptions as e
from .models import TrainerGroup


class GroupInvalid(e.IntervisionError):
    code = "intervision_group_invalid"
    message = _("Geef de groep een naam. Kies wie meedoen en wie de intervisie leidt.")


@transaction.atomic
def group_create(
    *,
    actor,
    name: str,
    members,
    facilitators,
    region: Region | None = None,
    now: datetime | None = None,
) -> TrainerGroup:
    """A new trainer group with its members and leaders (national staff only)."""
    if not is_national_staff(actor):
        raise e.NotATrainer()
    name = " ".join((name or "").split())
    members, facilitators = list(members), list(facilitators)
    if not name or not members or not facilitators:
        raise GroupInvalid()
    group = TrainerGroup.objects.create(
        name=name[:200], region=region, created_at=now or timezone.now()
    )
    group.members.set(members)
    group.facilitators.set(facilitators)
    log_action(
        actor=actor,
        verb="intervision.group_created",
        target=group,
        data={"members": [u.pk for u in members], "facilitators": [u.pk for u in facilitators]},
    )
    return group
