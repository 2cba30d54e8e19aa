import csv
import io
from datetime import timedelta

import pytest
from django.utils import timezone
from openpyxl import load_workbook

from accounts.models import AuditEntry
from courses.models import Qualification, Session
from tests.accounts.exporting import run_export
from tests.courses.factories import (
    CourseFactory,
    EnrolmentFactory,
    SessionFactory,
    TrainerFactory,
    region,
)

pytestmark = pytest.mark.django_db

LISTS = [
    "/beheer/courses/course/",
    "/beheer/courses/venue/",
    "/beheer/courses/session/",
    "/beheer/courses/enrolment/",
    "/beheer/courses/qualification/",
]


@pytest.fixture
def staff_client(client, national_staff):
    client.force_login(national_staff)
    return client


def test_national_staff_reach_every_list_with_filters_and_search(staff_client):
    SessionFactory()
    EnrolmentFactory()
    for url in LISTS:
        assert staff_client.get(url).status_code == 200, url
        assert staff_client.get(url, {"q": "Amsterdam"}).status_code == 200, url
    assert staff_client.get(LISTS[3], {"status": "confirmed"}).status_code == 200


@pytest.mark.parametrize("role", ["participant", "trainer"])
def test_others_are_kept_out(client, role, request):
    client.force_login(request.getfixturevalue(role))
    for url in LISTS:
        assert client.get(url).status_code == 403, url


def test_enrolment_list_exports_csv_and_xlsx_as_background_jobs(
    staff_client, settings, tmp_path, django_capture_on_commit_callbacks
):
    settings.MEDIA_ROOT = tmp_path
    session = SessionFactory()
    enrolment = EnrolmentFactory(session=session, access_needs="Rolstoel")
    EnrolmentFactory()
    EnrolmentFactory(session=session, status="cancelled", cancelled_at=timezone.now())
    _job, content = run_export(
        staff_client,
        django_capture_on_commit_callbacks,
        LISTS[3],
        {"export": "csv", "session": session.pk, "status": "confirmed"},
    )
    rows = list(csv.reader(io.StringIO(content.decode("utf-8-sig")), delimiter=";"))
    assert rows[0][:2] == ["Sessie", "Naam"]
    assert len(rows) == 2
    assert rows[1][1] == enrolment.user.display_name
    assert "Rolstoel" in rows[1]
    _job, content = run_export(
        staff_client, django_capture_on_commit_callbacks, LISTS[3], {"export": "xlsx"}
    )
    sheet = load_workbook(io.BytesIO(content)).active
    assert sheet.max_row == 4
    assert staff_client.get(LISTS[3], {"export": "csv", "session": "x"}).status_code == 404


def test_staff_create_and_publish_a_session_through_the_service(staff_client):
    course = CourseFactory(default_capacity=10, min_participants=2)
    data = {
        "course": course.pk,
        "region": region("walcheren").pk,
        "online_url": "https://meet.example.org/a",
        "capacity": 10,
        "min_participants": 2,
        "notes": "",
        "cancel_reason": "",
        "action": "",
    }
    response = staff_client.post("/beheer/courses/session/new/", data)
    assert response.status_code == 302, response.content[:3000]
    session = Session.objects.get()
    assert AuditEntry.objects.filter(verb="session.created").exists()
    # Publishing without a meeting is refused with the service's message; nothing changes.
    response = staff_client.post(
        f"/beheer/courses/session/edit/{session.pk}/", {**data, "action": "publish"}
    )
    assert response.status_code == 200
    assert "bijeenkomst" in response.content.decode()
    session.refresh_from_db()
    assert session.status == "draft"


def test_capacity_below_confirmed_is_refused_in_the_admin(staff_client):
    session = SessionFactory(capacity=2, min_participants=0, online_url="", notes="")
    EnrolmentFactory(session=session)
    EnrolmentFactory(session=session)
    data = {
        "course": session.course.pk,
        "region": session.region.pk,
        "venue": session.venue.pk,
        "online_url": "",
        "capacity": 1,
        "min_participants": 0,
        "notes": "",
        "cancel_reason": "",
        "action": "",
    }
    response = staff_client.post(f"/beheer/courses/session/edit/{session.pk}/", data)
    assert response.status_code == 200
    session.refresh_from_db()
    assert session.capacity == 2


def test_staff_grant_and_revoke_qualifications(staff_client):
    trainer, course = TrainerFactory(), CourseFactory()
    response = staff_client.post(
        "/beheer/courses/qualification/new/", {"trainer": trainer.pk, "course": course.pk}
    )
    assert response.status_code == 302
    qualification = Qualification.objects.get()
    assert AuditEntry.objects.filter(verb="qualification.granted").exists()
    response = staff_client.post(f"/beheer/courses/qualification/delete/{qualification.pk}/")
    assert response.status_code == 302
    assert not Qualification.objects.exists()
    assert AuditEntry.objects.filter(verb="qualification.revoked").exists()


