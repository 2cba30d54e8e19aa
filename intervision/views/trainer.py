"""The trainer's pages: "Mijn sessies" -> a completed session -> "Intervisie".

Open requests with how many want them, plan a moment (answering one or more requests), change
or cancel it, take attendance on a phone, write the short report, end the series. The same
moment pages serve a trainer group's moments (the programme's trainer intervision). Each POST
calls one service; a refusal is shown next to the form with everything typed kept.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from accounts.permissions import get_for_user_or_404
from courses.models import Session

from .. import pages, selectors, services
from ..exceptions import IntervisionError
from ..forms import AttendanceForm, CancelForm, MomentForm, ReportForm, moment_initial
from ..models import Moment, Request, TrainerGroup

RUN_SESSION = "intervision.run_session"
RUN_GROUP = "intervision.run_group"
RUN_MOMENT = "intervision.run_moment"


def _session(request, pk):
    return get_for_user_or_404(
        request.user,
        RUN_SESSION,
        Session.objects.filter(status=Session.Status.COMPLETED).select_related(
            "course", "region", "venue", "intervision_closure"
        ),
        pk=pk,
    )


def _group(request, pk):
    return get_for_user_or_404(
        request.user,
        RUN_GROUP,
        TrainerGroup.objects.select_related("region", "closure"),
        pk=pk,
    )


def _moment(request, pk):
    return get_for_user_or_404(
        request.user,
        RUN_MOMENT,
        Moment.objects.select_related("session__course", "group"),
        pk=pk,
    )


def series_url(moment) -> str:
    if moment.group_id:
        return reverse("intervision:group_detail", args=[moment.group_id])
    return reverse("intervision:trainer_session", args=[moment.session_id])


def _status(form, error=None) -> int:
    if error is not None:
        return error.status if error.status >= 400 else 400
    return 400 if form.is_bound and form.errors else 200


@login_required
@require_GET
def trainer_session(request, session_pk: int):
    """The session's requests (most wanted first) and its moments, with what to do next."""
    session = _session(request, session_pk)
    requests = pages.requests(session)
    return render(
        request,
        "intervision/trainer_session.html",
        {
            "session": session,
            "series": pages.series(session=session),
            "now": pages.now(),
            "open_requests": [r for r in requests if r.status == Request.Status.OPEN],
            "other_requests": [r for r in requests if r.status != Request.Status.OPEN],
            "invitees": selectors.series_invitees(session=session).count(),
            "close_at": selectors.requests_close_at(session),
        },
    )


def _schedule(request, *, session=None, group=None):
    owner = {"session": session} if session is not None else {"group": group}
    open_requests = (
        list(
            selectors.requests_for_session(session).filter(
                status__in=(Request.Status.OPEN, Request.Status.PLANNED)
            )
        )
        if session is not None
        else []
    )
    initial = {"requests": [str(pk) for pk in request.GET.getlist("vraag")]}
    form = MomentForm(
        request.POST if request.method == "POST" else None, requests=open_requests, initial=initial
    )
    error = None
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            moment = services.moment_schedule(
                actor=request.user,
                starts_at=data["starts_at"],
                ends_at=data["ends_at"],
                place=data["place"],
                online_url=data["online_url"],
                requests=form.request_ids(),
                **owner,
            )
        except IntervisionError as err:
            error = err
            form.add_error(None, str(err))
        else:
            messages.success(
                request,
                _("Moment %(n)s is gepland. Iedereen krijgt een uitnodiging per e-mail.")
                % {"n": moment.number},
            )
            return redirect(series_url(moment))
    series = pages.series(**owner)
    return render(
        request,
        "intervision/moment_form.html",
        {
            "form": form,
            "session": session,
            "group": group,
            "series": series,
            "back_url": reverse("intervision:trainer_session", args=[session.pk])
            if session is not None
            else reverse("intervision:group_detail", args=[group.pk]),
        },
        status=_status(form, error),
    )


@login_required
@require_http_methods(["GET", "POST"])
def moment_schedule(request, session_pk: int):
    return _schedule(request, session=_session(request, session_pk))


@login_required
@require_http_methods(["GET", "POST"])
def group_moment_schedule(request, pk: int):
    return _schedule(request, group=_group(request, pk))


@login_required
@require_http_methods(["GET", "POST"])
def moment_edit(request, pk: int):
    moment = _moment(request, pk)
    if moment.status != Moment.Status.PLANNED:
        messages.error(request, _("Dit moment is niet meer gepland. Je kunt het niet wijzigen."))
        return redirect(series_url(moment))
    choices = []
    if moment.session_id:
        choices = list(
            selectors.requests_for_session(moment.session).filter(
                status__in=(Request.Status.OPEN, Request.Status.PLANNED)
            )
        )
    form = MomentForm(
        request.POST if request.method == "POST" else None,
        requests=choices,
        initial=moment_initial(moment),
    )
    error = None
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.moment_update(
                actor=request.user,
                moment=moment,
                starts_at=data["starts_at"],
                ends_at=data["ends_at"],
                place=data["place"],
                online_url=data["online_url"],
                requests=form.request_ids() if moment.session_id else None,
            )
        except IntervisionError as err:
            error = err
            form.add_error(None, str(err))
        else:
            messages.success(request, _("Het moment is gewijzigd."))
            return redirect(series_url(moment))
    return render(
        request,
        "intervision/moment_form.html",
        {
            "form": form,
            "moment": moment,
            "session": moment.session,
            "group": moment.group,
            "back_url": series_url(moment),
        },
        status=_status(form, error),
    )


