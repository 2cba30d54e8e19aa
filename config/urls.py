from allauth.account.decorators import secure_admin_login
from django.conf import settings
from django.contrib import admin
from django.contrib.sitemaps.views import sitemap
from django.urls import include, path, re_path
from django.views.generic import RedirectView
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.contrib.sitemaps import Sitemap
from wagtail.documents import urls as wagtaildocs_urls

from accounts.views import admin_login_redirect
from accounts.views_consent import privacy_notice
from cms import routing as cms_routing
from cms import views as cms_views
from config.health import health
from config.views import serve_media
from courses.api import api as courses_api
from intervision.api import router as intervision_router
from overview.api import router as overview_router
from trainers.api import router as trainers_router

# The Django admin is for superusers only, and its log-in is allauth's (rate-limited, MFA).
admin.site.login = secure_admin_login(admin.site.login)
admin.site.has_permission = lambda request: request.user.is_active and request.user.is_superuser
admin.site.site_header = "Leerkring — technisch beheer"

# The trainer pool and intervision add their endpoints to the one API (courses never imports
# them).
courses_api.add_router("/trainers", trainers_router)
courses_api.add_router("/intervision", intervision_router)
# The national overview's figures (staff: a session or a bearer API key).
courses_api.add_router("/overzicht", overview_router)

urlpatterns = [
    path("django-admin/", admin.site.urls),
    # Wagtail's own log-in form is replaced by allauth's, so it is rate-limited and asks for MFA.
    path("beheer/login/", admin_login_redirect, name="beheer_login"),
    path("beheer/", include(wagtailadmin_urls)),
    path("documenten/", include(wagtaildocs_urls)),
    path("account/", include("allauth.urls")),
    path("mijn/", include("accounts.urls")),
    path("privacy/", privacy_notice, name="privacy_notice"),
    path("cursussen/", include("courses.urls")),
    path("api/", courses_api.urls),
    path("competenties/", include("competencies.urls")),
    path("trainers/", include("trainers.urls")),
    path("intervisie/", include("intervision.urls")),
    path("overzicht/", include("overview.urls")),
    path("taal/", include("django.conf.urls.i18n")),
    path("zoeken/", cms_views.search, name="search"),
    path("tekstgrootte/", cms_views.text_size, name="text_size"),
    path("health/", health, name="health"),
    path("robots.txt", cms_views.robots_txt, name="robots_txt"),
    path("sitemap.xml", sitemap, {"sitemaps": {"pages": Sitemap}}, name="sitemap"),
    path("favicon.ico", RedirectView.as_view(url=settings.STATIC_URL + "img/favicon.svg")),
]

if not settings.PRODUCTION:
    # The demo (DEBUG off) still shows uploaded images. Only the image folders: documents are
    # served by Wagtail's own view, which checks the privacy of the page or collection.
    urlpatterns += [
        re_path(
            rf"^{settings.MEDIA_URL.strip('/')}/(?P<path>(?:images|original_images)/.+)$",
            serve_media,
            name="media",
        )
    ]

# Wagtail's own URLs, its page view replaced by one that caches the route (``cms.routing``).
urlpatterns += [
    path(
        "",
        include([p for p in wagtail_urls.urlpatterns if getattr(p, "name", "") != "wagtail_serve"]),
    ),
    re_path(wagtail_urls.serve_pattern, cms_routing.serve, name="wagtail_serve"),
]

handler404 = "cms.views.page_not_found"
handler500 = "cms.views.server_error"