# --- sessions and enrolments through the services, audited -----------------------------------


def _admin_session_data(session, **over):
    data = {
        "course": session.course.pk,
        "region": session.region.pk,
        "venue": session.venue.pk if session.venue else "",
        "online_url": session.online_url,
        "capacity": session.capacity,
        "min_participants": session.min_participants,
        "enrolment_deadline": "",
        "notes": session.notes,
        "cancel_reason": "",
        "action": "",
    }
    data.update(over)
    return data


def test_admin_raises_capacity_and_minimum_together_in_one_audited_edit(staff_client):
    session = SessionFactory(capacity=4, min_participants=2)
    response = staff_client.post(
        f"/beheer/courses/session/edit/{session.pk}/",
        _admin_session_data(session, capacity=8, min_participants=6),
    )
    assert response.status_code == 302
    session.refresh_from_db()
    assert (session.capacity, session.min_participants) == (8, 6)
    assert AuditEntry.objects.filter(verb="session.capacity_changed").exists()
    assert AuditEntry.objects.filter(verb="session.updated").exists()


@pytest.mark.parametrize("value", ["9" * 30, "501"])
def test_admin_huge_capacity_is_a_field_error(staff_client, value):
    session = SessionFactory(capacity=4)
    response = staff_client.post(
        f"/beheer/courses/session/edit/{session.pk}/",
        _admin_session_data(session, capacity=value),
    )
    assert response.status_code == 200
    assert "capacity" in response.context["form"].errors
    session.refresh_from_db()
    assert session.capacity == 4


def test_admin_notes_are_bounded(staff_client):
    session = SessionFactory()
    response = staff_client.post(
        f"/beheer/courses/session/edit/{session.pk}/",
        _admin_session_data(session, notes="x" * 2001),
    )
    assert response.status_code == 200
    assert "notes" in response.context["form"].errors


def test_admin_deadline_after_the_first_meeting_is_a_field_error(staff_client):
    session = SessionFactory()
    late = timezone.localtime(session.starts_at + timedelta(days=1)).strftime("%Y-%m-%d %H:%M")
    response = staff_client.post(
        f"/beheer/courses/session/edit/{session.pk}/",
        _admin_session_data(session, enrolment_deadline=late),
    )
    assert response.status_code == 200
    assert "eerste bijeenkomst" in str(response.context["form"].errors["enrolment_deadline"])
    session.refresh_from_db()
    assert session.enrolment_deadline is None


def test_admin_enrolment_edit_goes_through_a_service_and_is_audited(staff_client):
    enrolment = EnrolmentFactory(access_needs="")
    response = staff_client.post(
        f"/beheer/courses/enrolment/edit/{enrolment.pk}/",
        {"access_needs": "Rolstoel", "dietary_needs": ""},
    )
    assert response.status_code == 302
    enrolment.refresh_from_db()
    assert enrolment.access_needs == "Rolstoel"
    entry = AuditEntry.objects.get(verb="enrolment.updated")
    assert entry.data == {"fields": ["access_needs"]}


def test_admin_cannot_delete_a_session_or_an_enrolment_around_the_rules(staff_client):
    """Deleting would free seats without promoting anyone and tell no one: cancel instead."""
    session = SessionFactory(capacity=1)
    enrolment = EnrolmentFactory(session=session)
    for url in (
        f"/beheer/courses/session/delete/{session.pk}/",
        f"/beheer/courses/enrolment/delete/{enrolment.pk}/",
    ):
        response = staff_client.post(url)
        assert response.status_code in (302, 403), url
        assert response.get("Location", "/beheer/") == "/beheer/"
    assert Session.objects.filter(pk=session.pk).exists()
    assert enrolment.__class__.objects.filter(pk=enrolment.pk).exists()


def test_admin_dates_at_the_start_of_the_calendar_are_a_field_error(staff_client):
    session = SessionFactory()
    data = {
        "course": session.course.pk,
        "region": session.region.pk,
        "venue": session.venue.pk,
        "online_url": "",
        "capacity": session.capacity,
        "min_participants": session.min_participants,
        "enrolment_deadline": "0001-01-01 00:00",
        "notes": "",
        "cancel_reason": "",
        "action": "",
    }
    response = staff_client.post(f"/beheer/courses/session/edit/{session.pk}/", data)
    assert response.status_code == 200
    assert "enrolment_deadline" in response.context["form"].errors
