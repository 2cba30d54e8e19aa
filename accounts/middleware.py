from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.middleware.locale import LocaleMiddleware
from django.shortcuts import redirect
from django.utils import translation
from django.utils.cache import add_never_cache_headers, patch_cache_control
from django.utils.translation import gettext as _

from .roles import is_staff_account

#: Everything under these prefixes is a staff page: MFA is required before reaching it.
STAFF_PREFIXES = ("/beheer/", "/django-admin/", "/staf/")
#: ... except the doors in and out.
STAFF_OPEN_PATHS = ("/beheer/login/", "/beheer/logout/", "/django-admin/login/")


def staff_has_mfa(user) -> bool:
    from allauth.mfa.models import Authenticator

    return Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()


def may_enter_staff_area(user, path: str) -> bool:
    if path.startswith("/django-admin/"):
        return user.is_superuser
    if path.startswith("/beheer/"):
        return user.has_perm("wagtailadmin.access_admin")
    return is_staff_account(user)


class StaffAreaMiddleware:
    """Guard the staff area: logged-in people without access get a plain 403 (not a log-in loop),
    and staff accounts without TOTP are sent to the MFA set-up first."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        path = request.path_info
        if (
            path.startswith(STAFF_PREFIXES)
            and not path.startswith(STAFF_OPEN_PATHS)
            and request.user.is_authenticated
        ):
            if not may_enter_staff_area(request.user, path):
                raise PermissionDenied("staff area")
            if settings.LEERKRING_REQUIRE_STAFF_MFA and not staff_has_mfa(request.user):
                messages.warning(
                    request,
                    _(
                        "Stel eerst tweestapsverificatie in. "
                        "Daarna kun je de beheeromgeving gebruiken."
                    ),
                )
                return redirect("mfa_activate_totp")
        return self.get_response(request)


class PrivateCacheControlMiddleware:
    """Pages shown to a logged-in person are personal: never stored by a browser or proxy."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            add_never_cache_headers(response)
            patch_cache_control(response, private=True, no_store=True)
        return response


class ChosenLanguageMiddleware(LocaleMiddleware):
    """Dutch unless the person chose another language on the site.

    Django's LocaleMiddleware follows the browser's Accept-Language, which would show a visitor
    with an English browser a mix of English buttons around Dutch course content. Leerkring is a
    Dutch site with English available on request: only the language cookie (set by the language
    form) switches it.
    """

    def process_request(self, request):
        language = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        if language not in dict(settings.LANGUAGES):
            language = settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = translation.get_language()


#: Pages a re-consent or idle redirect never blocks: assets, the admins (their own log-in),
#: allauth (log-in, log-out, MFA), the API, the notice and the consent pages themselves.
PRIVACY_OPEN_PREFIXES = (
    "/static/",
    "/media/",
    "/beheer/",
    "/django-admin/",
    "/account/",
    "/api/",
    "/privacy/",
    "/mijn/toestemmingen/",
    "/mijn/uitloggen-overal/",
    "/taal/",
    "/documenten/",
    "/favicon.ico",
    "/robots.txt",
    "/sitemap.xml",
)


class ReconsentMiddleware:
    """After a new privacy notice, a person with a consent under an older one is asked again.

    Only on a page they open (GET, not an htmx fragment or an autosave), so nothing typed is
    lost; the page they wanted is kept as ``next``. Staff accounts are never held up on their
    way to the admin. The newest notice version comes from the cache, and the session remembers
    the version this person was last found in order with: one query per session and notice
    version, not one per page.
    """

    SESSION_KEY = "_leerkring_notice_ok"

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if self._should_ask(request):
            from urllib.parse import urlencode

            from django.urls import reverse

            target = reverse("accounts:reconsent")
            return redirect(f"{target}?{urlencode({'next': request.get_full_path()})}")
        return self.get_response(request)

    @classmethod
    def _should_ask(cls, request) -> bool:
        user = getattr(request, "user", None)
        if (
            request.method != "GET"
            or user is None
            or not user.is_authenticated
            or request.headers.get("HX-Request")
            or request.path_info.startswith(PRIVACY_OPEN_PREFIXES)
        ):
            return False
        from .selectors import needs_reconsent, newest_notice_version

        newest = newest_notice_version()
        if newest is None or request.session.get(cls.SESSION_KEY) == newest:
            return False
        if is_staff_account(user) or not needs_reconsent(user):
            request.session[cls.SESSION_KEY] = newest
            return False
        return True


class StaffIdleTimeoutMiddleware:
    """Staff sessions (national staff, administrators) end after 30 idle minutes.

    A staff session reaches every participant's data, so a laptop left open must not stay
    logged in. Participants keep the normal session length. The last-seen time is written at
    most once a minute, so a busy staff member does not write the session on every click.
    """

    SESSION_KEY = "_leerkring_last_seen"
    WRITE_EVERY = 60

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        import time

        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated or not is_staff_account(user):
            return self.get_response(request)
        now = int(time.time())
        last_seen = request.session.get(self.SESSION_KEY)
        if last_seen is not None and now - last_seen > settings.STAFF_IDLE_TIMEOUT:
            return self._end(request)
        if last_seen is None or now - last_seen >= self.WRITE_EVERY:
            request.session[self.SESSION_KEY] = now
        return self.get_response(request)

    def _end(self, request):
        from urllib.parse import urlencode

        from django.contrib.auth import logout
        from django.urls import reverse

        logout(request)
        messages.info(
            request,
            _(
                "Je was een half uur niet actief. Voor de veiligheid ben je uitgelogd. "
                "Log opnieuw in."
            ),
        )
        login = reverse("account_login")
        if request.method == "GET":
            return redirect(f"{login}?{urlencode({'next': request.get_full_path()})}")
        return redirect(login)
