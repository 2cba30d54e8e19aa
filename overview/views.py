"""The national overview page for staff: figures, a chart per topic and its table, filters."""

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import render
from django.utils import formats
from django.utils.translation import gettext as _

from accounts.permissions import can

from . import charts
from .forms import OverviewFilterForm
from .models import Refresh
from .selectors import SESSION_STATUSES, Filters, overview_figures
from .services import overview_refresh


def filters_from(request) -> tuple[OverviewFilterForm, Filters]:
    if not can(request.user, "overview.view"):
        raise Http404
    form = OverviewFilterForm(request.GET or None)
    filters = Filters()
    if form.is_valid():
        filters = Filters(**form.cleaned_data)
    return form, filters


def framework_for(filters: Filters):
    from competencies import selectors

    if filters.course is not None:
        return selectors.framework_for_course(filters.course)
    return selectors.default_framework()


def _pct(value):
    return None if value is None else round(value * 100, 1)


def _session_section(figures):
    from courses.models import Session

    labels = dict(Session.Status.choices)
    rows = [(labels[s], figures.total(f"sessions.{s}")) for s in SESSION_STATUSES]
    chart = charts.bars(
        title=_("Sessies per status"),
        desc=", ".join(f"{label}: {n}" for label, n in rows),
        rows=[charts.Row(label, [n]) for label, n in rows],
        series=[charts.Series(_("Sessies"), "s1")],
    )
    return {"chart": chart, "rows": rows}


def _region_section(figures, regions):
    rows = []
    for region in regions:
        m = figures.by_region.get(region.pk, {})
        sessions = sum(m.get(f"sessions.{s}", 0) for s in SESSION_STATUSES)
        enrolled = sum(m.get(f"enrolments.{s}", 0) for s in ("confirmed", "attended", "no_show"))
        waiting = m.get("enrolments.waitlisted", 0)
        if sessions or enrolled or waiting:
            rows.append((region.name, sessions, enrolled, waiting))
    chart = charts.bars(
        title=_("Inschrijvingen en wachtlijst per regio"),
        desc="; ".join(
            _("%(region)s: %(enrolled)s ingeschreven, %(waiting)s op de wachtlijst")
            % {"region": name, "enrolled": e, "waiting": w}
            for name, _s, e, w in rows
        ),
        rows=[charts.Row(name, [e, w]) for name, _s, e, w in rows],
        series=[
            charts.Series(_("Ingeschreven"), "s1"),
            charts.Series(_("Op de wachtlijst"), "s2"),
        ],
    )
    return {"chart": chart, "rows": rows}


def _month_section(figures):
    rows = []
    for month, m in figures.by_month.items():
        sessions = sum(m.get(f"sessions.{s}", 0) for s in SESSION_STATUSES)
        enrolled = sum(m.get(f"enrolments.{s}", 0) for s in ("confirmed", "attended", "no_show"))
        label = formats.date_format(month, "F Y")
        rows.append((label, sessions, enrolled, m.get("enrolments.waitlisted", 0)))
    chart = charts.bars(
        title=_("Sessies per maand"),
        desc=", ".join(f"{label}: {n}" for label, n, _e, _w in rows),
        rows=[charts.Row(label, [n]) for label, n, _e, _w in rows],
        series=[charts.Series(_("Sessies"), "s1")],
    )
    return {"chart": chart, "rows": rows}


def _rates_section(figures):
    rows = [
        (
            _("Bezetting"),
            _("plaatsen gevuld van gepubliceerde en afgeronde sessies"),
            _pct(figures.fill_rate),
        ),
        (_("Opkomst"), _("aanwezig, van wie kwam of wegbleef"), _pct(figures.attendance)),
        (
            _("Lijst voor én na"),
            _("deelnemers die de lijst voor én na de cursus invulden"),
            _pct(figures.both_lists_share),
        ),
    ]
    chart = charts.bars(
        title=_("Bezetting, opkomst en ingevulde lijsten (procent)"),
        desc=", ".join(
            f"{label}: {_('onbekend') if v is None else formats.number_format(v, 1)}%"
            for label, _m, v in rows
        ),
        rows=[charts.Row(label, [v]) for label, _m, v in rows],
        series=[charts.Series(_("Procent"), "s1")],
        high=100,
        decimals=1,
        suffix="%",
        ticks=[0, 25, 50, 75, 100],
    )
    return {"chart": chart, "rows": rows}


def _growth_section(figures):
    if not figures.growth:
        return None
    scale_low, scale_high = 1, 4
    rows, chart_rows = [], []
    for row in figures.growth:
        name = (
            f"{row.competency.number}. {row.competency.name}" if row.competency else _("Hele lijst")
        )
        post, later = row.post, row.follow_up
        rows.append({"name": name, "lines": [("post", post), ("follow_up", later)]})
        chart_rows.append(
            charts.Row(
                name,
                [
                    post.mean_pre if post.shown else None,
                    post.mean_post if post.shown else None,
                    later.mean_post if later.shown else None,
                ],
            )
        )
    shown = any(v is not None for r in chart_rows for v in r.values)
    chart = None
    if shown:
        chart = charts.bars(
            title=_("Gemiddelde score per competentie: voor, na en later"),
            desc=_(
                "Score van 1 tot 4 per competentie, voor de cursus, na de cursus en later. "
                "Alleen groepen van 5 mensen of meer. De tabel hieronder geeft alle getallen."
            ),
            rows=chart_rows,
            series=[
                charts.Series(_("Voor de cursus"), "s3"),
                charts.Series(_("Na de cursus"), "s1"),
                charts.Series(_("Later"), "s2"),
            ],
            low=scale_low,
            high=scale_high,
            decimals=2,
            ticks=[1, 2, 3, 4],
        )
    return {"chart": chart, "rows": rows}


def _pool_section(region_filter):
    from trainers.models import StatusPeriod
    from trainers.pool import STATUSES, counts_by_region
    from trainers.selectors import profiles_with_status

    profiles = profiles_with_status()
    if region_filter is not None:
        profiles = profiles.filter(regions=region_filter)
    regions, totals = counts_by_region(profiles)
    labels = [(s, StatusPeriod.Status(s).label) for s in STATUSES]
    chart = charts.bars(
        title=_("Trainers per status"),
        desc=", ".join(f"{label}: {totals.get(s, 0)}" for s, label in labels),
        rows=[charts.Row(label, [totals.get(s, 0)]) for s, label in labels],
        series=[charts.Series(_("Trainers"), "s1")],
    )
    table = [(r.name, [c.get(s, 0) for s, _l in labels], total) for r, c, total in regions]
    return {"chart": chart, "labels": [label for _s, label in labels], "regions": table}


@login_required
def index(request):
    from accounts.models import Region

    form, filters = filters_from(request)
    if not Refresh.objects.exists():  # a fresh install before beat's first run: fold once now
        overview_refresh()
    framework = framework_for(filters)
    figures = overview_figures(filters, framework)
    regions = [filters.region] if filters.region else list(Region.objects.order_by("name"))
    return render(
        request,
        "overview/index.html",
        {
            "form": form,
            "filters": filters,
            "figures": figures,
            "fill_rate": _pct(figures.fill_rate),
            "attendance": _pct(figures.attendance),
            "both_lists": _pct(figures.both_lists_share),
            "sessions": _session_section(figures),
            "per_region": _region_section(figures, regions),
            "per_month": _month_section(figures),
            "rates": _rates_section(figures),
            "growth": _growth_section(figures),
            "pool": _pool_section(filters.region),
        },
    )
