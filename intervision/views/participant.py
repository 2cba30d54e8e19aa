"""The participant's pages: "Mijn cursussen" -> a course -> "Na de cursus".

Ask for a moment, support someone's question ("Ik wil dit ook"), see what is planned, put it in
your calendar, read the report, and start the follow-up list. Everything works without
JavaScript. Only people who attended the completed course reach its pages; any other id is 404.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from accounts.permissions import can, get_for_user_or_404, scope
from courses.models import Enrolment, Session

from .. import pages, services
from ..calendar import moment_ics
from ..exceptions import IntervisionError
from ..forms import RequestForm
from ..models import Moment, Request

TAKE_PART = "intervision.take_part"


def _session(request, pk):
    visible = scope(request.user, TAKE_PART, Session.objects.all())
    try:
        return pages.participant_session(visible, pk=pk)
    except (Session.DoesNotExist, ValueError, TypeError):
        raise Http404 from None


@login_required
@require_GET
def after_course(request, session_pk: int):
    """ "Na de cursus": questions of the group, what is planned, what was, the follow-up list."""
    session = _session(request, session_pk)
    now = pages.now()
    series = pages.series(session=session)
    ask_open, ask_until = pages.asking_open(session, series.closed, now)
    requests = pages.requests(session, request.user)
    try:
        enrolment = pages.my_enrolment(session, request.user)
    except Enrolment.DoesNotExist:
        raise Http404 from None
    return render(
        request,
        "intervision/after_course.html",
        {
            "session": session,
            "series": series,
            "open_requests": [r for r in requests if r.status == Request.Status.OPEN],
            "planned_requests": [r for r in requests if r.status == Request.Status.PLANNED],
            "ask_open": ask_open,
            "ask_until": ask_until,
            "enrolment": enrolment,
            "follow_up": pages.follow_up(enrolment, now),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def request_create(request, session_pk: int):
    """Ask for a moment: pick a suggested topic or write one. What was typed is kept on error."""
    session = _session(request, session_pk)
    form = RequestForm(request.POST if request.method == "POST" else None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                services.request_create(
                    actor=request.user,
                    session=session,
                    topic=form.cleaned_data["topic"],
                    suggestion=form.cleaned_data["suggestion"],
                )
            except IntervisionError as error:
                form.add_error(None, str(error))
                status = error.status if error.status >= 400 else 400
            else:
                messages.success(
                    request,
                    _("Je vraag staat erop. De trainer en de groep kunnen hem nu zien."),
                )
                return redirect("intervision:after_course", session_pk=session.pk)
        else:
            status = 400
    series = pages.series(session=session)
    ask_open, ask_until = pages.asking_open(session, series.closed, pages.now())
    return render(
        request,
        "intervision/request_form.html",
        {"session": session, "form": form, "ask_open": ask_open, "ask_until": ask_until},
        status=status,
    )


def _back(request, item):
    return redirect("intervision:after_course", session_pk=item.session_id)


@login_required
@require_POST
def request_support(request, pk: int):
    """ "Ik wil dit ook"."""
    item = _get_request(request, pk)
    try:
        services.request_support(actor=request.user, request=item)
    except IntervisionError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("Gelukt. Je wilt dit ook. De trainer ziet dat."))
    return _back(request, item)


@login_required
@require_POST
def request_unsupport(request, pk: int):
    """Take back "Ik wil dit ook"."""
    item = _get_request(request, pk)
    try:
        services.request_unsupport(actor=request.user, request=item)
    except IntervisionError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("Je steunt deze vraag niet meer."))
    return _back(request, item)


def _get_request(request, pk):
    sessions = scope(request.user, TAKE_PART, Session.objects.all()).values("pk")
    queryset = Request.objects.filter(session__in=sessions).select_related("session")
    try:
        return queryset.get(pk=pk)
    except (Request.DoesNotExist, ValueError, TypeError):
        raise Http404 from None


def _moment(request, pk):
    return get_for_user_or_404(
        request.user,
        "intervision.view_moment",
        Moment.objects.select_related(
            "session__course", "session__region", "group", "reported_by"
        ).prefetch_related("answered_requests"),
        pk=pk,
    )


@login_required
@require_GET
def moment_detail(request, pk: int):
    """One moment: when, where, what about; the report once it is written."""
    moment = _moment(request, pk)
    mine = moment.attendance.filter(user=request.user).first()
    return render(
        request,
        "intervision/moment_detail.html",
        {
            "moment": moment,
            "my_attendance": mine,
            "runs": can(request.user, "intervision.run_moment", moment),
            "is_past": moment.ends_at <= pages.now(),
        },
    )


@login_required
@require_GET
def moment_calendar(request, pk: int):
    """The moment as an .ics file for one's own calendar."""
    moment = _moment(request, pk)
    response = HttpResponse(moment_ics(moment), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="intervisie-{moment.pk}.ics"'
    return response
