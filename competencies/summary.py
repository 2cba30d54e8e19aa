"""Maintains ``GrowthSummary``: the sums behind every group figure.

An enrolment's *contribution* is a pure function of its complete pre/post/follow-up statement
lists. Any change to one of those lists replaces the enrolment's contribution: subtract what it
was, add what it is now (the session row is locked meanwhile). ``summary_rebuild`` adds up all
contributions from the answers; a test checks it equals the maintained table.
"""

from collections import defaultdict

from django.db import transaction
from django.db.models import Count, Sum

from .models import Answer, GrowthSummary, SelfAssessment, Statement

COURSE_MOMENTS = ("pre", "post", "follow_up")
PAIRED_MOMENTS = ("post", "follow_up")
FIELDS = GrowthSummary.SUM_FIELDS


def _totals_query(assessment_filter):
    """(assessment id, enrolment id, session id, moment, framework, competency id, total)."""
    return (
        Answer.objects.filter(
            assessment__kind=SelfAssessment.Kind.STATEMENTS,
            assessment__peer_invitation__isnull=True,
            assessment__completed_at__isnull=False,
            assessment__moment__in=COURSE_MOMENTS,
            **assessment_filter,
        )
        .values(
            "assessment__enrolment_id",
            "assessment__enrolment__session_id",
            "assessment__moment",
            "assessment__framework_id",
            "statement__competency_id",
        )
        .annotate(total=Sum("value"))
        .order_by()
    )


def _units(framework_ids) -> dict:
    """Statements per competency and per framework (the overall divisor)."""
    rows = (
        Statement.objects.filter(competency__framework_id__in=framework_ids)
        .values("competency__framework_id", "competency_id")
        .annotate(k=Count("id"))
        .order_by()
    )
    units = {}
    for row in rows:
        units[row["competency_id"]] = row["k"]
        key = ("fw", row["competency__framework_id"])
        units[key] = units.get(key, 0) + row["k"]
    return units


def _contributions(rows) -> dict:
    """Sum of contributions of the enrolments in ``rows`` (output of ``_totals_query``)."""
    per_enrolment = defaultdict(lambda: defaultdict(dict))
    meta = {}
    for row in rows:
        enrolment = row["assessment__enrolment_id"]
        moment = row["assessment__moment"]
        comp = row["statement__competency_id"]
        per_enrolment[enrolment][moment][comp] = row["total"]
        per_enrolment[enrolment][moment][None] = (
            per_enrolment[enrolment][moment].get(None, 0) + row["total"]
        )
        meta[enrolment] = (
            row["assessment__enrolment__session_id"],
            row["assessment__framework_id"],
        )
    out = {}
    for enrolment, moments in per_enrolment.items():
        session, framework = meta[enrolment]
        pre = moments.get("pre", {})
        for moment, totals in moments.items():
            for comp, total in totals.items():
                key = (session, framework, comp, moment)
                acc = out.setdefault(key, dict.fromkeys(FIELDS, 0))
                acc["n"] += 1
                acc["sum_total"] += total
                acc["sum_sq_total"] += total * total
                if moment in PAIRED_MOMENTS and comp in pre:
                    change = total - pre[comp]
                    acc["n_paired"] += 1
                    acc["sum_pre_paired"] += pre[comp]
                    acc["sum_change"] += change
                    acc["sum_sq_change"] += change * change
                    acc["n_improved"] += change > 0
                    acc["n_declined"] += change < 0
    return out


def enrolment_contribution(enrolment_id: int) -> dict:
    return _contributions(_totals_query({"assessment__enrolment_id": enrolment_id}))


def summary_apply_delta(*, session_id: int, before: dict, after: dict) -> None:
    """Write ``after - before`` into the session's rows (caller holds the session lock)."""
    keys = set(before) | set(after)
    if not keys:
        return
    zero = dict.fromkeys(FIELDS, 0)
    deltas = {}
    for key in keys:
        b, a = before.get(key, zero), after.get(key, zero)
        delta = {f: a[f] - b[f] for f in FIELDS}
        if any(delta.values()):
            deltas[key] = delta
    if not deltas:
        return
    existing = {
        (row.competency_id, row.moment): row
        for row in GrowthSummary.objects.filter(session_id=session_id)
    }
    units = _units({key[1] for key in deltas})
    to_update, to_create = [], []
    for (session, framework, comp, moment), delta in deltas.items():
        row = existing.get((comp, moment))
        if row is None:
            row = GrowthSummary(
                session_id=session,
                framework_id=framework,
                competency_id=comp,
                moment=moment,
                units=units[comp] if comp is not None else units[("fw", framework)],
            )
            to_create.append(row)
        else:
            to_update.append(row)
        for f in FIELDS:
            setattr(row, f, getattr(row, f) + delta[f])
    if to_update:
        GrowthSummary.objects.bulk_update(to_update, FIELDS)
    if to_create:
        GrowthSummary.objects.bulk_create(to_create)


@transaction.atomic
def summary_rebuild(*, session_ids=None) -> int:
    """Recompute the summary from the answers (all sessions, or the given ones)."""
    flt = {}
    rows_qs = GrowthSummary.objects.all()
    if session_ids is not None:
        flt = {"assessment__enrolment__session_id__in": list(session_ids)}
        rows_qs = rows_qs.filter(session_id__in=list(session_ids))
    rows_qs.delete()
    contributions = _contributions(_totals_query(flt).iterator(chunk_size=20000))
    units = _units({key[1] for key in contributions})
    objs = [
        GrowthSummary(
            session_id=session,
            framework_id=framework,
            competency_id=comp,
            moment=moment,
            units=units[comp] if comp is not None else units[("fw", framework)],
            **values,
        )
        for (session, framework, comp, moment), values in contributions.items()
    ]
    GrowthSummary.objects.bulk_create(objs, batch_size=5000)
    return len(objs)
