"""Readable labels of the audit verbs that the trainers services write (shown in the log)."""

from django.utils.translation import gettext_lazy as _

VERB_LABELS = {
    "trainer.applied": _("Aangemeld als trainer"),
    "trainer.application_accepted": _("Aanmelding als trainer aangenomen"),
    "trainer.application_declined": _("Aanmelding als trainer afgewezen"),
    "trainer.availability_set": _("Beschikbaarheid doorgegeven"),
    "trainer.availability_deleted": _("Beschikbaarheid weggehaald"),
    "trainer.certified": _("Trainer gecertificeerd"),
    "trainer.profile_updated": _("Trainersprofiel gewijzigd"),
    "trainer.status_changed": _("Status van trainer gewijzigd"),
    "trainer.stage_recorded": _("Stap stage vastgelegd"),
    "trainer.cursus_recorded": _("Stap cursus vastgelegd"),
    "trainer.intervisie_recorded": _("Stap intervisie vastgelegd"),
}
