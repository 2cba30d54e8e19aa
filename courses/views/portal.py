"""The trainer portal, "Mijn sessies": a trainer's own sessions, from planning to completion.

Only sessions the trainer is staff on are reachable (``courses.portal_session``); any other id is
a 404. Each POST calls one service; a domain error is shown next to the form, input kept.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Prefetch, Q
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from wagtail import hooks

from accounts.audit import log_view
from accounts.exports import csv_response
from accounts.permissions import can, get_for_user_or_404, scope

from .. import selectors
from ..exceptions import AlreadyEnrolled, DomainError, MeetingNotFound, MeetingNotStarted
from ..forms import CancelSessionForm, MeetingFormSet, OnBehalfForm, SessionForm
from ..forms.portal import attendance_form, complete_form, meeting_initial
from ..models import Course, Enrolment, Meeting, Session
from ..services import (
    attendance_record_meeting,
    enrolment_create_on_behalf,
    session_cancel,
    session_complete,
    session_edit,
    session_publish,
)
from ..services.invitations import enrolment_invite
from ..services.portal import session_create_staffed

RULE = "courses.portal_session"


def _trainer_required(request):
    if not can(request.user, RULE):
        raise Http404


def _session(request, pk, queryset=None):
    qs = queryset if queryset is not None else Session.objects.select_related("course", "region")
    return get_for_user_or_404(request.user, RULE, qs, pk=pk)


def _qualified_courses(user):
    return Course.objects.filter(qualifications__trainer=user, is_active=True).distinct()


@login_required
@require_GET
def session_list(request):
    _trainer_required(request)
    sessions = list(
        selectors.trainer_sessions(
            user=request.user, queryset=scope(request.user, RULE, Session.objects.all())
        )
    )
    now = timezone.now()
    upcoming = [s for s in sessions if s.status in ("draft", "published") and not _past(s, now)]
    other = [s for s in sessions if s not in upcoming]
    return render(
        request,
        "courses/portal/session_list.html",
        {"upcoming": upcoming, "other": other, "can_create": _qualified_courses(request.user)},
    )


def _past(session, now):
    return session.ends_at is not None and session.ends_at < now


def _session_kwargs(data) -> dict:
    return {
        key: data[key]
        for key in (
            "region",
            "venue",
            "online_url",
            "min_participants",
            "enrolment_deadline",
            "notes",
        )
    }


@login_required
@require_http_methods(["GET", "POST"])
def session_create(request):
    _trainer_required(request)
    courses = _qualified_courses(request.user)
    if request.method == "POST":
        form = SessionForm(request.POST, courses=courses)
        formset = MeetingFormSet(request.POST, prefix="meetings")
        if form.is_valid() and formset.is_valid():
            rows, _deleted = formset.meetings()
            data = form.cleaned_data
            try:
                session = session_create_staffed(
                    actor=request.user,
                    course=data["course"],
                    capacity=data["capacity"],
                    meetings=[(r["starts_at"], r["ends_at"]) for r in rows],
                    co_trainer=data.get("co_trainer"),
                    intern=data.get("intern"),
                    **_session_kwargs(data),
                )
            except DomainError as error:
                _show_problems(error, form, formset.row_forms)
            else:
                messages.success(
                    request,
                    _("De sessie is opgeslagen als concept. Publiceer hem als alles klopt."),
                )
                return redirect("courses:portal_session", pk=session.pk)
    else:
        form = SessionForm(courses=courses)
        formset = MeetingFormSet(prefix="meetings")
        # As many empty rows as the longest course has meetings: no script needed to add rows.
        formset.extra = max([c.number_of_meetings for c in courses] or [1])
    return _render_session_form(request, form, formset, None)


def _problems(error: DomainError) -> list[DomainError]:
    return getattr(error, "problems", None) or [error]


def _show_problems(error: DomainError, form, row_forms=()) -> None:
    """Each problem the service found next to its own field, or on its meeting's row."""
    for problem in _problems(error):
        field = getattr(problem, "field", None)
        index = problem.context.get("index")
        if field == "meetings" and index is not None and index < len(row_forms):
            target = "end" if problem.code == "meeting_ends_before_start" else "date"
            row_forms[index].add_error(target, str(problem))
        elif field in form.fields and not form.fields[field].disabled:
            form.add_error(field, str(problem))
        else:
            form.add_error(None, str(problem))


