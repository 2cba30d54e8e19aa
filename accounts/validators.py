import re

from django.contrib.auth import password_validation
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
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


# --- Numbers and text typed by people ---------------------------------------------------------

#: A database id or count fits in a signed 64-bit integer; 18 digits always do.
MAX_INT_DIGITS = 18
_ASCII_INT = re.compile(rf"[0-9]{{1,{MAX_INT_DIGITS}}}")


def parse_int(value) -> int:
    """An integer from user input: plain digits 0-9 only, at most 18 of them.

    Python's ``int()`` also reads full-width (U+FF12) and Arabic-Indic (U+0663) digits,
    underscores and surrounding spaces, and any length; a 30-digit id then overflows the
    database. Anything but plain digits raises ``ValueError``. A real ``int`` (from code or
    JSON) passes when it fits the same bound.
    """
    if isinstance(value, bool):
        raise ValueError("not an integer")
    if isinstance(value, int):
        if 0 <= value < 10**MAX_INT_DIGITS:
            return value
        raise ValueError("integer out of range")
    if isinstance(value, str) and _ASCII_INT.fullmatch(value):
        return int(value)
    raise ValueError("not a plain integer")


#: C0 controls except tab, line feed and carriage return; DEL; the C1 controls.
CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


CONTROL_CHARACTERS_MESSAGE = _(
    "Deze tekst bevat een onzichtbaar teken dat hier niet kan. Haal het weg en probeer het opnieuw."
)


def has_control_characters(value) -> bool:
    return isinstance(value, str) and CONTROL_CHARACTERS.search(value) is not None


def no_control_characters(value) -> None:
    """Refuse invisible control characters in text a person typed.

    They have no meaning in a name or a note, break exports (a spreadsheet refuses them) and
    can hide text. Tabs and line breaks stay allowed in longer texts.
    """
    if has_control_characters(value):
        raise ValidationError(CONTROL_CHARACTERS_MESSAGE, code="control_characters")


class PlainTextForm:
    """Form mixin: every text field refuses control characters (passwords excepted).

    Put it first in the bases of each form a person types into, so a new text field is covered
    without anyone remembering to add the validator. The form re-renders with what was typed.
    """

    def __init__(self, *args, **kwargs):
        from django import forms

        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            if isinstance(field, forms.CharField) and not isinstance(
                field.widget, forms.PasswordInput
            ):
                field.validators = [*field.validators, no_control_characters]
