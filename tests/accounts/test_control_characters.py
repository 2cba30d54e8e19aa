"""Invisible control characters are refused where people type text (one validator for all),
with a Dutch message and everything else they typed kept."""

import json

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from accounts.models import User
from accounts.validators import no_control_characters
from competencies import services as competency_services
from competencies.models import PeerInvitation
from courses.models import Enrolment
from tests.courses.factories import SessionFactory

pytestmark = pytest.mark.django_db

MESSAGE = "onzichtbaar teken"
REFUSED = ["\x00", "\x07", "\x08", "\x0b", "\x0c", "\x0e", "\x1b", "\x1f", "\x7f", "\x85"]


@pytest.mark.parametrize("char", REFUSED)
def test_the_validator_refuses_control_characters(char):
    with pytest.raises(ValidationError) as error:
        no_control_characters(f"Ans{char}Jansen")
    assert error.value.code == "control_characters"


@pytest.mark.parametrize(
    "text",
    ["Ans Jansen", "Regel 1\nRegel 2\r\n\tingesprongen", "Cliëntenraad \u2013 Zuid \u263a", ""],
)
def test_the_validator_keeps_ordinary_text(text):
    no_control_characters(text)


def test_signup_refuses_a_name_with_a_control_character(client):
    data = {
        "display_name": "Piet\x07Jansen",
        "email": "piet@example.org",
        "password1": "Sterk-wachtwoord-2026",
        "password2": "Sterk-wachtwoord-2026",
        "organisation": "Cliëntenraad Zuid",
        "phone": "",
        "privacy_consent": "on",
    }
    response = client.post(reverse("account_signup"), data)
    assert response.status_code == 200
    page = response.content.decode()
    assert MESSAGE in page
    assert "Cliëntenraad Zuid" in page
    assert 'value="piet@example.org"' in page
    assert not User.objects.filter(email="piet@example.org").exists()


def test_profile_refuses_a_control_character_and_keeps_the_rest(client, participant):
    name = participant.display_name
    client.force_login(participant)
    response = client.post(
        reverse("accounts:profile_edit"),
        {"display_name": "Nieuwe Naam", "phone": "020\x0b1234567", "organisation": "Wmo-raad"},
    )
    page = response.content.decode()
    assert MESSAGE in page
    assert 'value="Nieuwe Naam"' in page
    assert 'value="Wmo-raad"' in page
    participant.refresh_from_db()
    assert participant.display_name == name


def test_enrol_form_refuses_control_characters_and_keeps_the_rest(client, participant):
    session = SessionFactory()
    client.force_login(participant)
    response = client.post(
        reverse("courses:enrol", kwargs={"pk": session.pk}),
        {
            "support_person_name": "Bep",
            "access_needs": "Rolstoel\x1b[31m",
            "dietary_needs": "Halal",
        },
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert MESSAGE in page
    assert 'value="Bep"' in page
    assert "Halal" in page
    assert not Enrolment.objects.exists()


def test_enrol_with_a_new_account_refuses_a_name_with_a_control_character(client):
    session = SessionFactory()
    response = client.post(
        reverse("courses:enrol", kwargs={"pk": session.pk}),
        {
            "display_name": "Piet\x0cJansen",
            "email": "nieuw@example.org",
            "password": "lang-genoeg-wachtwoord-7",
            "dietary_needs": "Halal",
        },
    )
    assert response.status_code == 400
    assert MESSAGE in response.content.decode()
    assert "Halal" in response.content.decode()
    assert not User.objects.filter(email="nieuw@example.org").exists()


def test_api_enrol_refuses_control_characters(client, participant):
    session = SessionFactory()
    client.force_login(participant)
    response = client.post(
        f"/api/sessions/{session.pk}/enrol",
        json.dumps({"support_person_name": "Bep\x00", "access_needs": "ok"}),
        content_type="application/json",
    )
    assert response.status_code == 422
    body = response.json()
    assert body["code"] == "invalid_input"
    assert MESSAGE in json.dumps(body["detail"], ensure_ascii=False)
    assert not Enrolment.objects.exists()


def test_peer_invitation_refuses_a_name_with_a_control_character(client, participant):
    competency_services.consent_give(user=participant)
    client.force_login(participant)
    response = client.post(
        reverse("competencies:peer_invite"), {"name": "Ans\x08", "email": "ans@example.org"}
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert MESSAGE in page
    assert 'value="ans@example.org"' in page
    assert not PeerInvitation.objects.exists()
