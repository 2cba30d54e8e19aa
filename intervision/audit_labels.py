"""Readable labels of the audit verbs that the intervision services write (shown in the log)."""

from django.utils.translation import gettext_lazy as _

VERB_LABELS = {
    "intervision.request_created": _("Intervisie gevraagd"),
    "intervision.request_supported": _("Intervisievraag gesteund"),
    "intervision.request_unsupported": _("Steun voor intervisievraag ingetrokken"),
    "intervision.moment_scheduled": _("Intervisiemoment gepland"),
    "intervision.moment_updated": _("Intervisiemoment gewijzigd"),
    "intervision.moment_cancelled": _("Intervisiemoment afgezegd"),
    "intervision.attendance_recorded": _("Aanwezigheid bij intervisie genoteerd"),
    "intervision.report_saved": _("Verslag van intervisie opgeslagen"),
    "intervision.series_closed": _("Intervisiereeks afgesloten"),
    "intervision.settings_saved": _("Intervisie-instellingen opgeslagen"),
    "intervision.group_created": _("Intervisiegroep voor trainers gemaakt"),
}
