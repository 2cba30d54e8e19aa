"""A trainer enrolling someone by e-mail never attaches an existing account: the owner confirms.

The trainer gets the same answer and list entry for an address with and without an account,
with the name the trainer typed; the account is enrolled only when its owner, logged in,
confirms through the link in the mail.
"""

import csv
import io
import re

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse

from accounts.models import User
from courses.models import Enrolment, EnrolmentInvitation
from notifications.models import OutboxMessage
from tests.accounts.factories import UserFactory
from tests.courses.factories import AssignmentFactory, EnrolmentFactory, SessionFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def mine(trainer):
    session = SessionFactory(capacity=4)
    AssignmentFactory(session=session, trainer=trainer)
    return session


@pytest.fixture
def as_trainer(client, trainer):
    client.force_login(trainer)
    return client


@pytest.fixture
def staff_account():
    return UserFactory(
        email="ineke.bos@example.org", display_name="Ineke Bos", role="national_staff"
    )


def _invite(client, session, email, name):
    return client.post(
        reverse("courses:portal_enrol_on_behalf", kwargs={"pk": session.pk}),
        {"display_name": name, "email": email, "dietary_needs": "Geen vlees"},
    )


def _flash(response):
    """The message this response added (earlier unread ones stay in the session)."""
    return str(list(get_messages(response.wsgi_request))[-1])


def _accept_path(email):
    body = OutboxMessage.objects.get(to=email).body_text
    return re.search(r"https?://\S+(/cursussen/uitnodiging/\S+/)", body).group(1)


def test_trainer_by_email_never_attaches_an_existing_account(as_trainer, mine, staff_account):
    known = _invite(as_trainer, mine, "Ineke.Bos@example.org", "Mevrouw X")
    unknown = _invite(as_trainer, mine, "nieuw@example.org", "Meneer Y")
    assert known.status_code == unknown.status_code == 302
    assert _flash(known) == _flash(unknown).replace("Meneer Y", "Mevrouw X")
    assert "uitgenodigd" in _flash(known)
    # Nobody is enrolled, and no account was made for the new address yet.
    assert not Enrolment.objects.filter(session=mine).exists()
    assert not User.objects.filter(email="nieuw@example.org").exists()
    # The list and the CSV show the name the trainer typed, never the account's.
    page = as_trainer.get(reverse("courses:portal_session", kwargs={"pk": mine.pk}))
    html = page.content.decode()
    assert "Mevrouw X" in html
    assert "Meneer Y" in html
    assert "Ineke Bos" not in html
    csv_response = as_trainer.get(reverse("courses:portal_csv", kwargs={"pk": mine.pk}))
    rows = list(csv.reader(io.StringIO(csv_response.content.decode("utf-8-sig")), delimiter=";"))
    assert sorted(row[0] for row in rows[1:]) == ["Meneer Y", "Mevrouw X"]
    assert {row[3] for row in rows[1:]} == {"Uitgenodigd"}
    assert "Ineke Bos" not in csv_response.content.decode()
    # Each address got a mail with its own link.
    assert _accept_path("ineke.bos@example.org") != _accept_path("nieuw@example.org")


def test_existing_account_is_enrolled_only_when_its_owner_confirms_logged_in(
    client, trainer, mine, staff_account
):
    client.force_login(trainer)
    _invite(client, mine, "ineke.bos@example.org", "Mevrouw X")
    path = _accept_path("ineke.bos@example.org")
    client.logout()
    assert client.get(path).status_code == 200
    refused = client.post(path)
    assert refused.status_code == 403
    assert "Log in met het e-mailadres" in refused.content.decode()
    client.force_login(UserFactory())  # someone else who got hold of the link
    assert client.post(path).status_code == 403
    assert not Enrolment.objects.filter(user=staff_account).exists()
    client.force_login(staff_account)
    response = client.post(path)
    assert response.status_code == 302
    enrolment = Enrolment.objects.get(user=staff_account, session=mine)
    assert enrolment.status == "confirmed"
    assert enrolment.dietary_needs == "Geen vlees"
    assert EnrolmentInvitation.objects.get().enrolment == enrolment
    # The link is used up.
    assert client.post(path).status_code == 404


def test_new_address_confirms_through_the_link_and_gets_a_verified_account(client, trainer, mine):
    client.force_login(trainer)
    _invite(client, mine, "nieuw@example.org", "Meneer Y")
    client.logout()
    response = client.post(_accept_path("nieuw@example.org"))
    assert response.status_code == 200
    assert "Je bent ingeschreven" in response.content.decode()
    person = User.objects.get(email="nieuw@example.org")
    assert person.display_name == "Meneer Y"
    assert not person.has_usable_password()
    assert person.emailaddress_set.get().verified
    assert Enrolment.objects.get(user=person).session == mine


def test_confirming_a_full_session_puts_them_on_the_waitlist(client, trainer):
    session = SessionFactory(capacity=1)
    AssignmentFactory(session=session, trainer=trainer)
    EnrolmentFactory(session=session)
    client.force_login(trainer)
    _invite(client, session, "nieuw@example.org", "Meneer Y")
    client.logout()
    client.post(_accept_path("nieuw@example.org"))
    assert Enrolment.objects.get(user__email="nieuw@example.org").status == "waitlisted"


def test_inviting_twice_sends_one_mail_and_keeps_one_invitation(as_trainer, mine):
    _invite(as_trainer, mine, "nieuw@example.org", "Meneer Y")
    _invite(as_trainer, mine, "NIEUW@example.org", "Meneer Y.")
    assert EnrolmentInvitation.objects.get().display_name == "Meneer Y."
    assert OutboxMessage.objects.filter(to="nieuw@example.org").count() == 1


def test_service_refuses_a_closed_session_before_inviting(trainer):
    from courses import exceptions as e
    from courses.services.invitations import enrolment_invite

    session = SessionFactory(status="draft")
    with pytest.raises(e.SessionNotOpen):
        enrolment_invite(actor=trainer, session=session, email="a@example.org", display_name="A")
    assert not EnrolmentInvitation.objects.exists()


def test_unknown_link_is_a_404(client):
    response = client.get(reverse("courses:invitation_accept", kwargs={"token": "verzonnen"}))
    assert response.status_code == 404
    assert "verlopen of al gebruikt" in response.content.decode()
