from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoursesConfig(AppConfig):
    name = "courses"
    verbose_name = _("Cursussen")

    def ready(self):
        from . import permissions  # noqa: F401  (registers the permission rules of this app)
