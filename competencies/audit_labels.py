"""Readable labels of the audit verbs that the competencies services write (shown in the log)."""

from django.utils.translation import gettext_lazy as _

VERB_LABELS = {
    "competencies.answers_saved": _("Antwoorden competentielijst bewaard"),
    "competencies.assessment_completed": _("Competentielijst helemaal ingevuld"),
    "competencies.assessment_started": _("Competentielijst begonnen"),
    "competencies.cards_saved": _("Kaartjes bewaard"),
    "competencies.consent_given": _("Toestemming gegeven"),
    "competencies.follow_up_opened": _("Lijst voor later geopend"),
    "competencies.peer_invited": _("Iemand uitgenodigd om mee te kijken"),
    "competencies.sharing_set": _("Delen met trainer gewijzigd"),
    "competencies.shared_results_viewed": _("Gedeelde uitslag bekeken"),
}
