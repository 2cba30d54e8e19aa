"""Every project URL plus a minimal Django view: the baseline the benchmarks compare against.

Only the bench's gunicorn loads this URLconf (``DJANGO_SETTINGS_MODULE=bench._site.settings``);
the project itself never serves ``/_bench/``.
"""

from django.http import HttpResponse, HttpResponseForbidden
from django.urls import path
from django.views.decorators.http import require_POST

from config.urls import handler404, handler500
from config.urls import urlpatterns as project_urlpatterns

__all__ = ["handler404", "handler500", "urlpatterns"]


def minimal(request):
    """The same middleware stack as every page, and no work of its own."""
    return HttpResponse("ok", content_type="text/plain")


@require_POST
def minimal_write(request):
    """A logged-in POST (CSRF checked by the middleware) that writes one row and nothing else:
    the baseline of ``enrol_api_ratio.py``."""
    from accounts.models import AuditEntry

    if not request.user.is_authenticated:
        return HttpResponseForbidden("log in")
    AuditEntry.objects.create(actor=request.user, verb="bench.write")
    return HttpResponse("ok", status=201, content_type="text/plain")


urlpatterns = [
    path("_bench/minimal/", minimal, name="bench_minimal"),
    path("_bench/write/", minimal_write, name="bench_write"),
    *project_urlpatterns,
]
