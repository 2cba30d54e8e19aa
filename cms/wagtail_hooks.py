import django_filters
from django.contrib import messages
from django.shortcuts import redirect
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import Column
from wagtail.admin.viewsets.model import ModelViewSet

from accounts.audit import verb_choices
from accounts.models import AuditEntry


class AuditEntryFilterSet(WagtailFilterSet):
    """Filter by what happened, named as people say it (not the machine verb)."""

    verb = django_filters.ChoiceFilter(label=_("Wat er gebeurde"), choices=verb_choices)

    class Meta:
        model = AuditEntry
        fields = ["verb"]


class AuditEntryViewSet(ModelViewSet):
    """The audit trail, read-only, for national staff."""

    model = AuditEntry
    icon = "history"
    menu_label = _("Logboek")
    menu_order = 900
    add_to_admin_menu = True
    list_display = [
        "created_at",
        "actor",
        Column("get_verb_display", label=_("Wat er gebeurde")),
        "target_repr",
    ]
    filterset_class = AuditEntryFilterSet
    search_fields = ["verb", "target_repr"]
    inspect_view_enabled = True
    copy_view_enabled = False
    list_per_page = 50
    form_fields = ["verb"]

    def get_queryset(self, request):
        return AuditEntry.objects.select_related("actor", "target_type")


@hooks.register("register_admin_viewset")
def register_audit_viewset():
    return AuditEntryViewSet("logboek")


def _workflow_requires_colleague(page) -> bool:
    workflow = page.get_workflow() if page is not None and page.pk else None
    return bool(workflow and workflow.active)


def _direct_publish_blocked(user, page) -> bool:
    """With an active workflow, only a superuser may publish without a colleague's approval."""
    return not user.is_superuser and _workflow_requires_colleague(page)


@hooks.register("construct_page_action_menu")
def hide_direct_publish(menu_items, request, context):
    page = context.get("parent_page") if context.get("view") == "create" else context.get("page")
    if _direct_publish_blocked(request.user, page):
        menu_items[:] = [item for item in menu_items if item.name != "action-publish"]


def _refuse_publish(request):
    messages.error(
        request,
        _(
            "Deze pagina heeft de goedkeuring van een collega nodig. Kies 'Ter goedkeuring "
            "aanbieden' in plaats van 'Publiceren'."
        ),
    )
    return redirect(request.get_full_path())


@hooks.register("before_edit_page")
def refuse_direct_publish_on_edit(request, page):
    if (
        request.method == "POST"
        and "action-publish" in request.POST
        and _direct_publish_blocked(request.user, page)
    ):
        return _refuse_publish(request)
    return None


@hooks.register("before_create_page")
def refuse_direct_publish_on_create(request, parent_page, page_class):
    if (
        request.method == "POST"
        and "action-publish" in request.POST
        and _direct_publish_blocked(request.user, parent_page)
    ):
        return _refuse_publish(request)
    return None
