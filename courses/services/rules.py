"""The rules a session's dates, numbers and texts keep: one place for portal, admin and demo.

A published session is public, so what it promises must make sense: its meetings lie ahead and
within the planning horizon (a year such as 9999 is a typo), enrolment closes before the first
meeting and not in the past, the numbers are in range and the texts bounded. Only what an edit
*changes* must lie ahead: a session under way keeps the meetings that have been, and a deadline
that has passed since it was set is no error. Publishing checks everything.

Each problem names its field (and meeting row), so a form shows it in the right place.
"""

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from .. import exceptions as e
from ..models import CAPACITY_MAX, SESSION_TEXT_MAX, Session

TEXT_FIELDS = ("notes",)


@dataclass(frozen=True)
class MeetingRow:
    """A meeting as it will be after the edit; ``index`` is its row in the caller's input."""

    starts_at: datetime
    ends_at: datetime
    index: int | None = None
    changed: bool = False


def horizon(now: datetime) -> datetime:
    return now + timedelta(days=settings.COURSES_PLANNING_HORIZON_DAYS)


def _when(moment: datetime) -> str:
    return date_format(timezone.localtime(moment), "j F Y H:i")


def _meeting_problem(cls, row: MeetingRow, message_for_existing: str):
    if row.index is not None:
        return cls(index=row.index)
    return cls(message_for_existing % {"when": _when(row.starts_at)})


def capacity_problems(session: Session, changed: set[str]) -> list[e.DomainError]:
    capacity, minimum = session.capacity, session.min_participants
    if not isinstance(capacity, int) or not 1 <= capacity <= CAPACITY_MAX:
        message = _("Het aantal plaatsen moet tussen 1 en %(max)s liggen.") % {"max": CAPACITY_MAX}
        return [e.CapacityInvalid(message, field="capacity")]
    if not isinstance(minimum, int) or not 0 <= minimum <= capacity:
        if "min_participants" in changed or "capacity" not in changed:
            message = _(
                "Het minimum aantal deelnemers mag niet groter zijn dan het aantal plaatsen."
            )
            return [e.CapacityInvalid(message, field="min_participants")]
        message = _("Het aantal plaatsen mag niet kleiner zijn dan het minimum aantal deelnemers.")
        return [e.CapacityInvalid(message, field="capacity")]
    return []


def text_problems(values: dict[str, str]) -> list[e.DomainError]:
    message = _("Deze tekst is te lang: hooguit %(max)s tekens.") % {"max": SESSION_TEXT_MAX}
    return [
        e.TextTooLong(message, field=name)
        for name, value in values.items()
        if len(value or "") > SESSION_TEXT_MAX
    ]


def session_problems(
    *,
    session: Session,
    meetings: list[MeetingRow],
    changed: set[str],
    now: datetime,
    publishing: bool = False,
) -> list[e.DomainError]:
    """Everything wrong with ``session`` (unsaved changes applied) and its ``meetings``."""
    problems = capacity_problems(session, changed)
    problems += text_problems({name: getattr(session, name) for name in TEXT_FIELDS})
    limit = horizon(now)
    for row in meetings:
        if row.changed and (row.starts_at is None or row.ends_at is None):
            problems.append(e.MeetingTimesInvalid(index=row.index))
            continue
        if row.changed and row.ends_at <= row.starts_at:
            problems.append(e.MeetingTimesInvalid(index=row.index))
        elif (row.changed or publishing) and row.starts_at < now:
            problems.append(
                _meeting_problem(
                    e.MeetingInPast, row, _("De bijeenkomst van %(when)s is al voorbij.")
                )
            )
        elif (row.changed or publishing) and row.starts_at > limit:
            problems.append(
                _meeting_problem(
                    e.MeetingTooFarAhead,
                    row,
                    _("De bijeenkomst van %(when)s ligt te ver vooruit. Controleer het jaar."),
                )
            )
    deadline = session.enrolment_deadline
    if deadline is not None:
        starts = [row.starts_at for row in meetings if row.starts_at is not None]
        fresh = "enrolment_deadline" in changed or publishing
        if fresh and deadline < now:
            problems.append(e.DeadlinePassed())
        elif starts and deadline > min(starts):
            problems.append(e.DeadlineAfterStart())
        elif fresh and deadline > limit:
            problems.append(e.MeetingTooFarAhead(field="enrolment_deadline"))
    return problems


def raise_problems(problems: list[e.DomainError]) -> None:
    """Raise the first problem, carrying all of them (a form shows each next to its field)."""
    if problems:
        first = problems[0]
        first.problems = problems
        raise first
