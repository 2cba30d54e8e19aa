"""Calendar downloads: a session's ``.ics`` and a person's private feed (secret token URL)."""

from django.http import Http404, HttpResponse
from django.views.decorators.http import require_GET

from accounts.permissions import get_for_user_or_404

from .calendar import session_ics, user_feed_ics
from .models import CalendarFeedToken, Session


def _ics_response(content: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@require_GET
def session_calendar(request, pk: int):
    """Anyone who may see the session page may put it in their calendar."""
    session = get_for_user_or_404(
        request.user, "courses.view_session.public", Session.objects.all(), pk=pk
    )
    return _ics_response(session_ics(session), f"leerkring-sessie-{session.pk}.ics")


@require_GET
def user_feed(request, token: str):
    """The feed is reached by its secret alone: calendar apps do not log in."""
    feed = CalendarFeedToken.objects.select_related("user").filter(token=token).first()
    if feed is None or not feed.user.is_active:
        raise Http404
    response = _ics_response(user_feed_ics(feed.user), "leerkring.ics")
    response["Cache-Control"] = "private, no-store"
    return response
