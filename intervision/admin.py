"""Technical admin for intervision (superusers). Moments and course settings change only through
the services, so the admin cannot make a fourth moment either: the form says so plainly, and a
refusal the service finds under its lock (someone else was quicker) is shown as a message.
"""

from django import forms
from django.contrib import admin, messages
from django.http import HttpResponseRedirect
from django.utils.translation import gettext_lazy as _

from accounts.exceptions import DomainError

from . import selectors, services
from .exceptions import MomentLimitReached
from .models import (
    MOMENTS_MAX,
    Attendance,
    IntervisionSettings,
    Moment,
    Request,
    SeriesClosure,
    Support,
    TrainerGroup,
)


class ServiceErrorsAsMessages:
    """A domain error raised by a service in ``save_model`` becomes a message on the form page
    (the admin's transaction rolls back), never a 500."""

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        try:
            return super().changeform_view(request, object_id, form_url, extra_context)
        except DomainError as error:
            self.message_user(request, str(error), level=messages.ERROR)
            return HttpResponseRedirect(request.get_full_path())


class MomentAdminForm(forms.ModelForm):
    online_url = forms.URLField(
        label=_("online link"), required=False, max_length=200, assume_scheme="https"
    )

    class Meta:
        model = Moment
        fields = (
            "session",
            "group",
            "starts_at",
            "ends_at",
            "place",
            "online_url",
            "answered_requests",
        )

    def clean(self):
        cleaned = super().clean()
        if self.instance.pk is None:
            session, group = cleaned.get("session"), cleaned.get("group")
            if (session is None) == (group is None):
                raise forms.ValidationError(
                    _("Kies een sessie of een trainersgroep, niet allebei.")
                )
            if len(selectors.used_numbers(session=session, group=group)) >= MOMENTS_MAX:
                raise forms.ValidationError(str(MomentLimitReached.message))
        return cleaned


@admin.register(Moment)
class MomentAdmin(ServiceErrorsAsMessages, admin.ModelAdmin):
    form = MomentAdminForm
    list_display = ("__str__", "number", "status", "starts_at")
    list_filter = ("status",)
    raw_id_fields = ("session", "group")
    filter_horizontal = ("answered_requests",)
    readonly_fields = ("number", "status", "discussed", "agreements", "cancel_reason")

    def get_readonly_fields(self, request, obj=None):
        fields = list(self.readonly_fields)
        if obj is not None:
            fields += ["session", "group"]
        return fields

    def save_model(self, request, obj, form, change):
        data = form.cleaned_data
        if change:
            saved = services.moment_update(
                actor=request.user,
                moment=obj,
                starts_at=data["starts_at"],
                ends_at=data["ends_at"],
                place=data.get("place", ""),
                online_url=data.get("online_url", ""),
                requests=data.get("answered_requests") if obj.session_id else None,
            )
        else:
            saved = services.moment_schedule(
                actor=request.user,
                session=data.get("session"),
                group=data.get("group"),
                starts_at=data["starts_at"],
                ends_at=data["ends_at"],
                place=data.get("place", ""),
                online_url=data.get("online_url", ""),
                requests=data.get("answered_requests") or (),
            )
        obj.pk = saved.pk
        obj.number = saved.number

    def save_related(self, request, form, formsets, change):
        """The service set the answered requests already."""

    def has_delete_permission(self, request, obj=None):
        return False  # a moment is cancelled (people are told), never deleted


class IntervisionSettingsForm(forms.ModelForm):
    class Meta:
        model = IntervisionSettings
        fields = ("course", "support_threshold", "close_after_months")


@admin.register(IntervisionSettings)
class IntervisionSettingsAdmin(ServiceErrorsAsMessages, admin.ModelAdmin):
    form = IntervisionSettingsForm
    list_display = ("course", "support_threshold", "close_after_months")

    def save_model(self, request, obj, form, change):
        data = form.cleaned_data
        saved = services.settings_save(
            actor=request.user,
            course=data["course"],
            support_threshold=data["support_threshold"],
            close_after_months=data["close_after_months"],
        )
        obj.pk = saved.pk


@admin.register(TrainerGroup)
class TrainerGroupAdmin(admin.ModelAdmin):
    list_display = ("name", "region", "created_at")
    filter_horizontal = ("members", "facilitators")


class ReadOnlyAdmin(admin.ModelAdmin):
    """Participants' own rows: visible for support questions, changed only on the site."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Request)
class RequestAdmin(ReadOnlyAdmin):
    list_display = ("topic", "session", "status", "created_at")
    list_filter = ("status",)


@admin.register(Support)
class SupportAdmin(ReadOnlyAdmin):
    list_display = ("request", "user", "created_at")


@admin.register(Attendance)
class AttendanceAdmin(ReadOnlyAdmin):
    list_display = ("moment", "user", "status")


@admin.register(SeriesClosure)
class SeriesClosureAdmin(ReadOnlyAdmin):
    list_display = ("__str__", "reason", "closed_at")
