"""Reads used by several callers: frameworks, a person's results, group growth."""

from collections import defaultdict
from dataclasses import dataclass

from django.core.cache import cache
from django.db.models import Count, Prefetch, Sum

from . import stats
from .models import (
    Answer,
    Competency,
    CourseFramework,
    Framework,
    GrowthSummary,
    ScaleOption,
    SelfAssessment,
    Statement,
    SubTask,
)
from .scoring import Scorecard, score

MOVISIE_SLUG = "movisie-2011"


@dataclass(frozen=True)
class Shape:
    """What validating an answer needs: the scale's values and the framework's statements."""

    scale: frozenset
    statements: frozenset


def framework_shape(framework_id: int) -> Shape:
    """Cached briefly: saving an answer should not re-read the instrument every time."""
    key = f"competencies:shape:{framework_id}"
    shape = cache.get(key)
    if shape is None:
        shape = Shape(
            scale=frozenset(
                ScaleOption.objects.filter(framework_id=framework_id).values_list(
                    "value", flat=True
                )
            ),
            statements=frozenset(
                Statement.objects.filter(competency__framework_id=framework_id).values_list(
                    "pk", flat=True
                )
            ),
        )
        cache.set(key, shape, 300)
    return shape


def default_framework() -> Framework | None:
    return (
        Framework.objects.filter(slug=MOVISIE_SLUG, is_active=True).first()
        or Framework.objects.filter(is_active=True).order_by("pk").first()
    )


def framework_for_course(course) -> Framework | None:
    link = CourseFramework.objects.select_related("framework").filter(course=course).first()
    return link.framework if link else default_framework()


def competencies_with_statements(framework) -> list[Competency]:
    return list(
        Competency.objects.filter(framework=framework)
        .order_by("number")
        .prefetch_related(Prefetch("statements", queryset=Statement.objects.order_by("number")))
    )


def framework_screen(framework_id: int) -> tuple[list[Competency], list[ScaleOption]]:
    """The instrument as a competency screen shows it: competencies with their statements, and
    the scale. Every screen of every list reads the same three tables, which change only when
    staff edit a framework, so it is cached as briefly as ``framework_shape``."""
    key = f"competencies:screen:{framework_id}"
    screen = cache.get(key)
    if screen is None:
        screen = (
            competencies_with_statements(framework_id),
            list(ScaleOption.objects.filter(framework_id=framework_id).order_by("value")),
        )
        cache.set(key, screen, 300)
    return screen


def high_values(framework) -> set[int]:
    return set(framework.scale_options.filter(is_high=True).values_list("value", flat=True))


def scorecard(assessment: SelfAssessment, competencies=None, highs=None) -> Scorecard:
    competencies = competencies or competencies_with_statements(assessment.framework)
    highs = highs if highs is not None else high_values(assessment.framework)
    answers = dict(assessment.answers.values_list("statement_id", "value"))
    return score(competencies=competencies, high_values=highs, answers=answers)


def sub_tasks(framework) -> list[SubTask]:
    return list(
        SubTask.objects.filter(core_task__framework=framework)
        .select_related("core_task")
        .prefetch_related("competencies")
        .order_by("core_task__number", "number")
    )


@dataclass
class TaskFit:
    task: SubTask
    needed: list
    matched: list
    to_develop: list

    @property
    def fits(self) -> bool:
        """A task fits when most of the competencies it needs are your strengths."""
        return len(self.matched) * 2 > len(self.needed)


def task_fit(tasks: list[SubTask], strengths: list) -> list[TaskFit]:
    strong = {c.pk for c in strengths}
    out = []
    for task in tasks:
        needed = sorted(task.competencies.all(), key=lambda c: c.number)
        out.append(
            TaskFit(
                task=task,
                needed=needed,
                matched=[c for c in needed if c.pk in strong],
                to_develop=[c for c in needed if c.pk not in strong],
            )
        )
    return out


# --- Group growth -----------------------------------------------------------------------------


@dataclass
class GroupRow:
    competency: Competency | None  # None = the whole list
    post: stats.Growth
    follow_up: stats.Growth


def _growth_from_summary_sums(row: dict, units: int) -> stats.Growth:
    return stats.from_sums(
        n=row["n_paired"] or 0,
        sum_pre=row["sum_pre_paired"] or 0,
        sum_change=row["sum_change"] or 0,
        sum_sq_change=row["sum_sq_change"] or 0,
        n_improved=row["n_improved"] or 0,
        n_declined=row["n_declined"] or 0,
        units=units,
    )


