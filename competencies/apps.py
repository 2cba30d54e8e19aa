from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CompetenciesConfig(AppConfig):
    """Competency frameworks as data, self-assessments, scoring and growth.

    Knows ``courses`` (it reads session state to open and close moments); ``courses`` never
    imports this app.
    """

    name = "competencies"
    verbose_name = _("Competenties")

    def ready(self):
        from accounts.audit import register_verb_labels

        from . import permissions  # noqa: F401  (registers the rules of this app)
        from .audit_labels import VERB_LABELS

        register_verb_labels(VERB_LABELS)

        from . import personal_data

        personal_data.register()
