"""Domain errors of the competency app (the base and what each carries: ``accounts.exceptions``)."""

from django.utils.translation import gettext_lazy as _

from accounts.exceptions import DomainError


class CompetencyError(DomainError):
    code = "competency_error"
    message = _("Dat lukt niet.")


class ValueOutsideScale(CompetencyError):
    code = "value_outside_scale"
    message = _("Kies een van de antwoorden.")


class AnswerNotANumber(ValueOutsideScale):
    code = "answer_not_a_number"
    message = _(
        "Een antwoord moet een gewoon getal zijn, zoals 1 of 2. Kies een van de antwoorden."
    )


class StatementNotInFramework(CompetencyError):
    code = "statement_not_in_framework"
    message = _("Deze vraag hoort niet bij deze lijst.")


class MomentClosed(CompetencyError):
    code = "moment_closed"
    status = 409
    message = _("Deze lijst is nu gesloten. Je kunt hem niet meer invullen.")


class ConsentRequired(CompetencyError):
    code = "consent_required"
    status = 409
    message = _("Geef eerst toestemming voordat je de lijst invult.")


class InvalidCardPick(CompetencyError):
    code = "invalid_card_pick"
    message = _("Kies precies 3 kaartjes die bij je passen en 3 waarin je wilt groeien.")


class PeerLinkInvalid(CompetencyError):
    code = "peer_link_invalid"
    status = 404
    message = _("Deze link werkt niet (meer). Vraag om een nieuwe link.")


class PeerInvitationLimit(CompetencyError):
    code = "peer_invitation_limit"
    message = _(
        "Je hebt vandaag al genoeg mensen om een reactie gevraagd. "
        "Morgen kun je weer iemand vragen."
    )
