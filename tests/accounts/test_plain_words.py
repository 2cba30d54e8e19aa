"""Leerkring speaks to people as "je", also in the texts that come from Django and allauth."""

import re

import pytest
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError

pytestmark = pytest.mark.django_db

FORMAL = re.compile(r"\b(u|uw|U|Uw)\b")


def _visible_text(html: str) -> str:
    html = re.sub(r"<(script|style)\b.*?</\1>", " ", html, flags=re.S)
    return re.sub(r"<[^>]+>", " ", html)


@pytest.mark.parametrize(
    "url",
    [
        "/account/signup/",
        "/account/password/reset/",
        "/account/password/reset/done/",
        "/account/confirm-email/",
    ],
)
def test_account_pages_say_je_not_u(client, url):
    text = _visible_text(client.get(url).content.decode())
    assert FORMAL.findall(text) == []
    if url == "/account/signup/":
        assert "Je wachtwoord mag niet alleen uit cijfers bestaan." in text


@pytest.mark.parametrize(
    ("password", "message"),
    [
        ("1234567890123", "Je wachtwoord bestaat alleen uit cijfers."),
        ("password123", "Dit wachtwoord gebruiken veel mensen."),
    ],
)
def test_password_messages_say_je(password, message):
    with pytest.raises(ValidationError) as error:
        validate_password(password)
    messages = " ".join(error.value.messages)
    assert message in messages
    assert FORMAL.findall(messages) == []
