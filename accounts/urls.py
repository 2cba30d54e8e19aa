from django.urls import path

from . import privacy_views, views

app_name = "accounts"

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("profiel/", views.profile_edit, name="profile_edit"),
    path("toestemmingen/", privacy_views.consents, name="consents"),
    path(
        "toestemmingen/vertegenwoordiger/",
        privacy_views.consent_representative,
        name="consent_representative",
    ),
    path("toestemmingen/nieuwe-tekst/", privacy_views.reconsent, name="reconsent"),
    path("uitloggen-overal/", privacy_views.logout_everywhere, name="logout_everywhere"),
]
