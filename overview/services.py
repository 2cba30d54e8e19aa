"""Fold the domain apps' figures into the overview's buckets (see :mod:`overview.models`)."""

from django.db import transaction
from django.utils import timezone

from competencies import selectors as growth_selectors
from courses import selectors as course_selectors

from .models import GrowthFigure, ProgrammeFigure, Refresh


def _month(value):
    if value is None:
        return None
    if hasattr(value, "tzinfo") and value.tzinfo is not None:
        value = timezone.localtime(value)
    return value.date() if hasattr(value, "date") else value


def _programme_rows():
    """Yield (course, region, month, metric, value) from the courses and competencies apps."""
    for row in course_selectors.sessions_by_bucket():
        key = (row["course_id"], row["region_id"], _month(row["month"]))
        yield (*key, f"sessions.{row['status']}", row["n"])
        yield (*key, f"places.{row['status']}", row["places"] or 0)
    for row in course_selectors.enrolments_by_bucket():
        key = (row["session__course_id"], row["session__region_id"], _month(row["month"]))
        yield (*key, f"enrolments.{row['status']}", row["n"])
        yield (*key, f"seats.{row['status']}", row["seats"] or 0)
    for row in growth_selectors.both_lists_by_bucket():
        key = (row["session__course_id"], row["session__region_id"], _month(row["month"]))
        yield (*key, "both_lists", row["n"])


@transaction.atomic
def overview_refresh() -> int:
    """Rebuild every bucket from the domain apps. Returns the number of rows written.

    One grouped query per source, so it runs in the worker in about the time of a full scan,
    while the page reads only the few rows written here.
    """
    totals: dict[tuple, int] = {}
    for course, region, month, metric, value in _programme_rows():
        key = (course, region, month, metric)
        totals[key] = totals.get(key, 0) + value
    growth: dict[tuple, dict] = {}
    for row in growth_selectors.growth_sums_by_bucket():
        key = (
            row["session__course_id"],
            row["session__region_id"],
            _month(row["month"]),
            row["framework_id"],
            row["competency_id"],
            row["moment"],
            row["units"],
        )
        acc = growth.setdefault(key, dict.fromkeys(GrowthFigure.SUMS, 0))
        for name in GrowthFigure.SUMS:
            acc[name] += row[name] or 0
    ProgrammeFigure.objects.all().delete()
    GrowthFigure.objects.all().delete()
    ProgrammeFigure.objects.bulk_create(
        [
            ProgrammeFigure(course_id=c, region_id=r, month=m, metric=metric, value=value)
            for (c, r, m, metric), value in totals.items()
            if value
        ],
        batch_size=5000,
    )
    GrowthFigure.objects.bulk_create(
        [
            GrowthFigure(
                course_id=c,
                region_id=r,
                month=m,
                framework_id=fw,
                competency_id=comp,
                moment=moment,
                units=units,
                **sums,
            )
            for (c, r, m, fw, comp, moment, units), sums in growth.items()
        ],
        batch_size=5000,
    )
    Refresh.objects.all().delete()
    Refresh.objects.create(refreshed_at=timezone.now())
    return len(totals) + len(growth)
