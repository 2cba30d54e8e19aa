from django.urls import path

from . import views, views_exports, views_tokens

app_name = "accounts"

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("profiel/", views.profile_edit, name="profile_edit"),
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
