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
