"""Move the bare competency-list consents to the consent records of ``accounts``.

Each becomes a record for the purpose "competencies" under notice version 1, given by the
person themselves at the time they gave it. The old model is dropped in the next migration.
"""

from django.db import migrations


def copy_consents(apps, schema_editor):
    Consent = apps.get_model("competencies", "Consent")
    ConsentRecord = apps.get_model("accounts", "ConsentRecord")
    PrivacyNotice = apps.get_model("accounts", "PrivacyNotice")
    notice = PrivacyNotice.objects.filter(version=1).first()
    if notice is None:
        return
    have = set(
        ConsentRecord.objects.filter(
            purpose="competencies", withdrawn_at=None, replaced_at=None
        ).values_list("user_id", flat=True)
    )
    ConsentRecord.objects.bulk_create(
        ConsentRecord(
            user_id=consent.user_id,
            purpose="competencies",
            notice=notice,
            given_at=consent.given_at,
            recorded_by_id=consent.user_id,
        )
        for consent in Consent.objects.exclude(user_id__in=have).iterator()
    )


def copy_back(apps, schema_editor):
    Consent = apps.get_model("competencies", "Consent")
    ConsentRecord = apps.get_model("accounts", "ConsentRecord")
    for record in ConsentRecord.objects.filter(
        purpose="competencies", withdrawn_at=None, replaced_at=None
    ):
        Consent.objects.get_or_create(user_id=record.user_id, defaults={"given_at": record.given_at})


class Migration(migrations.Migration):
    dependencies = [
        ("competencies", "0004_icon_keys"),
        ("accounts", "0004_privacy_notice_v1"),
    ]

    operations = [migrations.RunPython(copy_consents, copy_back)]
