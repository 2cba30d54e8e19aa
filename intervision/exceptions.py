"""Domain errors of intervision; each carries a machine ``code`` for views and the API."""

from django.utils.translation import gettext_lazy as _

from accounts.exceptions import DomainError


class IntervisionError(DomainError):
    code = "intervision_error"


class NotAParticipant(IntervisionError):
    code = "intervision_not_a_participant"
    message = _("Alleen wie de cursus heeft gevolgd, kan een intervisie vragen.")
    status = 403


class SessionNotCompleted(IntervisionError):
    code = "intervision_session_not_completed"
    message = _("De cursus is nog niet afgerond. Daarna kun je een intervisie vragen.")
    status = 409


class RequestsClosed(IntervisionError):
    code = "intervision_requests_closed"
    message = _("Je kunt geen intervisie meer vragen. De termijn is voorbij.")
    status = 409


class SeriesClosed(IntervisionError):
    code = "intervision_series_closed"
    message = _("De intervisie van deze cursus is afgesloten.")
    status = 409


class TopicRequired(IntervisionError):
    code = "intervision_topic_required"
    message = _("Schrijf op waar je over wilt praten, of kies een onderwerp.")


class TopicTooLong(IntervisionError):
    code = "intervision_topic_too_long"
    message = _("Het onderwerp is te lang. Gebruik ten hoogste 300 tekens.")


class UnknownSuggestion(IntervisionError):
    code = "intervision_unknown_suggestion"
    message = _("Kies een onderwerp uit de lijst.")


class RequestNotOpen(IntervisionError):
    code = "intervision_request_not_open"
    message = _("Deze vraag staat niet meer open.")
    status = 409


class OwnRequest(IntervisionError):
    code = "intervision_own_request"
    message = _("Dit is je eigen vraag. Je steunt hem al.")
    status = 409


class NotATrainer(IntervisionError):
    code = "intervision_not_a_trainer"
    message = _("Alleen de trainers van deze cursus kunnen dit doen.")
    status = 403


class MomentLimitReached(IntervisionError):
    code = "intervision_moment_limit"
    message = _("Er zijn al drie intervisiemomenten. Een vierde kan niet.")
    status = 409


class MomentTimesInvalid(IntervisionError):
    code = "intervision_moment_times"
    message = _("Het moment moet eindigen na het begin.")


class MomentInPast(IntervisionError):
    code = "intervision_moment_in_past"
    message = _("Kies een moment in de toekomst.")


class PlaceRequired(IntervisionError):
    code = "intervision_place_required"
    message = _("Vul een plaats of een online link in.")


class ForeignRequest(IntervisionError):
    code = "intervision_foreign_request"
    message = _("Een vraag hoort niet bij deze cursus.")


class MomentNotPlanned(IntervisionError):
    code = "intervision_moment_not_planned"
    message = _("Dit moment is niet meer gepland.")
    status = 409


class MomentCancelled(IntervisionError):
    code = "intervision_moment_cancelled"
    message = _("Dit moment is afgezegd.")
    status = 409


class MomentNotStarted(IntervisionError):
    code = "intervision_moment_not_started"
    message = _("Aanwezigheid en verslag kunnen pas als het moment begonnen is.")
    status = 409


class NotInvited(IntervisionError):
    code = "intervision_not_invited"
    message = _("Deze persoon hoort niet bij dit moment.")


class BadAttendanceStatus(IntervisionError):
    code = "intervision_bad_attendance"
    message = _("Kies aanwezig of afwezig.")


class CancelReasonRequired(IntervisionError):
    code = "intervision_cancel_reason"
    message = _("Schrijf kort op waarom het moment niet doorgaat.")


class ReportEmpty(IntervisionError):
    code = "intervision_report_empty"
    message = _("Schrijf op wat er is besproken of welke afspraken er zijn.")


class TextTooLong(IntervisionError):
    code = "intervision_text_too_long"
    message = _("De tekst is te lang.")


class OnlineLinkInvalid(IntervisionError):
    code = "intervision_online_link"
    message = _("De online link klopt niet. Begin met https://")


class SettingsOutOfRange(IntervisionError):
    code = "intervision_settings_range"
    message = _("Kies 1 tot 100 steunbetuigingen en 1 tot 24 maanden.")
