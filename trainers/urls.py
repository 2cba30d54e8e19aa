from django.urls import path

from . import views, views_availability, views_pool

app_name = "trainers"

urlpatterns = [
    path("aanmelden/", views.apply, name="apply"),
    path("mijn-traject/", views.my_programme, name="my_programme"),
    path("beschikbaarheid/", views_availability.my_availability, name="my_availability"),
    path(
        "beschikbaarheid/<int:pk>/verwijderen/",
        views_availability.availability_remove,
        name="availability_remove",
    ),
    path("voorstel/<int:session_pk>/", views_availability.suggest, name="suggest"),
    path("stage/<int:pk>/aftekenen/", views.sign_off, name="sign_off"),
    path("beheer/aanmeldingen/", views.applications, name="applications"),
    path(
        "beheer/aanmeldingen/<int:pk>/besluit/",
        views.application_decide,
        name="application_decide",
    ),
    path("beheer/trainer/<int:pk>/", views.trainer_detail, name="trainer_detail"),
    path("beheer/", views_pool.dashboard, name="dashboard"),
]
