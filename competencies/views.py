"""Participant pages: consent, filling in (one competency per screen), cards, results, peers.

Views parse input, call one service and render. Every screen works without JavaScript.
"""

import re

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.permissions import can, get_for_user_or_404, scope
from accounts.redirects import safe_next_url
from accounts.validators import parse_int

from . import moments, selectors, services
from .exceptions import (
    CompetencyError,
    ConsentRequired,
    MomentClosed,
    PeerInvitationLimit,
    PeerLinkInvalid,
)
from .forms import ConsentForm, PeerInviteForm
from .models import Framework, PeerInvitation, SelfAssessment
from .results import build as build_results

STATEMENT_FIELD = re.compile(r"^s([0-9]+)$")


def _int_or_none(value):
    try:
        return parse_int(value)
    except ValueError:
        return None


def _picked(values, pick) -> dict:
    return {n: pick for n in map(_int_or_none, values) if n is not None}


def _own(request, pk, **filters) -> SelfAssessment:
    queryset = SelfAssessment.objects.filter(
        peer_invitation__isnull=True, **filters
    ).select_related("framework", "enrolment__session__course")
    return get_for_user_or_404(request.user, "competencies.view_assessment", queryset, pk=pk)


def _course_moments(user):
    from courses.models import Enrolment

    enrolments = (
        scope(user, "competencies.own_enrolment", Enrolment.objects.all())
        .filter(status__in=(*moments.ACTIVE_ENROLMENT, Enrolment.Status.WAITLISTED))
        .select_related(
            "session__course",
            "session__region",
            "session__venue",
            "session__competency_moment_override",
            "competency_sharing",
        )
        .prefetch_related("session__meetings", "self_assessments")
        .order_by("-created_at")
    )
    out = []
    now = timezone.now()
    for enrolment in enrolments:
        done = {a.moment: a for a in enrolment.self_assessments.all() if a.kind == "statements"}
        items = []
        for moment, label in SelfAssessment.Moment.choices[1:]:
            win = moments.window(enrolment, moment)
            items.append(
                {
                    "moment": moment,
                    "label": label,
                    "window": win,
                    "open": win.is_open(now),
                    "state": _window_state(win, now),
                    "assessment": done.get(moment),
                }
            )
        shared = hasattr(enrolment, "competency_sharing")
        meetings = sorted(m.starts_at for m in enrolment.session.meetings.all())
        out.append(
            {
                "enrolment": enrolment,
                "session": enrolment.session,
                "first_day": meetings[0] if meetings else enrolment.session.starts_at,
                "last_day": meetings[-1] if len(meetings) > 1 else None,
                "moments": items,
                "shared": shared,
            }
        )
    return out


def _window_state(win: moments.Window, now) -> str:
    """``open``, ``upcoming`` (opens on a known date), ``closed`` (since a date) or ``not_yet``."""
    if win.is_open(now):
        return "open"
    if win.opens_at is not None and now < win.opens_at:
        return "upcoming"
    if win.closes_at is not None and now >= win.closes_at:
        return "closed"
    return "not_yet"


@login_required
def index(request):
    framework = selectors.default_framework()
    personal = list(
        SelfAssessment.objects.filter(
            user=request.user, peer_invitation__isnull=True, enrolment__isnull=True
        )
        .select_related("framework")
        .order_by("-started_at")
    )
    invitations = list(
        PeerInvitation.objects.filter(user=request.user)
        .select_related("assessment")
        .order_by("-created_at")
    )
    from courses.models import Session

    trainer_sessions = []
    if can(request.user, "accounts.view_trainer_pages"):
        trainer_sessions = list(
            scope(
                request.user,
                "competencies.view_session_growth",
                Session.objects.filter(status=Session.Status.COMPLETED),
            )
            .select_related("course", "region", "venue")
            .order_by("-completed_at")[:20]
        )
    return render(
        request,
        "competencies/index.html",
        {
            "trainer_sessions": trainer_sessions,
            "framework": framework,
            "has_consent": services.has_list_consent(request.user),
            "personal": personal,
            "courses": _course_moments(request.user),
            "invitations": invitations,
        },
    )


@login_required
def consent(request):
    form = ConsentForm(request.POST if request.method == "POST" else None)
    next_url = safe_next_url(
        request,
        request.POST.get("next") or request.GET.get("next"),
        fallback=reverse("competencies:index"),
    )
    if request.method == "POST" and form.is_valid():
        services.consent_give(user=request.user)
        messages.success(request, _("Dank je. Je kunt nu beginnen."))
        return redirect(next_url)
    return render(request, "competencies/consent.html", {"form": form, "next": next_url})


