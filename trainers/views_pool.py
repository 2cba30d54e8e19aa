"""The pool dashboard for national staff. Its CSV/XLSX export is a background job
(:mod:`trainers.exports`), with the same figures as the page and every trainer."""

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import render
from django.utils.translation import gettext_lazy

from accounts.permissions import can

from .forms import PoolFilterForm
from .models import StatusPeriod
from .pool import STATUSES, PoolFilter, pool_dashboard
from .region_map import region_map

PAGE_TRAINERS = 50  # the busiest on the page; the export lists everyone


def _filters(request) -> tuple[PoolFilterForm, PoolFilter]:
    if not can(request.user, "trainers.manage_pool"):
        raise Http404
    form = PoolFilterForm(request.GET or None)
    filters = PoolFilter()
    if form.is_valid():
        filters = PoolFilter(**form.cleaned_data)
    return form, filters


FUNNEL_LABELS = {
    "applied": gettext_lazy("Aangemeld"),
    "candidate": gettext_lazy("Kandidaat"),
    "stage": gettext_lazy("Stage gehaald"),
    "cursus": gettext_lazy("Cursus gehaald"),
    "intervisie": gettext_lazy("Intervisie gehaald"),
    "certified": gettext_lazy("Gecertificeerd"),
}


@login_required
def dashboard(request):
    form, filters = _filters(request)
    data = pool_dashboard(filters, per_trainer_limit=PAGE_TRAINERS)
    return render(
        request,
        "trainers/staff/dashboard.html",
        {
            "form": form,
            "data": data,
            "statuses": [StatusPeriod.Status(s).label for s in STATUSES],
            # Counts in the columns' order: the template only prints, it does not look up.
            "region_rows": [
                (region, [counts[s] for s in STATUSES], total)
                for region, counts, total in data.regions
            ],
            "funnel": [(str(FUNNEL_LABELS[k]), n, days) for k, n, days in data.funnel],
            "map": region_map(data.regions),
            "query": request.GET.urlencode(),
        },
    )
