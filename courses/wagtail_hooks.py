"""National staff manage courses, venues, sessions, enrolments and qualifications in Wagtail.

Courses and venues are plain rows. Sessions, enrolments and qualifications carry rules, so their
forms hand the input to the services (a refused change shows the service's Dutch message above
the form and saves nothing). Enrolment lists export to CSV and XLSX from the listing, as a
background job.
"""

from django import forms
from django.contrib.auth import get_user_model
from django.db import transaction
from django.http import Http404
from django.shortcuts import redirect
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.ui.tables import Column
from wagtail.admin.views import generic
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy

from accounts.exceptions import ExportInvalid, ExportUnknown
from accounts.exports import SafeSpreadsheetExportMixin
from accounts.roles import Role
from accounts.services import export_job_request

from . import exports, services
from .exceptions import DomainError
from .models import Course, Enrolment, Qualification, Session, Venue


class YesNoColumn(Column):
    """A yes/no field as a word ("ja"/"nee"), not "True"/"False" or an icon titled so."""

    def get_value(self, instance):
        return _("ja") if super().get_value(instance) else _("nee")


class ServiceFormMixin:
    """Run ``save_instance`` (which calls a service); a ``DomainError`` becomes a form error,
    shown next to the field it names (``problems`` lists them all)."""

    def form_valid(self, form):
        self.form = form
        try:
            with transaction.atomic():
                self.object = self.save_instance()
        except DomainError as exc:
            for problem in getattr(exc, "problems", None) or [exc]:
                field = getattr(problem, "field", None)
                form.add_error(field if field in form.fields else None, str(problem))
            self.produced_error_code = exc.code
            self.produced_error_message = str(exc)
            return self.form_invalid(form)
        response = self.save_action()
        hook_response = self.run_after_hook()
        return hook_response if hook_response is not None else response


class IndexView(SafeSpreadsheetExportMixin, generic.IndexView):
    """Every listing here exports through the project's one spreadsheet helper."""


# --- Courses and venues ----------------------------------------------------------------------


class CourseViewSet(ModelViewSet):
    model = Course
    name = "courses_course"
    url_prefix = "courses/course"
    icon = "doc-full"
    menu_label = _("Cursussen")
    form_fields = [
        "title",
        "slug",
        "kind",
        "description",
        "default_capacity",
        "min_participants",
        "number_of_meetings",
        "cancellation_cutoff_hours",
        "is_active",
    ]
    list_display = [
        "title",
        "kind",
        "default_capacity",
        "min_participants",
        YesNoColumn("is_active", label=_("Actief"), sort_key="is_active"),
    ]
    list_filter = ["kind", "is_active"]
    search_fields = ["title", "slug"]
    search_backend_name = None
    copy_view_enabled = False


class VenueViewSet(ModelViewSet):
    model = Venue
    name = "courses_venue"
    url_prefix = "courses/venue"
    icon = "site"
    menu_label = _("Locaties")
    form_fields = [
        "name",
        "street",
        "postcode",
        "city",
        "region",
        "step_free",
        "hearing_loop",
        "quiet_room",
        "parking",
        "public_transport_notes",
        "notes",
    ]
    list_display = [
        "name",
        "city",
        "region",
        YesNoColumn("step_free", label=_("Zonder drempels"), sort_key="step_free"),
        YesNoColumn("hearing_loop", label=_("Ringleiding"), sort_key="hearing_loop"),
    ]
    list_filter = ["region", "step_free", "hearing_loop", "quiet_room", "parking"]
    search_fields = ["name", "city", "street"]
    search_backend_name = None


# --- Sessions --------------------------------------------------------------------------------

SESSION_FIELDS = [
    "course",
    "region",
    "venue",
    "online_url",
    "capacity",
    "min_participants",
    "enrolment_deadline",
    "notes",
]


