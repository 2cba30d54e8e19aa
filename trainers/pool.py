"""The pool dashboard's figures for national staff: a fixed number of queries at any size.

Every figure is one aggregate query (or one flat ``values`` list folded in Python), so the page
costs the same number of queries for 20 trainers or 2,000.
"""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from statistics import median

from django.db.models import Count, Exists, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone

from accounts.models import Region
from courses.models import Assignment, Enrolment, Qualification, Session

from .models import Application, ProgrammeStep, StatusPeriod, TrainerProfile
from .selectors import GIVING_ROLES, inactive_trainers, profiles_with_status

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
    quiet: list = field(default_factory=list)
    sessions_per_trainer: list = field(default_factory=list)  # profiles with .given


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


def _funnel(profiles) -> list:
    """How many people reached each step, and the median days from the previous step."""
    ids = profiles.values("pk")
    reached: dict[str, dict[int, datetime]] = {k: {} for k in FUNNEL}
    for app in Application.objects.filter(
        Q(user__trainer_profile__in=ids) | Q(status=Application.Status.PENDING)
    ).values("pk", "user_id", "created_at", "user__trainer_profile"):
        key = app["user__trainer_profile"] or -app["pk"]
        reached["applied"].setdefault(key, app["created_at"])
    periods = StatusPeriod.objects.filter(
        profile__in=ids, status__in=(ST.CANDIDATE, ST.CERTIFIED)
    ).values_list("profile_id", "status", "started_at")
    for profile_id, status, started_at in periods.order_by("started_at"):
        reached[status].setdefault(profile_id, started_at)
    steps = ProgrammeStep.objects.filter(
        profile__in=ids, outcome=ProgrammeStep.Outcome.PASSED
    ).values_list("profile_id", "step", "decided_at")
    for profile_id, step, decided_at in steps.order_by("decided_at"):
        reached[step].setdefault(profile_id, decided_at)
    funnel = []
    for i, stage in enumerate(FUNNEL):
        days = None
        if i:
            prev = reached[FUNNEL[i - 1]]
            spans = [
                (when - prev[pid]).total_seconds() / 86400
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
        profiles_with_status().filter(status=ST.ACTIVE).values_list("regions", flat=True).distinct()
    )
    regions = Region.objects.filter(pk__in=[pk for pk in waiting if pk not in staffed])
    return [(region, waiting[region.pk]) for region in regions]


def _sessions_per_trainer(profiles, start, end, limit: int | None) -> list:
    given = Coalesce(
        Subquery(
            Assignment.objects.filter(
                trainer=OuterRef("user_id"),
                role__in=GIVING_ROLES,
                session__status__in=(Session.Status.PUBLISHED, Session.Status.COMPLETED),
                session__starts_at__gte=start,
                session__starts_at__lt=end,
            )
            .order_by()
            .values("trainer")
            .annotate(n=Count("pk"))
            .values("n")[:1]
        ),
        0,
    )
    rows = (
        profiles.filter(status__in=(ST.CERTIFIED, ST.ACTIVE))
        .annotate(given=given)
        .select_related("user")
        .only("pk", "user__display_name")
        .order_by("-given", "user__display_name", "pk")
    )
    return list(rows[:limit] if limit else rows)


def pool_dashboard(
    filters: PoolFilter | None = None,
    *,
    now: datetime | None = None,
    per_trainer_limit: int | None = None,
) -> Dashboard:
    """Every figure of the dashboard; ``per_trainer_limit`` keeps the page's trainer list short
    (the busiest first), while the export lists everyone."""
    filters = filters or PoolFilter()
    now = now or timezone.now()
    profiles = filters.profiles()
    regions, totals = counts_by_region(profiles)
    start, end = filters.window(now)
    return Dashboard(
        regions=regions,
        totals=totals,
        funnel=_funnel(profiles),
        demand_without_trainer=_demand_without_trainer(),
        quiet=list(inactive_trainers(now=now, profiles=profiles).select_related("user")),
        sessions_per_trainer=_sessions_per_trainer(profiles, start, end, per_trainer_limit),
    )
