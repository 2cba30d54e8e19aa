"""The catalogue's cache generation: a number that changes whenever a session's places left or
status may have changed.

Pages that show sessions (the CMS catalogue and course pages) put this number in their cache
keys, so a bump makes every such cached page stale at once. ``courses`` only bumps it; it knows
nothing about who reads it (the app graph points from ``cms`` to ``courses``, never back).

Redis down is not an error for a request that did its work: the bump runs after the change has
committed, so a cache that cannot be reached is logged, never raised. The page cache then cannot
serve the stale pages either (it lives in the same Redis). When Redis was only unreachable from
this process (its data intact), the missed bump is made up here at the first cache call that
succeeds (``_bump_pending``); any bump elsewhere does the same, and at worst a page stays stale
for its cache timeout (``cms.cache.PAGE_TIMEOUT``, ten minutes).
"""

import logging

from django.core.cache import cache
from redis.exceptions import RedisError

logger = logging.getLogger(__name__)

CATALOGUE_VERSION_KEY = "courses:catalogue:version"
#: Set when a bump could not reach the cache; the next call that can reach it bumps first.
_bump_pending = False


def catalogue_version() -> int:
    """The current generation (a read; the cache must be reachable: the caller handles when not,
    as the page cache does by not caching)."""
    if _bump_pending:
        catalogue_bump()
    value = cache.get(CATALOGUE_VERSION_KEY)
    if value is None:
        cache.add(CATALOGUE_VERSION_KEY, 1, timeout=None)
        value = cache.get(CATALOGUE_VERSION_KEY, 1)
    return value


def catalogue_bump() -> None:
    """Make every cached catalogue page stale. Never raises."""
    global _bump_pending
    try:
        try:
            cache.incr(CATALOGUE_VERSION_KEY)
        except ValueError:  # no version yet (or evicted): start above any old one
            cache.set(CATALOGUE_VERSION_KEY, 2, timeout=None)
    except RedisError:
        _bump_pending = True
        logger.warning("Catalogue cache version not bumped; retried later", exc_info=True)
    else:
        _bump_pending = False
