"""The overview's figures equal an independent computation in plain Python over the rows."""

from collections import defaultdict
from datetime import date

import pytest
from django.utils import timezone

from competencies.models import Answer, SelfAssessment, Statement
from courses.models import Enrolment, Session
from overview.selectors import Filters, overview_figures
from overview.services import overview_refresh
from overview.views import framework_for
from tests.courses.factories import region

from .data import programme

pytestmark = pytest.mark.django_db


def _month(moment):
    return timezone.localtime(moment).date().replace(day=1) if moment else None


def _keep(session, filters: Filters) -> bool:
    month = _month(session.starts_at)
    if filters.date_from and (month is None or month < filters.date_from.replace(day=1)):
        return False
    if filters.date_to and (month is None or month > filters.date_to.replace(day=1)):
        return False
    if filters.region is not None and session.region_id != filters.region.pk:
        return False
    return not (filters.course is not None and session.course_id != filters.course.pk)


def _expected(filters: Filters) -> dict:
    sessions = [s for s in Session.objects.all() if _keep(s, filters)]
    ids = {s.pk for s in sessions}
    enrolments = [e for e in Enrolment.objects.all() if e.session_id in ids]
    seated = [e for e in enrolments if e.status in ("confirmed", "attended", "no_show")]
    places = sum(s.capacity for s in sessions if s.status in ("published", "completed"))
    seats = sum(2 if e.support_person_name else 1 for e in seated)
    attended = [e for e in enrolments if e.status == "attended"]
    no_show = [e for e in enrolments if e.status == "no_show"]
    complete = defaultdict(set)
    for a in SelfAssessment.objects.filter(completed_at__isnull=False, enrolment__isnull=False):
        complete[a.enrolment_id].add(a.moment)
    both = [e for e in attended if {"pre", "post"} <= complete[e.pk]]
    return {
        "sessions": len(sessions),
        "by_status": {
            st: sum(1 for s in sessions if s.status == st) for st in Session.Status.values
        },
        "enrolled": len(seated),
        "waitlisted": sum(1 for e in enrolments if e.status == "waitlisted"),
        "fill_rate": seats / places if places else None,
        "attendance": len(attended) / (len(attended) + len(no_show))
        if attended or no_show
        else None,
        "both": len(both) / len(attended) if attended else None,
        "by_region": {
            s.region_id: sum(1 for t in sessions if t.region_id == s.region_id) for s in sessions
        },
        "by_month": {
            _month(s.starts_at): sum(
                1 for t in sessions if _month(t.starts_at) == _month(s.starts_at)
            )
            for s in sessions
        },
        "ids": ids,
    }


def _expected_growth(ids, framework):
    """Per competency: mean score before and after, over people with both lists complete."""
    statements = {
        s.pk: s.competency_id for s in Statement.objects.filter(competency__framework=framework)
    }
    per_comp = defaultdict(int)
    for comp in statements.values():
        per_comp[comp] += 1
    completed = {s.pk for s in Session.objects.filter(pk__in=ids, status="completed")}
    scores = defaultdict(dict)  # (enrolment, moment) -> comp -> total
    for answer in Answer.objects.select_related("assessment").filter(
        assessment__completed_at__isnull=False, assessment__framework=framework
    ):
        a = answer.assessment
        if a.enrolment_id is None:
            continue
        slot = scores[(a.enrolment_id, a.moment)]
        comp = statements[answer.statement_id]
        slot[comp] = slot.get(comp, 0) + answer.value
    people = [
        e.pk
        for e in Enrolment.objects.filter(session_id__in=completed)
        if (e.pk, "pre") in scores and (e.pk, "post") in scores
    ]
    out = {}
    for comp, k in per_comp.items():
        pre = [scores[(p, "pre")][comp] / k for p in people]
        post = [scores[(p, "post")][comp] / k for p in people]
        out[comp] = (
            len(people),
            sum(pre) / len(pre) if pre else None,
            sum(post) / len(post) if post else None,
        )
    return out


def _check(filters: Filters):
    overview_refresh()
    framework = framework_for(filters)
    got = overview_figures(filters, framework)
    want = _expected(filters)
    assert got.sessions == want["sessions"]
    for status, n in want["by_status"].items():
        assert got.total(f"sessions.{status}") == n, status
    assert got.enrolled == want["enrolled"]
    assert got.waitlisted == want["waitlisted"]
    assert (
        got.fill_rate == pytest.approx(want["fill_rate"])
        if want["fill_rate"]
        else got.fill_rate is None
    )
    assert (
        got.attendance == pytest.approx(want["attendance"])
        if want["attendance"]
        else got.attendance is None
    )
    assert (
        got.both_lists_share == pytest.approx(want["both"])
        if want["both"]
        else got.both_lists_share is None
    )
    by_region = {
        r: sum(v for k, v in m.items() if k.startswith("sessions."))
        for r, m in got.by_region.items()
    }
    assert {r: n for r, n in by_region.items() if n} == want["by_region"]
    by_month = {
        m: sum(v for k, v in metrics.items() if k.startswith("sessions."))
        for m, metrics in got.by_month.items()
    }
    assert {m: n for m, n in by_month.items() if n} == want["by_month"]
    growth = _expected_growth(want["ids"], framework)
    for row in got.growth:
        if row.competency is None:
            continue
        n, pre, post = growth[row.competency.pk]
        assert row.post.n == n
        if n:
            assert row.post.mean_pre == pytest.approx(pre)
            assert row.post.mean_post == pytest.approx(post)
        assert row.post.shown == (n >= 5)
    return got, want


def test_national_figures_equal_a_direct_computation():
    programme(seed=3, completed=2, participants=6)
    got, want = _check(Filters())
    assert want["sessions"] == 6
    assert got.growth[1].post.n == 10  # 2 sessions x 5 people with both lists
    assert got.growth[1].post.shown


def test_filtered_figures_equal_a_direct_computation_and_small_groups_hide():
    programme(seed=4, completed=3, participants=6)
    got, _want = _check(Filters(region=region("walcheren")))
    assert got.growth[1].post.n == 5
    assert got.growth[1].post.shown
    _check(Filters(date_from=date.today().replace(day=1)))
    from courses.models import Course

    first = Course.objects.order_by("pk").first()
    got, _want = _check(Filters(course=first, date_to=date(2100, 1, 1)))
    assert got.growth[1].post.n == 10
    # One session's month alone: 5 people, shown; a month with none: nothing shown.
    got, _want = _check(Filters(date_from=date(2099, 1, 1)))
    assert all(not row.post.shown and row.post.n == 0 for row in got.growth)
