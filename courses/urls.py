from django.urls import path

from . import calendar_views
from .views import participant, portal

app_name = "courses"

urlpatterns = [
    path("sessie/<int:pk>/", participant.session_detail, name="session_detail"),
    path("sessie/<int:pk>/agenda.ics", calendar_views.session_calendar, name="session_ics"),
    path("agenda/<str:token>.ics", calendar_views.user_feed, name="calendar_feed"),
    # Participants
    path("sessie/<int:pk>/inschrijven/", participant.enrol, name="enrol"),
    path("uitnodiging/<str:token>/", participant.invitation_accept, name="invitation_accept"),
    path("mijn-cursussen/", participant.my_courses, name="my_courses"),
    path(
        "mijn-cursussen/<int:pk>/afmelden/",
        participant.enrolment_cancel_view,
        name="enrolment_cancel",
    ),
    path(
        "mijn-cursussen/agenda-link/",
        participant.calendar_regenerate,
        name="calendar_regenerate",
    ),
    # Trainer portal
    path("mijn-sessies/", portal.session_list, name="portal_sessions"),
    path("mijn-sessies/nieuw/", portal.session_create, name="portal_session_create"),
    path("mijn-sessies/<int:pk>/", portal.session_detail, name="portal_session"),
    path("mijn-sessies/<int:pk>/wijzigen/", portal.session_edit_view, name="portal_session_edit"),
    path(
        "mijn-sessies/<int:pk>/publiceren/",
        portal.session_publish_view,
        name="portal_session_publish",
    ),
    path(
        "mijn-sessies/<int:pk>/afzeggen/", portal.session_cancel_view, name="portal_session_cancel"
    ),
    path("mijn-sessies/<int:pk>/tekenlijst/", portal.signin_sheet, name="portal_signin_sheet"),
    path("mijn-sessies/<int:pk>/deelnemers.csv", portal.participants_csv, name="portal_csv"),
    path("mijn-sessies/<int:pk>/aanwezig/", portal.attendance_choose, name="portal_attendance"),
    path(
        "mijn-sessies/<int:pk>/aanwezig/<int:meeting>/",
        portal.attendance_meeting,
        name="portal_attendance_meeting",
    ),
    path(
        "mijn-sessies/<int:pk>/afronden/",
        portal.session_complete_view,
        name="portal_session_complete",
    ),
    path(
        "mijn-sessies/<int:pk>/inschrijven/",
        portal.enrol_on_behalf,
        name="portal_enrol_on_behalf",
    ),
]
