"""Saves of one list at the same moment, on PostgreSQL: the list's kept answer count stays equal
to its answer rows, and the list completes exactly once.

An autosave learns the new count from the one statement that writes the answer
(``competencies.answer_store``). Threads save the last answers of one list at the same moment
(a double click, two tabs): each statement starts before the others have committed. The control
run counts the rows inside that statement instead of keeping the count on the list's row, and
proves the test can fail: a statement that waited for another does not see its answer, so no
save sees the list full and it never completes.
"""

import pytest

from accounts.models import AuditEntry
from competencies import answer_store, services
from competencies.models import Answer, SelfAssessment
from tests.concurrency import at_once

from .factories import movisie, start, statement_ids

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

THREADS = 6
ROUNDS = 4


def _race(assessment, user, values: list[dict]) -> list[str]:
    return at_once(
        [
            lambda answer=answer: services.answers_save(
                assessment=assessment, values=answer, actor=user
            )
            for answer in values
        ]
    )


def _list_with_open_statements(user, open_statements: int):
    """A new list with all but ``open_statements`` statements answered, and those statements."""
    SelfAssessment.objects.filter(user=user).delete()
    assessment = start(user)
    ids = statement_ids(movisie())
    services.answers_save(
        assessment=assessment, values=dict.fromkeys(ids[:-open_statements], 2), actor=user
    )
    return assessment, ids[-open_statements:]


def _completions(assessment) -> int:
    return AuditEntry.objects.filter(
        verb="competencies.assessment_completed", target_id=str(assessment.pk)
    ).count()


def test_the_last_answers_at_once_complete_the_list_exactly_once(participant):
    total = len(statement_ids(movisie()))
    for _ in range(ROUNDS):
        assessment, last = _list_with_open_statements(participant, THREADS)
        errors = _race(assessment, participant, [{sid: 3} for sid in last])
        assert errors == []
        assessment.refresh_from_db()
        assert assessment.completed_at is not None
        assert assessment.answered_count == total == assessment.answers.count()
        assert _completions(assessment) == 1


def test_the_same_answer_at_once_counts_once(participant):
    for _ in range(ROUNDS):
        assessment, last = _list_with_open_statements(participant, 2)
        before = assessment.answers.count()
        errors = _race(assessment, participant, [{last[0]: v} for v in (1, 2, 3, 4, 1, 2)])
        assert errors == []
        assessment.refresh_from_db()
        assert assessment.completed_at is None
        assert assessment.answered_count == before + 1 == assessment.answers.count()
        assert Answer.objects.filter(assessment=assessment, statement_id=last[0]).count() == 1


def test_counting_the_rows_inside_the_statement_never_completes_the_list(participant, monkeypatch):
    """Control: the same race with the count taken from the answer rows in the statement."""
    table = Answer._meta.db_table
    real = answer_store._sql()
    kept = "answered_count + (SELECT count(*) FROM saved WHERE inserted)"
    assert kept in real
    from_rows = (
        f"(SELECT count(*) FROM {table} WHERE assessment_id = %(assessment)s::bigint)"  # noqa: S608
        " + (SELECT count(*) FROM saved WHERE inserted)"
    )
    monkeypatch.setattr(answer_store, "_sql", lambda: real.replace(kept, from_rows))
    stuck = 0
    for _ in range(ROUNDS):
        assessment, last = _list_with_open_statements(participant, THREADS)
        assert _race(assessment, participant, [{sid: 3} for sid in last]) == []
        assessment.refresh_from_db()
        assert assessment.answers.count() == len(statement_ids(movisie()))
        stuck += assessment.completed_at is None
    assert stuck > 0
