"""Two fewer indexes to update on every audited change: the one on ``target_type`` alone
(``(target_type, target_id)`` starts with it) and PostgreSQL's pattern index on ``verb`` (no one
filters the verb with LIKE). The plain ``verb`` index is kept, under a name of its own.

The database side only drops and renames indexes, so the foreign key is not checked again over
every row of the log, which Django's own ``AlterField`` would do."""

import django.db.models.deletion
from django.db import migrations, models

OLD = {
    "target_type": "accounts_auditentry_target_type_id_52418e53",
    "verb": "accounts_auditentry_verb_8a4882f3",
    "verb_like": "accounts_auditentry_verb_8a4882f3_like",
}


def forwards(apps, schema_editor):
    run = schema_editor.execute
    run(f"DROP INDEX IF EXISTS {OLD['target_type']}")
    run(f"DROP INDEX IF EXISTS {OLD['verb_like']}")
    if schema_editor.connection.vendor == "postgresql":
        run(f"ALTER INDEX IF EXISTS {OLD['verb']} RENAME TO auditentry_verb")
    else:
        run(f"DROP INDEX IF EXISTS {OLD['verb']}")
        run("CREATE INDEX auditentry_verb ON accounts_auditentry (verb)")


def backwards(apps, schema_editor):
    run = schema_editor.execute
    run("DROP INDEX IF EXISTS auditentry_verb")
    run(f"CREATE INDEX {OLD['verb']} ON accounts_auditentry (verb)")
    run(f"CREATE INDEX {OLD['target_type']} ON accounts_auditentry (target_type_id)")
    if schema_editor.connection.vendor == "postgresql":
        run(f"CREATE INDEX {OLD['verb_like']} ON accounts_auditentry (verb varchar_pattern_ops)")


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0007_merge_0004_staff_api_tokens_0006_merge_20261202_0522"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name="auditentry",
                    name="target_type",
                    field=models.ForeignKey(
                        blank=True,
                        db_index=False,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        to="contenttypes.contenttype",
                        verbose_name="soort",
                    ),
                ),
                migrations.AlterField(
                    model_name="auditentry",
                    name="verb",
                    field=models.CharField(max_length=100, verbose_name="actie"),
                ),
                migrations.AddIndex(
                    model_name="auditentry",
                    index=models.Index(fields=["verb"], name="auditentry_verb"),
                ),
            ],
            database_operations=[migrations.RunPython(forwards, backwards)],
        ),
    ]
