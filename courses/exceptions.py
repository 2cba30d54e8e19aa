"""Domain errors of courses (the base and what each carries: ``accounts.exceptions``).

Views show ``str(error)`` next to the form; the API returns ``{"code": ..., "detail": ...}`` with
the error's 4xx ``status``.
"""

from django.utils.translation import gettext_lazy as _

from accounts.exceptions import DomainError as DomainError  # the one base, re-exported


class FieldProblem(DomainError):
    """A problem with one field of a session's form; ``context["index"]`` is the meeting row.

    A service that finds several problems raises the first and lists them all in ``problems``,
    so a form shows every message next to its own field while callers still branch on the first
    error's class and code.
    """

    field = None

    def __init__(self, message=None, *, field=None, **context):
        super().__init__(message, **context)
        if field is not None:
            self.field = field


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


class MeetingTimesInvalid(FieldProblem):
    code = "meeting_ends_before_start"
    field = "meetings"
    message = _("Een bijeenkomst moet eindigen na de begintijd.")


class CapacityInvalid(FieldProblem):
    code = "capacity_invalid"
    field = "capacity"
    message = _("Het aantal plaatsen moet minstens 1 zijn en niet kleiner dan het minimum.")


class CapacityBelowConfirmed(FieldProblem):
    code = "capacity_below_confirmed"
    field = "capacity"
    message = _("Er zijn al meer plaatsen bezet dan dit aantal.")
    status = 409


class TrainerDoubleBooked(DomainError):
    code = "trainer_double_booked"
    status = 409

    def __init__(self, message=None, *, trainer=None, clashing_session=None, **context):
        if message is None:
            message = _("%(trainer)s geeft op dat moment al de cursus %(session)s.") % {
                "trainer": trainer,
                "session": clashing_session,
            }
        super().__init__(message, trainer=trainer, clashing_session=clashing_session, **context)

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


class MeetingInPast(FieldProblem):
    code = "meeting_in_past"
    field = "meetings"
    message = _("Deze bijeenkomst is al voorbij. Kies een datum en tijd die nog moeten komen.")


class MeetingTooFarAhead(FieldProblem):
    code = "meeting_too_far_ahead"
    field = "meetings"
    message = _("Deze datum ligt te ver vooruit. Controleer het jaar.")


class DeadlineAfterStart(FieldProblem):
    code = "deadline_after_first_meeting"
    field = "enrolment_deadline"
    message = _("Inschrijven moet sluiten voordat de eerste bijeenkomst begint.")


class DeadlinePassed(FieldProblem):
    code = "deadline_passed"
    field = "enrolment_deadline"
    message = _("Deze datum is al voorbij. Kies een moment dat nog moet komen, of laat het leeg.")


class TextTooLong(FieldProblem):
    code = "text_too_long"
    field = "notes"
    message = _("Deze tekst is te lang.")


class MeetingNotStarted(DomainError):
    code = "meeting_not_started"
    message = _(
        "Deze bijeenkomst is nog niet begonnen. Aanwezigheid noteer je als de bijeenkomst begint."
    )
    status = 409


class MeetingNotFound(DomainError):
    code = "meeting_not_found"
    message = _("Deze bijeenkomst hoort niet bij deze sessie.")
    status = 404


class InvitationInvalid(DomainError):
    code = "invitation_invalid"
    message = _("Deze link is verlopen of al gebruikt.")
    status = 404


class InvitationNeedsOwner(DomainError):
    """The address has an account: only that account, logged in, may confirm."""

    code = "invitation_needs_owner"
    message = _("Log in met het e-mailadres waar de uitnodiging naartoe ging.")
    status = 403
