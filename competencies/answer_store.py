"""Writing the answers of an open list, its answer count and its audit entry in one statement
(PostgreSQL).

Saving an answer is the most frequent write of the site: every radio button a participant picks
is saved at once (autosave). As a transaction of its own it took six round trips to the database
(begin, lock and re-read the list, upsert, count, audit, commit). Here it is one statement,
atomic by itself, on the condition that the list is still open:

- The list's row is locked (``FOR NO KEY UPDATE``) and carries ``answered_count``: the statement
  adds the answers it *inserted* (not the ones it changed) and returns the new count. Two saves
  of one list therefore run one after the other, and the second adds to the count the first
  left, even though it started before the first committed (PostgreSQL re-reads a row it waited
  for). Counting the answer rows instead would miss the other save's answer, which is why the
  count used to be a second statement after the commit.
- A completion (``services._complete_if_full``) holds ``FOR UPDATE`` on the same row, so it
  counts exactly the answers that are in, and a save that waited for it finds the list complete
  and writes nothing (the caller then takes the locked path, which updates the growth summary).
- ``xmax = 0`` tells a row the upsert inserted from one it updated: an updated row carries the
  lock the upsert took on it.
- The audit entry is written from ``open_list`` too: an entry exists exactly when answers were
  written.

The statement is prepared: PostgreSQL plans it once per connection instead of on every save,
where planning its four parts took about as long as running them (``_prepared_cursor``).

Other databases (SQLite: the embedded default) write the same rows through the ORM in a
transaction; SQLite runs one writer at a time, so counting the rows there is exact.
"""

from functools import cache

from django.db import connection, transaction
from django.db.backends.utils import CursorDebugWrapper, CursorWrapper

from accounts.audit import audit_values
from accounts.models import AuditEntry

from .models import Answer, SelfAssessment


@cache
def _prepared_cursor_class():
    from django.db.backends.postgresql.base import ServerBindingCursor

    class PreparedCursor(ServerBindingCursor):
        """Binds on the server and asks to prepare every statement it runs. Only this module's
        one statement uses it. PostgreSQL prepares it unless the settings turn prepared
        statements off (``DATABASE_PREPARED_STATEMENTS``: a transaction-pooling PgBouncer older
        than 1.21 cannot keep them); it then runs unprepared."""

        def execute(self, query, params=None, *, prepare=None, binary=None):
            return super().execute(query, params, prepare=True, binary=binary)

    return PreparedCursor


class _LoggedCursor(CursorDebugWrapper):
    """Logs the statement as written: Django cannot rebuild a server-bound one with its values."""

    def execute(self, sql, params=None):
        with self.debug_sql(sql, params):
            return CursorWrapper.execute(self, sql, params)


def _prepared_cursor():
    """A Django cursor (query logging, error wrapping, execute wrappers) over a prepared-statement
    psycopg cursor on the same connection and transaction."""
    connection.close_if_health_check_failed()
    connection.ensure_connection()
    connection.validate_thread_sharing()
    cursor = _prepared_cursor_class()(connection.connection)
    if connection.queries_logged:
        return _LoggedCursor(cursor, connection)
    return connection.make_cursor(cursor)


def _sql() -> str:
    answer, assessment, audit = (
        Answer._meta.db_table,
        SelfAssessment._meta.db_table,
        AuditEntry._meta.db_table,
    )
    # Table names come from the models; every value is a parameter.
    return f"""
WITH open_list AS (
    SELECT id FROM {assessment}
    WHERE id = %(assessment)s::bigint AND completed_at IS NULL
    FOR NO KEY UPDATE
), saved AS (
    INSERT INTO {answer} (assessment_id, statement_id, value, answered_at)
    SELECT open_list.id, v.statement_id, v.value, %(now)s::timestamptz
    FROM open_list
    CROSS JOIN unnest(%(statements)s::bigint[], %(values)s::integer[]) AS v(statement_id, value)
    ON CONFLICT (assessment_id, statement_id)
    DO UPDATE SET value = EXCLUDED.value, answered_at = EXCLUDED.answered_at
    RETURNING xmax = 0 AS inserted
), counted AS (
    UPDATE {assessment}
    SET answered_count = answered_count + (SELECT count(*) FROM saved WHERE inserted)
    WHERE id = (SELECT id FROM open_list)
    RETURNING answered_count
), audit AS (
    INSERT INTO {audit} (created_at, actor_id, verb, target_type_id, target_id, target_repr, data)
    SELECT %(now)s::timestamptz, %(actor)s::bigint, %(verb)s::text, %(target_type)s::integer,
           %(target_id)s::text, %(target_repr)s::text, %(data)s::jsonb
    FROM open_list
)
SELECT answered_count FROM counted
"""  # noqa: S608


def answers_write_if_open(
    *, assessment, answers: dict, now, actor, verb: str, data: dict
) -> int | None:
    """Upsert ``answers`` (statement id -> value) and the audit entry, only while the list is
    open (not complete). Answers how many statements the list now has answered, or ``None``
    when it was complete and nothing was written."""
    audit = audit_values(actor=actor, verb=verb, target=assessment, data=data)
    if connection.vendor != "postgresql":
        with transaction.atomic():
            if not SelfAssessment.objects.filter(pk=assessment.pk, completed_at=None).exists():
                return None
            Answer.objects.bulk_create(
                [
                    Answer(assessment_id=assessment.pk, statement_id=s, value=v, answered_at=now)
                    for s, v in answers.items()
                ],
                update_conflicts=True,
                unique_fields=["assessment", "statement"],
                update_fields=["value", "answered_at"],
            )
            answered = answers_recount(assessment.pk)
            AuditEntry.objects.create(created_at=now, **audit)
        return answered
    data_field = AuditEntry._meta.get_field("data")
    with _prepared_cursor() as cursor:
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
        row = cursor.fetchone()
    return row[0] if row else None


def answers_recount(assessment_id: int) -> int:
    """Set the list's ``answered_count`` from its answer rows (call it under the list's lock, or
    where writers run one at a time) and answer it."""
    answered = Answer.objects.filter(assessment_id=assessment_id).count()
    SelfAssessment.objects.filter(pk=assessment_id).exclude(answered_count=answered).update(
        answered_count=answered
    )
    return answered
