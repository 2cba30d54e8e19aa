from django.db import migrations, models
from django.db.models import Count, OuterRef, Subquery
from django.db.models.functions import Coalesce


def count_answers(apps, schema_editor):
    SelfAssessment = apps.get_model("competencies", "SelfAssessment")
    Answer = apps.get_model("competencies", "Answer")
    answered = (
        Answer.objects.filter(assessment=OuterRef("pk"))
        .order_by()
        .values("assessment")
        .annotate(n=Count("*"))
        .values("n")
    )
    SelfAssessment.objects.update(answered_count=Coalesce(Subquery(answered), 0))


class Migration(migrations.Migration):
    dependencies = [
        ("competencies", "0006_drop_consent"),
    ]

    operations = [
        migrations.AddField(
            model_name="selfassessment",
            name="answered_count",
            field=models.PositiveIntegerField(default=0, editable=False),
        ),
        migrations.RunPython(count_answers, migrations.RunPython.noop, elidable=True),
    ]
