from django.db import migrations

#: What national staff may do in the Wagtail admin, per model. Enrolments are created through
#: the session pages (capacity rules), so staff change and view them here but do not add them.
GRANTS = {
    "course": ["add", "change", "delete", "view"],
    "venue": ["add", "change", "delete", "view"],
    "session": ["add", "change", "view"],
    "enrolment": ["change", "view"],
    "qualification": ["add", "delete", "view"],
    "assignment": ["view"],
}


def grant(apps, schema_editor):
    # Permissions are normally created after migrate (post_migrate); make them now.
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    ContentType = apps.get_model("contenttypes", "ContentType")
    staff, _ = Group.objects.get_or_create(name="national_staff")
    for model, actions in GRANTS.items():
        content_type, _ = ContentType.objects.get_or_create(app_label="courses", model=model)
        for action in actions:
            permission, _ = Permission.objects.get_or_create(
                content_type=content_type,
                codename=f"{action}_{model}",
                defaults={"name": f"Can {action} {model}"},
            )
            staff.permissions.add(permission)


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    staff = Group.objects.filter(name="national_staff").first()
    if staff:
        staff.permissions.remove(
            *staff.permissions.filter(content_type__app_label="courses")
        )


class Migration(migrations.Migration):
    dependencies = [
        ("courses", "0001_initial"),
        ("accounts", "0002_roles_and_regions"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
