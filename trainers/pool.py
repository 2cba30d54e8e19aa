"""The pool dashboard's figures for national staff: a fixed number of queries at any size.

Every figure is one aggregate query (or one flat ``values`` list folded in Python), so the page
costs the same number of queries for 20 trainers or 2,000.
"""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from statistics import median

from django.db.models import (
    BooleanField,
    Count,
    Exists,
    ExpressionWrapper,
    FloatField,
    Func,
    OuterRef,
    Q,
    QuerySet,
)
from django.utils import timezone

from accounts.models import Region
from courses.models import Enrolment, Qualification, Session

from .models import Application, ProgrammeStep, StatusPeriod, TrainerProfile
from .selectors import GIVING_ROLES, QUIET_AFTER, profiles_with_status

ST = StatusPeriod.Status
STATUSES = [s.value for s in ST]
FUNNEL = ["applied", "candidate", "stage", "cursus", "intervisie", "certified"]


@dataclass
class PoolFilter:
    region: Region | None = None
    course: object | None = None
    date_from: date | None = None
    date_to: date | None = None

    def profiles(self) -> QuerySet[TrainerProfile]:
        qs = profiles_with_status()
        if self.region is not None:
            qs = qs.filter(regions=self.region)
        if self.course is not None:
            qs = qs.filter(
                Exists(
                    Qualification.objects.filter(trainer=OuterRef("user_id"), course=self.course)
                )
            )
        return qs

    def window(self, now: datetime) -> tuple[datetime, datetime]:
        """The period for session counts: the filter's dates, else the last 12 months."""
        tz = timezone.get_current_timezone()
        end = (
            datetime.combine(self.date_to + timedelta(days=1), datetime.min.time(), tz)
            if self.date_to
            else now
        )
        start = (
            datetime.combine(self.date_from, datetime.min.time(), tz)
            if self.date_from
            else end - timedelta(days=365)
        )
        return start, end


@dataclass
class Dashboard:
    regions: list = field(default_factory=list)  # [(region, {status: n}, total)]
    totals: dict = field(default_factory=dict)
    funnel: list = field(default_factory=list)  # [(stage, count, median_days or None)]
    demand_without_trainer: list = field(default_factory=list)  # [(region, waitlisted)]
    quiet: list = field(default_factory=list)  # [TrainerRow], by name
    quiet_total: int = 0  # all quiet trainers; ``quiet`` may be cut short for the page
    sessions_per_trainer: list = field(default_factory=list)  # [TrainerRow], busiest first


def counts_by_region(profiles) -> tuple[list, dict]:
    rows = (
        profiles.filter(status__isnull=False)
        .values("regions", "status")
        .annotate(n=Count("pk", distinct=True))
        .order_by()
    )
    by_region: dict[int, dict[str, int]] = defaultdict(lambda: dict.fromkeys(STATUSES, 0))
    for row in rows:
        if row["regions"] is not None:
            by_region[row["regions"]][row["status"]] += row["n"]
    totals = dict.fromkeys(STATUSES, 0)
    for row in profiles.filter(status__isnull=False).values("status").annotate(n=Count("pk")):
        totals[row["status"]] = row["n"]
    regions = [
        (region, by_region[region.pk], sum(by_region[region.pk].values()))
        for region in Region.objects.filter(Q(is_pilot=True) | Q(pk__in=list(by_region)))
    ]
    return regions, totals


class EpochDays(Func):
    """A moment as days since 1970 (a float): the funnel only subtracts moments, and a float
    is far cheaper to fetch than a timezone-aware datetime for thousands of rows."""

    output_field = FloatField()
    template = "(EXTRACT(EPOCH FROM %(expressions)s)::float8 / 86400.0)"

    @property
    def convert_value(self):
        # Both databases already hand back a float: skip Django's per-row float() converter,
        # which cost more than the query itself over the funnel's thousands of rows.
        return self._convert_value_noop

    def as_sqlite(self, compiler, connection, **extra):
        return self.as_sql(
            compiler, connection, template="(julianday(%(expressions)s) - 2440587.5)", **extra
        )


