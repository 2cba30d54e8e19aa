"""The one check for a ``next`` (or any other redirect target) that came from the request.

Every view that sends someone on to an address the request named asks this module, so a link
such as ``?next=https://evil.example/`` or ``?next=//evil.example/`` can never take a person
off this site, and the rule cannot drift between views.
"""

from django.utils.http import url_has_allowed_host_and_scheme


def is_safe_next_url(request, url: str | None) -> bool:
    """Same host as the request (a path, or an absolute URL on this host); https when secure."""
    if not url:
        return False
    return url_has_allowed_host_and_scheme(
        url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    )


def safe_next_url(request, url: str | None, *, fallback: str = "/") -> str:
    """``url`` when it stays on this site, else ``fallback``."""
    return url if is_safe_next_url(request, url) else fallback
