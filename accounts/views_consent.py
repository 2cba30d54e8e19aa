"""The privacy pages: the notice, "Mijn toestemmingen", re-consent, and logging out everywhere.

Giving and withdrawing are the same size: one button per purpose, no extra questions, so
withdrawing is exactly as easy as giving.
"""

from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.http import HttpResponseBadRequest
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from .exceptions import DomainError
from .forms import RepresentativeForm
from .models import ConsentPurpose
from .redirects import safe_next_url
from .selectors import consent_history, consents_overview, current_privacy_notice
from .services import (
    consent_give,
    consent_give_many,
    consent_renew,
    consent_withdraw,
    user_sessions_end_all,
)


def _next(request, fallback: str) -> str:
    return safe_next_url(
        request, request.POST.get("next") or request.GET.get("next"), fallback=fallback
    )


def notice_sections(text: str) -> list[dict]:
    """Plain notice text as sections: a block's first line without a full stop is its title,
    lines starting with "- " are list items, other lines are short paragraphs."""
    sections = []
    for block in text.strip().split("\n\n"):
        lines = [line.strip() for line in block.splitlines() if line.strip()]
        if not lines:
            continue
        title = ""
        if len(lines) > 1 and not lines[0].endswith((".", ":")):
            title, lines = lines[0], lines[1:]
        sections.append(
            {
                "title": title,
                "paragraphs": [line for line in lines if not line.startswith("- ")],
                "items": [line[2:] for line in lines if line.startswith("- ")],
            }
        )
    return sections


def privacy_notice(request):
    """The current notice for everyone, easy-read first, with the full text below it."""
    notice = current_privacy_notice()
    return render(
        request,
        "accounts/privacy_notice.html",
        {
            "notice": notice,
            "easy_read": notice_sections(notice.easy_read_text) if notice else [],
            "full": notice_sections(notice.text) if notice else [],
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def consents(request):
    if request.method == "POST":
        purpose = request.POST.get("purpose", "")
        action = request.POST.get("action", "")
        if purpose not in ConsentPurpose.values or action not in {"give", "withdraw"}:
            return HttpResponseBadRequest(_("Onbekende keuze."))
        label = ConsentPurpose(purpose).label
        try:
            if action == "give":
                consent_give(user=request.user, purpose=purpose, actor=request.user)
                messages.success(
                    request, _("Je hebt toestemming gegeven: %(what)s.") % {"what": label}
                )
            else:
                consent_withdraw(user=request.user, purpose=purpose, actor=request.user)
                messages.success(
                    request, _("Je toestemming is ingetrokken: %(what)s.") % {"what": label}
                )
        except DomainError as exc:
            messages.error(request, exc.user_message)
        return redirect(_next(request, reverse("accounts:consents")))
    return render(
        request,
        "accounts/consents.html",
        {
            "purposes": consents_overview(request.user),
            "history": consent_history(request.user),
            "notice": current_privacy_notice(),
            "next": _next(request, ""),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def consent_representative(request):
    """A legal representative (curator, mentor, ...) gives consent for this account's person."""
    form = RepresentativeForm(request.POST or None)
    next_url = _next(request, reverse("accounts:consents"))
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                consent_give_many(
                    user=request.user,
                    purposes=form.cleaned_data["purposes"],
                    actor=request.user,
                    representative=form.representative(),
                )
            except DomainError as exc:
                form.add_error(None, exc.user_message)
                status = 400
            else:
                messages.success(request, _("Dank u. De toestemming is vastgelegd."))
                return redirect(next_url)
        else:
            status = 400
    return render(
        request,
        "accounts/consent_representative.html",
        {"form": form, "next": next_url, "notice": current_privacy_notice()},
        status=status,
    )


@login_required
@require_http_methods(["GET", "POST"])
def reconsent(request):
    """A new privacy notice: read what it says, then agree (or change your choices)."""
    next_url = _next(request, reverse("accounts:dashboard"))
    if request.method == "POST":
        try:
            consent_renew(user=request.user, actor=request.user)
        except DomainError as exc:
            messages.error(request, exc.user_message)
        else:
            messages.success(
                request, _("Dank je. Je toestemming geldt nu ook voor de nieuwe tekst.")
            )
        return redirect(next_url)
    notice = current_privacy_notice()
    return render(
        request,
        "accounts/reconsent.html",
        {
            "easy_read": notice_sections(notice.easy_read_text) if notice else [],
            "purposes": [p for p in consents_overview(request.user) if p["record"]],
            "next": next_url,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def logout_everywhere(request):
    """End every session of this person, on this device too (a lost phone, a shared computer)."""
    if request.method == "POST":
        user_sessions_end_all(user=request.user, actor=request.user)
        logout(request)
        messages.success(request, _("Je bent uitgelogd op alle apparaten. Log opnieuw in."))
        return redirect("account_login")
    return render(request, "accounts/logout_everywhere.html")