def _funnel(profiles) -> list:
    """How many people reached each step, and the median days from the previous step.

    A step's moment is its own date: the application's, the start of the candidate and
    certified periods, the decision on each passed programme step (the earliest one counts).
    """
    ids = profiles.values("pk")
    reached: dict[str, dict[int, float]] = {k: {} for k in FUNNEL}
    applications = (
        Application.objects.filter(
            Q(user__trainer_profile__in=ids) | Q(status=Application.Status.PENDING)
        )
        .annotate(day=EpochDays("created_at"))
        .order_by("created_at", "pk")
        .values_list("pk", "user__trainer_profile", "day")
    )
    for pk, profile_id, day in applications:
        reached["applied"].setdefault(profile_id or -pk, day)
    periods = (
        StatusPeriod.objects.filter(profile__in=ids, status__in=(ST.CANDIDATE, ST.CERTIFIED))
        .annotate(day=EpochDays("started_at"))
        .order_by("started_at", "pk")
        .values_list("profile_id", "status", "day")
    )
    for profile_id, status, day in periods:
        reached[status].setdefault(profile_id, day)
    steps = (
        ProgrammeStep.objects.filter(profile__in=ids, outcome=ProgrammeStep.Outcome.PASSED)
        .annotate(day=EpochDays("decided_at"))
        .order_by("decided_at", "pk")
        .values_list("profile_id", "step", "day")
    )
    for profile_id, step, day in steps:
        reached[step].setdefault(profile_id, day)
    funnel = []
    for i, stage in enumerate(FUNNEL):
        days = None
        if i:
            prev = reached[FUNNEL[i - 1]]
            spans = [
                when - prev[pid]
                for pid, when in reached[stage].items()
                if pid in prev and when >= prev[pid]
            ]
            days = round(median(spans), 1) if spans else None
        funnel.append((stage, len(reached[stage]), days))
    return funnel


def _demand_without_trainer() -> list:
    waiting = dict(
        Enrolment.objects.filter(
            status=Enrolment.Status.WAITLISTED, session__status=Session.Status.PUBLISHED
        )
        .values_list("session__region")
        .annotate(n=Count("pk"))
        .order_by()
    )
    staffed = set(
        profiles_with_status()
        .filter(status=ST.ACTIVE)
        .order_by()
        .values_list("regions", flat=True)
        .distinct()
    )
    regions = Region.objects.filter(pk__in=[pk for pk in waiting if pk not in staffed])
    return [(region, waiting[region.pk]) for region in regions]


@dataclass(frozen=True)
class TrainerRow:
    pk: int
    user_id: int
    name: str
    status: str
    given: int
    quiet: bool = False


def _giving(since: datetime, until: datetime, *, until_inclusive: bool = False) -> Q:
    ends = "lte" if until_inclusive else "lt"
    return Q(
        user__assignments__role__in=GIVING_ROLES,
        user__assignments__session__status__in=(Session.Status.PUBLISHED, Session.Status.COMPLETED),
        user__assignments__session__starts_at__gte=since,
        **{f"user__assignments__session__starts_at__{ends}": until},
    )


def _trainer_rows(profiles, start, end, now: datetime) -> tuple[list, list]:
    """Certified and active trainers with the sessions they gave (lead or co-trainer) in the
    window, and the quiet ones among them, from ONE grouped join.

    Quiet is :func:`selectors.inactive_trainers`' rule (active for over a year, nothing given
    in the last 12 months) as a second conditional count over the same join, so the dashboard
    does not pay a correlated subquery per trainer for either figure. Plain rows, no model
    instances: the page shows names and numbers only.
    """
    cutoff = now - QUIET_AFTER
    rows = (
        profiles.filter(status__in=(ST.CERTIFIED, ST.ACTIVE))
        .annotate(settled=ExpressionWrapper(Q(status_since__lt=cutoff), BooleanField()))
        .values("pk", "user_id", "user__display_name", "status", "settled")
        .annotate(
            given=Count("user__assignments", filter=_giving(start, end)),
            recent=Count("user__assignments", filter=_giving(cutoff, now, until_inclusive=True)),
        )
        .order_by()
    )
    trainers, quiet = [], []
    for row in rows:
        is_quiet = row["status"] == ST.ACTIVE and row["settled"] and not row["recent"]
        item = TrainerRow(
            row["pk"],
            row["user_id"],
            row["user__display_name"],
            row["status"],
            row["given"],
            is_quiet,
        )
        trainers.append(item)
        if is_quiet:
            quiet.append(item)
    trainers.sort(key=lambda r: (-r.given, r.name, r.pk))
    quiet.sort(key=lambda r: (r.name, r.pk))
    return trainers, quiet


def pool_dashboard(
    filters: PoolFilter | None = None,
    *,
    now: datetime | None = None,
    per_trainer_limit: int | None = None,
) -> Dashboard:
    """Every figure of the dashboard; ``per_trainer_limit`` keeps the page's trainer lists short
    (the busiest first, the quiet ones by name), so the page costs the same at any pool size,
    while the export lists everyone."""
    filters = filters or PoolFilter()
    now = now or timezone.now()
    profiles = filters.profiles()
    regions, totals = counts_by_region(profiles)
    start, end = filters.window(now)
    trainers, quiet = _trainer_rows(profiles, start, end, now)
    return Dashboard(
        regions=regions,
        totals=totals,
        funnel=_funnel(profiles),
        demand_without_trainer=_demand_without_trainer(),
        quiet=quiet[:per_trainer_limit] if per_trainer_limit else quiet,
        quiet_total=len(quiet),
        sessions_per_trainer=trainers[:per_trainer_limit] if per_trainer_limit else trainers,
    )
