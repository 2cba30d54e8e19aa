from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoursesConfig(AppConfig):
    name = "courses"
    verbose_name = _("Cursussen")

    def ready(self):
        from accounts.audit import register_verb_labels

        from . import exports, permissions  # noqa: F401  (permissions registers its rules)
        from .audit_labels import VERB_LABELS

        register_verb_labels(VERB_LABELS)
        exports.register()

        from . import notify, personal_data

        personal_data.register()
        notify.register_renderers()