def _render_session_form(request, form, formset, session):
    status = 400 if form.is_bound and (form.errors or formset.total_error_count()) else 200
    return render(
        request,
        "courses/portal/session_form.html",
        {"form": form, "formset": formset, "session": session},
        status=status,
    )


@login_required
@require_http_methods(["GET", "POST"])
def session_edit_view(request, pk: int):
    session = _session(request, pk, Session.objects.select_related("course", "region", "venue"))
    if session.status not in (Session.Status.DRAFT, Session.Status.PUBLISHED):
        messages.error(request, _("Een afgeronde of afgezegde sessie kun je niet meer wijzigen."))
        return redirect("courses:portal_session", pk=session.pk)
    courses = Course.objects.filter(
        Q(qualifications__trainer=request.user, is_active=True) | Q(pk=session.course_id)
    ).distinct()
    initial_meetings = meeting_initial(session)
    if request.method == "POST":
        form = SessionForm(request.POST, instance=session, courses=courses, staffing=False)
        formset = MeetingFormSet(request.POST, prefix="meetings", initial=initial_meetings)
        if form.is_valid() and formset.is_valid():
            rows, deleted = formset.meetings()
            data = form.cleaned_data
            fields = _session_kwargs(data)
            if session.status == Session.Status.DRAFT:
                fields["course"] = data["course"]
            try:
                session_edit(
                    actor=request.user,
                    session=session,
                    fields=fields,
                    capacity=data["capacity"],
                    meetings=rows,
                    delete_meeting_ids=deleted,
                )
            except MeetingNotFound:
                raise Http404 from None
            except DomainError as error:
                _show_problems(error, form, formset.row_forms)
            else:
                messages.success(request, _("De wijzigingen zijn opgeslagen."))
                return redirect("courses:portal_session", pk=session.pk)
    else:
        form = SessionForm(instance=session, courses=courses, staffing=False)
        formset = MeetingFormSet(prefix="meetings", initial=initial_meetings)
    return _render_session_form(request, form, formset, session)


def _participants_context(request, pk, *, view: str):
    session = _session(
        request,
        pk,
        Session.objects.select_related("course", "region", "venue").prefetch_related(
            Prefetch("meetings", queryset=Meeting.objects.order_by("starts_at", "pk"))
        ),
    )
    enrolments = selectors.participant_list(session=session)
    confirmed = [en for en in enrolments if en.status != Enrolment.Status.WAITLISTED]
    waiting = [en for en in enrolments if en.status == Enrolment.Status.WAITLISTED]
    seats = sum(en.seats for en in enrolments if en.status == Enrolment.Status.CONFIRMED)
    # Who looked: one entry per view of the list (one INSERT), naming the people on it.
    log_view(
        actor=request.user,
        verb="courses.participants_viewed",
        target=session,
        data={"view": view, "users": [en.user_id for en in enrolments]},
    )
    return {
        # After completion no one is "confirmed" any more: who came is what counts then.
        "attended": sum(1 for en in enrolments if en.status == Enrolment.Status.ATTENDED),
        "seated": sum(1 for en in enrolments if en.status in Enrolment.SEATED),
        "session": session,
        "meetings": list(session.meetings.all()),
        "confirmed": confirmed,
        "waiting": waiting,
        "invited": selectors.pending_invitations(session=session),
        "seats_taken": seats,
        "places_left": max(session.capacity - seats, 0),
    }


