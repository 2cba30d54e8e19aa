"""Participant pages: the session page, enrolling (with or without an account), "Mijn cursussen".

Views parse input, call one service and render. A domain error is shown next to the form with
what the person typed kept; someone else's enrolment or a draft session is a 404.
"""

from datetime import timedelta

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Prefetch
from django.http import HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST
from wagtail import hooks

from accounts.models import ConsentPurpose
from accounts.permissions import get_for_user_or_404, scope
from accounts.selectors import has_consent

from .. import selectors
from ..exceptions import AlreadyEnrolled, DomainError, InvitationNeedsOwner
from ..forms import EnrolForm, SignupEnrolForm
from ..forms.participant import ENROL_FIELDS
from ..models import Enrolment, Session
from ..services import (
    calendar_token_get_or_create,
    calendar_token_regenerate,
    enrolment_cancel,
    enrolment_create,
)
from ..services.invitations import enrolment_invitation_accept
from ..services.signup import enrolment_create_with_account

DRAFT_KEY = "courses_enrol_draft"


def _public_session(request, pk):
    """The session with places left, trainers and meetings; drafts only for their staff."""
    visible = scope(request.user, "courses.view_session.public", Session.objects.all())
    try:
        session = selectors.session_detail(pk=pk, queryset=visible)
    except Session.DoesNotExist:
        from django.http import Http404

        raise Http404 from None
    return session


def _own_enrolment(user, session):
    if not user.is_authenticated:
        return None
    enrolment = Enrolment.objects.filter(session=session, user=user).first()
    if enrolment is not None:
        enrolment.waitlist_position = selectors.waitlist_position(enrolment=enrolment)
    return enrolment


def _enrolment_open(session, now=None) -> bool:
    now = now or timezone.now()
    deadline = session.effective_deadline
    return session.status == Session.Status.PUBLISHED and (deadline is None or now <= deadline)


def enrolment_links(request, enrolment) -> list[dict]:
    """Links that apps following a session add to a person's own enrolment ("Na de cursus").

    Each ``courses_enrolment_links`` hook answers a list of ``{"label", "url"}`` from the
    enrolment and its session alone (no queries: "Mijn cursussen" asks it per enrolment).
    ``courses`` imports none of those apps.
    """
    return [
        link
        for hook in hooks.get_hooks("courses_enrolment_links")
        for link in hook(request, enrolment)
    ]


def session_detail(request, pk: int):
    session = _public_session(request, pk)
    enrolment = _own_enrolment(request.user, session)
    if enrolment is not None and enrolment.status == "cancelled":
        enrolment = None
    return render(
        request,
        "courses/session_detail.html",
        {
            "session": session,
            "enrolment": enrolment,
            "enrolment_open": _enrolment_open(session),
            "extra_links": enrolment_links(request, enrolment) if enrolment else [],
        },
    )


def _draft(request, pk) -> dict:
    return request.session.get(DRAFT_KEY, {}).get(str(pk), {})


def _save_draft(request, pk, data) -> None:
    drafts = request.session.get(DRAFT_KEY, {})
    drafts[str(pk)] = {k: data.get(k, "") for k in ENROL_FIELDS}
    request.session[DRAFT_KEY] = drafts


def _clear_draft(request, pk) -> None:
    drafts = request.session.get(DRAFT_KEY, {})
    if drafts.pop(str(pk), None) is not None:
        request.session[DRAFT_KEY] = drafts


def _login_url(session) -> str:
    next_url = reverse("courses:enrol", kwargs={"pk": session.pk})
    return f"{reverse('account_login')}?{urlencode({'next': next_url})}"


@require_http_methods(["GET", "POST"])
def enrol(request, pk: int):
    """Enrol in one step when logged in; otherwise make an account in the same form."""
    session = _public_session(request, pk)
    if request.user.is_authenticated:
        return _enrol_logged_in(request, session)
    return _enrol_new_account(request, session)


