from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NotificationsConfig(AppConfig):
    """The outbox: the one path every e-mail of Leerkring takes. Knows no other app."""

    name = "notifications"
    verbose_name = _("Berichten")
