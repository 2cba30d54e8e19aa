"""Views of the project itself (not of an app)."""

from django.conf import settings
from django.views.static import serve


def serve_media(request, path):
    """Uploaded images outside production, where no web server sits in front of Django.

    ``MEDIA_ROOT`` is read per request (not when the URLs load), so it can move without a restart.
    """
    return serve(request, path, document_root=settings.MEDIA_ROOT)