def _enrol_logged_in(request, session):
    existing = _own_enrolment(request.user, session)
    if existing is not None and existing.status != Enrolment.Status.CANCELLED:
        messages.info(
            request, _("Je bent al ingeschreven voor deze cursus. Dit is je inschrijving.")
        )
        return redirect("courses:my_courses")
    same_course = selectors.same_course_enrolments(user=request.user, session=session)
    # Someone who never agreed to take part (or withdrew) agrees by enrolling: the page says so
    # next to the button, and the enrolment records the consent in the same transaction.
    ask_consent = not has_consent(request.user, ConsentPurpose.COURSES)
    if request.method == "POST":
        form = EnrolForm(request.POST)
        if form.is_valid() and same_course and request.POST.get("same_course_ok") != "1":
            # Already in another session of this course: ask once before enrolling again.
            return _render_enrol(
                request,
                session,
                form,
                same_course=same_course,
                confirm=True,
                ask_consent=ask_consent,
            )
        if form.is_valid():
            try:
                enrolment = enrolment_create(
                    actor=request.user,
                    session=session,
                    user=request.user,
                    consent=ask_consent,
                    **{k: form.cleaned_data[k] for k in ENROL_FIELDS},
                )
            except AlreadyEnrolled:
                messages.info(request, _("Je bent al ingeschreven voor deze cursus."))
                return redirect("courses:my_courses")
            except DomainError as error:
                form.add_error(None, str(error))
            else:
                _clear_draft(request, session.pk)
                _say_enrolled(request, enrolment)
                return redirect("courses:my_courses")
    else:
        form = EnrolForm(initial=_draft(request, session.pk))
    return _render_enrol(request, session, form, same_course=same_course, ask_consent=ask_consent)


def _enrol_new_account(request, session):
    if request.method == "POST":
        form = SignupEnrolForm(request.POST)
        if request.POST.get("action") == "login":
            # "I already have an account": keep what they typed while they log in.
            _save_draft(request, session.pk, request.POST)
            return HttpResponseRedirect(_login_url(session))
        if form.is_valid():
            data = form.cleaned_data
            try:
                result = enrolment_create_with_account(
                    session=session,
                    display_name=data["display_name"],
                    email=data["email"],
                    password=data["password"],
                    **{k: data[k] for k in ENROL_FIELDS},
                )
            except DomainError as error:
                form.add_error(None, str(error))
            else:
                if result.address is not None:
                    result.address.send_confirmation(request, signup=True)
                # The same page whether or not the address had an account (no enumeration).
                return render(
                    request, "courses/enrol_done.html", {"session": session, "email": result.email}
                )
    else:
        form = SignupEnrolForm(initial=_draft(request, session.pk))
    # A new account agrees to take part by signing up here (``user_signup_complete``).
    return _render_enrol(request, session, form, ask_consent=True)


def _render_enrol(request, session, form, *, same_course=(), confirm=False, ask_consent=False):
    status = 400 if form.is_bound and form.errors else 200
    return render(
        request,
        "courses/enrol.html",
        {
            "ask_consent": ask_consent,
            "session": session,
            "form": form,
            "enrolment_open": _enrolment_open(session),
            "login_url": _login_url(session),
            "same_course_dates": [
                date_format(timezone.localtime(en.session.starts_at), "j F Y")
                for en in same_course
                if en.session.starts_at
            ],
            "confirm_same_course": confirm,
        },
        status=status,
    )


def _say_enrolled(request, enrolment):
    if enrolment.status == Enrolment.Status.CONFIRMED:
        messages.success(request, _("Je bent ingeschreven. Je krijgt een bevestiging per e-mail."))
    else:
        messages.warning(
            request,
            _(
                "De cursus is vol. Je staat op de wachtlijst. "
                "Komt er een plaats vrij? Dan krijg je een e-mail."
            ),
        )


def _cancel_until(enrolment, session):
    """Until when a participant may cancel on the website (``None``: always, while open)."""
    if enrolment.status != Enrolment.Status.CONFIRMED or session.starts_at is None:
        return None
    return session.starts_at - timedelta(hours=session.course.cancellation_cutoff_hours)


