"""The one base of every domain error in Leerkring.

A service refuses with a subclass: a machine ``code`` (views, the API and tests branch on it), the
HTTP ``status`` the API answers with, and a plain Dutch ``message`` for the person. It lives in
``accounts`` because that is the lowest app every domain app may import (``notifications`` knows
no other app and raises none). Raising inside a service's transaction rolls the whole change back,
so nothing is half-saved.
"""

from django.utils.translation import gettext_lazy as _


class DomainError(Exception):
    code = "domain_error"
    status = 400
    message = _("Dit kan niet.")

    def __init__(self, message=None, **context):
        self.context = context
        self.message = message or self.message
        super().__init__(str(self.message))

    def __str__(self):
        return str(self.message)

    @property
    def user_message(self):
        """What to show the person (the same as ``str(error)``)."""
        return self.message


class NoPrivacyNotice(DomainError):
    """Consent names a notice version: without a published notice nobody can give it."""

    code = "no_privacy_notice"
    status = 409
    message = _("Er is nog geen privacyverklaring. Probeer het later nog eens.")


class RepresentativeIncomplete(DomainError):
    code = "representative_incomplete"
    message = _("Vul de naam en de relatie van de vertegenwoordiger in.")


class AlreadyErased(DomainError):
    """The person's data has been wiped already: nothing to ask, undo or do again."""

    code = "already_erased"
    status = 409
    message = _("De gegevens van deze persoon zijn al gewist.")


class ExportUnknown(DomainError):
    """An export kind nobody registered, or one this person may not ask for (never say which)."""

    code = "export_unknown"
    status = 404
    message = _("Deze export bestaat niet.")


class ExportInvalid(DomainError):
    """A filter of an export that does not parse (a kind's ``clean`` raises it)."""

    code = "export_invalid"
    status = 400
    message = _("Deze export kan met deze keuzes niet worden gemaakt.")


class ApiTokenNotAllowed(DomainError):
    code = "api_token_not_allowed"
    status = 403
    message = _("Alleen medewerkers van het landelijk bureau kunnen een API-sleutel maken.")


class ApiTokenLimit(DomainError):
    code = "api_token_limit"
    status = 400
    message = _("Je hebt al 10 API-sleutels. Trek er eerst een in.")
