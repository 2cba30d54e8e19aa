"""Read endpoints of the national overview for staff scripts (a bearer API key) and browsers
(the session), mounted on the project's one NinjaAPI in ``config/urls.py``."""

from datetime import date

from django.http import Http404
from ninja import Query, Router, Schema

from accounts.api_auth import staff_token_auth
from accounts.permissions import can
from courses.api import ERRORS, session_auth

from .selectors import SESSION_STATUSES, Filters, overview_figures

router = Router(tags=["landelijk overzicht"], auth=[staff_token_auth, session_auth])


class FiltersIn(Schema):
    date_from: date | None = None
    date_to: date | None = None
    region: str | None = None  # a region's slug
    course: int | None = None


class RegionOut(Schema):
    region: str
    slug: str
    sessions: int
    enrolled: int
    waitlisted: int


class MonthOut(Schema):
    month: date
    sessions: int
    enrolled: int
    waitlisted: int


class GrowthOut(Schema):
    competency: int | None  # its number; None = the whole list
    name: str
    moment: str  # "post" (after the course) or "follow_up" (later), each against "pre"
    n: int
    shown: bool  # figures only for n >= 5
    mean_pre: float | None
    mean_post: float | None
    mean_change: float | None


class OverviewOut(Schema):
    refreshed_at: str | None
    sessions: int
    sessions_by_status: dict[str, int]
    enrolled: int
    waitlisted: int
    fill_rate: float | None
    attendance: float | None
    both_lists_share: float | None
    regions: list[RegionOut]
    months: list[MonthOut]
    growth: list[GrowthOut]


SEATED = ("confirmed", "attended", "no_show")


def _counts(metrics: dict) -> tuple[int, int, int]:
    return (
        sum(metrics.get(f"sessions.{s}", 0) for s in SESSION_STATUSES),
        sum(metrics.get(f"enrolments.{s}", 0) for s in SEATED),
        metrics.get("enrolments.waitlisted", 0),
    )


@router.get("/", response={200: OverviewOut, **ERRORS}, url_name="overview_figures")
def figures(request, filters: Query[FiltersIn]):
    """The overview's figures for a period (by the month a session starts), region and course."""
    from accounts.models import Region
    from courses.models import Course

    from .views import framework_for

    if not can(request.auth, "overview.view"):
        raise Http404
    region = course = None
    if filters.region:
        region = Region.objects.filter(slug=filters.region).first()
        if region is None:
            raise Http404
    if filters.course is not None:
        course = Course.objects.filter(pk=filters.course).first()
        if course is None:
            raise Http404
    chosen = Filters(
        date_from=filters.date_from, date_to=filters.date_to, region=region, course=course
    )
    data = overview_figures(chosen, framework_for(chosen))
    regions = {r.pk: r for r in Region.objects.all()}
    growth = []
    for row in data.growth:
        for moment, g in (("post", row.post), ("follow_up", row.follow_up)):
            growth.append(
                {
                    "competency": row.competency.number if row.competency else None,
                    "name": row.competency.name if row.competency else "Hele lijst",
                    "moment": moment,
                    "n": g.n,
                    "shown": g.shown,
                    "mean_pre": g.mean_pre if g.shown else None,
                    "mean_post": g.mean_post if g.shown else None,
                    "mean_change": g.mean_change if g.shown else None,
                }
            )
    return {
        "refreshed_at": data.refreshed_at.isoformat() if data.refreshed_at else None,
        "sessions": data.sessions,
        "sessions_by_status": {s: data.total(f"sessions.{s}") for s in SESSION_STATUSES},
        "enrolled": data.enrolled,
        "waitlisted": data.waitlisted,
        "fill_rate": data.fill_rate,
        "attendance": data.attendance,
        "both_lists_share": data.both_lists_share,
        "regions": [
            dict(
                zip(
                    ("sessions", "enrolled", "waitlisted"),
                    _counts(metrics),
                    strict=True,
                ),
                region=regions[pk].name,
                slug=regions[pk].slug,
            )
            for pk, metrics in data.by_region.items()
            if pk in regions
        ],
        "months": [
            dict(zip(("sessions", "enrolled", "waitlisted"), _counts(m), strict=True), month=month)
            for month, m in data.by_month.items()
        ],
        "growth": growth,
    }
