"""Settings for the benchmarks: the project's own, plus a minimal view to compare against.

``BENCH_NO_PAGE_CACHE=1`` takes the anonymous page cache out, to measure uncached rendering.
"""

import os

from config.settings import *  # noqa: F403
from config.settings import MIDDLEWARE

ROOT_URLCONF = "bench.urls"
if os.environ.get("BENCH_NO_PAGE_CACHE") == "1":
    MIDDLEWARE = [m for m in MIDDLEWARE if m != "cms.middleware.AnonymousPageCacheMiddleware"]
LOGGING = {"version": 1, "disable_existing_loggers": True, "root": {"level": "ERROR"}}
