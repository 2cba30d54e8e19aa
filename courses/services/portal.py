"""What the trainer portal does in one step: create a staffed session, edit a whole session.

These compose the core services inside one transaction, so a refused step (a double-booked
co-trainer, a capacity below the seats taken, a meeting that ends before it starts) rolls the
whole form back: nothing is half-saved.
"""

from datetime import datetime

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from .. import exceptions as e
from ..models import Assignment, Course, Meeting, Session, Venue
from .sessions import (
    meeting_add,
    meeting_delete,
    meeting_update,
    session_change_capacity,
    session_create,
    session_update,
)
from .staffing import assignment_create


class MeetingNotFound(e.DomainError):
    code = "meeting_not_found"
    message = _("Deze bijeenkomst hoort niet bij deze sessie.")
    status = 404


@transaction.atomic
def session_create_staffed(
    *,
    actor,
    course: Course,
    region,
    capacity: int,
    min_participants: int,
    meetings: list[tuple[datetime, datetime]],
    venue: Venue | None = None,
    online_url: str = "",
    enrolment_deadline: datetime | None = None,
    notes: str = "",
    co_trainer=None,
    intern=None,
) -> Session:
    """A draft session with ``actor`` as lead and, when named, a co-trainer and an intern."""
    session = session_create(
        actor=actor,
        course=course,
        region=region,
        capacity=capacity,
        min_participants=min_participants,
        venue=venue,
        online_url=online_url,
        enrolment_deadline=enrolment_deadline,
        notes=notes,
        meetings=meetings,
        lead=actor,
    )
    if co_trainer is not None:
        assignment_create(
            actor=actor, session=session, trainer=co_trainer, role=Assignment.Role.CO_TRAINER
        )
    if intern is not None:
        assignment_create(actor=actor, session=session, trainer=intern, role=Assignment.Role.INTERN)
    return session


@transaction.atomic
def session_edit(
    *,
    actor,
    session: Session,
    fields: dict,
    capacity: int,
    meetings: list[dict],
    delete_meeting_ids: list[int] = (),
) -> Session:
    """Apply the edit form: session fields, capacity, and the meetings (kept, moved, new, gone).

    ``meetings`` rows are ``{"id": pk or None, "starts_at", "ends_at"}``. Enrolled people hear of
    date and place changes through the core services.
    """
    own = {m.pk: m for m in Meeting.objects.filter(session=session)}
    wanted = {row["id"] for row in meetings if row.get("id")} | set(delete_meeting_ids)
    if wanted - set(own):
        raise MeetingNotFound()
    if fields:
        session = session_update(actor=actor, session=session, **fields)
    if capacity != session.capacity:
        session_change_capacity(actor=actor, session=session, capacity=capacity)
    for row in meetings:
        if row.get("id"):
            meeting_update(
                actor=actor,
                meeting=own[row["id"]],
                starts_at=row["starts_at"],
                ends_at=row["ends_at"],
            )
        else:
            meeting_add(
                actor=actor, session=session, starts_at=row["starts_at"], ends_at=row["ends_at"]
            )
    for pk in delete_meeting_ids:
        meeting_delete(actor=actor, meeting=own[pk])
    return Session.objects.get(pk=session.pk)
