from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.viewsets.model import ModelViewSet

from accounts.models import AuditEntry


class AuditEntryViewSet(ModelViewSet):
    """The audit trail, read-only, for national staff."""

    model = AuditEntry
    icon = "history"
    menu_label = _("Logboek")
    menu_order = 900
    add_to_admin_menu = True
    list_display = ["created_at", "actor", "verb", "target_repr"]
    list_filter = ["verb"]
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