class SessionForm(WagtailAdminModelForm):
    action = forms.ChoiceField(
        label=_("Status wijzigen"),
        required=False,
        choices=[
            ("", _("Niet wijzigen")),
            ("publish", _("Publiceren")),
            ("cancel", _("Afzeggen (vul de reden in)")),
            ("complete", _("Afronden")),
        ],
    )

    class Meta:
        model = Session
        fields = [*SESSION_FIELDS, "cancel_reason"]


class SessionCreateView(ServiceFormMixin, generic.CreateView):
    def save_instance(self):
        data = self.form.cleaned_data
        session = services.session_create(
            actor=self.request.user, **{k: data[k] for k in SESSION_FIELDS}
        )
        return self._apply_action(session, data)

    def _apply_action(self, session, data):
        return _session_action(self.request.user, session, data)


class SessionEditView(ServiceFormMixin, generic.EditView):
    """The same ``session_edit`` as the trainer portal: one audited change, one message."""

    def save_instance(self):
        data = self.form.cleaned_data
        user = self.request.user
        session = services.session_edit(
            actor=user,
            session=Session.objects.get(pk=self.object.pk),
            fields={k: data[k] for k in SESSION_FIELDS if k != "capacity"},
            capacity=data["capacity"],
        )
        return _session_action(user, session, data)


def _session_action(user, session, data):
    action = data.get("action")
    if action == "publish":
        session = services.session_publish(actor=user, session=session)
    elif action == "cancel":
        session = services.session_cancel(
            actor=user, session=session, reason=data.get("cancel_reason", "")
        )
    elif action == "complete":
        session = services.session_complete(actor=user, session=session)
    return Session.objects.get(pk=session.pk)


class NoDeletePolicy(ModelPermissionPolicy):
    """Rows with rules are never deleted in the admin: that would free places without promoting
    anyone and tell no one. Sessions are called off, enrolments cancelled, through services."""

    def user_has_permission(self, user, action):
        return action != "delete" and super().user_has_permission(user, action)

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, action) for action in actions)


register_permission_policy(Session, NoDeletePolicy(Session), exact_class=True)
register_permission_policy(Enrolment, NoDeletePolicy(Enrolment), exact_class=True)


class SessionViewSet(ModelViewSet):
    model = Session
    name = "courses_session"
    url_prefix = "courses/session"
    icon = "date"
    menu_label = _("Sessies")
    form_class = SessionForm
    add_view_class = SessionCreateView
    edit_view_class = SessionEditView
    list_display = ["__str__", "status", "capacity", "starts_at"]
    list_filter = ["status", "course", "region"]
    search_fields = ["course__title", "region__name", "venue__name", "venue__city"]
    search_backend_name = None
    copy_view_enabled = False
    inspect_view_enabled = True

    def get_form_class(self, for_update=False):
        return SessionForm

    def get_queryset(self, request):
        return Session.objects.select_related("course", "region", "venue")


# --- Enrolments ------------------------------------------------------------------------------


class EnrolmentForm(WagtailAdminModelForm):
    cancel = forms.BooleanField(label=_("Afmelden"), required=False)

    class Meta:
        model = Enrolment
        fields = ["access_needs", "dietary_needs"]


class EnrolmentEditView(ServiceFormMixin, generic.EditView):
    def save_instance(self):
        data = self.form.cleaned_data
        enrolment = services.enrolment_update(
            actor=self.request.user,
            enrolment=self.object,
            access_needs=data["access_needs"],
            dietary_needs=data["dietary_needs"],
        )
        if data.get("cancel"):
            enrolment = services.enrolment_cancel(actor=self.request.user, enrolment=enrolment)
        return enrolment


class EnrolmentIndexView(IndexView):
    """The listing's export buttons start a background job (every enrolment in the country can
    be a long list) and show its progress page, instead of writing the file in the request."""

    def get(self, request, *args, **kwargs):
        if request.GET.get("export") in exports.FORMATS:
            data = request.GET.copy()
            data["format"] = data["export"]
            try:
                job = export_job_request(
                    user=request.user, kind=exports.KIND, params=exports.clean(data)
                )
            except (ExportInvalid, ExportUnknown):
                raise Http404 from None
            return redirect(job)
        return super().get(request, *args, **kwargs)


