"""Trainer and national staff pages: shared individual results and group growth."""

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import render
from django.utils.translation import gettext as _

from accounts.audit import log_view
from accounts.exports import csv_response
from accounts.models import ConsentPurpose
from accounts.permissions import can, get_for_user_or_404
from accounts.selectors import consent_exists

from . import charts, selectors
from .exports import growth_rows, national_growth_rows
from .forms import GrowthFilterForm
from .models import SelfAssessment
from .results import build as build_results


@login_required
def shared_results(request, enrolment_pk):
    """A participant's results, for a trainer of their session, only while they share them."""
    from courses.models import Enrolment

    enrolment = get_for_user_or_404(
        request.user,
        "competencies.view_shared_results",
        Enrolment.objects.select_related("session__course", "user"),
        pk=enrolment_pk,
    )
    assessment = (
        SelfAssessment.objects.filter(
            enrolment=enrolment, kind="statements", peer_invitation__isnull=True
        )
        .select_related("framework")
        .order_by("started_at")
        .first()
    )
    if assessment is None:
        raise Http404
    context = build_results(assessment=assessment, include_peer=False)
    context.update({"enrolment": enrolment, "for_trainer": True})
    # Who looked: the participant sees this on Mijn gegevens (one INSERT).
    log_view(
        actor=request.user,
        verb="competencies.shared_results_viewed",
        target=enrolment.user,
        data={"enrolment": enrolment.pk},
    )
    return render(request, "competencies/results.html", context)


def _growth_chart(rows, framework):
    scale = list(framework.scale_options.order_by("value"))
    competency_rows = [r for r in rows if r.competency is not None]
    labels = [f"{r.competency.number}. {r.competency.name}" for r in competency_rows]
    series = []
    if competency_rows and all(r.post.shown for r in competency_rows):
        series = [
            charts.Series(_("Voor de cursus"), [r.post.mean_pre for r in competency_rows], "pre"),
            charts.Series(_("Na de cursus"), [r.post.mean_post for r in competency_rows], "post"),
        ]
        if all(r.follow_up.shown for r in competency_rows):
            series.append(
                charts.Series(
                    _("Later"),
                    [r.follow_up.mean_pre + r.follow_up.mean_change for r in competency_rows],
                    "follow-up",
                )
            )
    return charts.radar(labels=labels, series=series, low=scale[0].value, high=scale[-1].value)


@login_required
def session_growth(request, session_pk):
    from courses.models import Enrolment, Session

    session = get_for_user_or_404(
        request.user,
        "competencies.view_session_growth",
        Session.objects.select_related("course", "region"),
        pk=session_pk,
    )
    framework = selectors.framework_for_course(session.course)
    rows = selectors.growth_for_sessions(Session.objects.filter(pk=session.pk), framework)
    # The group: who took part. n (paired lists) is read against it, so "0" is never a mystery.
    participants = Enrolment.objects.filter(
        session=session, status=Enrolment.Status.ATTENDED
    ).count()
    shared = list(
        Enrolment.objects.filter(session=session, competency_sharing__isnull=False)
        .filter(consent_exists(ConsentPurpose.SHARE_WITH_TRAINER))
        .select_related("user")
        .order_by("user__display_name")
    )
    return render(
        request,
        "competencies/growth.html",
        {
            "session": session,
            "participants": participants,
            "framework": framework,
            "rows": rows,
            "chart": _growth_chart(rows, framework),
            "shared": shared if can(request.user, "accounts.view_trainer_pages") else [],
        },
    )


def _national(request):
    if not can(request.user, "competencies.view_national_growth"):
        raise Http404
    form = GrowthFilterForm(request.GET or None)
    framework, rows = national_growth_rows(form.cleaned_data if form.is_valid() else None)
    return form, framework, rows


@login_required
def national_growth(request):
    form, framework, rows = _national(request)
    return render(
        request,
        "competencies/growth.html",
        {
            "form": form,
            "framework": framework,
            "rows": rows,
            "chart": _growth_chart(rows, framework),
            "national": True,
            "query": request.GET.urlencode(),
        },
    )


@login_required
def national_growth_csv(request):
    _form, framework, rows = _national(request)
    response, writer = csv_response("groei.csv", delimiter=",", bom=False)
    writer.writerows(growth_rows(framework, rows))
    return response
