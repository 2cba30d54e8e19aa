from django.db import migrations
from django.utils.text import slugify

ROLES = ["participant", "trainer", "national_staff"]

# The four pilot regions of the programme (seed 001), then the provinces for the rest of the
# country.
PILOT_REGIONS = ["Amsterdam", "Bossche Ommelanden", "Friesland-Zuid", "Walcheren"]
PROVINCES = [
    "Drenthe",
    "Flevoland",
    "Friesland",
    "Gelderland",
    "Groningen",
    "Limburg",
    "Noord-Brabant",
    "Noord-Holland",
    "Overijssel",
    "Utrecht",
    "Zeeland",
    "Zuid-Holland",
]


def forwards(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Region = apps.get_model("accounts", "Region")
    for name in ROLES:
        Group.objects.get_or_create(name=name)
    for name in PILOT_REGIONS:
        Region.objects.get_or_create(slug=slugify(name), defaults={"name": name, "is_pilot": True})
    for name in PROVINCES:
        Region.objects.get_or_create(slug=slugify(name), defaults={"name": name})


def backwards(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=ROLES).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
