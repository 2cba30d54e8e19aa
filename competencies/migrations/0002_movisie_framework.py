"""Ships the MOVISIE competency list (seed 000, chapter 3 and Bijlage 1), © MOVISIE 2011."""

from django.db import migrations


def load(apps, schema_editor):
    from competencies.data import movisie

    movisie.load(apps)


def unload(apps, schema_editor):
    apps.get_model("competencies", "Framework").objects.filter(slug="movisie-2011").delete()


class Migration(migrations.Migration):
    dependencies = [("competencies", "0001_initial")]

    operations = [migrations.RunPython(load, unload)]