@login_required
@require_GET
def session_detail(request, pk: int):
    """The participant list with needs and support persons, and what the trainer can do next."""
    context = _participants_context(request, pk, view="list")
    session = context["session"]
    context["is_open"] = session.status in (Session.Status.DRAFT, Session.Status.PUBLISHED)
    context["has_started"] = session.has_started()
    context["cancel_form"] = CancelSessionForm()
    # Apps that follow a session (competencies, ...) add links here; courses imports none of them.
    context["extra_links"] = [
        link for hook in hooks.get_hooks("courses_session_links") for link in hook(request, session)
    ]
    return render(request, "courses/portal/session_detail.html", context)


@login_required
@require_GET
def signin_sheet(request, pk: int):
    """A sheet to print and sign, one row per person (and their support person)."""
    context = _participants_context(request, pk, view="signin_sheet")
    return render(request, "courses/portal/signin_sheet.html", context)


@login_required
@require_GET
def participants_csv(request, pk: int):
    context = _participants_context(request, pk, view="csv")
    session = context["session"]
    response, writer = csv_response(f"deelnemers-sessie-{session.pk}.csv")
    writer.writerow(
        [
            _("Naam"),
            _("E-mail"),
            _("Telefoon"),
            _("Status"),
            _("Plaats op wachtlijst"),
            _("Begeleider"),
            _("Wat nodig"),
            _("Eten en drinken"),
            _("Ingeschreven op"),
        ]
    )
    for en in context["confirmed"] + context["waiting"]:
        writer.writerow(
            [
                en.user.get_full_name(),
                en.user.email or "",
                en.user.phone,
                en.get_status_display(),
                en.waitlist_position or "",
                en.support_person_name,
                en.access_needs,
                en.dietary_needs,
                timezone.localtime(en.created_at).strftime("%d-%m-%Y %H:%M"),
            ]
        )
    for invitation in context["invited"]:
        writer.writerow(
            [
                invitation.display_name,
                invitation.email,
                invitation.phone,
                _("Uitgenodigd"),
                "",
                invitation.support_person_name,
                invitation.access_needs,
                invitation.dietary_needs,
                timezone.localtime(invitation.created_at).strftime("%d-%m-%Y %H:%M"),
            ]
        )
    return response


@login_required
@require_POST
def session_publish_view(request, pk: int):
    session = _session(request, pk)
    try:
        session_publish(actor=request.user, session=session)
    except DomainError as error:
        for problem in _problems(error):
            messages.error(request, str(problem))
    else:
        messages.success(
            request, _("De sessie is gepubliceerd. Deelnemers kunnen zich inschrijven.")
        )
    return redirect("courses:portal_session", pk=session.pk)


@login_required
@require_http_methods(["GET", "POST"])
def session_cancel_view(request, pk: int):
    session = _session(request, pk)
    form = CancelSessionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            session_cancel(actor=request.user, session=session, reason=form.cleaned_data["reason"])
        except DomainError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("De sessie is afgezegd. Iedereen krijgt een e-mail."))
            return redirect("courses:portal_session", pk=session.pk)
    return render(
        request,
        "courses/portal/session_cancel.html",
        {"session": session, "form": form},
        status=400 if form.is_bound and form.errors else 200,
    )


