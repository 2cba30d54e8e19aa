"""Saving one answer is the most frequent write: two statements for an open list, and the list
completes exactly once, whichever save brings the last answer. (That the growth summary stays
equal to a rebuild through completions and changes: ``test_growth.py``.)"""

import pytest
from django.db import connection

from accounts.models import AuditEntry
from competencies import services
from competencies.models import Answer
from tests.querycount import count_queries

from .factories import movisie, start, statement_ids

pytestmark = pytest.mark.django_db

#: PostgreSQL: upsert + audit in one statement, then the count. SQLite: savepoint, open check,
#: upsert, audit, release, count.
SAVE_QUERIES = {"postgresql": 2, "sqlite": 6}


def test_saving_one_answer_of_an_open_list_costs_two_statements(participant):
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


def test_a_changed_mind_updates_the_answer_in_the_same_two_statements(participant):
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
