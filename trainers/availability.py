"""Availability: trainers mark when they can (or cannot) give a course; staff and trainers who
plan a session get suggestions of qualified, available trainers who are not booked then.

The "booked" rule is courses' own (``courses.services.meetings_clashing``), asked, never copied.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime

from django.db import transaction
from django.utils import timezone

from accounts.audit import log_action
from accounts.models import Region
from courses.models import Course, Qualification
from courses.services import meetings_clashing

from .models import Availability, StatusPeriod, TrainerProfile
from .selectors import profiles_with_status

Part = Availability.Part
SCHEDULABLE = (StatusPeriod.Status.CERTIFIED, StatusPeriod.Status.ACTIVE)


def part_of_day(moment: datetime) -> str:
    """Morning before 12:00, afternoon before 17:00, evening after (local time)."""
    hour = timezone.localtime(moment).hour
    return Part.MORNING if hour < 12 else Part.AFTERNOON if hour < 17 else Part.EVENING


def slots(meetings: Iterable[tuple[datetime, datetime]]) -> set[tuple[date, str]]:
    return {(timezone.localtime(start).date(), part_of_day(start)) for start, _end in meetings}


@transaction.atomic
def availability_set(
    *,
    actor,
    profile: TrainerProfile,
    day: date,
    part: str,
    available: bool,
    region: Region | None = None,
) -> Availability:
    """Mark one part of a day (a second mark for the same slot replaces the first)."""
    mark, _ = Availability.objects.update_or_create(
        profile=profile,
        day=day,
        part=Part(part),
        defaults={"available": bool(available), "region": region},
    )
    log_action(
        actor=actor,
        verb="trainer.availability_set",
        target=profile,
        data={"day": day, "part": part, "available": bool(available)},
    )
    return mark


@transaction.atomic
def availability_delete(*, actor, mark: Availability) -> None:
    log_action(
        actor=actor,
        verb="trainer.availability_deleted",
        target=mark.profile,
        data={"day": mark.day, "part": mark.part},
    )
    mark.delete()


@dataclass
class Suggestion:
    profile: TrainerProfile
    marked_available: bool  # said "I can" for every part of day of the session


def trainers_suggest(
    *, course: Course, region: Region, meetings: Iterable[tuple[datetime, datetime]]
) -> list[Suggestion]:
    """Qualified trainers of the region who are not booked then and did not say "I cannot".

    Those who marked every part of day as "I can" come first. Three queries at any pool size.
    """
    meetings = list(meetings)
    wanted = slots(meetings)
    booked = set(
        meetings_clashing(meetings)
        .filter(session__assignments__isnull=False)
        .values_list("session__assignments__trainer", flat=True)
    )
    candidates = list(
        profiles_with_status()
        .filter(status__in=SCHEDULABLE, regions=region)
        .filter(user__in=Qualification.objects.filter(course=course).values("trainer"))
        .exclude(user__in=booked)
        .select_related("user")
        .order_by("user__display_name", "pk")
        .distinct()
    )
    marks: dict[int, dict[tuple[date, str], bool]] = {}
    days = {d for d, _p in wanted}
    for mark in Availability.objects.filter(
        profile__in=[p.pk for p in candidates], day__in=days
    ).values("profile_id", "day", "part", "available", "region_id"):
        if mark["region_id"] not in (None, region.pk):
            continue
        marks.setdefault(mark["profile_id"], {})[(mark["day"], mark["part"])] = mark["available"]
    result = []
    for profile in candidates:
        own = marks.get(profile.pk, {})
        if any(own.get(slot) is False for slot in wanted):
            continue
        result.append(Suggestion(profile=profile, marked_available=all(own.get(s) for s in wanted)))
    result.sort(key=lambda s: not s.marked_available)
    return result
