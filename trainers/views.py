"""Pages of the trainer pool. Thin: parse input, call one service, render.

Own pages (apply, "Mijn traject") for the person; the sign-off page for the session's lead; the
rest for national staff. Anything outside someone's reach is a 404.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from accounts.permissions import can, get_for_user_or_404
from courses.models import Assignment

from . import selectors, services
from .exceptions import TrainerError
from .forms import ApplicationForm, CertifyForm, DeclineForm, OutcomeForm, StopForm
from .models import Application, TrainerProfile


def _staff(request) -> None:
    if not can(request.user, "trainers.manage_pool"):
        raise Http404


def _bad(form) -> int:
    return 400 if form.is_bound and form.errors else 200


@login_required
@require_http_methods(["GET", "POST"])
def apply(request):
    profile = TrainerProfile.objects.filter(user=request.user).first()
    period = selectors.current_period(profile) if profile else None
    in_pool = period is not None and period.status != "stopped"
    context = {
        "may_apply": selectors.has_attended_course(request.user) and not in_pool,
        "in_pool": in_pool,
        "pending": selectors.pending_application(request.user),
    }
    form = ApplicationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.application_submit(user=request.user, **form.cleaned_data)
        except TrainerError as error:
            form.add_error(None, str(error))
        else:
            messages.success(
                request, _("Dank je wel! We hebben je aanmelding. We nemen contact met je op.")
            )
            return redirect("trainers:apply")
    return render(request, "trainers/apply.html", {**context, "form": form}, status=_bad(form))


@login_required
def my_programme(request):
    profile = get_for_user_or_404(
        request.user, "trainers.own_profile", TrainerProfile.objects.all(), user_id=request.user.pk
    )
    return render(
        request,
        "trainers/my_programme.html",
        {
            "profile": profile,
            "period": selectors.current_period(profile),
            "state": selectors.programme_state(profile),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def sign_off(request, pk: int):
    assignment = get_for_user_or_404(
        request.user,
        "trainers.sign_off_internship",
        selectors.internships_to_sign_off(request.user),
        pk=pk,
    )
    form = OutcomeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.stage_sign_off(actor=request.user, assignment=assignment, **form.cleaned_data)
        except TrainerError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("De stage is afgetekend."))
            return redirect("courses:portal_sessions")
    return render(
        request,
        "trainers/sign_off.html",
        {"assignment": assignment, "form": form},
        status=_bad(form),
    )


# --- Staff --------------------------------------------------------------------------------------


@login_required
def applications(request):
    _staff(request)
    pending = Application.objects.filter(status=Application.Status.PENDING).select_related(
        "user", "region"
    )
    return render(
        request,
        "trainers/staff/applications.html",
        {"applications": pending, "decline_form": DeclineForm()},
    )


@login_required
@require_POST
def application_decide(request, pk: int):
    _staff(request)
    application = get_for_user_or_404(
        request.user, "trainers.manage_pool", Application.objects.all(), pk=pk
    )
    try:
        if request.POST.get("decision") == "accept":
            profile = services.application_accept(actor=request.user, application=application)
            messages.success(request, _("Aangenomen: deze persoon is nu kandidaat."))
            return redirect("trainers:trainer_detail", pk=profile.pk)
        form = DeclineForm(request.POST)
        if not form.is_valid():
            messages.error(request, _("Schrijf een vriendelijk bericht aan de aanmelder."))
            return redirect("trainers:applications")
        services.application_decline(
            actor=request.user, application=application, message=form.cleaned_data["message"]
        )
        messages.success(request, _("Afgewezen. De aanmelder krijgt je bericht per e-mail."))
    except TrainerError as error:
        messages.error(request, str(error))
    return redirect("trainers:applications")


ACTIONS = {"intervisie", "cursus", "certify", "activate", "stop"}


def _trainer_action(request, profile, action):
    if action == "intervisie":
        form = OutcomeForm(request.POST)
        if form.is_valid():
            services.intervisie_record(actor=request.user, profile=profile, **form.cleaned_data)
        return form
    if action == "cursus":
        services.cursus_record(actor=request.user, profile=profile)
    elif action == "certify":
        form = CertifyForm(request.POST)
        if form.is_valid():
            services.trainer_certify(
                actor=request.user, profile=profile, courses=form.cleaned_data["courses"]
            )
        return form
    elif action == "activate":
        services.trainer_activate(actor=request.user, profile=profile)
    elif action == "stop":
        form = StopForm(request.POST)
        if form.is_valid():
            services.trainer_stop(actor=request.user, profile=profile, **form.cleaned_data)
        return form
    return None


@login_required
@require_http_methods(["GET", "POST"])
def trainer_detail(request, pk: int):
    _staff(request)
    profile = get_for_user_or_404(
        request.user,
        "trainers.manage_pool",
        TrainerProfile.objects.select_related("user"),
        pk=pk,
    )
    error, status = None, 200
    if request.method == "POST":
        action = request.POST.get("action")
        if action not in ACTIONS:
            error, status = _("Onbekende actie."), 400
        else:
            try:
                form = _trainer_action(request, profile, action)
            except TrainerError as exc:
                error, status = str(exc), 409
            else:
                if form is not None and form.errors:
                    error, status = _("Controleer wat je hebt ingevuld."), 400
                else:
                    messages.success(request, _("Opgeslagen."))
                    return redirect("trainers:trainer_detail", pk=profile.pk)
    return render(
        request,
        "trainers/staff/trainer_detail.html",
        {
            "profile": profile,
            "period": selectors.current_period(profile),
            "periods": profile.status_periods.select_related("actor").order_by("started_at", "pk"),
            "state": selectors.programme_state(profile),
            "error": error,
            "outcome_form": OutcomeForm(),
            "certify_form": CertifyForm(),
            "stop_form": StopForm(),
            "internships": Assignment.objects.filter(
                trainer=profile.user, role=Assignment.Role.INTERN
            ).select_related("session__course", "session__region", "stage_decision"),
        },
        status=status,
    )