@login_required
@require_http_methods(["GET", "POST"])
def moment_cancel(request, pk: int):
    moment = _moment(request, pk)
    form = CancelForm(request.POST if request.method == "POST" else None)
    error = None
    if request.method == "POST" and form.is_valid():
        try:
            services.moment_cancel(
                actor=request.user, moment=moment, reason=form.cleaned_data["reason"]
            )
        except IntervisionError as err:
            error = err
            form.add_error(None, str(err))
        else:
            messages.success(request, _("Het moment is afgezegd. Iedereen krijgt een e-mail."))
            return redirect(series_url(moment))
    return render(
        request,
        "intervision/moment_cancel.html",
        {"form": form, "moment": moment, "back_url": series_url(moment)},
        status=_status(form, error),
    )


@login_required
@require_http_methods(["GET", "POST"])
def moment_attendance(request, pk: int):
    """Who was there: big tick boxes on a phone. Possible once the moment has begun."""
    moment = _moment(request, pk)
    invitees = list(selectors.moment_invitees(moment))
    recorded = selectors.attendance_for_moment(moment)
    present = [str(uid) for uid, status in recorded.items() if status == "attended"]
    form = AttendanceForm(
        request.POST if request.method == "POST" else None,
        invitees=invitees,
        initial={"people": present},
    )
    error = None
    if request.method == "POST" and form.is_valid():
        try:
            services.attendance_record(actor=request.user, moment=moment, marks=form.marks())
        except IntervisionError as err:
            error = err
            form.add_error(None, str(err))
        else:
            count = sum(1 for v in form.marks().values() if v == "attended")
            messages.success(
                request,
                _("Opgeslagen: %(n)s van %(total)s aanwezig.")
                % {"n": count, "total": len(invitees)},
            )
            return redirect(series_url(moment))
    return render(
        request,
        "intervision/moment_attendance.html",
        {
            "form": form,
            "moment": moment,
            "recorded": bool(recorded),
            "not_started": moment.starts_at > pages.now(),
            "back_url": series_url(moment),
        },
        status=_status(form, error),
    )


@login_required
@require_http_methods(["GET", "POST"])
def moment_report(request, pk: int):
    """The short report attendees read: what was discussed, what was agreed."""
    moment = _moment(request, pk)
    form = ReportForm(
        request.POST if request.method == "POST" else None,
        initial={"discussed": moment.discussed, "agreements": moment.agreements},
    )
    error = None
    if request.method == "POST" and form.is_valid():
        try:
            services.moment_report_save(
                actor=request.user,
                moment=moment,
                discussed=form.cleaned_data["discussed"],
                agreements=form.cleaned_data["agreements"],
            )
        except IntervisionError as err:
            error = err
            form.add_error(None, str(err))
        else:
            messages.success(
                request, _("Het verslag is opgeslagen. De deelnemers kunnen het lezen.")
            )
            return redirect(series_url(moment))
    return render(
        request,
        "intervision/moment_report.html",
        {
            "form": form,
            "moment": moment,
            "not_started": moment.starts_at > pages.now(),
            "back_url": series_url(moment),
        },
        status=_status(form, error),
    )


def _close(request, *, session=None, group=None):
    owner = {"session": session} if session is not None else {"group": group}
    back = (
        reverse("intervision:trainer_session", args=[session.pk])
        if session is not None
        else reverse("intervision:group_detail", args=[group.pk])
    )
    error = None
    if request.method == "POST":
        try:
            services.series_close(actor=request.user, **owner)
        except IntervisionError as err:
            error = err
        else:
            if session is not None:
                messages.success(
                    request,
                    _(
                        "De intervisie is afgesloten. "
                        "De deelnemers kunnen nu de lijst van later invullen."
                    ),
                )
            else:
                messages.success(request, _("De intervisie van deze groep is afgesloten."))
            return redirect(back)
    return render(
        request,
        "intervision/series_close.html",
        {**owner, "series": pages.series(**owner), "back_url": back, "error": error},
        status=_status(None, error) if error else 200,
    )


@login_required
@require_http_methods(["GET", "POST"])
def series_close(request, session_pk: int):
    return _close(request, session=_session(request, session_pk))


@login_required
@require_http_methods(["GET", "POST"])
def group_close(request, pk: int):
    return _close(request, group=_group(request, pk))
