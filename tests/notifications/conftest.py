from smtplib import SMTPException

import pytest
from django.core.mail.backends.locmem import EmailBackend


@pytest.fixture
def smtp_fails_once(monkeypatch):
    """The mail server refuses the first send (451) and takes the rest; the list counts tries."""
    calls = []
    original = EmailBackend.send_messages

    def flaky(self, messages):
        calls.append(1)
        if len(calls) == 1:
            raise SMTPException("451 try again later")
        return original(self, messages)

    monkeypatch.setattr(EmailBackend, "send_messages", flaky)
    return calls
