from django.contrib.auth import password_validation
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import ngettext


class MinimumLengthValidator(password_validation.MinimumLengthValidator):
    """Django's validator, with a message that is translated (Django 5.2's Dutch one is missing)."""

    def get_error_message(self):
        return ngettext(
            "Dit wachtwoord is te kort. Gebruik minstens %(min_length)d teken.",
            "Dit wachtwoord is te kort. Gebruik minstens %(min_length)d tekens.",
            self.min_length,
        ) % {"min_length": self.min_length}

    def get_help_text(self):
        return ngettext(
            "Je wachtwoord moet minstens %(min_length)d teken hebben.",
            "Je wachtwoord moet minstens %(min_length)d tekens hebben.",
            self.min_length,
        ) % {"min_length": self.min_length}

    def validate(self, password, user=None):
        if len(password) < self.min_length:
            raise ValidationError(self.get_error_message(), code="password_too_short")


# Django's own Dutch says "Uw wachtwoord": Leerkring says "je" everywhere, so these three speak
# plainly too.
class UserAttributeSimilarityValidator(password_validation.UserAttributeSimilarityValidator):
    def get_error_message(self):
        return _("Je wachtwoord lijkt te veel op je %(verbose_name)s. Kies een ander wachtwoord.")

    def get_help_text(self):
        return _("Je wachtwoord mag niet lijken op je naam of e-mailadres.")


class CommonPasswordValidator(password_validation.CommonPasswordValidator):
    def get_error_message(self):
        return _("Dit wachtwoord gebruiken veel mensen. Kies een ander wachtwoord.")

    def get_help_text(self):
        return _("Kies een wachtwoord dat niet veel mensen gebruiken.")


class NumericPasswordValidator(password_validation.NumericPasswordValidator):
    def get_error_message(self):
        return _("Je wachtwoord bestaat alleen uit cijfers. Gebruik ook letters.")

    def get_help_text(self):
        return _("Je wachtwoord mag niet alleen uit cijfers bestaan.")