@login_required
@require_POST
def start(request):
    """Start a list: personal (any time) or a course moment of one's own enrolment."""
    from courses.models import Enrolment

    kind = request.POST.get("kind", SelfAssessment.Kind.STATEMENTS)
    if kind not in SelfAssessment.Kind.values:
        raise Http404
    moment = request.POST.get("moment", "personal")
    enrolment = None
    framework = None
    if moment != "personal":
        if moment not in SelfAssessment.Moment.values:
            raise Http404
        enrolment = get_for_user_or_404(
            request.user,
            "competencies.own_enrolment",
            Enrolment.objects.select_related("session__course"),
            pk=request.POST.get("enrolment"),
        )
        framework = selectors.framework_for_course(enrolment.session.course)
    else:
        slug = request.POST.get("framework")
        framework = (
            Framework.objects.filter(slug=slug, is_active=True).first()
            if slug
            else selectors.default_framework()
        )
    if framework is None:
        raise Http404
    if not services.has_list_consent(request.user):
        return redirect(reverse("competencies:consent") + "?next=" + reverse("competencies:index"))
    try:
        assessment = services.assessment_start(
            user=request.user, framework=framework, kind=kind, moment=moment, enrolment=enrolment
        )
    except MomentClosed as exc:
        messages.error(request, exc.user_message)
        return redirect("competencies:index")
    return redirect(assessment.get_absolute_url())


# --- Filling in -------------------------------------------------------------------------------


def _posted_values(post) -> dict:
    values = {}
    for key, value in post.items():
        match = STATEMENT_FIELD.match(key)
        if match and value != "":
            values[match.group(1)] = value
    return values


def _screen(request, assessment, *, base_url, peer_token=None):
    """One competency per screen. POST saves the screen, then moves as the person asked."""
    framework = assessment.framework
    competencies, scale = selectors.framework_screen(framework.pk)
    count = len(competencies)
    answers = dict(assessment.answers.values_list("statement_id", "value"))
    position = _int_or_none(request.GET.get("c") or request.POST.get("c")) or 0
    if not 1 <= position <= count:
        position = next(
            (
                i
                for i, c in enumerate(competencies, start=1)
                if any(s.pk not in answers for s in c.statements.all())
            ),
            1,
        )
    competency = competencies[position - 1]
    error = None
    status = 200
    if request.method == "POST":
        values = _posted_values(request.POST)
        try:
            if peer_token:
                assessment = services.peer_answers_save(token=peer_token, values=values)
            else:
                assessment = services.answers_save(
                    assessment=assessment, values=values, actor=request.user
                )
        except CompetencyError as exc:
            error = exc.user_message
            status = 409 if isinstance(exc, MomentClosed | PeerLinkInvalid) else 400
            # Keep what was chosen on this screen, so nothing the person did is lost.
            kept = {_int_or_none(k): _int_or_none(v) for k, v in values.items()}
            answers.update({k: v for k, v in kept.items() if k is not None and v is not None})
        else:
            action = request.POST.get("action", "next")
            if action == "prev":
                target = max(1, position - 1)
            elif action == "stop":
                messages.success(request, _("Je antwoorden zijn bewaard. Je kunt later verder."))
                return redirect(reverse("competencies:index") if not peer_token else base_url)
            else:
                target = position + 1
            if target > count:
                return redirect(
                    base_url + "?klaar=1"
                    if peer_token
                    else reverse("competencies:overview", args=[assessment.pk])
                )
            return redirect(f"{base_url}?c={target}")
    statements = [
        {"statement": s, "value": answers.get(s.pk), "name": f"s{s.pk}"}
        for s in competency.statements.all()
    ]
    answered = sum(1 for c in competencies for s in c.statements.all() if s.pk in answers)
    total = sum(len(c.statements.all()) for c in competencies)
    return render(
        request,
        "competencies/fill.html",
        {
            "assessment": assessment,
            "framework": framework,
            "competency": competency,
            "statements": statements,
            "scale": scale,
            "position": position,
            "count": count,
            "answered": answered,
            "total": total,
            "error": error,
            "action_url": f"{base_url}?c={position}",
            "autosave_url": reverse("competencies:peer_answer_save", args=[peer_token])
            if peer_token
            else reverse("competencies:answer_save", args=[assessment.pk]),
            "answered_text": _answered_text(answered, total),
            "peer_token": peer_token,
            "overview_url": None
            if peer_token
            else reverse("competencies:overview", args=[assessment.pk]),
        },
        status=status,
    )


@login_required
def fill(request, pk):
    assessment = _own(request, pk, kind=SelfAssessment.Kind.STATEMENTS)
    return _screen(request, assessment, base_url=reverse("competencies:fill", args=[pk]))


def _answered_text(answered: int, total: int) -> str:
    # The same message id as the template had, so its translation still applies.
    return _("%(answered)s van de %(total)s vragen beantwoord.") % {
        "answered": answered,
        "total": total,
    }


def _save_one(request, save) -> JsonResponse:
    """Save the answers in one POST (one radio change) and say so, for ``autosave.js``.

    Errors carry the domain code and the Dutch message; nothing is saved then.
    """
    try:
        assessment = save(_posted_values(request.POST))
    except CompetencyError as exc:
        status = (
            404
            if isinstance(exc, PeerLinkInvalid)
            else 409
            if isinstance(exc, MomentClosed)
            else 400
        )
        return JsonResponse(
            {"saved": False, "code": exc.code, "message": str(exc.user_message)}, status=status
        )
    answered = assessment.answered_count
    total = len(selectors.framework_shape(assessment.framework_id).statements)
    return JsonResponse(
        {
            "saved": True,
            "answered": answered,
            "total": total,
            "complete": assessment.completed_at is not None,
            "answered_text": _answered_text(answered, total),
        }
    )


