"""The intervision pages: the participant's "Na de cursus", the trainer's and trainer groups'."""

from django.urls import path

from .views import groups, participant, trainer

app_name = "intervision"

urlpatterns = [
    # Participants: "Mijn cursussen" -> a completed course -> "Na de cursus".
    path("na-de-cursus/<int:session_pk>/", participant.after_course, name="after_course"),
    path(
        "na-de-cursus/<int:session_pk>/vragen/",
        participant.request_create,
        name="request_create",
    ),
    path("vraag/<int:pk>/steunen/", participant.request_support, name="request_support"),
    path(
        "vraag/<int:pk>/niet-meer-steunen/",
        participant.request_unsupport,
        name="request_unsupport",
    ),
    path("moment/<int:pk>/", participant.moment_detail, name="moment_detail"),
    path("moment/<int:pk>/agenda.ics", participant.moment_calendar, name="moment_ics"),
    # Trainers: "Mijn sessies" -> a completed session -> "Intervisie".
    path("mijn-sessies/<int:session_pk>/", trainer.trainer_session, name="trainer_session"),
    path("mijn-sessies/<int:session_pk>/plannen/", trainer.moment_schedule, name="moment_schedule"),
    path("mijn-sessies/<int:session_pk>/afsluiten/", trainer.series_close, name="series_close"),
    path("moment/<int:pk>/wijzigen/", trainer.moment_edit, name="moment_edit"),
    path("moment/<int:pk>/afzeggen/", trainer.moment_cancel, name="moment_cancel"),
    path("moment/<int:pk>/aanwezig/", trainer.moment_attendance, name="moment_attendance"),
    path("moment/<int:pk>/verslag/", trainer.moment_report, name="moment_report"),
    # Trainer intervision for the programme.
    path("trainersgroepen/", groups.group_list, name="group_list"),
    path("trainersgroepen/nieuw/", groups.group_create, name="group_create"),
    path("trainersgroepen/<int:pk>/", groups.group_detail, name="group_detail"),
    path(
        "trainersgroepen/<int:pk>/plannen/",
        trainer.group_moment_schedule,
        name="group_moment_schedule",
    ),
    path("trainersgroepen/<int:pk>/afsluiten/", trainer.group_close, name="group_close"),
]
