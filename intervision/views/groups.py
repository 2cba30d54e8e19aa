"""Trainer intervision for the programme: groups of candidates and trainers, and their moments.

National staff make a group; its leaders (and staff) plan its moments with the same moment
pages as a course's intervision. Members see their group's moments here and open each one.
Attending a moment passes the programme's intervisie step (the service does that).
"""

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from accounts.permissions import can
from accounts.roles import Role, is_national_staff

from .. import pages, selectors
from ..exceptions import IntervisionError
from ..forms import GroupForm
from ..group_services import group_create as group_create_service
from ..models import Moment, TrainerGroup
from .trainer import _group


def _trainer_pages(request):
    if not can(request.user, "accounts.view_trainer_pages") and not is_national_staff(request.user):
        raise Http404


@login_required
@require_GET
def group_list(request):
    """My trainer intervision groups (national staff: all of them) and their moments."""
    _trainer_pages(request)
    staff = is_national_staff(request.user)
    groups = TrainerGroup.objects.all() if staff else selectors.groups_for_user(request.user)
    groups = list(
        groups.select_related("region", "closure")
        .prefetch_related("facilitators")
        .order_by("-created_at", "pk")
    )
    moments = Moment.objects.filter(group__in=[g.pk for g in groups]).exclude(
        status=Moment.Status.CANCELLED
    )
    by_group = {}
    for moment in moments.order_by("starts_at", "pk"):
        by_group.setdefault(moment.group_id, []).append(moment)
    for group in groups:
        group.moment_list = by_group.get(group.pk, [])
        group.leads = staff or any(u.pk == request.user.pk for u in group.facilitators.all())
    return render(
        request,
        "intervision/group_list.html",
        {"groups": groups, "can_create": staff},
    )


@login_required
@require_http_methods(["GET", "POST"])
def group_create(request):
    if not is_national_staff(request.user):
        raise Http404
    User = get_user_model()
    people = User.objects.filter(trainer_profile__isnull=False, is_active=True).order_by(
        "display_name", "pk"
    )
    leaders = User.objects.filter(groups__name=Role.TRAINER.value, is_active=True).order_by(
        "display_name", "pk"
    )
    form = GroupForm(
        request.POST if request.method == "POST" else None, people=people, leaders=leaders
    )
    status = 400 if form.is_bound else 200
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            group = group_create_service(
                actor=request.user,
                name=data["name"],
                members=data["members"],
                facilitators=data["facilitators"],
            )
        except IntervisionError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("De groep is gemaakt. Plan nu het eerste moment."))
            return redirect("intervision:group_detail", pk=group.pk)
    return render(request, "intervision/group_form.html", {"form": form}, status=status)


@login_required
@require_GET
def group_detail(request, pk: int):
    """A group's members and moments, with what its leader can do next."""
    group = _group(request, pk)
    return render(
        request,
        "intervision/group_detail.html",
        {
            "group": group,
            "members": list(group.members.order_by("display_name", "pk")),
            "leaders": list(group.facilitators.order_by("display_name", "pk")),
            "series": pages.series(group=group),
            "now": pages.now(),
        },
    )
