"""The pool dashboard for national staff, and its CSV/XLSX export (same figures as the page)."""

import csv
import io

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts.exports import cell
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
            "statuses": [(s, StatusPeriod.Status(s).label) for s in STATUSES],
            "funnel": [(str(FUNNEL_LABELS[k]), n, days) for k, n, days in data.funnel],
            "map": region_map(data.regions),
            "query": request.GET.urlencode(),
        },
    )


def _rows(data) -> list[list]:
    rows = [["regio", *STATUSES, "totaal"]]
    rows += [[r.name, *(c[s] for s in STATUSES), t] for r, c, t in data.regions]
    rows += [[], ["stap", "aantal", "mediaan_dagen"]]
    rows += [[k, n, "" if d is None else d] for k, n, d in data.funnel]
    rows += [[], ["trainer", "status", "sessies"]]
    rows += [[p.name, p.status, p.given] for p in data.sessions_per_trainer]
    return [[cell(v) for v in row] for row in rows]


@login_required
def dashboard_export(request, fmt: str):
    if fmt not in ("csv", "xlsx"):
        raise Http404
    _form, filters = _filters(request)
    rows = _rows(pool_dashboard(filters))
    if fmt == "csv":
        response = HttpResponse(content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = 'attachment; filename="trainerspool.csv"'
        csv.writer(response).writerows(rows)
        return response
    from openpyxl import Workbook

    book = Workbook(write_only=True)
    sheet = book.create_sheet(_("Trainerspool"))
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    response = HttpResponse(
        buffer.getvalue(),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = 'attachment; filename="trainerspool.xlsx"'
    return response