@login_required
@require_POST
def answer_save(request, pk):
    """Autosave of one answer on a competency screen (progressive enhancement)."""
    assessment = _own(request, pk, kind=SelfAssessment.Kind.STATEMENTS)
    return _save_one(
        request,
        lambda values: services.answers_save(
            assessment=assessment, values=values, actor=request.user
        ),
    )


@require_POST
def peer_answer_save(request, token):
    """Autosave for someone filling in the list about a participant (the link is the key)."""
    return _save_one(request, lambda values: services.peer_answers_save(token=token, values=values))


@login_required
def overview(request, pk):
    """Which competencies are done, half done or skipped; return to any of them."""
    assessment = _own(request, pk, kind=SelfAssessment.Kind.STATEMENTS)
    competencies = selectors.competencies_with_statements(assessment.framework)
    answered = set(assessment.answers.values_list("statement_id", flat=True))
    items = []
    for i, c in enumerate(competencies, start=1):
        ids = [s.pk for s in c.statements.all()]
        done = sum(1 for s in ids if s in answered)
        items.append({"position": i, "competency": c, "done": done, "of": len(ids)})
    return render(
        request,
        "competencies/overview.html",
        {
            "assessment": assessment,
            "items": items,
            "open": assessment.enrolment_id is None
            or moments.is_open(assessment.enrolment, assessment.moment),
        },
    )


@login_required
def cards(request, pk):
    assessment = _own(request, pk, kind=SelfAssessment.Kind.CARDS)
    competencies = selectors.competencies_with_statements(assessment.framework)
    picked = {p.competency_id: p.pick for p in assessment.card_picks.all()}
    error = None
    status = 200
    if request.method == "POST":
        strengths = request.POST.getlist("strength")
        grow = request.POST.getlist("grow")
        picked = {**_picked(grow, "grow"), **_picked(strengths, "strength")}
        try:
            services.cards_save(
                assessment=assessment, strengths=strengths, grow=grow, actor=request.user
            )
        except CompetencyError as exc:
            error = exc.user_message
            status = 409 if isinstance(exc, MomentClosed) else 400
        else:
            return redirect("competencies:results", pk=assessment.pk)
    return render(
        request,
        "competencies/cards.html",
        {
            "assessment": assessment,
            "framework": assessment.framework,
            "competencies": competencies,
            "picked": picked,
            "error": error,
            "per_pick": services.CARDS_PER_PICK,
        },
        status=status,
    )


@login_required
def results(request, pk):
    assessment = _own(request, pk)
    if assessment.kind == SelfAssessment.Kind.CARDS:
        context = build_results(assessment=assessment, include_peer=False)
        context["cards_only"] = True
    else:
        context = build_results(
            assessment=assessment, include_peer=True, chosen_task=request.GET.get("taak")
        )
    return render(request, "competencies/results.html", context)


@login_required
@require_POST
def share(request, enrolment_pk):
    from courses.models import Enrolment

    enrolment = get_for_user_or_404(
        request.user, "competencies.own_enrolment", Enrolment.objects.all(), pk=enrolment_pk
    )
    shared = services.sharing_set(
        enrolment=enrolment, user=request.user, share=request.POST.get("share") == "1"
    )
    messages.success(
        request,
        _("Je trainers kunnen je uitslag nu zien.")
        if shared
        else _("Je trainers kunnen je uitslag niet meer zien."),
    )
    return redirect("competencies:index")


# --- Peer view --------------------------------------------------------------------------------


@login_required
def peer_invite(request):
    form = PeerInviteForm(request.POST if request.method == "POST" else None)
    framework = selectors.default_framework()
    status = 200
    if request.method == "POST" and form.is_valid():
        try:
            services.peer_invite(user=request.user, framework=framework, **form.cleaned_data)
        except ConsentRequired as exc:
            messages.error(request, exc.user_message)
            return redirect(reverse("competencies:consent") + "?next=" + request.path)
        except CompetencyError as exc:
            form.add_error(None, exc.user_message)
            status = 429 if isinstance(exc, PeerInvitationLimit) else 400
        else:
            messages.success(request, _("We hebben een e-mail gestuurd."))
            return redirect("competencies:index")
    elif form.is_bound:
        status = 400
    return render(
        request,
        "competencies/peer_invite.html",
        {"form": form, "framework": framework},
        status=status,
    )


def peer_fill(request, token):
    """No account needed: the signed link is the key. Only the participant sees the answers."""
    try:
        invitation = services.peer_invitation_from_token(token)
    except PeerLinkInvalid as exc:
        if request.GET.get("klaar"):
            return render(request, "competencies/peer_done.html", {})
        return render(
            request, "competencies/peer_invalid.html", {"message": exc.user_message}, status=404
        )
    assessment = invitation.assessment
    base_url = reverse("competencies:peer_fill", args=[token])
    return _screen(request, assessment, base_url=base_url, peer_token=token)
