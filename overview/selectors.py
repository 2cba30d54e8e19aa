"""The overview's figures for a filter: a fixed handful of queries over the stored buckets.

Every query reads :class:`~overview.models.ProgrammeFigure` / ``GrowthFigure`` (rows per course x
region x month), never sessions or enrolments, so the page costs the same at any data size.
"""

from dataclasses import dataclass, field
from datetime import date

from django.db.models import Q, Sum

from .models import GrowthFigure, ProgrammeFigure, Refresh

SESSION_STATUSES = ("draft", "published", "cancelled", "completed")
#: Seats that count as taken: enrolled, then present or absent after the session.
SEATED = ("confirmed", "attended", "no_show")
#: Sessions whose places were on offer (for the fill rate).
OFFERED = ("published", "completed")


@dataclass
class Filters:
    date_from: date | None = None
    date_to: date | None = None
    region: object | None = None
    course: object | None = None

    def q(self) -> Q:
        q = Q()
        if self.date_from:
            q &= Q(month__gte=self.date_from.replace(day=1))
        if self.date_to:
            q &= Q(month__lte=self.date_to.replace(day=1))
        if self.region is not None:
            q &= Q(region=self.region)
        if self.course is not None:
            q &= Q(course=self.course)
        return q


@dataclass
class Figures:
    totals: dict
    by_region: dict  # region id -> metric -> value
    by_month: dict  # month -> metric -> value
    growth: list  # competencies.selectors.GroupRow
    framework: object | None
    refreshed_at: object | None
    regions: list = field(default_factory=list)

    def total(self, *metrics) -> int:
        return sum(self.totals.get(m, 0) for m in metrics)

    # The headline numbers. A share is None when there is nothing to divide by.
    @property
    def sessions(self) -> int:
        return self.total(*(f"sessions.{s}" for s in SESSION_STATUSES))

    @property
    def enrolled(self) -> int:
        return self.total(*(f"enrolments.{s}" for s in SEATED))

    @property
    def waitlisted(self) -> int:
        return self.total("enrolments.waitlisted")

    @property
    def fill_rate(self) -> float | None:
        places = self.total(*(f"places.{s}" for s in OFFERED))
        return self.total(*(f"seats.{s}" for s in SEATED)) / places if places else None

    @property
    def attendance(self) -> float | None:
        present, absent = self.total("enrolments.attended"), self.total("enrolments.no_show")
        return present / (present + absent) if present + absent else None

    @property
    def both_lists_share(self) -> float | None:
        attended = self.total("enrolments.attended")
        return self.total("both_lists") / attended if attended else None


def _fold(rows, key) -> dict:
    out: dict = {}
    for row in rows:
        out.setdefault(row[key], {})[row["metric"]] = row["v"]
    return out


def overview_figures(filters: Filters, framework) -> Figures:
    from competencies.selectors import growth_from_sums

    programme = ProgrammeFigure.objects.filter(filters.q())
    totals = {
        row["metric"]: row["v"]
        for row in programme.values("metric").annotate(v=Sum("value")).order_by()
    }
    by_region = _fold(
        programme.values("region_id", "metric").annotate(v=Sum("value")).order_by(), "region_id"
    )
    by_month = _fold(
        programme.filter(month__isnull=False)
        .values("month", "metric")
        .annotate(v=Sum("value"))
        .order_by(),
        "month",
    )
    growth = []
    if framework is not None:
        sums = (
            GrowthFigure.objects.filter(filters.q(), framework_id=framework.pk)
            .values("competency_id", "moment", "units")
            .annotate(**{name: Sum(name) for name in GrowthFigure.SUMS})
            .order_by()
        )
        growth = growth_from_sums(framework, {(r["competency_id"], r["moment"]): r for r in sums})
    stamp = Refresh.objects.order_by("-refreshed_at").values_list("refreshed_at", flat=True)
    return Figures(
        totals=totals,
        by_region=by_region,
        by_month=dict(sorted(by_month.items())),
        growth=growth,
        framework=framework,
        refreshed_at=stamp.first(),
    )
