"""The "Tweede paar ogen" workflow: off until national staff switch it on in the admin.

Wagtail's default "Moderators approval" workflow (assigned to the tree root, approved by a
"Moderators" group nobody is in) is unassigned, so it never traps a page.
"""

from django.db import migrations

WORKFLOW = "Tweede paar ogen"
TASK = "Goedkeuring door een collega van het landelijk bureau"


def forwards(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    Page = apps.get_model("wagtailcore", "Page")
    Workflow = apps.get_model("wagtailcore", "Workflow")
    WorkflowTask = apps.get_model("wagtailcore", "WorkflowTask")
    WorkflowPage = apps.get_model("wagtailcore", "WorkflowPage")
    Task = apps.get_model("cms", "ColleagueApprovalTask")

    staff, _ = Group.objects.get_or_create(name="national_staff")
    WorkflowPage.objects.filter(workflow__name="Moderators approval").delete()

    task_ct, _ = ContentType.objects.get_or_create(app_label="cms", model="colleagueapprovaltask")
    task = Task.objects.filter(name=TASK).first()
    if task is None:
        task = Task.objects.create(name=TASK, content_type=task_ct, active=True)
    task.groups.add(staff)
    workflow, _ = Workflow.objects.get_or_create(name=WORKFLOW, defaults={"active": False})
    WorkflowTask.objects.get_or_create(workflow=workflow, task=task, defaults={"sort_order": 0})
    home = Page.objects.filter(depth=2).order_by("path").first()
    if home is not None:
        WorkflowPage.objects.get_or_create(page=home, defaults={"workflow": workflow})

    # Staff may switch the workflow on and off (Instellingen > Workflows).
    for model, codenames in [("workflow", ["add", "change"]), ("task", ["add", "change"])]:
        ct, _ = ContentType.objects.get_or_create(app_label="wagtailcore", model=model)
        for action in codenames:
            permission, _ = Permission.objects.get_or_create(
                content_type=ct, codename=f"{action}_{model}", defaults={"name": f"{action} {model}"}
            )
            staff.permissions.add(permission)


class Migration(migrations.Migration):
    dependencies = [
        ("cms", "0004_colleague_approval"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