class EnrolmentViewSet(ModelViewSet):
    """Who enrolled where. New enrolments go through the session pages (capacity rules)."""

    model = Enrolment
    name = "courses_enrolment"
    url_prefix = "courses/enrolment"
    icon = "group"
    menu_label = _("Inschrijvingen")
    form_class = EnrolmentForm
    edit_view_class = EnrolmentEditView
    index_view_class = EnrolmentIndexView
    list_display = ["user", "session", "status", "support_person_name", "created_at"]
    list_filter = ["status", "session", "session__course", "session__region"]
    search_fields = ["user__display_name", "user__email", "support_person_name"]
    search_backend_name = None
    copy_view_enabled = False
    inspect_view_enabled = True
    export_filename = "inschrijvingen"
    list_export = [
        "session",
        "user.display_name",
        "user.email",
        "user.phone",
        "user.organisation",
        "status",
        "support_person_name",
        "access_needs",
        "dietary_needs",
        "created_at",
        "cancelled_at",
    ]
    export_headings = {
        "session": _("Sessie"),
        "user.display_name": _("Naam"),
        "user.email": _("E-mailadres"),
        "user.phone": _("Telefoon"),
        "user.organisation": _("Organisatie"),
        "status": _("Status"),
        "support_person_name": _("Begeleider"),
        "access_needs": _("Wat nodig om mee te doen"),
        "dietary_needs": _("Eten en drinken"),
        "created_at": _("Ingeschreven op"),
        "cancelled_at": _("Afgemeld op"),
    }

    def get_form_class(self, for_update=False):
        return EnrolmentForm

    def get_queryset(self, request):
        return Enrolment.objects.select_related(
            "user", "session__course", "session__region"
        ).order_by("session", "queued_at", "pk")


# --- Qualifications --------------------------------------------------------------------------


class QualificationForm(forms.ModelForm):
    class Meta:
        model = Qualification
        fields = ["trainer", "course"]

    def __init__(self, *args, **kwargs):
        kwargs.pop("for_user", None)
        super().__init__(*args, **kwargs)
        self.fields["trainer"].queryset = get_user_model().objects.filter(
            groups__name=Role.TRAINER.value
        )


class QualificationCreateView(ServiceFormMixin, generic.CreateView):
    def save_instance(self):
        data = self.form.cleaned_data
        return services.qualification_grant(
            actor=self.request.user, trainer=data["trainer"], course=data["course"]
        )


class QualificationDeleteView(generic.DeleteView):
    def delete_action(self):
        services.qualification_revoke(actor=self.request.user, qualification=self.object)


class QualificationViewSet(ModelViewSet):
    """Which courses a trainer may give; the trainer pool will grant these on certification."""

    model = Qualification
    name = "courses_qualification"
    url_prefix = "courses/qualification"
    icon = "success"
    menu_label = _("Bevoegdheden")
    form_class = QualificationForm
    add_view_class = QualificationCreateView
    delete_view_class = QualificationDeleteView
    list_display = ["trainer", "course", "granted_at"]
    list_filter = ["course"]
    search_fields = ["trainer__display_name", "trainer__email"]
    search_backend_name = None
    copy_view_enabled = False

    def get_form_class(self, for_update=False):
        return QualificationForm


class CoursesGroup(ViewSetGroup):
    menu_label = _("Cursussen")
    menu_icon = "doc-full"
    menu_order = 200
    items = (CourseViewSet, VenueViewSet, SessionViewSet, EnrolmentViewSet, QualificationViewSet)


@hooks.register("register_admin_viewset")
def register_courses_viewsets():
    return CoursesGroup()
