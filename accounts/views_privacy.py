"""Mijn gegevens (what Leerkring holds about me, download it, ask to be forgotten) and the staff
page that does the same for a person on their request."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from . import personal_export
from .audit import log_view
from .exceptions import AlreadyErased
from .forms import ErasureConfirmForm, StaffErasureForm
from .models import ErasureRequest, User
from .permissions import get_for_user_or_404
from .personal_data import viewers_of
from .privacy import collect
from .services import (
    erasure_grace,
    erasure_request_cancel,
    erasure_request_create,
    export_job_request,
)


def _open_request(user) -> ErasureRequest | None:
    return user.erasure_requests.filter(cancelled_at__isnull=True, executed_at__isnull=True).first()


def _sections(user):
    """The kinds to list, and who looked (shown on its own, first: the reason to come here)."""
    sections = personal_export.readable(collect(user))
    return [s for s in sections if s["key"] != "accounts.views"], viewers_of(user)


@login_required
@require_GET
def my_data(request):
    sections, views = _sections(request.user)
    return render(
        request,
        "accounts/my_data.html",
        {
            "sections": sections,
            "views": views,
            "erasure": _open_request(request.user),
            "erase_form": ErasureConfirmForm(),
            "grace_days": erasure_grace().days,
        },
    )


@login_required
@require_POST
def my_data_download(request):
    """The ZIP is made in the background: the job page shows progress, then the download."""
    job = export_job_request(
        user=request.user,
        kind="accounts.my_data",
        params={"language": translation.get_language() or settings.LANGUAGE_CODE},
    )
    return redirect(job)


@login_required
@require_POST
def my_data_erase(request):
    form = ErasureConfirmForm(request.POST)
    if not form.is_valid():
        sections, views = _sections(request.user)
        return render(
            request,
            "accounts/my_data.html",
            {
                "sections": sections,
                "views": views,
                "erasure": None,
                "erase_form": form,
                "grace_days": erasure_grace().days,
            },
            status=400,
        )
    try:
        erasure = erasure_request_create(user=request.user, actor=request.user)
    except AlreadyErased as error:
        messages.error(request, error.user_message)
    else:
        when = formats.date_format(timezone.localtime(erasure.execute_after), "DATE_FORMAT")
        messages.success(
            request, _("We wissen je gegevens op %(date)s. Je krijgt een e-mail.") % {"date": when}
        )
    return redirect("accounts:my_data")


@login_required
@require_POST
def my_data_erase_cancel(request):
    request_obj = _open_request(request.user)
    if request_obj is not None:
        erasure_request_cancel(request=request_obj, actor=request.user)
        messages.success(request, _("We wissen je gegevens niet. Alles blijft zoals het was."))
    return redirect("accounts:my_data")


# --- Staff ----------------------------------------------------------------------------------


def _person(request, pk) -> User:
    return get_for_user_or_404(
        request.user, "accounts.manage_personal_data", User.objects.all(), pk=pk
    )


@login_required
@require_http_methods(["GET", "POST"])
def person_data(request, pk: int):
    """A person's data for national staff, with erasure on their request (a reason is needed).

    Looking is logged ("who looked"), so the person sees it on their own page.
    """
    person = _person(request, pk)
    form = StaffErasureForm(request.POST or None)
    if request.method == "POST":
        if form.is_valid():
            try:
                erasure_request_create(
                    user=person, actor=request.user, reason=form.cleaned_data["reason"]
                )
            except AlreadyErased as error:
                messages.error(request, error.user_message)
            else:
                messages.success(request, _("Het verzoek staat klaar. Het wordt later uitgevoerd."))
            return redirect("accounts:person_data", pk=person.pk)
    else:
        log_view(actor=request.user, verb="accounts.personal_export_viewed", target=person)
    sections, views = _sections(person)
    return render(
        request,
        "accounts/person_data.html",
        {
            "person": person,
            "sections": sections,
            "views": views,
            "erasure": _open_request(person),
            "past": person.erasure_requests.exclude(executed_at__isnull=True).first(),
            "form": form,
            "grace_days": erasure_grace().days,
        },
        status=400 if request.method == "POST" else 200,
    )


@login_required
@require_POST
def person_data_download(request, pk: int):
    person = _person(request, pk)
    log_view(actor=request.user, verb="accounts.personal_export_downloaded", target=person)
    job = export_job_request(
        user=request.user,
        kind="accounts.person_data",
        params={"person": person.pk, "language": translation.get_language()},
    )
    return redirect(job)


@login_required
@require_POST
def person_erasure_cancel(request, pk: int):
    person = _person(request, pk)
    request_obj = _open_request(person)
    if request_obj is not None:
        erasure_request_cancel(request=request_obj, actor=request.user)
        messages.success(request, _("Het verzoek is teruggedraaid."))
    return redirect("accounts:person_data", pk=person.pk)