def growth_for_sessions(sessions, framework) -> list[GroupRow]:
    """Group growth from the summary table: one aggregate query, whatever the group size."""
    rows = (
        GrowthSummary.objects.filter(
            session__in=sessions, framework=framework, moment__in=("post", "follow_up")
        )
        .values("competency_id", "moment", "units")
        .annotate(
            n_paired=Sum("n_paired"),
            sum_pre_paired=Sum("sum_pre_paired"),
            sum_change=Sum("sum_change"),
            sum_sq_change=Sum("sum_sq_change"),
            n_improved=Sum("n_improved"),
            n_declined=Sum("n_declined"),
        )
        .order_by()
    )
    found = {(r["competency_id"], r["moment"]): r for r in rows}
    return _group_rows(framework, found, lambda r: _growth_from_summary_sums(r, r["units"]))


def growth_for_enrolments(enrolments, framework) -> list[GroupRow]:
    """Group growth for any set of enrolments, computed from the answers themselves."""
    totals = (
        Answer.objects.filter(
            assessment__enrolment__in=enrolments,
            assessment__framework=framework,
            assessment__kind="statements",
            assessment__peer_invitation__isnull=True,
            assessment__completed_at__isnull=False,
            assessment__moment__in=("pre", "post", "follow_up"),
        )
        .values("assessment__enrolment_id", "assessment__moment", "statement__competency_id")
        .annotate(total=Sum("value"))
        .order_by()
    )
    per = defaultdict(lambda: defaultdict(dict))
    for t in totals:
        slot = per[t["assessment__enrolment_id"]][t["assessment__moment"]]
        slot[t["statement__competency_id"]] = t["total"]
        slot[None] = slot.get(None, 0) + t["total"]
    pairs = defaultdict(list)
    for moments in per.values():
        pre = moments.get("pre")
        if not pre:
            continue
        for moment in ("post", "follow_up"):
            for comp, total in moments.get(moment, {}).items():
                pairs[(comp, moment)].append((pre[comp], total))
    units = _units(framework)
    found = dict(pairs.items())
    return _group_rows(
        framework, found, lambda p, comp: stats.from_pairs(p, units=units[comp]), with_comp=True
    )


def _units(framework) -> dict:
    units = dict(
        Statement.objects.filter(competency__framework=framework)
        .values("competency_id")
        .annotate(k=Count("id"))
        .order_by()
        .values_list("competency_id", "k")
    )
    units[None] = sum(units.values())
    return units


def _group_rows(framework, found, make, with_comp=False) -> list[GroupRow]:
    out = []
    for competency in [None, *Competency.objects.filter(framework=framework).order_by("number")]:
        comp_id = competency.pk if competency else None
        figures = {}
        for moment in ("post", "follow_up"):
            data = found.get((comp_id, moment))
            if data is None:
                figures[moment] = stats.EMPTY
            else:
                figures[moment] = make(data, comp_id) if with_comp else make(data)
        out.append(GroupRow(competency=competency, **figures))
    return out


# --- The national overview's buckets -----------------------------------------------------------
# Per course x region x month of the session's start (completed sessions), so the overview sums a
# few hundred rows whatever the number of sessions; each query here scans its table once.


def growth_sums_by_bucket():
    """The growth summary's paired sums per course, region, month, framework, competency and
    moment (post / follow-up), for completed sessions."""
    from django.db.models.functions import TruncMonth

    from courses.models import Session

    return (
        GrowthSummary.objects.filter(
            session__status=Session.Status.COMPLETED,
            moment__in=("post", "follow_up"),
            n_paired__gt=0,
        )
        .annotate(month=TruncMonth("session__starts_at"))
        .values(
            "session__course_id",
            "session__region_id",
            "month",
            "framework_id",
            "competency_id",
            "moment",
            "units",
        )
        .annotate(
            n_paired=Sum("n_paired"),
            sum_pre_paired=Sum("sum_pre_paired"),
            sum_change=Sum("sum_change"),
            sum_sq_change=Sum("sum_sq_change"),
            n_improved=Sum("n_improved"),
            n_declined=Sum("n_declined"),
        )
        .order_by()
    )


def both_lists_by_bucket():
    """Participants (attended) with a complete list before *and* after the course, per course,
    region and month."""
    from django.db.models import Exists, OuterRef
    from django.db.models.functions import TruncMonth

    from courses.models import Enrolment

    def complete(moment):
        return SelfAssessment.objects.filter(
            enrolment=OuterRef("pk"),
            moment=moment,
            kind=SelfAssessment.Kind.STATEMENTS,
            peer_invitation__isnull=True,
            completed_at__isnull=False,
        )

    return (
        Enrolment.objects.filter(status=Enrolment.Status.ATTENDED)
        .filter(Exists(complete("pre")), Exists(complete("post")))
        .annotate(month=TruncMonth("session__starts_at"))
        .values("session__course_id", "session__region_id", "month")
        .annotate(n=Count("id"))
        .order_by()
    )


def growth_from_sums(framework, found: dict) -> list[GroupRow]:
    """Group rows from summed paired sums keyed by (competency id, moment); ``units`` inside."""
    return _group_rows(framework, found, lambda r: _growth_from_summary_sums(r, r["units"]))
