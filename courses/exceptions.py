"""Domain errors of courses: each has a machine ``code`` (API, tests) and a plain Dutch message.

Views show ``str(error)`` next to the form; the API returns ``{"code": ..., "detail": ...}`` with
a 4xx. Raising inside a service's transaction rolls the whole change back, so nothing is
half-saved.
"""

from django.utils import timezone
from django.utils.formats import date_format, time_format
from django.utils.translation import gettext_lazy as _


class DomainError(Exception):
    code = "domain_error"
    message = _("Dit kan niet.")
    status = 400

    def __init__(self, message=None, **context):
        self.context = context
        self.message = message or self.message
        super().__init__(str(self.message))

    def __str__(self):
        return str(self.message)


class SessionNotOpen(DomainError):
    code = "session_not_open"
    message = _("Je kunt je voor deze cursus niet (meer) inschrijven.")
    status = 409


class EnrolmentClosed(DomainError):
    code = "enrolment_closed"
    message = _("De inschrijving is gesloten.")
    status = 409


class AlreadyEnrolled(DomainError):
    """Carries the existing ``enrolment`` so the caller can show it instead."""

    code = "already_enrolled"
    message = _("Je bent al ingeschreven voor deze cursus.")
    status = 409

    @property
    def enrolment(self):
        return self.context.get("enrolment")


class NotEnrolled(DomainError):
    code = "not_enrolled"
    message = _("Deze persoon is niet ingeschreven voor deze cursus.")
    status = 400


class EnrolmentNotActive(DomainError):
    code = "enrolment_not_active"
    message = _("Deze inschrijving is al afgemeld of afgesloten.")
    status = 409


class CancellationClosed(DomainError):
    code = "cancellation_closed"
    message = _("Afmelden kan nu niet meer via de website. Bel of mail de trainer.")
    status = 409


class MeetingTimesInvalid(DomainError):
    code = "meeting_ends_before_start"
    message = _("Een bijeenkomst moet eindigen na de begintijd.")


class CapacityInvalid(DomainError):
    code = "capacity_invalid"
    message = _("Het aantal plaatsen moet minstens 1 zijn en niet kleiner dan het minimum.")


class CapacityBelowConfirmed(DomainError):
    code = "capacity_below_confirmed"
    message = _("Er zijn al meer plaatsen bezet dan dit aantal.")
    status = 409


class TrainerDoubleBooked(DomainError):
    code = "trainer_double_booked"
    status = 409

    def __init__(
        self, message=None, *, trainer=None, clashing_session=None, clashing_meeting=None, **context
    ):
        if message is None and clashing_meeting is not None:
            # Name the clashing meeting's day and time, so the planner knows what to move.
            starts_at = timezone.localtime(clashing_meeting.starts_at)
            ends_at = timezone.localtime(clashing_meeting.ends_at)
            message = _(
                "%(trainer)s geeft op %(day)s van %(start)s tot %(end)s uur al de cursus "
                "%(session)s."
            ) % {
                "trainer": trainer,
                "day": date_format(starts_at, "l j F Y"),
                "start": time_format(starts_at, "H:i"),
                "end": time_format(ends_at, "H:i"),
                "session": clashing_session,
            }
        elif message is None:
            message = _("%(trainer)s geeft op dat moment al de cursus %(session)s.") % {
                "trainer": trainer,
                "session": clashing_session,
            }
        super().__init__(
            message,
            trainer=trainer,
            clashing_session=clashing_session,
            clashing_meeting=clashing_meeting,
            **context,
        )

    @property
    def clashing_session(self):
        return self.context.get("clashing_session")


class NotATrainer(DomainError):
    code = "not_a_trainer"
    message = _("Deze persoon is geen trainer.")


class TrainerNotQualified(DomainError):
    code = "trainer_not_qualified"
    message = _("Deze trainer mag deze cursus (nog) niet geven.")


class AlreadyAssigned(DomainError):
    code = "already_assigned"
    message = _("Deze trainer staat al bij deze sessie.")
    status = 409


class LeadAlreadyAssigned(DomainError):
    code = "lead_already_assigned"
    message = _("Deze sessie heeft al een hoofdtrainer.")
    status = 409


class InvalidTransition(DomainError):
    code = "invalid_status_transition"
    message = _("Dit kan niet in de huidige status van de sessie.")
    status = 409


class SessionIncomplete(DomainError):
    code = "session_incomplete"
    message = _("Vul eerst minstens één bijeenkomst en een locatie of online link in.")


class SessionStarted(DomainError):
    code = "session_started"
    message = _("De cursus is al begonnen.")
    status = 409


class SessionNotStarted(DomainError):
    code = "session_not_started"
    message = _("De cursus is nog niet begonnen.")
    status = 409


class CancelReasonRequired(DomainError):
    code = "cancel_reason_required"
    message = _("Geef een reden op voor het afzeggen.")


class ContactRequired(DomainError):
    code = "contact_required"
    message = _("Vul een naam in, en een telefoonnummer of de naam van een begeleider.")


class LastMeeting(DomainError):
    code = "last_meeting"
    message = _("Een sessie heeft minstens één bijeenkomst.")
    status = 409


class FieldNotEditable(DomainError):
    code = "field_not_editable"
    message = _("Dit gegeven kan niet meer worden gewijzigd.")
