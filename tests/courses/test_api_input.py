"""Odd input to the API is a 4xx with ``{code, detail}``, never a 500 and never an action."""

import json

import pytest
from django.test import Client

from courses.models import Enrolment
from tests.accounts.factories import UserFactory
from tests.courses.factories import EnrolmentFactory, SessionFactory

pytestmark = pytest.mark.django_db

CSRF = "a" * 32
HUGE = "9" * 30


def _csrf_client(user=None):
    """A browser-like caller: CSRF checks on, with a CSRF cookie and the matching header."""
    client = Client(enforce_csrf_checks=True, raise_request_exception=False)
    client.cookies["csrftoken"] = CSRF
    if user is not None:
        client.force_login(user)
    return client


def _assert_error(response, status, code=None):
    assert response.status_code == status, response.content
    body = response.json()
    assert set(body) >= {"code", "detail"}
    assert body["detail"]
    if code:
        assert body["code"] == code
    return body


@pytest.mark.parametrize("content_type", ["multipart/form-data", "multipart/form-data; boundary="])
@pytest.mark.parametrize("logged_in", [False, True])
def test_multipart_without_boundary_is_a_400_with_a_reason(content_type, logged_in):
    session = SessionFactory()
    user = UserFactory() if logged_in else None
    mine = EnrolmentFactory(user=user) if user else None
    client = _csrf_client(user)
    for url in (
        f"/api/sessions/{session.pk}/enrol",
        f"/api/me/enrolments/{mine.pk if mine else 1}/cancel",
    ):
        response = client.post(
            url, data=b"--x\r\n", content_type=content_type, HTTP_X_CSRFTOKEN=CSRF
        )
        body = _assert_error(response, 400, "invalid_body")
        assert "niet te lezen" in body["detail"]
    assert Enrolment.objects.filter(session=session).count() == 0
    if mine:
        mine.refresh_from_db()
        assert mine.status == "confirmed"


def test_multipart_without_boundary_without_csrf_checks_is_a_400(client, participant):
    session = SessionFactory()
    client.force_login(participant)
    response = client.post(
        f"/api/sessions/{session.pk}/enrol", data=b"x", content_type="multipart/form-data"
    )
    _assert_error(response, 400, "invalid_body")
    assert not Enrolment.objects.exists()


@pytest.mark.parametrize("body", ["[]", "[1]", '["support_person_name"]', "1", '"x"', "null"])
def test_a_json_body_that_is_not_an_object_does_not_enrol(client, participant, body):
    session = SessionFactory()
    client.force_login(participant)
    response = client.post(
        f"/api/sessions/{session.pk}/enrol", data=body, content_type="application/json"
    )
    body = _assert_error(response, 400, "invalid_body")
    assert "JSON-object" in body["detail"]
    assert not Enrolment.objects.exists()


def test_broken_json_is_a_400_with_a_reason(client, participant):
    session = SessionFactory()
    client.force_login(participant)
    response = client.post(
        f"/api/sessions/{session.pk}/enrol", data="{", content_type="application/json"
    )
    _assert_error(response, 400, "invalid_body")


def test_an_object_body_still_enrols(client, participant):
    session = SessionFactory()
    client.force_login(participant)
    response = client.post(
        f"/api/sessions/{session.pk}/enrol",
        data=json.dumps({"access_needs": "Een rolstoelplek"}),
        content_type="application/json",
    )
    assert response.status_code == 201
    assert Enrolment.objects.get().access_needs == "Een rolstoelplek"


BAD_IDS = [
    "abc",
    "1.5",
    "-1",
    "0",
    "\uff11\uff12",  # full-width 12
    "\u0663",  # Arabic-Indic 3
    HUGE,
    "99999999999999999999",
    "9223372036854775808",
]


@pytest.mark.parametrize("bad", BAD_IDS)
def test_a_bad_id_in_an_api_path_is_a_4xx_json_answer(client, participant, bad):
    client.force_login(participant)
    responses = [
        client.get(f"/api/sessions/{bad}"),
        client.post(f"/api/sessions/{bad}/enrol", data="{}", content_type="application/json"),
        client.post(f"/api/me/enrolments/{bad}/cancel", data="{}", content_type="application/json"),
    ]
    for response in responses:
        assert response.status_code in (404, 422), response.content
        body = response.json()
        assert body["code"] in ("invalid_input", "not_found")
        assert body["detail"]
    assert not Enrolment.objects.exists()


@pytest.mark.postgres
@pytest.mark.parametrize("bad", ["99999999999999999999", HUGE, "9223372036854775807"])
def test_huge_ids_in_paths_are_refused_cleanly_on_postgres(client, participant, bad):
    client.force_login(participant)
    assert client.get(f"/api/sessions/{bad}").status_code in (404, 422)
    for path in (
        f"/cursussen/sessie/{bad}/",
        f"/cursussen/sessie/{bad}/agenda.ics",
        f"/cursussen/mijn-cursussen/{bad}/afmelden/",
        f"/competenties/lijst/{bad}/",
        f"/competenties/lijst/{bad}/kaartjes/",
        f"/competenties/lijst/{bad}/uitslag/",
        f"/competenties/deelnemer/{bad}/",
        f"/competenties/sessie/{bad}/groei/",
    ):
        assert client.get(path).status_code == 404, path
