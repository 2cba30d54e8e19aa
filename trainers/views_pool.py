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

TILE_W, TILE_H, GAP, PER_ROW = 180, 90, 12, 4
PAGE_TRAINERS = 50  # the busiest on the page; the export lists everyone


def _filters(request) -> tuple[PoolFilterForm, PoolFilter]:
    if not can(request.user, "trainers.manage_pool"):
        raise Http404
    form = PoolFilterForm(request.GET or None)
    filters = PoolFilter()
    if form.is_valid():
        filters = PoolFilter(**form.cleaned_data)
    return form, filters


def _tiles(regions) -> dict:
    """A tile map: one tile per region with its numbers; positions are plain SVG units."""
    tiles = []
    for i, (region, counts, total) in enumerate(regions):
        col, row = i % PER_ROW, i // PER_ROW
        tiles.append(
            {
                "region": region,
                "x": col * (TILE_W + GAP),
                "y": row * (TILE_H + GAP),
                "total": total,
                "active": counts.get("active", 0),
                "in_programme": counts.get("candidate", 0) + counts.get("in_programme", 0),
            }
        )
    rows = max(1, (len(tiles) + PER_ROW - 1) // PER_ROW)
    return {
        "tiles": tiles,
        "width": PER_ROW * (TILE_W + GAP) - GAP,
        "height": rows * (TILE_H + GAP) - GAP,
        "tile_w": TILE_W,
        "tile_h": TILE_H,
    }


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
            "statuses": [(s, StatusPeriod.Status(s).label) for s in STATUSES],
            "funnel": [(str(FUNNEL_LABELS[k]), n, days) for k, n, days in data.funnel],
            "map": _tiles(data.regions),
            "query": request.GET.urlencode(),
        },
    )
