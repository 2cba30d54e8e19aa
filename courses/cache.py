"""The catalogue's cache generation: a number that changes whenever a session's places left or
status may have changed.

Pages that show sessions (the CMS catalogue and course pages) put this number in their cache
keys, so a bump makes every such cached page stale at once. ``courses`` only bumps it; it knows
nothing about who reads it (the app graph points from ``cms`` to ``courses``, never back).
"""

from django.core.cache import cache

CATALOGUE_VERSION_KEY = "courses:catalogue:version"


def catalogue_version() -> int:
    value = cache.get(CATALOGUE_VERSION_KEY)
    if value is None:
        cache.add(CATALOGUE_VERSION_KEY, 1, timeout=None)
        value = cache.get(CATALOGUE_VERSION_KEY, 1)
    return value


def catalogue_bump() -> None:
    try:
        cache.incr(CATALOGUE_VERSION_KEY)
    except ValueError:
        cache.set(CATALOGUE_VERSION_KEY, 2, timeout=None)
