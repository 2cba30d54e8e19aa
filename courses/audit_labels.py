"""Readable labels of the audit verbs that the courses services write (shown in the log)."""

from django.utils.translation import gettext_lazy as _

VERB_LABELS = {
    "courses.participants_viewed": _("Deelnemerslijst bekeken"),
    "assignment.created": _("Trainer aan sessie toegevoegd"),
    "assignment.deleted": _("Trainer van sessie gehaald"),
    "attendance.recorded": _("Aanwezigheid genoteerd"),
    "courses.go_no_go_sent": _("Bericht gaat door of niet verstuurd"),
    "courses.reminders_sent": _("Herinneringen verstuurd"),
    "courses.trainer_digest_sent": _("Overzicht voor trainers verstuurd"),
    "enrolment.cancelled": _("Inschrijving afgemeld"),
    "enrolment.created": _("Ingeschreven"),
    "enrolment.promoted": _("Van de wachtlijst naar een plaats"),
    "enrolment.updated": _("Inschrijving gewijzigd"),
    "enrolment_invitation.accepted": _("Uitnodiging om in te schrijven aangenomen"),
    "enrolment_invitation.created": _("Uitnodiging om in te schrijven verstuurd"),
    "meeting.added": _("Bijeenkomst toegevoegd"),
    "meeting.deleted": _("Bijeenkomst verwijderd"),
    "meeting.updated": _("Bijeenkomst gewijzigd"),
    "qualification.granted": _("Trainer mag cursus geven"),
    "qualification.revoked": _("Trainer mag cursus niet meer geven"),
    "session.cancelled": _("Sessie afgezegd"),
    "session.capacity_changed": _("Aantal plaatsen gewijzigd"),
    "session.changed": _("Sessie gewijzigd"),
    "session.completed": _("Sessie afgerond"),
    "session.created": _("Sessie gemaakt"),
    "session.published": _("Sessie gepubliceerd"),
    "session.updated": _("Sessie bijgewerkt"),
}
