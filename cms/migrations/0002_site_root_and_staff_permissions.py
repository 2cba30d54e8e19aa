"""The home page as site root, and what the national staff group may do in the CMS."""

from django.db import migrations

HOME_INTRO = (
    "<p>Leerkring is de plek voor cursussen over lokale belangenbehartiging. "
    "Je leert opkomen voor jezelf en voor anderen in je gemeente.</p>"
)


def create_home(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Page = apps.get_model("wagtailcore", "Page")
    Site = apps.get_model("wagtailcore", "Site")
    Locale = apps.get_model("wagtailcore", "Locale")
    HomePage = apps.get_model("cms", "HomePage")

    if HomePage.objects.exists():
        return
    # wagtailcore's initial data made a plain "Welcome" page and a site: replace both.
    Site.objects.all().delete()
    Page.objects.filter(depth=2).delete()
    root = Page.objects.get(depth=1)
    locale, _ = Locale.objects.get_or_create(language_code="nl")
    Locale.objects.exclude(pk=locale.pk).filter(language_code="en").delete()
    content_type, _ = ContentType.objects.get_or_create(app_label="cms", model="homepage")
    home = HomePage.objects.create(
        title="Welkom bij Leerkring",
        draft_title="Welkom bij Leerkring",
        slug="home",
        content_type=content_type,
        path=f"{root.path}0001",
        depth=2,
        numchild=0,
        url_path="/home/",
        locale=locale,
        intro=HOME_INTRO,
        live=True,
        has_unpublished_changes=False,
    )
    root.numchild = 1
    root.locale = locale
    root.save(update_fields=["numchild", "locale"])
    Site.objects.create(
        hostname="localhost", port=80, site_name="Leerkring", root_page=home, is_default_site=True
    )


def grant_staff_permissions(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    ContentType = apps.get_model("contenttypes", "ContentType")
    Page = apps.get_model("wagtailcore", "Page")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    Collection = apps.get_model("wagtailcore", "Collection")
    GroupCollectionPermission = apps.get_model("wagtailcore", "GroupCollectionPermission")

    staff, _ = Group.objects.get_or_create(name="national_staff")
    admin_ct, _ = ContentType.objects.get_or_create(app_label="wagtailadmin", model="admin")
    access_admin, _ = Permission.objects.get_or_create(
        content_type=admin_ct, codename="access_admin", defaults={"name": "Can access Wagtail admin"}
    )
    staff.permissions.add(access_admin)

    page_ct, _ = ContentType.objects.get_or_create(app_label="wagtailcore", model="page")
    root = Page.objects.get(depth=1)
    for codename in ["add_page", "change_page", "publish_page", "lock_page", "unlock_page"]:
        permission, _ = Permission.objects.get_or_create(
            content_type=page_ct, codename=codename, defaults={"name": codename}
        )
        GroupPagePermission.objects.get_or_create(group=staff, page=root, permission=permission)

    collection = Collection.objects.get(depth=1)
    for app_label, model in [("wagtailimages", "image"), ("wagtaildocs", "document")]:
        ct, _ = ContentType.objects.get_or_create(app_label=app_label, model=model)
        for action in ["add", "change", "choose"]:
            permission, _ = Permission.objects.get_or_create(
                content_type=ct, codename=f"{action}_{model}", defaults={"name": f"{action} {model}"}
            )
            GroupCollectionPermission.objects.get_or_create(
                group=staff, collection=collection, permission=permission
            )

    audit_ct, _ = ContentType.objects.get_or_create(app_label="accounts", model="auditentry")
    view_audit, _ = Permission.objects.get_or_create(
        content_type=audit_ct, codename="view_auditentry", defaults={"name": "Can view logregel"}
    )
    staff.permissions.add(view_audit)


class Migration(migrations.Migration):
    dependencies = [
        ("cms", "0001_initial"),
        ("accounts", "0002_roles_and_regions"),
        ("wagtailcore", "0098_apitoken"),
        ("wagtailimages", "0027_image_description"),
        ("wagtaildocs", "0014_alter_document_file_size"),
        ("wagtailadmin", "0005_editingsession_is_editing"),
    ]

    operations = [
        migrations.RunPython(create_home, migrations.RunPython.noop),
        migrations.RunPython(grant_staff_permissions, migrations.RunPython.noop),
    ]
