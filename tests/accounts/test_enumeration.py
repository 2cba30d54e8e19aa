"""Nobody learns from an answer whether an address has an account (user enumeration).

Each test makes the same request for a known and an unknown address and compares what comes
back: status, where it leads and the page text (with the address itself and per-response
secrets taken out). The owner of a known address gets a mail instead.
"""

import re

import pytest
from django.core import mail
from django.urls import reverse

from accounts.models import User
from courses.models import Enrolment, EnrolmentInvitation
from notifications.models import OutboxMessage
from tests.accounts.factories import UserFactory
from tests.courses.factories import SessionFactory

pytestmark = pytest.mark.django_db

KNOWN, UNKNOWN = "bekend@example.org", "onbekend@example.org"


def _normalised(response, address):
    text = response.content.decode()
    text = re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "CSRF", text)
    text = re.sub(r'nonce="[^"]+"', "NONCE", text)
    return text.replace(address, "ADDRESS")


def _same(known, unknown):
    assert known.status_code == unknown.status_code
    assert known.get("Location") == unknown.get("Location")
    assert _normalised(known, KNOWN) == _normalised(unknown, UNKNOWN)


@pytest.fixture
def owner():
    return UserFactory(email=KNOWN, display_name="Echte Eigenaar")


def test_password_reset_answers_the_same(client, owner, django_capture_on_commit_callbacks):
    url = reverse("account_reset_password")
    with django_capture_on_commit_callbacks(execute=True):
        known = client.post(url, {"email": KNOWN}, follow=True)
        unknown = client.post(url, {"email": UNKNOWN}, follow=True)
    _same(known, unknown)
    assert known.redirect_chain == unknown.redirect_chain
    assert sorted(m.to[0] for m in mail.outbox) == [KNOWN, UNKNOWN]


def test_signup_answers_the_same_and_mails_the_owner(
    client, owner, django_capture_on_commit_callbacks
):
    data = {
        "display_name": "Iemand Anders",
        "password1": "Sterk-wachtwoord-2026",
        "password2": "Sterk-wachtwoord-2026",
        "organisation": "",
        "phone": "",
        "privacy_consent": "on",
    }
    url = reverse("account_signup")
    with django_capture_on_commit_callbacks(execute=True):
        known = client.post(url, {**data, "email": KNOWN})
        client.logout()
        unknown = client.post(url, {**data, "email": UNKNOWN})
    _same(known, unknown)
    assert known.status_code == 302
    owner.refresh_from_db()
    assert owner.display_name == "Echte Eigenaar"
    assert owner.check_password("Sterk-wachtwoord-2026") is False
    assert User.objects.filter(email=UNKNOWN).exists()
    assert {m.to[0] for m in mail.outbox} == {KNOWN, UNKNOWN}


def test_anonymous_enrolment_answers_the_same_and_never_enrols_the_account(
    client, owner, django_capture_on_commit_callbacks
):
    session = SessionFactory()
    data = {
        "display_name": "Iemand Anders",
        "password": "Sterk-wachtwoord-2026",
        "support_person_name": "",
        "access_needs": "",
        "dietary_needs": "Geen vis",
    }
    url = reverse("courses:enrol", kwargs={"pk": session.pk})
    with django_capture_on_commit_callbacks(execute=True):
        known = client.post(url, {**data, "email": KNOWN})
        unknown = client.post(url, {**data, "email": UNKNOWN})
    _same(known, unknown)
    assert known.status_code == 200
    assert "Kijk in je e-mail" in known.content.decode()
    # The account behind the known address is not enrolled, and its password is untouched.
    assert not Enrolment.objects.filter(user=owner).exists()
    assert owner.check_password("Sterk-wachtwoord-2026") is False
    # Its owner is asked to log in and confirm.
    invitation = EnrolmentInvitation.objects.get(email=KNOWN)
    assert invitation.invited_by is None
    message = OutboxMessage.objects.get(to=KNOWN)
    assert invitation.get_absolute_url() in message.body_text
    assert "Log eerst in" in message.body_text
    # The unknown address got its account and enrolment as before.
    assert Enrolment.objects.filter(user__email=UNKNOWN, session=session).exists()


def test_signup_race_gets_the_known_address_answer_not_a_500(
    client, monkeypatch, django_capture_on_commit_callbacks
):
    """Two sign-ups with one address at once: the loser's insert hits the unique constraint."""
    from accounts.signup import SignupForm

    UserFactory(email="Race@Example.org")  # the other request, a moment earlier

    def checked_before_the_other_request_committed(self, value):
        self.account_already_exists = False
        return value

    monkeypatch.setattr(
        SignupForm, "validate_unique_email", checked_before_the_other_request_committed
    )
    data = {
        "display_name": "Renner",
        "email": "race@example.org",
        "password1": "Sterk-wachtwoord-2026",
        "password2": "Sterk-wachtwoord-2026",
        "privacy_consent": "on",
    }
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("account_signup"), data)
    assert response.status_code == 302
    assert response["Location"] == reverse("account_email_verification_sent")
    assert User.objects.filter(email__iexact="race@example.org").count() == 1


def test_enrolment_with_an_address_taken_a_moment_ago_invites_instead_of_a_500(
    client, django_capture_on_commit_callbacks
):
    """The service does not look first: the unique constraint decides, also for case variants."""
    from courses.services.signup import enrolment_create_with_account

    owner = UserFactory(email="piet@example.org")
    session = SessionFactory()
    result = enrolment_create_with_account(
        session=session, display_name="Piet", email="PIET@Example.org ", password="x" * 12
    )
    assert result.enrolment is None
    assert result.invitation.email == "piet@example.org"
    assert not Enrolment.objects.filter(user=owner).exists()
    assert User.objects.filter(email__iexact="piet@example.org").count() == 1
