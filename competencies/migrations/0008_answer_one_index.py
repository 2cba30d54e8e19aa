"""The index on ``Answer.assessment`` alone goes: ``one_answer_per_statement`` starts with the
list and serves the same look-ups, and every new answer updated both. Only the index is dropped,
so the foreign key is not checked again over every answer row."""

import django.db.models.deletion
from django.db import migrations, models

INDEX = "competencies_answer_assessment_id_d761fb8d"


class Migration(migrations.Migration):
    dependencies = [
        ("competencies", "0007_answered_count"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name="answer",
                    name="assessment",
                    field=models.ForeignKey(
                        db_index=False,
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="answers",
                        to="competencies.selfassessment",
                    ),
                ),
            ],
            database_operations=[
                migrations.RunSQL(
                    f"DROP INDEX IF EXISTS {INDEX}",
                    f"CREATE INDEX {INDEX} ON competencies_answer (assessment_id)",
                ),
            ],
        ),
    ]
