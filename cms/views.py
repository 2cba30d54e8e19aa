from django.conf import settings
from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.http import HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.template import loader
from django.views.decorators.http import require_GET
from wagtail.models import Page

from accounts.redirects import safe_next_url

from .middleware import TEXT_SIZE_COOKIE
from .models import CoursePage, ModulePage, StandardPage
from .selectors import parents_by_path


@require_GET
def search(request):
    """Course, module and standard pages; a module's result names the course it belongs to."""
    query = request.GET.get("q", "").strip()[:200]
    results = Page.objects.none()
    if query:
        results = (
            Page.objects.live()
            .public()
            .type(CoursePage, ModulePage, StandardPage)
            .specific()
            .search(query)
        )
    paginator = Paginator(results, 10)
    try:
        page = paginator.page(request.GET.get("page", 1))
    except (PageNotAnInteger, EmptyPage):
        page = paginator.page(1) if paginator.count else None
    items = []
    if page is not None:
        pages = list(page.object_list)
        courses = parents_by_path([p for p in pages if isinstance(p, ModulePage)])
        for result in pages:
            text = getattr(result, "kort_gezegd", "") or getattr(result, "summary", "")
            text = text or getattr(result, "intro", "") or result.search_description
            course = (
                courses.get(result.path[: -Page.steplen])
                if isinstance(result, ModulePage)
                else None
            )
            items.append({"page": result, "course": course, "text": text})
    return render(request, "cms/search.html", {"query": query, "page": page, "results": items})


@require_GET
def text_size(request):
    """Large or normal text, remembered in a cookie; a plain link, so it works without JS."""
    size = "groot" if request.GET.get("grootte") == "groot" else "normaal"
    target = safe_next_url(request, request.GET.get("next"), fallback="/")
    response = HttpResponseRedirect(target)
    response.set_cookie(
        TEXT_SIZE_COOKIE,
        size,
        max_age=365 * 24 * 3600,
        samesite="Lax",
        secure=settings.SESSION_COOKIE_SECURE,
        httponly=True,
    )
    return response


@require_GET
def robots_txt(request):
    lines = [
        "User-agent: *",
        "Disallow: /beheer/",
        "Disallow: /django-admin/",
        "Disallow: /account/",
        "Disallow: /mijn/",
        f"Sitemap: {request.build_absolute_uri('/sitemap.xml')}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain")


def page_not_found(request, exception=None):
    return HttpResponse(loader.render_to_string("404.html", request=request), status=404)


def server_error(request):
    # No request context: whatever broke may be in a context processor.
    return HttpResponse(loader.render_to_string("500.html"), status=500)