def _decorate(enrolments, now, request=None):
    for enrolment in enrolments:
        session = enrolment.session
        enrolment.cancel_until = _cancel_until(enrolment, session)
        open_session = session.status in (Session.Status.DRAFT, Session.Status.PUBLISHED)
        enrolment.can_cancel = (
            enrolment.status in Enrolment.ACTIVE
            and open_session
            and (enrolment.cancel_until is None or now <= enrolment.cancel_until)
        )
        enrolment.call_trainer = (
            enrolment.status in Enrolment.ACTIVE and open_session and not enrolment.can_cancel
        )
        enrolment.trainers = [a.trainer for a in session.assignments.all()]
        enrolment.extra_links = enrolment_links(request, enrolment) if request else []
    return enrolments


def _starts_at_or_last(enrolment):
    """Sort key: sessions without a date yet go last."""
    starts_at = enrolment.session.starts_at
    return (starts_at is None, starts_at or timezone.now(), enrolment.pk)


@login_required
def my_courses(request):
    from ..models import Assignment

    now = timezone.now()
    enrolments = list(
        selectors.my_enrolments(user=request.user).prefetch_related(
            Prefetch(
                "session__assignments",
                queryset=Assignment.objects.select_related("trainer").order_by("role", "pk"),
            )
        )
    )
    _decorate(enrolments, now, request)
    # What is coming up: soonest first; what is over: most recent first.
    active = sorted(
        (en for en in enrolments if en.status in Enrolment.ACTIVE), key=_starts_at_or_last
    )
    past = [en for en in enrolments if en.status not in Enrolment.ACTIVE]
    token = calendar_token_get_or_create(user=request.user)
    return render(
        request,
        "courses/my_courses.html",
        {
            "active": active,
            "past": past,
            "feed_url": request.build_absolute_uri(token.get_absolute_url()),
        },
    )


def _my_enrolment(request, pk):
    return get_for_user_or_404(
        request.user,
        "courses.manage_enrolment",
        Enrolment.objects.filter(user=request.user).select_related(
            "session__course", "session__venue", "session__region"
        ),
        pk=pk,
    )


@login_required
@require_http_methods(["GET", "POST"])
def enrolment_cancel_view(request, pk: int):
    """Ask once ("Weet je het zeker?"), then cancel; after the cut-off, say: call the trainer."""
    enrolment = _my_enrolment(request, pk)
    error = None
    if request.method == "POST":
        try:
            enrolment_cancel(actor=request.user, enrolment=enrolment)
        except DomainError as exc:
            error = str(exc)
        else:
            messages.success(request, _("Je bent afgemeld."))
            return redirect("courses:my_courses")
    _decorate([enrolment], timezone.now())
    return render(
        request,
        "courses/enrolment_cancel.html",
        {"enrolment": enrolment, "session": enrolment.session, "error": error},
        status=409 if error else 200,
    )


@login_required
@require_POST
def calendar_regenerate(request):
    calendar_token_regenerate(user=request.user)
    messages.success(
        request,
        _("Je hebt een nieuwe agenda-link. De oude link werkt niet meer."),
    )
    return redirect(reverse("courses:my_courses") + "#agenda")


@require_http_methods(["GET", "POST"])
def invitation_accept(request, token: str):
    """The link in an invitation: confirm and you are enrolled (a place, or the waitlist).

    The secret link proves the mailbox. When the address has an account, only that account,
    logged in, can confirm: nobody's account is enrolled without them.
    """
    invitation = selectors.invitation_for_token(token=token)
    if invitation is None:
        return render(request, "courses/invitation.html", {"invalid": True}, status=404)
    login_url = f"{reverse('account_login')}?{urlencode({'next': request.get_full_path()})}"
    error, status = None, 200
    if request.method == "POST":
        try:
            enrolment = enrolment_invitation_accept(token=token, user=request.user)
        except InvitationNeedsOwner as exc:
            error, status = str(exc), 403
        except DomainError as exc:
            error, status = str(exc), 409
        else:
            if request.user.is_authenticated:
                _say_enrolled(request, enrolment)
                return redirect("courses:my_courses")
            return render(
                request,
                "courses/invitation.html",
                {"session": invitation.session, "enrolment": enrolment, "done": True},
            )
    return render(
        request,
        "courses/invitation.html",
        {
            "session": invitation.session,
            "invitation": invitation,
            "login_url": login_url,
            "error": error,
        },
        status=status,
    )
