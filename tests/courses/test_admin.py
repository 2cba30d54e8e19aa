import csv
import io

import pytest
from openpyxl import load_workbook

from accounts.models import AuditEntry
from courses.models import Qualification, Session
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


def test_enrolment_list_exports_csv_and_xlsx(staff_client):
    session = SessionFactory()
    enrolment = EnrolmentFactory(session=session, access_needs="Rolstoel")
    EnrolmentFactory()
    response = staff_client.get(LISTS[3], {"export": "csv", "session": session.pk})
    assert response.status_code == 200
    content = b"".join(response.streaming_content).decode()
    rows = list(csv.reader(io.StringIO(content)))
    assert rows[0][:2] == ["Sessie", "Naam"]
    assert len(rows) == 2
    assert rows[1][1] == enrolment.user.display_name
    assert "Rolstoel" in rows[1]
    response = staff_client.get(LISTS[3], {"export": "xlsx"})
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    assert sheet.max_row == 3


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
