"""Competency icons become keys of ``competencies.icons`` (drawn SVG) instead of emoji."""

from django.db import migrations

EMOJI_TO_KEY = {
    "🔍": "loep",
    "💗": "hart",
    "💬": "ballon",
    "🦁": "bliksem",
    "💡": "lamp",
    "🤝": "ruil",
    "📣": "megafoon",
    "🕸️": "netwerk",
    "🕸": "netwerk",
    "👥": "groep",
    "🪞": "spiegel",
    "🌳": "boom",
    "🏛️": "gebouw",
    "🏛": "gebouw",
}


def to_keys(apps, schema_editor):
    from competencies.icons import ICONS

    Competency = apps.get_model("competencies", "Competency")
    for competency in Competency.objects.exclude(icon=""):
        key = EMOJI_TO_KEY.get(competency.icon, competency.icon)
        competency.icon = key if key in ICONS else ""
        competency.save(update_fields=["icon"])


class Migration(migrations.Migration):
    dependencies = [("competencies", "0003_invariants")]

    operations = [migrations.RunPython(to_keys, migrations.RunPython.noop)]
