from copy import copy

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from .forms import ProfileForm
from .redirects import safe_next_url
from .services import user_profile_update


def admin_login_redirect(request):
    """The Wagtail admin's log-in: hand over to allauth's (rate-limited, MFA) form."""
    next_url = safe_next_url(request, request.GET.get("next"), fallback="/beheer/")
    return HttpResponseRedirect(f"{reverse('account_login')}?{urlencode({'next': next_url})}")


@login_required
def dashboard(request):
    return render(request, "accounts/dashboard.html")


@login_required
@require_http_methods(["GET", "POST"])
def profile_edit(request):
    # A copy: the form writes cleaned values onto its instance, the service compares with the user.
    form = ProfileForm(request.POST or None, instance=copy(request.user))
    if request.method == "POST" and form.is_valid():
        user_profile_update(
            user=request.user,
            actor=request.user,
            **{field: form.cleaned_data[field] for field in form.Meta.fields},
        )
        messages.success(request, _("Je gegevens zijn opgeslagen."))
        return redirect("accounts:dashboard")
    return render(request, "accounts/profile_edit.html", {"form": form})
