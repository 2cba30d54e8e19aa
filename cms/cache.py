"""The anonymous page cache: keys and their invalidation.

A cached page is stored under a key that includes two *generations*: the CMS's own (bumped when a
page is published, unpublished, moved or deleted) and the catalogue's (bumped by ``courses`` when
a session's places left or status change). Bumping a generation makes every old key unreachable at
once; the old entries simply expire. ``courses`` never imports ``cms``: the CMS reads the
catalogue generation through ``courses.selectors``.
"""

import hashlib
import logging

from django.core.cache import cache
from redis.exceptions import RedisError

logger = logging.getLogger(__name__)

PAGES_GENERATION_KEY = "cms:pages:generation"
#: How long a rendered page may be served; generations make it right sooner when content changes.
PAGE_TIMEOUT = 600


def _generation(key: str) -> int:
    value = cache.get(key)
    if value is None:
        cache.add(key, 1, timeout=None)
        value = cache.get(key, 1)
    return value


def pages_generation() -> int:
    return _generation(PAGES_GENERATION_KEY)


def pages_bump() -> None:
    """Make every cached page stale: called when the page tree or a page's content changes.

    Never fails the change: with Redis unreachable no page is served from it anyway, and a page
    cached before lives at most ``PAGE_TIMEOUT``."""
    try:
        cache.incr(PAGES_GENERATION_KEY)
    except ValueError:
        cache.set(PAGES_GENERATION_KEY, 2, timeout=None)
    except RedisError:
        logger.warning("Page cache generation not bumped", exc_info=True)


def catalogue_generation() -> str:
    from courses.cache import catalogue_version

    return str(catalogue_version())


def page_cache_key(*, host: str, full_path: str, language: str, large_text: bool) -> str:
    """The key of one rendered page: per host and scheme too, as a page holds absolute URLs."""
    digest = hashlib.sha256(f"{host}\n{full_path}".encode()).hexdigest()[:32]
    size = "L" if large_text else "N"
    return f"cms:page:{pages_generation()}:{catalogue_generation()}:{language}:{size}:{digest}"
