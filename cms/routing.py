"""Wagtail's page routing, cached per page-tree generation.

Without the page cache (a logged-in visitor, a page not yet cached) Wagtail finds a page with a
query for the site, one for the root page, one per level of the tree and two for the view
restrictions, and compiling those queries costs more than running them. Which page a path leads
to, and which view restrictions apply to it, change only when the page tree changes: a page
published, unpublished, moved or deleted, a site or a view restriction saved or deleted. Each of
those bumps the pages generation (``cms.apps``), so the route is cached under it, per host, path
and language, exactly as fresh as the page cache.

Restrictions are still checked on every request (Wagtail's ``check_view_restrictions`` hook):
only the list of restrictions is cached, never whether this visitor may see the page.
"""

import hashlib
import logging
import pickle

from django.core.cache import cache
from django.utils import translation
from wagtail import views as wagtail_views
from wagtail.models import Page, PageViewRestriction

from .cache import PAGE_TIMEOUT, pages_generation

logger = logging.getLogger(__name__)


def _route_key(request, path: str) -> str:
    # The host and port Wagtail's site lookup uses (``Site.find_for_request``).
    host = f"{request._get_raw_host()}:{request.get_port()}"
    digest = hashlib.sha256(f"{host}\n{path}".encode()).hexdigest()[:32]
    return f"cms:route:{pages_generation()}:{translation.get_language()}:{digest}"


def _restrictions_queryset(restrictions: list):
    """A queryset already holding ``restrictions``: iterating it or asking ``exists()`` costs no
    query; anything that builds a new query from it asks the database for the same rows."""
    queryset = PageViewRestriction.objects.filter(pk__in=[r.pk for r in restrictions])
    queryset._result_cache = list(restrictions)
    queryset._prefetch_done = True
    return queryset


def _prime(request, path: str) -> None:
    """Set Wagtail's per-request route and site from the cache, or fill the cache."""
    key = _route_key(request, path)
    cached = cache.get(key)
    if cached is not None:
        try:
            site, route, restrictions = pickle.loads(cached)  # noqa: S301 - our own cache
        except Exception:  # a stale format after a deploy: route anew
            cached = None
    if cached is not None:
        request._wagtail_site = site
        request._wagtail_route_for_request = route
        route[0].__dict__["_view_restrictions"] = _restrictions_queryset(restrictions)
        return

    route = Page.route_for_request(request, path)  # sets request._wagtail_site too
    if route is None:  # a 404: not cached, so no path anyone makes up fills the cache
        return
    page = route[0]
    restrictions = list(page.get_view_restrictions())
    kept = page.__dict__.pop("_view_restrictions", None)
    try:
        value = pickle.dumps((request._wagtail_site, route, restrictions))
    except (pickle.PicklingError, TypeError, AttributeError):
        logger.warning("Route for %s not cached", path, exc_info=True)
    else:
        cache.set(key, value, PAGE_TIMEOUT)
    if kept is not None:
        page.__dict__["_view_restrictions"] = kept


def serve(request, path):
    """Wagtail's ``serve`` view, with the route from the cache when it is there."""
    _prime(request, path)
    return wagtail_views.serve(request, path)
