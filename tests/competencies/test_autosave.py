"""Every answer is saved as it is given (where JavaScript runs): one endpoint per list, called
for each radio change, through the same service as the "Volgende" button."""

import re
from datetime import timedelta

import pytest
import time_machine
from django.test import Client
from django.urls import reverse

from competencies import services
from competencies.models import Answer
from competencies.selectors import competencies_with_statements
from tests.accounts.factories import UserFactory

from .factories import course_session, movisie, start

pytestmark = pytest.mark.django_db


def _first_statement():
    return competencies_with_statements(movisie())[0].statements.all()[0]


def test_one_answer_is_saved_and_the_count_comes_back(client, participant):
    assessment = start(participant)
    statement = _first_statement()
    client.force_login(participant)
    url = reverse("competencies:answer_save", args=[assessment.pk])
    response = client.post(url, {f"s{statement.pk}": "3"})
    assert response.status_code == 200
    body = response.json()
    assert body["saved"] is True
    assert body["answered"] == 1
    assert body["total"] == 48
    assert "1 van de 48 vragen beantwoord" in body["answered_text"]
    assert Answer.objects.get(assessment=assessment, statement=statement).value == 3
    # Changing one's mind updates the same answer.
    client.post(url, {f"s{statement.pk}": "1"})
    assert Answer.objects.get(assessment=assessment, statement=statement).value == 1


def test_someone_elses_list_is_not_found(client, participant):
    assessment = start(participant)
    other = UserFactory(role="participant")
    client.force_login(other)
    response = client.post(
        reverse("competencies:answer_save", args=[assessment.pk]),
        {f"s{_first_statement().pk}": "3"},
    )
    assert response.status_code == 404
    assert not Answer.objects.exists()


@pytest.mark.parametrize(
    ("value", "code"),
    [
        ("7", "value_outside_scale"),
        ("drie", "answer_not_a_number"),
        ("\uff13", "answer_not_a_number"),
    ],
)
def test_a_bad_answer_gets_a_reason_and_saves_nothing(client, participant, value, code):
    assessment = start(participant)
    client.force_login(participant)
    response = client.post(
        reverse("competencies:answer_save", args=[assessment.pk]),
        {f"s{_first_statement().pk}": value},
    )
    assert response.status_code == 400
    assert response.json()["code"] == code
    assert response.json()["message"].endswith("Kies een van de antwoorden.")
    assert not Answer.objects.exists()


def test_a_closed_moment_refuses_with_409(client):
    session, [enrolment] = course_session(participants=1)
    services.consent_give(user=enrolment.user)
    pre = services.assessment_start(
        user=enrolment.user, framework=movisie(), moment="pre", enrolment=enrolment
    )
    client.force_login(enrolment.user)
    # The first meeting has started: the pre list is closed.
    with time_machine.travel(session.starts_at + timedelta(hours=1), tick=False):
        response = client.post(
            reverse("competencies:answer_save", args=[pre.pk]),
            {f"s{_first_statement().pk}": "2"},
        )
    assert response.status_code == 409
    assert response.json()["code"] == "moment_closed"
    assert not Answer.objects.exists()


def test_without_the_csrf_token_nothing_is_saved(participant):
    assessment = start(participant)
    client = Client(enforce_csrf_checks=True)
    client.force_login(participant)
    response = client.post(
        reverse("competencies:answer_save", args=[assessment.pk]),
        {f"s{_first_statement().pk}": "3"},
    )
    assert response.status_code == 403
    assert not Answer.objects.exists()


def test_peer_answers_are_saved_through_the_signed_link(client, participant):
    services.consent_give(user=participant)
    invitation = services.peer_invite(
        user=participant, framework=movisie(), name="Vriend", email="vriend@example.org"
    )
    token = services.peer_token(invitation)
    statement = _first_statement()
    response = client.post(
        reverse("competencies:peer_answer_save", args=[token]), {f"s{statement.pk}": "4"}
    )
    assert response.status_code == 200
    assert invitation.assessment.answers.get(statement=statement).value == 4
    bad = client.post(
        reverse("competencies:peer_answer_save", args=[token + "x"]), {f"s{statement.pk}": "4"}
    )
    assert bad.status_code == 404
    assert bad.json()["code"] == "peer_link_invalid"


def test_fill_page_loads_the_autosave_script_without_inline_code(client, participant):
    assessment = start(participant)
    client.force_login(participant)
    page = client.get(reverse("competencies:fill", args=[assessment.pk]) + "?c=1").content.decode()
    assert f'data-autosave-url="{reverse("competencies:answer_save", args=[assessment.pk])}"' in (
        page
    )
    assert re.search(r'<script src="[^"]*competencies/autosave\.js" defer></script>', page)
    assert 'role="status"' in page
    for tag in re.findall(r"<script(?![^>]*\bsrc=)[^>]*>", page):
        assert "nonce=" in tag


def test_overview_says_only_what_is_true(client, participant):
    assessment = start(participant)
    client.force_login(participant)
    page = client.get(reverse("competencies:overview", args=[assessment.pk])).content.decode()
    assert "Alles wat je hebt ingevuld is bewaard" not in page
    assert "De antwoorden hieronder zijn bewaard." in page


def test_the_answer_save_url_is_post_only(client, participant):
    assessment = start(participant)
    client.force_login(participant)
    response = client.get(reverse("competencies:answer_save", args=[assessment.pk]))
    assert response.status_code == 405
