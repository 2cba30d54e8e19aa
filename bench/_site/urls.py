"""Every project URL plus a minimal Django view: the baseline the benchmarks compare against.

Only the bench's gunicorn loads this URLconf (``DJANGO_SETTINGS_MODULE=bench._site.settings``);
the project itself never serves ``/_bench/``.
"""

from django.http import HttpResponse
from django.urls import path

from config.urls import handler404, handler500
from config.urls import urlpatterns as project_urlpatterns

__all__ = ["handler404", "handler500", "urlpatterns"]


def minimal(request):
    """The same middleware stack as every page, and no work of its own."""
    return HttpResponse("ok", content_type="text/plain")


urlpatterns = [path("_bench/minimal/", minimal, name="bench_minimal"), *project_urlpatterns]