@login_required
@require_GET
def attendance_choose(request, pk: int):
    """Pick the meeting (the one of today first); with one meeting go straight to it."""
    session = _session(request, pk)
    meetings = list(session.meetings.order_by("starts_at", "pk"))
    if len(meetings) == 1:
        return redirect("courses:portal_attendance_meeting", pk=session.pk, meeting=meetings[0].pk)
    now = timezone.now()
    return render(
        request,
        "courses/portal/attendance_choose.html",
        {
            "session": session,
            "meetings": [(m, m.has_started(now)) for m in meetings],
            "today": timezone.localdate(),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def attendance_meeting(request, pk: int, meeting: int):
    """One meeting at a time, big tick boxes: who is here? Offered once the meeting begins."""
    session = _session(request, pk)
    meeting_obj = Meeting.objects.filter(session=session, pk=meeting).first()
    if meeting_obj is None:
        raise Http404
    enrolments = list(
        Enrolment.objects.filter(session=session, status=Enrolment.Status.CONFIRMED)
        .select_related("user")
        .order_by("user__display_name", "pk")
    )
    present = [
        str(pk)
        for pk in meeting_obj.attendance.filter(present=True).values_list("enrolment_id", flat=True)
    ]
    recorded = meeting_obj.attendance.exists()
    not_started = not meeting_obj.has_started()
    status = 200
    if request.method == "POST":
        form = attendance_form(enrolments, data=request.POST)
        if form.is_valid():
            try:
                attendance_record_meeting(
                    actor=request.user, meeting=meeting_obj, present_enrolment_ids=form.ids()
                )
            except MeetingNotStarted as error:
                not_started, status = True, error.status
            except DomainError as error:
                form.add_error(None, str(error))
            else:
                messages.success(
                    request,
                    _("Opgeslagen: %(n)s van %(total)s aanwezig.")
                    % {"n": len(form.ids()), "total": len(enrolments)},
                )
                return redirect("courses:portal_session", pk=session.pk)
    else:
        form = attendance_form(enrolments, initial=present)
    return render(
        request,
        "courses/portal/attendance.html",
        {
            "session": session,
            "meeting": meeting_obj,
            "form": form,
            "enrolments": enrolments,
            "recorded": recorded,
            "not_started": not_started,
        },
        status=400 if form.is_bound and form.errors else status,
    )


@login_required
@require_http_methods(["GET", "POST"])
def session_complete_view(request, pk: int):
    """Close the session: tick who followed the course (pre-filled from the attendance)."""
    session = _session(request, pk)
    enrolments = list(
        Enrolment.objects.filter(session=session, status=Enrolment.Status.CONFIRMED)
        .select_related("user")
        .prefetch_related("attendance")
        .order_by("user__display_name", "pk")
    )
    attended = [str(en.pk) for en in enrolments if any(a.present for a in en.attendance.all())]
    if request.method == "POST":
        form = complete_form(enrolments, data=request.POST)
        if form.is_valid():
            try:
                session_complete(
                    actor=request.user, session=session, attended_enrolment_ids=form.ids()
                )
            except DomainError as error:
                form.add_error(None, str(error))
            else:
                messages.success(request, _("De sessie is afgerond. Dank je wel!"))
                return redirect("courses:portal_session", pk=session.pk)
    else:
        form = complete_form(enrolments, initial=attended)
    return render(
        request,
        "courses/portal/session_complete.html",
        {"session": session, "form": form, "enrolments": enrolments},
        status=400 if form.is_bound and form.errors else 200,
    )


@login_required
@require_http_methods(["GET", "POST"])
def enrol_on_behalf(request, pk: int):
    """Enrol someone without e-mail (name and phone, or their support person), or invite someone
    by e-mail: the owner of the address confirms. The trainer sees the same answer whether or not
    the address has an account."""
    session = _session(request, pk)
    form = OnBehalfForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        email = data.pop("email")
        try:
            if email:
                invitation = enrolment_invite(
                    actor=request.user, session=session, email=email, **data
                )
            else:
                enrolment = enrolment_create_on_behalf(actor=request.user, session=session, **data)
        except AlreadyEnrolled:
            form.add_error(None, _("Deze persoon is al ingeschreven voor deze sessie."))
        except DomainError as error:
            form.add_error(None, str(error))
        else:
            if email:
                msg = _(
                    "%(name)s is uitgenodigd. %(name)s krijgt een e-mail en schrijft zich in "
                    "door op de link te klikken."
                ) % {"name": invitation.display_name}
            elif enrolment.status == Enrolment.Status.CONFIRMED:
                msg = _("%(name)s is ingeschreven.") % {"name": enrolment.user.get_full_name()}
            else:
                msg = _("De cursus is vol: %(name)s staat op de wachtlijst.") % {
                    "name": enrolment.user.get_full_name()
                }
            messages.success(request, msg)
            return redirect("courses:portal_session", pk=session.pk)
    return render(
        request,
        "courses/portal/enrol_on_behalf.html",
        {"session": session, "form": form},
        status=400 if form.is_bound and form.errors else 200,
    )
