"""What the trainer portal does in one step: create a staffed session.

This composes the core services inside one transaction, so a refused step (a double-booked
co-trainer, a meeting that ends before it starts) rolls the whole form back: nothing is
half-saved. Editing a session is ``session_edit``, shared with the admin.
"""

from datetime import datetime

from django.db import transaction

from ..models import Assignment, Course, Session, Venue
from .sessions import session_create
from .staffing import assignment_create


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
