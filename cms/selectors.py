"""Reads behind the CMS pages. Each returns a fixed number of queries, whatever the data size."""

import calendar
import datetime as dt
import re
from urllib.parse import urlencode

from django.core.paginator import Paginator
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.safestring import mark_safe
from django.utils.translation import gettext
from wagtail.models import Page

from accounts.models import Region
from courses.selectors import published_sessions

SESSIONS_PER_PAGE = 20
HOME_SESSIONS = 4
#: A course page shows the next few sessions; the catalogue (filtered on the course) has them all.
COURSE_SESSIONS = 8
_MONTH_RE = re.compile(r"^(\d{4})-(\d{2})$")


def course_pages_live():
    from .models import CoursePage

    return CoursePage.objects.live().public().order_by("path")


def upcoming_sessions(*, course_ids=None, region=None, month=None):
    """Published sessions that have not started, soonest first, with ``places_left``.

    ``courses.selectors.published_sessions`` brings meetings, trainers, venue and region in a
    fixed number of queries; the CMS adds the course page (for its title and link).
    """
    date_from = date_to = None
    if month is not None:
        year, number = month
        date_from = dt.date(year, number, 1)
        date_to = dt.date(year, number, calendar.monthrange(year, number)[1])
    qs = published_sessions(
        region=region.slug if region is not None else None, date_from=date_from, date_to=date_to
    )
    if course_ids is not None:
        qs = qs.filter(course_id__in=[pk for pk in course_ids if pk])
    return qs.select_related("course__page")


def session_card(session) -> dict:
    """What a visitor needs to know about a session, ready for includes/session_list.html."""
    page = getattr(session.course, "page", None)
    meetings = list(session.meetings.all())
    names = []
    for assignment in session.assignments.all():
        name = assignment.trainer.get_public_name()
        if name not in names:
            names.append(name)
    place = f"{session.venue.name}, {session.venue.city}" if session.venue_id else gettext("Online")
    access = []
    if session.venue_id:
        venue = session.venue
        access.append(
            gettext("Zonder drempels of trappen")
            if venue.step_free
            else gettext("Let op: niet helemaal zonder drempels of trappen")
        )
        access += [
            label
            for present, label in (
                (venue.hearing_loop, gettext("Ringleiding")),
                (venue.quiet_room, gettext("Stille ruimte")),
                (venue.parking, gettext("Parkeren")),
            )
            if present
        ]
    return {
        "pk": session.pk,
        "course_title": page.title if page and page.live else session.course.title,
        "course_page_url": page.url if page and page.live else "",
        "meetings": meetings,
        "first_date": session.starts_at,
        "place": place,
        "access": access,
        "region_name": session.region.name,
        "trainer_names": names,
        "places_left": session.places_left,
        "enrol_url": session.get_absolute_url(),
    }


def session_cards(*, course_ids=None, region=None, month=None, limit=None) -> list:
    qs = upcoming_sessions(course_ids=course_ids, region=region, month=month)
    if limit is not None:
        qs = qs[:limit]
    return [session_card(s) for s in qs]


def home_context(*, home) -> dict:
    featured = [
        item.course_page
        for item in home.featured_courses.select_related("course_page").order_by("sort_order")
        if item.course_page.live
    ]
    return {"featured_courses": featured, "next_sessions": session_cards(limit=HOME_SESSIONS)}


def upcoming_months(today: dt.date, count: int = 12) -> list[tuple[str, str]]:
    months, year, month = [], today.year, today.month
    for _ in range(count):
        first = dt.date(year, month, 1)
        months.append((f"{year:04d}-{month:02d}", date_format(first, "F Y")))
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return months


def catalogue_filters(*, params, course_pages) -> dict:
    """Parse the catalogue's GET filters. Unknown values are ignored, never an error."""
    regions = list(Region.objects.order_by("name"))
    months = upcoming_months(timezone.localdate())
    by_slug = {r.slug: r for r in regions}
    pages_by_slug = {p.slug: p for p in course_pages}

    region = by_slug.get(params.get("regio", ""))
    month_value = params.get("maand", "")
    month = None
    if month_value in dict(months) and (match := _MONTH_RE.match(month_value)):
        month = (int(match[1]), int(match[2]))
    course_page = pages_by_slug.get(params.get("cursus", ""))
    selected = {
        "regio": region.slug if region else "",
        "maand": month_value if month else "",
        "cursus": course_page.slug if course_page else "",
    }
    active = {k: v for k, v in selected.items() if v}
    return {
        "regions": regions,
        "months": months,
        "selected": selected,
        "active": bool(active),
        "query": (urlencode(active) + "&") if active else "",
        "region": region,
        "month": month,
        "course_page": course_page,
    }


def catalogue_context(*, index, params) -> dict:
    course_pages = list(course_pages_live().child_of(index))
    filters = catalogue_filters(params=params, course_pages=course_pages)
    chosen = [filters["course_page"]] if filters["course_page"] else course_pages
    sessions = upcoming_sessions(
        course_ids=[p.course_id for p in chosen],
        region=filters["region"],
        month=filters["month"],
    )
    sessions_page = Paginator(sessions, SESSIONS_PER_PAGE).get_page(params.get("pagina"))
    sessions_page.object_list = [session_card(s) for s in sessions_page.object_list]
    return {"course_pages": course_pages, "filters": filters, "sessions_page": sessions_page}


def course_length(*, course, sessions) -> dict | None:
    """How long the course takes, from the course row (number of meetings) and the meetings of
    the sessions shown: so the page never promises "one day" when the sessions say otherwise.
    ``hours`` is set only when every meeting shown lasts the same."""
    if course is None:
        return None
    durations = {
        (m.ends_at - m.starts_at).total_seconds() / 3600 for s in sessions for m in s["meetings"]
    }
    hours = durations.pop() if len(durations) == 1 else None
    return {"meetings": course.number_of_meetings, "hours": hours}


def course_page_context(*, page, request=None) -> dict:
    from .fragments import course_page_parts

    parts = course_page_parts(page=page, request=request, limit=COURSE_SESSIONS)
    return {
        "modules": parts["modules"],
        "course_length": parts["course_length"],
        "sessions_html": mark_safe(parts["sessions_html"]),  # noqa: S308 - our own template
        "sessions_count": parts["sessions_count"],
        "sessions_limit": COURSE_SESSIONS,
        # The catalogue is the course page's parent: its URL without the last segment. With the
        # request, Wagtail keeps the site's root paths on it instead of asking the cache again.
        "catalogue_url": (page.get_url(request) or "")[: -len(page.slug) - 1],
    }


def parents_by_path(pages) -> dict[str, Page]:
    """The course page above each module among ``pages``, in one query (search results)."""
    from .models import CoursePage

    parent_paths = {p.path[: -Page.steplen] for p in pages if p.depth > 1}
    if not parent_paths:
        return {}
    return {c.path: c for c in CoursePage.objects.filter(path__in=parent_paths)}
