from django.urls import path

from . import privacy_views, views, views_exports

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
    path("exports/", views_exports.export_start, name="export_start"),
    path("exports/<int:pk>/", views_exports.export_job, name="export_job"),
    path("exports/<int:pk>/status/", views_exports.export_job_status, name="export_job_status"),
    path("exports/<int:pk>/download/", views_exports.export_download, name="export_download"),
]
