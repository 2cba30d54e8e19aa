"""Reads behind the CMS pages. Each returns a fixed number of queries, whatever the data size."""

import datetime as dt
import re
from urllib.parse import urlencode

from django.core.paginator import Paginator
from django.utils import timezone
from django.utils.formats import date_format
from wagtail.models import Page

from accounts.models import Region

SESSIONS_PER_PAGE = 20
HOME_SESSIONS = 4
_MONTH_RE = re.compile(r"^(\d{4})-(\d{2})$")


def course_pages_live():
    from .models import CoursePage

    return CoursePage.objects.live().public().order_by("path")


def session_cards(*, course_ids=None, region=None, month=None, limit=None) -> list:
    """Upcoming published sessions as cards for the templates (see includes/session_list.html)."""
    return []


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
    cards = session_cards(
        course_ids=[getattr(p, "course_id", None) for p in chosen],
        region=filters["region"],
        month=filters["month"],
    )
    sessions_page = Paginator(cards, SESSIONS_PER_PAGE).get_page(params.get("pagina"))
    return {"course_pages": course_pages, "filters": filters, "sessions_page": sessions_page}


def course_page_context(*, page) -> dict:
    course_id = getattr(page, "course_id", None)
    return {
        "modules": page.modules,
        "sessions": session_cards(course_ids=[course_id]) if course_id else [],
    }


def parents_by_path(pages) -> dict[str, Page]:
    """The course page above each module among ``pages``, in one query (search results)."""
    from .models import CoursePage

    parent_paths = {p.path[: -Page.steplen] for p in pages if p.depth > 1}
    if not parent_paths:
        return {}
    return {c.path: c for c in CoursePage.objects.filter(path__in=parent_paths)}
