"""Numbers a trainer types in the portal are bounded: a clear Dutch message, never a 500."""

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine

from courses.models import Session
from tests.courses.factories import (
    AssignmentFactory,
    QualificationFactory,
    SessionFactory,
    VenueFactory,
)
from tests.courses.test_views_portal import _create_data, _edit_data, _url

pytestmark = pytest.mark.django_db

NOON = datetime(2026, 6, 1, 12, 0, tzinfo=ZoneInfo("Europe/Amsterdam"))
HUGE = "9" * 30


@pytest.fixture(autouse=True)
def _midday():
    # Factory meetings start "now + 30 days" and last 3 hours: keep them on one day.
    with time_machine.travel(NOON, tick=False):
        yield


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("capacity", HUGE),
        ("capacity", "1001"),
        ("capacity", "40000"),
        ("capacity", "0"),
        ("min_participants", HUGE),
        ("min_participants", "-1"),
    ],
)
def test_create_with_an_out_of_range_number_keeps_input(client, trainer, field, value):
    course = QualificationFactory(trainer=trainer).course
    client.force_login(trainer)
    response = client.post(
        "/cursussen/mijn-sessies/nieuw/", _create_data(course, VenueFactory(), **{field: value})
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "Vul een getal in van" in html
    assert "Neem een pen mee." in html
    assert not Session.objects.exists()


def test_create_with_the_maximum_places_is_allowed(client, trainer):
    course = QualificationFactory(trainer=trainer).course
    client.force_login(trainer)
    data = _create_data(course, VenueFactory(), capacity="500")
    response = client.post("/cursussen/mijn-sessies/nieuw/", data)
    assert response.status_code == 302
    assert Session.objects.get().capacity == 500


def test_edit_with_a_huge_capacity_or_meeting_id_is_refused(client, trainer):
    session = SessionFactory(capacity=4)
    AssignmentFactory(session=session, trainer=trainer)
    client.force_login(trainer)
    response = client.post(_url("portal_session_edit", session), _edit_data(session, capacity=HUGE))
    assert response.status_code == 400
    assert "Vul een getal in van 1 tot en met 500." in response.content.decode()
    data = _edit_data(session)
    data["meetings-0-meeting_id"] = HUGE
    response = client.post(_url("portal_session_edit", session), data)
    assert 400 <= response.status_code < 500
    session.refresh_from_db()
    assert session.capacity == 4


@pytest.mark.postgres
def test_edit_with_a_capacity_beyond_the_column_on_postgres(client, trainer):
    session = SessionFactory(capacity=4)
    AssignmentFactory(session=session, trainer=trainer)
    client.force_login(trainer)
    for value in ("40000", HUGE):
        data = _edit_data(session, capacity=value)
        assert client.post(_url("portal_session_edit", session), data).status_code == 400


def test_session_notes_with_a_control_character_are_refused_and_kept(client, trainer):
    course = QualificationFactory(trainer=trainer).course
    client.force_login(trainer)
    data = _create_data(course, VenueFactory(), notes="Neem een pen mee.\x0bEn koffie.")
    response = client.post("/cursussen/mijn-sessies/nieuw/", data)
    assert response.status_code == 400
    html = response.content.decode()
    assert "onzichtbaar teken" in html
    assert "Neem een pen mee." in html
    assert not Session.objects.exists()


@pytest.mark.parametrize(
    "data",
    [
        {"display_name": "Piet\x07", "phone": "0611112222"},
        {"display_name": "Piet", "phone": "06", "access_needs": "Rol\x1fstoel"},
    ],
)
def test_enrol_on_behalf_refuses_control_characters(client, trainer, data):
    from courses.models import Enrolment

    session = SessionFactory(capacity=4)
    AssignmentFactory(session=session, trainer=trainer)
    client.force_login(trainer)
    response = client.post(_url("portal_enrol_on_behalf", session), data)
    assert response.status_code == 400
    assert "onzichtbaar teken" in response.content.decode()
    assert not Enrolment.objects.exists()


def test_cancel_reason_with_a_control_character_is_refused(client, trainer):
    session = SessionFactory(capacity=4)
    AssignmentFactory(session=session, trainer=trainer)
    client.force_login(trainer)
    response = client.post(_url("portal_session_cancel", session), {"reason": "Ziek\x7f"})
    assert 400 <= response.status_code < 500
    session.refresh_from_db()
    assert session.status == "published"
