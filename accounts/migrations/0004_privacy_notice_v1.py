"""Publish version 1 of the privacy notice (the texts live in accounts/privacy_texts.py)."""

from datetime import UTC, datetime

from django.db import migrations


def publish(apps, schema_editor):
    from accounts.privacy_texts import EASY_READ_V1, FULL_V1

    PrivacyNotice = apps.get_model("accounts", "PrivacyNotice")
    PrivacyNotice.objects.get_or_create(
        version=1,
        defaults={
            "text": FULL_V1,
            "easy_read_text": EASY_READ_V1,
            # Before any consent that a later migration copies over from the competencies app.
            "published_at": datetime(2020, 1, 1, tzinfo=UTC),
        },
    )


class Migration(migrations.Migration):
    dependencies = [("accounts", "0003_privacy_consent")]

    operations = [migrations.RunPython(publish, migrations.RunPython.noop)]
