"""Group growth: the maintained summary equals a rebuild, figures equal a direct computation,
n < 5 hides them, and the pages keep their query counts."""

import random
from datetime import timedelta

import pytest
import time_machine
from django.core.management import call_command
from django.urls import reverse

from competencies import selectors, services, stats
from competencies.models import GrowthSummary
from tests.accounts.factories import UserFactory

from .factories import complete_session, course_list, course_session, fill_all, movisie

pytestmark = pytest.mark.django_db


def _snapshot():
    fields = ("session_id", "competency_id", "moment", "units", *GrowthSummary.SUM_FIELDS)
    return sorted(
        (tuple(row[f] or 0 for f in fields) for row in GrowthSummary.objects.values(*fields)),
        key=repr,
    )


def _run_course(participants, *, seed=0, partial=0, trainer=None, follow_up=True):
    rng = random.Random(seed)
    session, enrolments = course_session(participants=participants, trainer=trainer)
    for enrolment in enrolments:
        course_list(enrolment, "pre", seed=rng.random())
    session = complete_session(session)
    with time_machine.travel(session.completed_at + timedelta(days=1), tick=False):
        for enrolment in enrolments[partial:]:
            course_list(enrolment, "post", seed=rng.random())
    if follow_up:
        services.follow_up_open_early(
            session=session, opens_at=session.completed_at + timedelta(days=2)
        )
        with time_machine.travel(session.completed_at + timedelta(days=3), tick=False):
            for enrolment in enrolments[: participants // 2]:
                course_list(enrolment, "follow_up", seed=rng.random())
    return session, enrolments


def test_rebuilt_summary_equals_maintained_summary():
    session, enrolments = _run_course(7, seed=1, partial=1)
    _run_course(3, seed=2, follow_up=False)
    # Change answers of a complete post list while it is open: the summary follows.
    with time_machine.travel(session.completed_at + timedelta(days=4), tick=False):
        post = enrolments[3].self_assessments.get(moment="post")
        fill_all(post, 1)
    maintained = _snapshot()
    assert maintained
    call_command("rebuild_growth_summary")
    assert _snapshot() == maintained


def test_summary_figures_equal_a_direct_computation_from_the_answers():
    session, enrolments = _run_course(8, seed=3, partial=2)
    from courses.models import Enrolment, Session

    framework = movisie()
    from_summary = selectors.growth_for_sessions(Session.objects.filter(pk=session.pk), framework)
    direct = selectors.growth_for_enrolments(Enrolment.objects.filter(session=session), framework)
    for a, b in zip(from_summary, direct, strict=True):
        assert a.competency == b.competency
        for moment in ("post", "follow_up"):
            ga, gb = getattr(a, moment), getattr(b, moment)
            assert ga.n == gb.n
            for field in (
                "mean_pre",
                "mean_post",
                "mean_change",
                "sd_change",
                "d_z",
                "share_improved",
            ):
                va, vb = getattr(ga, field), getattr(gb, field)
                assert (va is None and vb is None) or va == pytest.approx(vb, abs=1e-9)
    overall = from_summary[0].post
    assert overall.n == 6
    # Independent check of the overall mean change from per-person scores.
    changes = []
    for enrolment in enrolments[2:]:
        pre = enrolment.self_assessments.get(moment="pre")
        post = enrolment.self_assessments.get(moment="post")
        mean = lambda a: sum(a.answers.values_list("value", flat=True)) / 48  # noqa: E731
        changes.append(mean(post) - mean(pre))
    assert overall.mean_change == pytest.approx(sum(changes) / len(changes), abs=1e-9)


def test_session_growth_page_hides_groups_below_five(client):
    trainer = UserFactory(role="trainer")
    small, _ = _run_course(4, seed=4, trainer=trainer, follow_up=False)
    client.force_login(trainer)
    page = client.get(reverse("competencies:session_growth", args=[small.pk])).content.decode()
    assert "te weinig deelnemers" in page
    assert "<svg" not in page
    big, _ = _run_course(5, seed=5, trainer=trainer, follow_up=False)
    page = client.get(reverse("competencies:session_growth", args=[big.pk])).content.decode()
    assert page.count("te weinig deelnemers") == 13  # follow-up rows only
    assert "<svg" in page
    assert 'class="series post"' in page


def test_national_page_filters_and_csv(client, national_staff):
    session, _ = _run_course(6, seed=6, follow_up=False)
    client.force_login(national_staff)
    page = client.get(reverse("competencies:national_growth"))
    assert page.status_code == 200
    assert "Hele lijst" in page.content.decode()
    other_region = type(session.region).objects.exclude(pk=session.region_id).first()
    filtered = client.get(reverse("competencies:national_growth"), {"region": other_region.pk})
    assert filtered.content.decode().count("te weinig deelnemers") == 26
    csv_text = client.get(reverse("competencies:national_growth_csv")).content.decode()
    lines = csv_text.splitlines()
    assert lines[0].startswith("competentie,vergelijking,n,")
    assert lines[1].startswith("Hele lijst,na-voor,6,")
    assert "© MOVISIE 2011" in csv_text
    bad = client.get(reverse("competencies:national_growth"), {"date_from": "gisteren"})
    assert bad.status_code == 200


def test_national_growth_exports_as_a_background_job_with_the_page_filters(
    client, national_staff, settings, tmp_path, django_capture_on_commit_callbacks
):
    from tests.accounts.exporting import run_export

    settings.MEDIA_ROOT = tmp_path
    session, _ = _run_course(6, seed=7, follow_up=False)
    client.force_login(national_staff)
    page = client.get(reverse("competencies:national_growth")).content.decode()
    assert 'name="kind" value="competencies.growth"' in page
    data = {"kind": "competencies.growth", "format": "csv"}
    _job, content = run_export(
        client, django_capture_on_commit_callbacks, "/mijn/exports/", data, method="post"
    )
    lines = content.decode("utf-8-sig").splitlines()
    assert lines[0].startswith("competentie;vergelijking;n;")
    assert lines[1].startswith("Hele lijst;na-voor;6;")
    other = type(session.region).objects.exclude(pk=session.region_id).first()
    _job, content = run_export(
        client,
        django_capture_on_commit_callbacks,
        "/mijn/exports/",
        {**data, "region": other.pk},
        method="post",
    )
    assert content.decode("utf-8-sig").splitlines()[1] == "Hele lijst;na-voor;0;;;;;;"


def test_national_page_query_count_is_constant(client, national_staff, constant_queries):
    client.force_login(national_staff)
    client.get(reverse("competencies:national_growth"))  # warm per-process caches
    seeds = iter(range(100, 200))

    def grow(n):
        for _ in range(n):
            _run_course(1, seed=next(seeds), follow_up=False)

    constant_queries(
        grow=grow,
        action=lambda: client.get(reverse("competencies:national_growth")),
        sizes=(1, 3),
    )


def test_session_growth_page_query_count_is_constant(client, constant_queries):
    trainer = UserFactory(role="trainer")
    session, _enrolments = _run_course(2, seed=7, trainer=trainer, follow_up=False)
    from courses.models import Enrolment
    from tests.courses.factories import EnrolmentFactory

    client.force_login(trainer)

    def grow(n):
        for _ in range(n):
            enrolment = EnrolmentFactory(session=session, status="attended")
            services.consent_give(user=enrolment.user)
            with time_machine.travel(session.completed_at + timedelta(days=1), tick=False):
                a = services.assessment_start(
                    user=enrolment.user, framework=movisie(), moment="post", enrolment=enrolment
                )
                fill_all(a, 3)
                services.sharing_set(enrolment=enrolment, user=enrolment.user, share=True)

    assert Enrolment.objects.filter(session=session).count() == 2
    constant_queries(
        grow=grow,
        action=lambda: client.get(reverse("competencies:session_growth", args=[session.pk])),
    )


def test_index_and_results_query_counts_are_constant(client, participant, constant_queries):
    from tests.courses.factories import EnrolmentFactory, SessionFactory

    services.consent_give(user=participant)
    client.force_login(participant)

    def grow(n):
        for _ in range(n):
            enrolment = EnrolmentFactory(session=SessionFactory(), user=participant)
            a = services.assessment_start(
                user=participant, framework=movisie(), moment="pre", enrolment=enrolment
            )
            fill_all(a, 2)

    constant_queries(grow=grow, action=lambda: client.get(reverse("competencies:index")))
    assessment = participant.self_assessments.first()
    constant_queries(
        grow=grow,
        action=lambda: client.get(reverse("competencies:results", args=[assessment.pk])),
    )


def test_saving_one_answer_has_a_constant_query_count(participant):
    from tests.querycount import count_queries

    services.consent_give(user=participant)
    a = services.assessment_start(user=participant, framework=movisie())
    ids = list(
        movisie().statements.order_by("competency__number", "number").values_list("pk", flat=True)
    )
    services.answers_save(assessment=a, values={ids[47]: 1})  # warms the framework-shape cache
    first, _, sql = count_queries(lambda: services.answers_save(assessment=a, values={ids[0]: 2}))
    later, _, _ = count_queries(lambda: services.answers_save(assessment=a, values={ids[30]: 3}))
    repeat, _, _ = count_queries(lambda: services.answers_save(assessment=a, values={ids[30]: 4}))
    assert first == later == repeat
    # The instrument comes from the cache, not from the database, on every save.
    assert not [q for q in sql if "competencies_statement" in q or "competencies_scaleoption" in q]


def test_stats_module_is_what_pages_use(client, monkeypatch):
    """The page takes its group threshold from ``stats`` (one rule, one place), not a copy."""
    trainer = UserFactory(role="trainer")
    session, _ = _run_course(4, seed=7, trainer=trainer, follow_up=False)
    client.force_login(trainer)
    url = reverse("competencies:session_growth", args=[session.pk])
    assert "<svg" not in client.get(url).content.decode()
    monkeypatch.setattr(stats, "MIN_GROUP", 4)
    page = client.get(url).content.decode()
    assert "<svg" in page
    assert 'class="series post"' in page
