from django.urls import path

from . import views, views_growth

app_name = "competencies"

urlpatterns = [
    path("", views.index, name="index"),
    path("toestemming/", views.consent, name="consent"),
    path("starten/", views.start, name="start"),
    path("lijst/<int:pk>/", views.fill, name="fill"),
    path("lijst/<int:pk>/antwoord/", views.answer_save, name="answer_save"),
    path("lijst/<int:pk>/overzicht/", views.overview, name="overview"),
    path("lijst/<int:pk>/kaartjes/", views.cards, name="cards"),
    path("lijst/<int:pk>/uitslag/", views.results, name="results"),
    path("delen/<int:enrolment_pk>/", views.share, name="share"),
    path("reactie-vragen/", views.peer_invite, name="peer_invite"),
    path("reactie/<str:token>/", views.peer_fill, name="peer_fill"),
    path("reactie/<str:token>/antwoord/", views.peer_answer_save, name="peer_answer_save"),
    path("deelnemer/<int:enrolment_pk>/", views_growth.shared_results, name="shared_results"),
    path("sessie/<int:session_pk>/groei/", views_growth.session_growth, name="session_growth"),
    path("groei/", views_growth.national_growth, name="national_growth"),
    path("groei.csv", views_growth.national_growth_csv, name="national_growth_csv"),
]
