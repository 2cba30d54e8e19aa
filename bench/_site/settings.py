"""The project's settings, with the bench URLconf (the project plus ``/_bench/minimal/``)."""

from config.settings import *  # noqa: F403

ROOT_URLCONF = "bench._site.urls"

# ``BENCH_NO_PAGE_CACHE=1``: without the anonymous page cache, to measure uncached rendering.
if __import__("os").environ.get("BENCH_NO_PAGE_CACHE") == "1":
    MIDDLEWARE = [m for m in MIDDLEWARE if m != "cms.middleware.AnonymousPageCacheMiddleware"]  # noqa: F405
