"""Participant and trainer pages (the web half of issue 4 builds them out)."""

from django.shortcuts import render

from accounts.permissions import get_for_user_or_404

from .models import Session


def session_detail(request, pk: int):
    session = get_for_user_or_404(
        request.user,
        "courses.view_session.public",
        Session.objects.select_related("course", "region", "venue"),
        pk=pk,
    )
    return render(request, "courses/session_detail.html", {"session": session})
