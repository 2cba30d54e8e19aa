"""Writing the answers of an open list and their audit entry in one statement (PostgreSQL).

Saving an answer is the most frequent write of the site: every radio button a participant picks
is saved at once (autosave). As a transaction of its own it took six round trips to the database
(begin, lock and re-read the list, upsert, count, audit, commit). Here the upsert and the audit
entry are one statement, atomic by itself, on the condition that the list is still open:

- ``FOR SHARE`` on the list's row: saves of one list run side by side, but never while the list
  is being completed (``services._complete_if_full`` holds ``FOR UPDATE`` on the same row), so a
  completion counts exactly the answers that are in, and a save that waited for one finds the
  list complete and writes nothing (the caller then takes the locked path, which updates the
  growth summary).
- The audit entry is written from ``open_list`` too: an entry exists exactly when answers were
  written.

Other databases (SQLite: the embedded default) write the same rows through the ORM in a
transaction.
"""

from django.db import connection, transaction

from accounts.audit import audit_values
from accounts.models import AuditEntry

from .models import Answer, SelfAssessment


def _sql() -> str:
    answer, assessment, audit = (
        Answer._meta.db_table,
        SelfAssessment._meta.db_table,
        AuditEntry._meta.db_table,
    )
    # Table names come from the models; every value is a parameter.
    return f"""
WITH open_list AS (
    SELECT id FROM {assessment} WHERE id = %(assessment)s AND completed_at IS NULL FOR SHARE
), saved AS (
    INSERT INTO {answer} (assessment_id, statement_id, value, answered_at)
    SELECT open_list.id, v.statement_id, v.value, %(now)s
    FROM open_list
    CROSS JOIN unnest(%(statements)s::bigint[], %(values)s::integer[]) AS v(statement_id, value)
    ON CONFLICT (assessment_id, statement_id)
    DO UPDATE SET value = EXCLUDED.value, answered_at = EXCLUDED.answered_at
), audit AS (
    INSERT INTO {audit} (created_at, actor_id, verb, target_type_id, target_id, target_repr, data)
    SELECT %(now)s, %(actor)s, %(verb)s, %(target_type)s, %(target_id)s, %(target_repr)s,
           %(data)s::jsonb
    FROM open_list
)
SELECT count(*) FROM open_list
"""  # noqa: S608


def answers_write_if_open(*, assessment, answers: dict, now, actor, verb: str, data: dict) -> bool:
    """Upsert ``answers`` (statement id -> value) and the audit entry, only while the list is
    open (not complete). Answers whether anything was written."""
    audit = audit_values(actor=actor, verb=verb, target=assessment, data=data)
    if connection.vendor != "postgresql":
        with transaction.atomic():
            if not SelfAssessment.objects.filter(pk=assessment.pk, completed_at=None).exists():
                return False
            Answer.objects.bulk_create(
                [
                    Answer(assessment_id=assessment.pk, statement_id=s, value=v, answered_at=now)
                    for s, v in answers.items()
                ],
                update_conflicts=True,
                unique_fields=["assessment", "statement"],
                update_fields=["value", "answered_at"],
            )
            AuditEntry.objects.create(created_at=now, **audit)
        return True
    data_field = AuditEntry._meta.get_field("data")
    with connection.cursor() as cursor:
        cursor.execute(
            _sql(),
            {
                "assessment": assessment.pk,
                "now": now,
                "statements": list(answers),
                "values": list(answers.values()),
                "actor": audit["actor"].pk if audit["actor"] is not None else None,
                "verb": audit["verb"],
                "target_type": audit["target_type"].pk,
                "target_id": audit["target_id"],
                "target_repr": audit["target_repr"],
                "data": data_field.get_db_prep_save(audit["data"], connection),
            },
        )
        return cursor.fetchone()[0] == 1


def answers_count(assessment_id: int) -> int:
    """How many statements of the list are answered. It runs after every autosave, so it is a
    plain statement: building the same count through the ORM's aggregation costs more than the
    database needs to run it."""
    table = Answer._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT count(*) FROM {table} WHERE assessment_id = %s",  # noqa: S608 - model's table
            [assessment_id],
        )
        return cursor.fetchone()[0]
