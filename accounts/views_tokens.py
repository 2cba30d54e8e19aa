"""API keys on the profile: national staff make and revoke their own (shown once, audited)."""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST

from .exceptions import DomainError
from .models import StaffApiToken
from .roles import is_national_staff
from .services import api_token_create, api_token_revoke


class TokenForm(forms.Form):
    name = forms.CharField(
        label=gettext_lazy("Waar gebruik je de sleutel voor?"),
        max_length=100,
        help_text=gettext_lazy("Bijvoorbeeld: maandrapport. Zo herken je hem later."),
    )


@login_required
@require_http_methods(["GET", "POST"])
def api_tokens(request):
    if not is_national_staff(request.user):
        raise Http404
    form = TokenForm(request.POST or None)
    raw = None
    if request.method == "POST" and form.is_valid():
        try:
            _token, raw = api_token_create(user=request.user, name=form.cleaned_data["name"])
        except DomainError as error:
            form.add_error(None, error.user_message)
        else:
            form = TokenForm()
    tokens = list(request.user.staff_api_tokens.all())
    context = {
        "form": form,
        "tokens": tokens,
        "raw": raw,
        "header_example": "Authorization: Bearer …",  # HTTP syntax, never translated
    }
    response = render(request, "accounts/api_tokens.html", context)
    if raw:
        response["Cache-Control"] = "no-store"
    return response


@login_required
@require_POST
def api_token_revoke_view(request, pk: int):
    if not is_national_staff(request.user):
        raise Http404
    token = get_object_or_404(StaffApiToken, pk=pk, user=request.user)
    api_token_revoke(user=request.user, token=token)
    messages.success(request, _("De API-sleutel is ingetrokken."))
    return redirect("accounts:api_tokens")
