"""Saving one answer is the most frequent write: one statement for an open list, and the list
completes exactly once, whichever save brings the last answer. (That the growth summary stays
equal to a rebuild through completions and changes: ``test_growth.py``.)"""

import pytest
from django.db import connection

from accounts.models import AuditEntry
from competencies import services
from competencies.models import Answer, SelfAssessment
from tests.querycount import count_queries

from .factories import movisie, start, statement_ids

pytestmark = pytest.mark.django_db

#: PostgreSQL: upsert, count and audit in one statement. SQLite: savepoint, open check, upsert,
#: count, store the count, audit, release.
SAVE_QUERIES = {"postgresql": 1, "sqlite": 7}


def test_saving_one_answer_of_an_open_list_costs_one_statement(participant):
    assessment = start(participant)
    ids = statement_ids(movisie())
    services.answers_save(assessment=assessment, values={ids[0]: 2}, actor=participant)  # warm
    for i, sid in enumerate(ids[1:6]):
        queries, saved, sql = count_queries(
            lambda sid=sid, i=i: services.answers_save(
                assessment=assessment, values={sid: 1 + i % 4}, actor=participant
            )
        )
        assert queries == SAVE_QUERIES[connection.vendor], sql
        assert saved.answered_count == i + 2
    assert Answer.objects.filter(assessment=assessment).count() == 6
    entries = AuditEntry.objects.filter(verb="competencies.answers_saved", actor=participant)
    assert entries.count() == 6
    assert entries.latest("pk").data == {"count": 1, "complete": False}
    assert entries.latest("pk").target_id == str(assessment.pk)


def test_a_changed_mind_updates_the_answer_in_one_statement(participant):
    assessment = start(participant)
    sid = statement_ids(movisie())[0]
    services.answers_save(assessment=assessment, values={sid: 1}, actor=participant)
    queries, saved, _ = count_queries(
        lambda: services.answers_save(assessment=assessment, values={sid: 4}, actor=participant)
    )
    assert queries == SAVE_QUERIES[connection.vendor]
    assert saved.answered_count == 1
    assert Answer.objects.get(assessment=assessment, statement_id=sid).value == 4


def test_the_last_answer_completes_the_list_once(participant):
    assessment = start(participant)
    ids = statement_ids(movisie())
    services.answers_save(
        assessment=assessment, values=dict.fromkeys(ids[:-1], 3), actor=participant
    )
    assessment.refresh_from_db()
    assert assessment.completed_at is None
    done = services.answers_save(assessment=assessment, values={ids[-1]: 2}, actor=participant)
    assert done.completed_at is not None
    assert done.answered_count == len(ids)
    assert AuditEntry.objects.filter(verb="competencies.assessment_completed").count() == 1
    # A stale copy of the open list finds it complete: the locked way, no second completion.
    services.answers_save(assessment=assessment, values={ids[0]: 1}, actor=participant)
    assert AuditEntry.objects.filter(verb="competencies.assessment_completed").count() == 1
    assert Answer.objects.get(assessment=assessment, statement_id=ids[0]).value == 1


def test_a_competency_screen_costs_five_queries_at_any_size(client, participant, constant_queries):
    """Session, user, the list, its answers and the roles (menu): the instrument (competencies,
    statements, scale) comes from the cache."""
    from django.urls import reverse

    assessment = start(participant)
    ids = iter(statement_ids(movisie()))
    client.force_login(participant)
    url = reverse("competencies:fill", args=[assessment.pk]) + "?c=3"

    def grow(n):
        services.answers_save(
            assessment=assessment, values={next(ids): 2 for _ in range(n)}, actor=participant
        )

    def action():
        response = client.get(url)
        assert response.status_code == 200
        return response

    action()  # fills the instrument's cache
    constant_queries(grow=grow, action=action, max_queries=5)


def _kept_and_real(assessment) -> tuple[int, int]:
    kept = SelfAssessment.objects.values_list("answered_count", flat=True).get(pk=assessment.pk)
    return kept, Answer.objects.filter(assessment=assessment).count()


def test_the_kept_count_follows_every_way_of_saving(participant):
    assessment = start(participant)
    ids = statement_ids(movisie())
    steps = [
        dict.fromkeys(ids[:3], 2),  # a screen of three new answers
        {ids[1]: 4},  # a changed mind: no new answer
        {ids[1]: 1, ids[3]: 3},  # one changed, one new
        dict.fromkeys(ids[4:], 2),  # the rest: the list completes
        {ids[0]: 4},  # a change to the complete list (the locked way)
    ]
    expected = [3, 3, 4, len(ids), len(ids)]
    for values, count in zip(steps, expected, strict=True):
        saved = services.answers_save(assessment=assessment, values=values, actor=participant)
        assert saved.answered_count == count
        assert _kept_and_real(assessment) == (count, count)
    assert saved.completed_at is not None


def test_a_kept_count_that_is_wrong_cannot_complete_a_list_early(participant):
    assessment = start(participant)
    ids = statement_ids(movisie())
    services.answers_save(assessment=assessment, values=dict.fromkeys(ids[:-2], 2))
    # Rows written past the services (a script, a restore): the kept count says "full".
    SelfAssessment.objects.filter(pk=assessment.pk).update(answered_count=len(ids) + 5)
    saved = services.answers_save(assessment=assessment, values={ids[-2]: 3})
    assert saved.completed_at is None
    assert saved.answered_count == len(ids) - 1
    assert _kept_and_real(assessment) == (len(ids) - 1, len(ids) - 1)
    done = services.answers_save(assessment=assessment, values={ids[-1]: 3})
    assert done.completed_at is not None


def _prepared_saves() -> int:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT coalesce(sum(generic_plans + custom_plans), 0) FROM pg_prepared_statements"
            " WHERE statement LIKE '%%INSERT INTO competencies_answer%%'"
        )
        return cursor.fetchone()[0]


@pytest.mark.postgres
def test_postgresql_plans_the_save_once_per_connection(participant):
    assessment = start(participant)
    ids = statement_ids(movisie())
    before = _prepared_saves()
    for sid in ids[:8]:
        services.answers_save(assessment=assessment, values={sid: 2}, actor=participant)
    assert _prepared_saves() - before == 8


@pytest.mark.postgres
def test_without_prepared_statements_the_save_still_works(participant):
    """Behind a transaction-pooling PgBouncer: ``DATABASE_PREPARED_STATEMENTS=false``."""
    raw = connection.connection
    threshold = raw.prepare_threshold
    raw.prepare_threshold = None
    try:
        assessment = start(participant)
        ids = statement_ids(movisie())
        before = _prepared_saves()
        saved = services.answers_save(
            assessment=assessment, values=dict.fromkeys(ids[:3], 2), actor=participant
        )
        assert saved.answered_count == 3
        assert _prepared_saves() == before
    finally:
        raw.prepare_threshold = threshold
