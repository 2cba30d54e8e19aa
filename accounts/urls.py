from django.urls import path

from . import views, views_consent, views_exports, views_privacy, views_tokens

app_name = "accounts"

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("profiel/", views.profile_edit, name="profile_edit"),
    path("toestemmingen/", views_consent.consents, name="consents"),
    path(
        "toestemmingen/vertegenwoordiger/",
        views_consent.consent_representative,
        name="consent_representative",
    ),
    path("toestemmingen/nieuwe-tekst/", views_consent.reconsent, name="reconsent"),
    path("uitloggen-overal/", views_consent.logout_everywhere, name="logout_everywhere"),
    path("gegevens/", views_privacy.my_data, name="my_data"),
    path("gegevens/download/", views_privacy.my_data_download, name="my_data_download"),
    path("gegevens/wissen/", views_privacy.my_data_erase, name="my_data_erase"),
    path(
        "gegevens/wissen/terugdraaien/",
        views_privacy.my_data_erase_cancel,
        name="my_data_erase_cancel",
    ),
    path("beheer/personen/<int:pk>/", views_privacy.person_data, name="person_data"),
    path(
        "beheer/personen/<int:pk>/download/",
        views_privacy.person_data_download,
        name="person_data_download",
    ),
    path(
        "beheer/personen/<int:pk>/terugdraaien/",
        views_privacy.person_erasure_cancel,
        name="person_erasure_cancel",
    ),
    path("api-sleutels/", views_tokens.api_tokens, name="api_tokens"),
    path(
        "api-sleutels/<int:pk>/intrekken/",
        views_tokens.api_token_revoke_view,
        name="api_token_revoke",
    ),
    path("exports/", views_exports.export_start, name="export_start"),
    path("exports/<int:pk>/", views_exports.export_job, name="export_job"),
    path("exports/<int:pk>/status/", views_exports.export_job_status, name="export_job_status"),
    path("exports/<int:pk>/download/", views_exports.export_download, name="export_download"),
]
