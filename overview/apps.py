from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OverviewConfig(AppConfig):
    """The national overview for staff: figures drawn from the domain apps' selectors.

    On top of the app graph, like ``cms``: it reads ``courses``, ``competencies`` and
    ``trainers``; none of them imports it.
    """

    name = "overview"
    verbose_name = _("Landelijk overzicht")

    def ready(self):
        from . import permissions  # noqa: F401  (registers the rules of this app)
