"""Serve anonymous page views from the cache.

Runs after authentication (so it knows who asks) and before Wagtail resolves the page, so a hit
costs no page-tree query at all. Only responses that a page marked as shareable
(``CachedPageMixin``) are stored; logged-in visitors, forms being posted and pages carrying a
flash message are never cached. The CSRF token in a cached page (the language form) is replaced
per request, so no visitor ever gets another visitor's token.
"""

import re

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse
from django.middleware.csrf import get_token

from .cache import PAGE_TIMEOUT, page_cache_key

SKIP_PREFIXES = (
    "/beheer/",
    "/django-admin/",
    "/account/",
    "/mijn/",
    "/taal/",
    "/documenten/",
    "/zoeken/",
    "/static/",
    "/media/",
)
TOKEN_MARKER = "__leerkring_csrf_token__"  # noqa: S105 - a placeholder, not a secret
_TOKEN_RE = re.compile(r'(name="csrfmiddlewaretoken" value=")[^"]*(")')
TEXT_SIZE_COOKIE = "tekstgrootte"


def _cacheable_request(request) -> bool:
    if request.method not in ("GET", "HEAD") or request.path_info.startswith(SKIP_PREFIXES):
        return False
    if "messages" in request.COOKIES:
        return False
    # Without a session cookie this costs no query.
    return not request.user.is_authenticated


class AnonymousPageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not _cacheable_request(request):
            return self.get_response(request)
        key = page_cache_key(
            host=f"{request.scheme}://{request.get_host()}",
            full_path=request.get_full_path(),
            language=getattr(request, "LANGUAGE_CODE", settings.LANGUAGE_CODE),
            large_text=request.COOKIES.get(TEXT_SIZE_COOKIE) == "groot",
        )
        cached = cache.get(key)
        if cached is not None:
            content_type, body = cached
            if TOKEN_MARKER in body:
                body = body.replace(TOKEN_MARKER, get_token(request))
            response = HttpResponse(body, content_type=content_type)
            response["X-Leerkring-Cache"] = "hit"
            return response

        response = self.get_response(request)
        if (
            getattr(response, "leerkring_page_cache", False)
            and response.status_code == 200
            and not response.streaming
            and not response.cookies
        ):
            if hasattr(response, "render") and not response.is_rendered:
                response.render()
            body = _TOKEN_RE.sub(
                rf"\g<1>{TOKEN_MARKER}\g<2>", response.content.decode(response.charset)
            )
            cache.set(key, (response["Content-Type"], body), PAGE_TIMEOUT)
            response["X-Leerkring-Cache"] = "miss"
        return response
