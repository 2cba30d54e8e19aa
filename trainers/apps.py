from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TrainersConfig(AppConfig):
    """The national trainer pool: profiles, status history, the train-the-trainer programme.

    Knows ``accounts`` and ``courses`` (it reads sessions, assignments and enrolments to derive
    the programme); neither of them imports this app.
    """

    name = "trainers"
    verbose_name = _("Trainerspool")

    def ready(self):
        from accounts.audit import register_verb_labels

        from . import exports, permissions  # noqa: F401  (permissions registers its rules)
        from .audit_labels import VERB_LABELS

        register_verb_labels(VERB_LABELS)
        exports.register()

        from . import personal_data

        personal_data.register()
