from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IntervisionConfig(AppConfig):
    """The up-to-three follow-up intervision moments of a session, and trainer intervision.

    Knows ``courses`` (it reads completed sessions and attendance), ``competencies`` (it opens
    the follow-up list) and ``trainers`` (attending a trainer intervision passes a programme
    step); none of them imports this app.
    """

    name = "intervision"
    verbose_name = _("Intervisie")

    def ready(self):
        from accounts.audit import register_verb_labels

        from . import (
            permissions,  # noqa: F401  (registers the rules of this app)
            personal_data,
        )
        from .audit_labels import VERB_LABELS

        register_verb_labels(VERB_LABELS)
        personal_data.register()
