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

        from . import exports, permissions  # noqa: F401  (permissions registers its rules)
        from .audit_labels import VERB_LABELS

        register_verb_labels(VERB_LABELS)
        exports.register()

        from . import personal_data

        personal_data.register()
