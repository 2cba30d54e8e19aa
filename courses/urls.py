from django.urls import path

from . import calendar_views, views

app_name = "courses"

urlpatterns = [
    path("sessie/<int:pk>/", views.session_detail, name="session_detail"),
    path("sessie/<int:pk>/agenda.ics", calendar_views.session_calendar, name="session_ics"),
    path("agenda/<str:token>.ics", calendar_views.user_feed, name="calendar_feed"),
]
