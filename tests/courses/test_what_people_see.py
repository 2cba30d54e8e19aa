"""What participants, trainers and staff read: dates in order, who comes along, who came, what a
log line means, "ja"/"nee" instead of True, and a clash or a second enrolment said plainly."""

import re
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse

from accounts.audit import log_action
from courses import exceptions as e
from courses import services
from courses.models import Enrolment, Meeting
from tests.courses.factories import (
    AssignmentFactory,
    CourseFactory,
    EnrolmentFactory,
    QualificationFactory,
    SessionFactory,
    TrainerFactory,
    VenueFactory,
)

pytestmark = pytest.mark.django_db


def test_my_courses_lists_sessions_soonest_first_with_the_support_person(client, participant):
    later = SessionFactory(course=CourseFactory(title="Cursus Later"), starts_in=timedelta(days=40))
    sooner = SessionFactory(course=CourseFactory(title="Cursus Eerst"), starts_in=timedelta(days=8))
    middle = SessionFactory(
        course=CourseFactory(title="Cursus Midden"), starts_in=timedelta(days=20)
    )
    for session in (later, sooner, middle):
        EnrolmentFactory(session=session, user=participant)
    Enrolment.objects.filter(session=middle).update(support_person_name="Ria de Vries")
    client.force_login(participant)
    html = client.get(reverse("courses:my_courses")).content.decode()
    order = [m.group(1) for m in re.finditer(r"Cursus (Eerst|Midden|Later)</a></h3>", html)]
    assert order == ["Eerst", "Midden", "Later"]
    assert "Je begeleider: Ria de Vries" in html


def test_completed_session_shows_who_came_not_empty_seats(client):
    trainer = TrainerFactory()
    session = SessionFactory(capacity=12, starts_in=timedelta(days=-20), status="completed")
    AssignmentFactory(session=session, trainer=trainer)
    EnrolmentFactory.create_batch(6, session=session, status=Enrolment.Status.ATTENDED)
    EnrolmentFactory(session=session, status=Enrolment.Status.NO_SHOW)
    client.force_login(trainer)
    detail = client.get(reverse("courses:portal_session", kwargs={"pk": session.pk}))
    html = detail.content.decode()
    assert "6 van de 7 deelnemers waren erbij." in html
    assert "plaatsen bezet" not in html
    listing = client.get(reverse("courses:portal_sessions")).content.decode()
    assert "6 waren erbij" in listing
    assert "0/12" not in listing


def test_double_booking_names_the_clashing_meeting_day_and_time():
    trainer = TrainerFactory(display_name="Tineke")
    first = SessionFactory(course=CourseFactory(title="Lokaal"), starts_in=timedelta(days=5))
    meeting = first.meetings.get()
    # A fixed local time, so the message is predictable: 8 December 2026, 19:00-21:30.
    start = datetime(2026, 12, 8, 19, 0, tzinfo=ZoneInfo("Europe/Amsterdam"))
    Meeting.objects.filter(pk=meeting.pk).update(
        starts_at=start, ends_at=start + timedelta(hours=2, minutes=30)
    )
    AssignmentFactory(session=first, trainer=trainer)
    second = SessionFactory(starts_in=timedelta(days=5))
    Meeting.objects.filter(session=second).update(
        starts_at=start + timedelta(hours=1), ends_at=start + timedelta(hours=3)
    )
    QualificationFactory(trainer=trainer, course=second.course)
    with pytest.raises(e.TrainerDoubleBooked) as info:
        services.assignment_create(actor=None, session=second, trainer=trainer, role="lead")
    message = str(info.value)
    assert "dinsdag 8 december 2026 van 19:00 tot 21:30 uur" in message
    assert "Lokaal" in message


def test_second_enrolment_in_the_same_course_asks_first(client, participant):
    course = CourseFactory()
    first = SessionFactory(course=course, starts_in=timedelta(days=10))
    second = SessionFactory(course=course, starts_in=timedelta(days=30))
    EnrolmentFactory(session=first, user=participant)
    client.force_login(participant)
    url = reverse("courses:enrol", kwargs={"pk": second.pk})
    page = client.get(url).content.decode()
    assert "Je bent al ingeschreven voor dezelfde cursus op" in page

    asked = client.post(url, {"action": "enrol", "access_needs": "Een rustige plek"})
    assert asked.status_code == 200
    html = asked.content.decode()
    assert "Wil je je toch ook hiervoor inschrijven?" in html
    assert 'name="same_course_ok"' in html
    assert "Een rustige plek" in html  # nothing typed is lost
    assert not Enrolment.objects.filter(session=second).exists()

    done = client.post(url, {"access_needs": "Een rustige plek", "same_course_ok": "1"})
    assert done.status_code == 302
    assert Enrolment.objects.get(session=second, user=participant).status == "confirmed"


def test_enrolling_in_another_course_asks_nothing(client, participant):
    EnrolmentFactory(session=SessionFactory(), user=participant)
    other = SessionFactory()
    client.force_login(participant)
    response = client.post(reverse("courses:enrol", kwargs={"pk": other.pk}), {"action": "enrol"})
    assert response.status_code == 302
    assert Enrolment.objects.filter(session=other, user=participant).exists()


def test_admin_lists_say_ja_nee_and_log_labels(client, national_staff):
    CourseFactory(title="Actieve cursus", is_active=True)
    VenueFactory(name="Buurthuis", step_free=False, hearing_loop=True)
    session = SessionFactory()
    log_action(actor=None, verb="attendance.recorded", target=session)
    client.force_login(national_staff)
    courses = client.get("/beheer/courses/course/").content.decode()
    venues = client.get("/beheer/courses/venue/").content.decode()
    for html in (courses, venues):
        cells = re.findall(r"<td[^>]*>(.*?)</td>", html, flags=re.S)
        text = " ".join(re.sub(r"<[^>]+>", " ", c) for c in cells)
        assert not re.search(r"\b(True|False)\b", text)
    assert re.search(r">\s*ja\s*<", courses)
    assert re.search(r">\s*nee\s*<", venues)
    log = client.get("/beheer/logboek/").content.decode()
    assert "Aanwezigheid genoteerd" in log
