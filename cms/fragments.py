"""Parts of public pages that are the same for every visitor, cached between requests.

The anonymous page cache (``cms.middleware``) serves whole pages to visitors who are not logged
in; a logged-in visitor gets the page rendered anew. The costly part of a course page, its
upcoming sessions (three queries, a dozen translated dates per session), is the same for
everyone, so it is cached on its own under the same two generations as the page cache: a
published page or a changed session (places, status, dates, trainers: every such change takes
the session lock, which bumps the catalogue) makes it stale at once, and it lives at most
``PAGE_TIMEOUT``, like a cached page.
"""

from django.core.cache import cache
from django.template.loader import render_to_string
from django.utils import translation

from .cache import PAGE_TIMEOUT, catalogue_generation, pages_generation


def cached_fragment(*parts, build):
    """``build()``'s value, cached under ``parts`` and both generations.

    Redis unreachable: the generations read as 1 and nothing is stored (the cache fails soft), so
    every request builds its own, never a stale one.
    """
    key = ":".join(
        ["cms:fragment", str(pages_generation()), catalogue_generation(), *map(str, parts)]
    )
    value = cache.get(key)
    if value is None:
        value = build()
        cache.set(key, value, PAGE_TIMEOUT)
    return value


def course_page_parts(*, page, request, limit: int) -> dict:
    """What a course page shows that is the same for everyone: its modules (title, link,
    duration), and its upcoming sessions ("Wanneer en waar?") as HTML with their count and the
    course length they imply."""
    from .selectors import course_length, session_cards

    def build():
        sessions = session_cards(course_ids=[page.course_id], limit=limit)
        html = render_to_string(
            "cms/includes/session_list.html", {"sessions": sessions, "show_course": False}
        )
        return {
            "modules": [
                {
                    "title": module.title,
                    "url": module.get_url(request),
                    "duration_minutes": module.duration_minutes,
                }
                for module in page.modules
            ],
            "sessions_html": html,
            "sessions_count": len(sessions),
            "course_length": course_length(course=page.course, sessions=sessions),
        }

    return cached_fragment(
        "course-page",
        page.pk,
        limit,
        translation.get_language(),
        # Links are relative to the site the request came in on.
        f"{request.scheme}://{request.get_host()}" if request is not None else "",
        build=build,
    )
