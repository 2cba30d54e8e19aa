"""Domain errors of the trainer pool; each carries a machine ``code`` for views and the API."""

from django.utils.translation import gettext_lazy as _

from courses.exceptions import DomainError


class TrainerError(DomainError):
    code = "trainer_error"


class TransitionNotAllowed(TrainerError):
    code = "trainer_transition_not_allowed"
    message = _("Deze stap kan niet in de huidige status van de trainer.")
    status = 409


class StopReasonRequired(TrainerError):
    code = "stop_reason_required"
    message = _("Geef een reden op waarom deze trainer stopt.")


class NoAttendedCourse(TrainerError):
    code = "no_attended_course"
    message = _("Je kunt trainer worden als je eerst zelf een cursus hebt gevolgd.")
    status = 409


class ApplicationPending(TrainerError):
    code = "application_pending"
    message = _("Je hebt je al aangemeld. We nemen contact met je op.")
    status = 409


class AlreadyInPool(TrainerError):
    code = "already_in_pool"
    message = _("Je doet al mee als (aanstaande) trainer.")
    status = 409


class ApplicationDecided(TrainerError):
    code = "application_decided"
    message = _("Over deze aanmelding is al besloten.")
    status = 409


class DeclineMessageRequired(TrainerError):
    code = "decline_message_required"
    message = _("Schrijf een vriendelijk bericht aan de aanmelder.")


class NotAnInternship(TrainerError):
    code = "not_an_internship"
    message = _("Dit is geen stage-plaats.")


class SessionNotCompleted(TrainerError):
    code = "session_not_completed"
    message = _("De stage kan pas worden afgetekend als de sessie is afgerond.")
    status = 409


class NotSessionLead(TrainerError):
    code = "not_session_lead"
    message = _("Alleen de hoofdtrainer van deze sessie kan de stage aftekenen.")
    status = 403


class StepAlreadyDecided(TrainerError):
    code = "step_already_decided"
    message = _("Over deze stap is al besloten.")
    status = 409


class StepAlreadyPassed(TrainerError):
    code = "step_already_passed"
    message = _("Deze stap is al gehaald.")
    status = 409


class NoCursusAttended(TrainerError):
    code = "no_cursus_attended"
    message = _("Er is nog geen afgeronde train-de-trainercursus gevolgd.")
    status = 409


class NotInProgramme(TrainerError):
    code = "not_in_programme"
    message = _("Deze persoon volgt het traject niet.")
    status = 409


class ProgrammeIncomplete(TrainerError):
    code = "programme_incomplete"
    message = _("Nog niet alle drie de stappen zijn gehaald.")
    status = 409


class CoursesRequired(TrainerError):
    code = "courses_required"
    message = _("Kies minstens één cursus die deze trainer mag geven.")
