"""Response headers of the project as a whole."""

from django.conf import settings


def permissions_policy_header(policy: dict[str, list[str]]) -> str:
    """``{"camera": []}`` -> ``camera=()``; an origin list -> ``fullscreen=(self "https://...")``."""
    return ", ".join(f"{feature}=({' '.join(origins)})" for feature, origins in policy.items())


class PermissionsPolicyMiddleware:
    """Send ``Permissions-Policy`` on every response (``settings.PERMISSIONS_POLICY``).

    Leerkring needs no camera, microphone, location, payment or sensor: a page (or an embedded
    video) that is ever made to ask for one is refused by the browser, not by the visitor.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self.header = permissions_policy_header(settings.PERMISSIONS_POLICY)

    def __call__(self, request):
        response = self.get_response(request)
        response.setdefault("Permissions-Policy", self.header)
        return response
