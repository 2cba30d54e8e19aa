from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.utils.translation import gettext_lazy as _

from .audit import log_view
from .models import AuditEntry, ConsentRecord, PrivacyNotice, Region, User
from .services import (
    privacy_notice_publish,
    stored_superuser,
    user_groups_set,
    user_superuser_set,
)


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    ordering = ["email"]
    list_display = ["email", "display_name", "organisation", "region", "is_active", "is_superuser"]
    list_filter = ["is_active", "is_superuser", "groups", "region"]
    search_fields = ["email", "display_name", "organisation"]
    fieldsets = [
        (None, {"fields": ["email", "password"]}),
        (_("Profiel"), {"fields": ["display_name", "phone", "organisation", "region"]}),
        (
            _("Rechten"),
            {"fields": ["is_active", "is_staff", "is_superuser", "groups", "user_permissions"]},
        ),
        (_("Data"), {"fields": ["last_login", "date_joined"]}),
    ]
    add_fieldsets = [(None, {"classes": ["wide"], "fields": ["email", "password1", "password2"]})]

    def change_view(self, request, object_id, form_url="", extra_context=None):
        response = super().change_view(request, object_id, form_url, extra_context)
        if request.method == "GET" and response.status_code == 200:
            # Who looked: the person's page in the Django admin (one INSERT).
            log_view(
                actor=request.user,
                verb="accounts.person_viewed",
                target=response.context_data["original"],
            )
        return response

    def save_model(self, request, obj, form, change):
        """Administrator rights change through the audited service, like roles."""
        wanted = obj.is_superuser
        obj.is_superuser = stored_superuser(obj)
        super().save_model(request, obj, form, change)
        user_superuser_set(user=obj, is_superuser=wanted, actor=request.user)

    def save_related(self, request, form, formsets, change):
        """Groups are roles: they change through the audited service, not the form's m2m save."""
        groups = form.cleaned_data.pop("groups", None)
        super().save_related(request, form, formsets, change)
        if groups is not None:
            user_groups_set(user=form.instance, groups=groups, actor=request.user)


@admin.register(Region)
class RegionAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "is_pilot"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(AuditEntry)
class AuditEntryAdmin(admin.ModelAdmin):
    list_display = ["created_at", "actor", "verb", "target_repr"]
    list_filter = ["verb"]
    search_fields = ["verb", "target_repr", "actor__email"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(PrivacyNotice)
class PrivacyNoticeAdmin(admin.ModelAdmin):
    """A published version is never edited: a change is a new version, which asks again."""

    list_display = ["version", "published_at"]
    fields = ["text", "easy_read_text", "published_at"]

    def has_change_permission(self, request, obj=None):
        return obj is None

    def has_delete_permission(self, request, obj=None):
        return False

    def save_model(self, request, obj, form, change):
        notice = privacy_notice_publish(
            text=obj.text,
            easy_read_text=obj.easy_read_text,
            published_at=obj.published_at,
            actor=request.user,
        )
        obj.pk, obj.version = notice.pk, notice.version


@admin.register(ConsentRecord)
class ConsentRecordAdmin(admin.ModelAdmin):
    """Read-only history: consent changes go through the services (the person's own page)."""

    list_display = ["user", "purpose", "given_at", "by_representative", "withdrawn_at"]
    list_filter = ["purpose", "by_representative"]
    search_fields = ["user__email", "user__display_name", "representative_name"]
    list_select_related = ["user"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
