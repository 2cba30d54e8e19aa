"""Availability pages: a trainer's own marks, and suggestions for a session being planned.

The suggestions page is linked from the courses portal by URL name only (a template
``{% url ... as %}``), so ``courses`` never imports this app.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from accounts.permissions import get_for_user_or_404
from courses.models import Session

from .availability import availability_delete, availability_set, slots, trainers_suggest
from .forms import AvailabilityForm
from .models import Availability, TrainerProfile


def _own_profile(request) -> TrainerProfile:
    return get_for_user_or_404(
        request.user, "trainers.own_profile", TrainerProfile.objects.all(), user_id=request.user.pk
    )


@login_required
@require_http_methods(["GET", "POST"])
def my_availability(request):
    profile = _own_profile(request)
    form = AvailabilityForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        availability_set(actor=request.user, profile=profile, **form.cleaned_data)
        messages.success(request, _("Opgeslagen."))
        return redirect("trainers:my_availability")
    marks = profile.availability.select_related("region").order_by("day", "part")
    return render(
        request,
        "trainers/availability.html",
        {"form": form, "marks": marks},
        status=400 if form.is_bound and form.errors else 200,
    )


@login_required
@require_POST
def availability_remove(request, pk: int):
    profile = _own_profile(request)
    mark = get_for_user_or_404(
        request.user, "trainers.own_profile", Availability.objects.filter(profile=profile), pk=pk
    )
    availability_delete(actor=request.user, mark=mark)
    return redirect("trainers:my_availability")


@login_required
def suggest(request, session_pk: int):
    session = get_for_user_or_404(
        request.user,
        "courses.manage_session",
        Session.objects.select_related("course", "region"),
        pk=session_pk,
    )
    meetings = list(session.meetings.values_list("starts_at", "ends_at"))
    staff_ids = set(session.assignments.values_list("trainer_id", flat=True))
    suggestions = [
        s
        for s in trainers_suggest(course=session.course, region=session.region, meetings=meetings)
        if s.profile.user_id not in staff_ids
    ]
    return render(
        request,
        "trainers/suggest.html",
        {"session": session, "suggestions": suggestions, "slots": sorted(slots(meetings))},
    )
