"""What every courses service shares: the session row lock and the seat count."""

from collections.abc import Sequence
from datetime import datetime

from django.db import transaction
from django.db.models import Sum
from django.db.models.functions import Coalesce
from django.utils import timezone

from accounts.audit import log_action

from .. import notify
from ..cache import catalogue_bump
from ..models import SEATS, Enrolment, Session

S = Session.Status
E = Enrolment.Status
OPEN_STATUSES = (S.DRAFT, S.PUBLISHED)


def _now(now: datetime | None) -> datetime:
    return now or timezone.now()


def lock_session(session_id: int) -> Session:
    """The session row, locked until the transaction ends. Tests replace it to prove it matters.

    Every change to a session's places or status takes this lock, so it is also where cached
    catalogue pages are told (after the commit) that they may be stale. The bump never fails the
    change (Redis down is not an error, see ``courses.cache``); ``robust`` keeps any surprise in
    it from stopping the hooks registered after it.
    """
    transaction.on_commit(catalogue_bump, robust=True)
    # Course and region come along (only the session row is locked): the audit entry names them.
    return (
        Session.objects.select_for_update(of=("self",))
        .select_related("course", "region")
        .get(pk=session_id)
    )


def seats_taken(session: Session) -> int:
    """Confirmed places: each confirmed participant, plus their support person if any."""
    return Enrolment.objects.filter(session=session, status=E.CONFIRMED).aggregate(
        seats=Coalesce(Sum(SEATS), 0)
    )["seats"]


def refresh_dates(session: Session) -> None:
    meetings = list(session.meetings.order_by("starts_at").values_list("starts_at", "ends_at"))
    session.starts_at = meetings[0][0] if meetings else None
    session.ends_at = max(m[1] for m in meetings) if meetings else None
    session.save(update_fields=["starts_at", "ends_at"])


def tell_changed(session: Session, *, actor, what: Sequence[str]) -> None:
    """Published sessions: bump the revision and tell everyone enrolled or waiting."""
    if session.status != S.PUBLISHED:
        return
    session.revision += 1
    session.save(update_fields=["revision"])
    notify.session_changed(session_id=session.pk, revision=session.revision)
    log_action(actor=actor, verb="session.changed", target=session, data={"fields": list(what)})
