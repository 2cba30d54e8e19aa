"""The trainer portal ("Mijn sessies"): plan, publish, edit, cancel, lists, attendance."""

import csv
import io
import re
from datetime import timedelta

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from accounts.models import User
from courses.models import Assignment, Attendance, Enrolment, Meeting, Session
from tests.courses.factories import (
    AssignmentFactory,
    CourseFactory,
    EnrolmentFactory,
    QualificationFactory,
    SessionFactory,
    TrainerFactory,
    VenueFactory,
    region,
)

pytestmark = pytest.mark.django_db


def _url(name, session, **extra):
    return reverse(f"courses:{name}", kwargs={"pk": session.pk, **extra})


@pytest.fixture
def mine(trainer):
    session = SessionFactory(capacity=4)
    AssignmentFactory(session=session, trainer=trainer)
    return session


@pytest.fixture
def as_trainer(client, trainer):
    client.force_login(trainer)
    return client


def _meeting_data(rows, prefix="meetings", initial=0):
    data = {
        f"{prefix}-TOTAL_FORMS": str(len(rows)),
        f"{prefix}-INITIAL_FORMS": str(initial),
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "20",
    }
    for i, row in enumerate(rows):
        for key, value in row.items():
            data[f"{prefix}-{i}-{key}"] = value
    return data


def _create_data(course, venue, **over):
    day = (timezone.localdate() + timedelta(days=20)).isoformat()
    data = {
        "course": course.pk,
        "region": region().pk,
        "venue": venue.pk,
        "online_url": "",
        "capacity": "8",
        "min_participants": "3",
        "enrolment_deadline": "",
        "notes": "Neem een pen mee.",
        **_meeting_data([{"date": day, "start": "10:00", "end": "13:00"}]),
    }
    data.update(over)
    return data


# --- list and reach ---------------------------------------------------------------------------


def test_list_shows_only_my_sessions(as_trainer, mine):
    other = SessionFactory()
    AssignmentFactory(session=other)
    html = as_trainer.get(reverse("courses:portal_sessions")).content.decode()
    assert _url("portal_session", mine) in html
    assert _url("portal_session", other) not in html


@pytest.mark.parametrize(
    "name",
    [
        "portal_session",
        "portal_session_edit",
        "portal_session_cancel",
        "portal_signin_sheet",
        "portal_csv",
        "portal_attendance",
        "portal_session_complete",
        "portal_enrol_on_behalf",
    ],
)
def test_other_trainers_session_is_404(as_trainer, name):
    other = SessionFactory()
    AssignmentFactory(session=other)
    assert as_trainer.get(_url(name, other)).status_code == 404
    if name in POSTABLE:
        assert as_trainer.post(_url(name, other), {"reason": "x"}).status_code == 404
    other.refresh_from_db()
    assert other.status == "published"


POSTABLE = {
    "portal_session_edit",
    "portal_session_cancel",
    "portal_session_complete",
    "portal_enrol_on_behalf",
}


def test_other_trainers_session_cannot_be_published(as_trainer):
    other = SessionFactory(status="draft")
    AssignmentFactory(session=other)
    assert as_trainer.post(_url("portal_session_publish", other)).status_code == 404


def test_participant_gets_404_on_portal(client, participant, mine):
    client.force_login(participant)
    assert client.get(reverse("courses:portal_sessions")).status_code == 404
    assert client.get(_url("portal_session", mine)).status_code == 404


# --- create, publish, edit, cancel ------------------------------------------------------------


def test_create_offers_only_qualified_courses_and_makes_a_staffed_draft(as_trainer, trainer):
    course = QualificationFactory(trainer=trainer).course
    other_course = CourseFactory()
    co = TrainerFactory()
    QualificationFactory(trainer=co, course=course)
    intern = TrainerFactory()
    html = as_trainer.get(reverse("courses:portal_session_create")).content.decode()
    assert course.title in html
    assert other_course.title not in html
    response = as_trainer.post(
        reverse("courses:portal_session_create"),
        _create_data(course, VenueFactory(), co_trainer=co.pk, intern=intern.pk),
    )
    assert response.status_code == 302
    session = Session.objects.get(course=course)
    assert session.status == "draft"
    assert session.meetings.count() == 1
    roles = dict(session.assignments.values_list("trainer_id", "role"))
    assert roles == {trainer.pk: "lead", co.pk: "co_trainer", intern.pk: "intern"}


def test_create_refuses_unqualified_course(as_trainer):
    course = CourseFactory()
    response = as_trainer.post(
        reverse("courses:portal_session_create"), _create_data(course, VenueFactory())
    )
    assert response.status_code == 400
    assert not Session.objects.exists()


def test_create_meeting_ending_before_start_keeps_input(as_trainer, trainer):
    course = QualificationFactory(trainer=trainer).course
    day = (timezone.localdate() + timedelta(days=20)).isoformat()
    data = _create_data(
        course, VenueFactory(), **_meeting_data([{"date": day, "start": "14:00", "end": "12:00"}])
    )
    response = as_trainer.post(reverse("courses:portal_session_create"), data)
    assert response.status_code == 400
    html = response.content.decode()
    assert "Een bijeenkomst moet eindigen na de begintijd." in html
    assert "Neem een pen mee." in html
    assert not Session.objects.exists()


def test_create_needs_a_meeting_and_a_place(as_trainer, trainer):
    course = QualificationFactory(trainer=trainer).course
    data = _create_data(course, VenueFactory())
    data.update(venue="", **_meeting_data([]))
    response = as_trainer.post(reverse("courses:portal_session_create"), data)
    assert response.status_code == 400
    html = response.content.decode()
    assert "Vul minstens één bijeenkomst in." in html
    assert "Kies een locatie of vul een online link in." in html


def test_create_with_double_booked_co_trainer_saves_nothing(as_trainer, trainer):
    course = QualificationFactory(trainer=trainer).course
    co = TrainerFactory()
    QualificationFactory(trainer=co, course=course)
    busy = SessionFactory(starts_in=timedelta(days=20))
    AssignmentFactory(session=busy, trainer=co)
    start = timezone.localtime(busy.starts_at)
    data = _create_data(
        course,
        VenueFactory(),
        co_trainer=co.pk,
        **_meeting_data(
            [
                {
                    "date": start.date().isoformat(),
                    "start": start.strftime("%H:%M"),
                    "end": (start + timedelta(hours=1)).strftime("%H:%M"),
                }
            ]
        ),
    )
    response = as_trainer.post(reverse("courses:portal_session_create"), data)
    assert response.status_code == 400
    html = response.content.decode()
    assert f"van {start:%H:%M} tot" in html  # the clashing meeting's time is named
    assert "al de cursus" in html
    assert not Session.objects.filter(course=course).exists()


def test_publish_a_draft_and_refuse_twice(as_trainer, trainer):
    session = SessionFactory(status="draft")
    AssignmentFactory(session=session, trainer=trainer)
    response = as_trainer.post(_url("portal_session_publish", session), follow=True)
    session.refresh_from_db()
    assert session.status == "published"
    assert "gepubliceerd" in response.content.decode()
    response = as_trainer.post(_url("portal_session_publish", session), follow=True)
    assert "Dit kan niet in de huidige status" in response.content.decode()


def _edit_data(session, **over):
    meeting = session.meetings.first()
    start = timezone.localtime(meeting.starts_at)
    end = timezone.localtime(meeting.ends_at)
    data = {
        "course": session.course_id,
        "region": session.region_id,
        "venue": session.venue_id,
        "online_url": session.online_url,
        "capacity": str(session.capacity),
        "min_participants": str(session.min_participants),
        "enrolment_deadline": "",
        "notes": "",
        **_meeting_data(
            [
                {
                    "date": start.date().isoformat(),
                    "start": start.strftime("%H:%M"),
                    "end": end.strftime("%H:%M"),
                    "meeting_id": meeting.pk,
                },
                {"date": "", "start": "", "end": ""},
            ],
            initial=1,
        ),
    }
    data.update(over)
    return data


def test_edit_date_tells_everyone_enrolled(as_trainer, mine, django_capture_on_commit_callbacks):
    enrolment = EnrolmentFactory(session=mine)
    data = _edit_data(mine)
    new_day = (timezone.localdate() + timedelta(days=40)).isoformat()
    data["meetings-0-date"] = new_day
    with django_capture_on_commit_callbacks(execute=True):
        response = as_trainer.post(_url("portal_session_edit", mine), data)
    assert response.status_code == 302
    mine.refresh_from_db()
    assert timezone.localtime(mine.starts_at).date().isoformat() == new_day
    assert [m.to for m in mail.outbox] == [[enrolment.user.email]]


def test_edit_adds_a_meeting(as_trainer, mine):
    data = _edit_data(mine)
    day = (timezone.localdate() + timedelta(days=50)).isoformat()
    data.update({"meetings-1-date": day, "meetings-1-start": "10:00", "meetings-1-end": "12:00"})
    assert as_trainer.post(_url("portal_session_edit", mine), data).status_code == 302
    assert mine.meetings.count() == 2


def test_edit_capacity_below_confirmed_is_refused_whole(as_trainer, mine):
    for _ in range(3):
        EnrolmentFactory(session=mine)
    data = _edit_data(mine, capacity="2", notes="Nieuwe tekst")
    response = as_trainer.post(_url("portal_session_edit", mine), data)
    assert response.status_code == 400
    assert "Er zijn al meer plaatsen bezet dan dit aantal." in response.content.decode()
    mine.refresh_from_db()
    assert mine.capacity == 4
    assert mine.notes == ""


def test_edit_tampered_meeting_id_is_404(as_trainer, mine):
    other_meeting = SessionFactory().meetings.first()
    data = _edit_data(mine)
    data["meetings-0-meeting_id"] = other_meeting.pk
    assert as_trainer.post(_url("portal_session_edit", mine), data).status_code == 404


def test_cancel_needs_a_reason_and_tells_everyone(
    as_trainer, mine, django_capture_on_commit_callbacks
):
    EnrolmentFactory(session=mine)
    EnrolmentFactory(session=mine, status="waitlisted")
    response = as_trainer.post(_url("portal_session_cancel", mine), {"reason": "  "})
    assert response.status_code == 400
    mine.refresh_from_db()
    assert mine.status == "published"
    with django_capture_on_commit_callbacks(execute=True):
        response = as_trainer.post(_url("portal_session_cancel", mine), {"reason": "Trainer ziek"})
    assert response.status_code == 302
    mine.refresh_from_db()
    assert mine.status == "cancelled"
    assert len(mail.outbox) == 2


# --- lists --------------------------------------------------------------------------------------


def test_participant_list_shows_needs_support_and_waitlist(as_trainer, mine):
    EnrolmentFactory(
        session=mine,
        user__display_name="Kees Jansen",
        support_person_name="Marieke",
        access_needs="Rolstoel",
        dietary_needs="Vegetarisch",
    )
    EnrolmentFactory(session=mine, status="waitlisted", user__display_name="Wachtende Wim")
    html = as_trainer.get(_url("portal_session", mine)).content.decode()
    for text in [
        "Kees Jansen",
        "Marieke",
        "Rolstoel",
        "Vegetarisch",
        "Wachtende Wim",
        "Wachtlijst",
    ]:
        assert text in html
    sheet = as_trainer.get(_url("portal_signin_sheet", mine)).content.decode()
    assert "Kees Jansen" in sheet
    assert "signin-print.css" in sheet
    assert "Wachtende Wim" not in sheet


def test_csv_export(as_trainer, mine):
    EnrolmentFactory(session=mine, user__display_name="=HYPERLINK(evil)", access_needs="Tolk")
    response = as_trainer.get(_url("portal_csv", mine))
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    assert rows[0][0] == "Naam"
    assert rows[1][0] == "'=HYPERLINK(evil)"
    assert rows[1][6] == "Tolk"


def test_query_counts_portal_list_and_participant_list(as_trainer, trainer, mine, constant_queries):
    def grow_sessions(n):
        for _ in range(n):
            s = SessionFactory(meetings=2)
            AssignmentFactory(session=s, trainer=trainer, role="co_trainer")
            EnrolmentFactory(session=s)

    constant_queries(
        grow=grow_sessions, action=lambda: as_trainer.get(reverse("courses:portal_sessions"))
    )

    def grow_people(n):
        for i in range(n):
            EnrolmentFactory(session=mine, status="waitlisted" if i % 2 else "confirmed")

    url = _url("portal_session", mine)
    constant_queries(grow=grow_people, action=lambda: as_trainer.get(url))
    constant_queries(grow=grow_people, action=lambda: as_trainer.get(_url("portal_csv", mine)))


# --- attendance and completion ------------------------------------------------------------------


def test_attendance_per_meeting(frozen_now, as_trainer, trainer):
    session = SessionFactory(meetings=2, starts_in=timedelta(hours=-1))
    AssignmentFactory(session=session, trainer=trainer)
    here, away = EnrolmentFactory(session=session), EnrolmentFactory(session=session)
    first, second = session.meetings.order_by("starts_at")
    response = as_trainer.get(_url("portal_attendance", session))
    assert response.status_code == 200
    url = _url("portal_attendance_meeting", session, meeting=first.pk)
    assert url in response.content.decode()
    later = _url("portal_attendance_meeting", session, meeting=second.pk)
    assert later not in response.content.decode()
    html = as_trainer.get(url).content.decode()
    assert here.user.get_full_name() in html
    assert as_trainer.post(url, {"people": [here.pk]}).status_code == 302
    marks = dict(Attendance.objects.filter(meeting=first).values_list("enrolment_id", "present"))
    assert marks == {here.pk: True, away.pk: False}
    html = as_trainer.get(url).content.decode()
    assert re.search(rf'value="{here.pk}"[^>]*checked', html)
    assert not re.search(rf'value="{away.pk}"[^>]*checked', html)


def test_attendance_for_someone_not_enrolled_is_refused(as_trainer, trainer):
    begun = SessionFactory(starts_in=timedelta(hours=-1))
    AssignmentFactory(session=begun, trainer=trainer)
    EnrolmentFactory(session=begun)
    stranger = EnrolmentFactory()
    meeting = begun.meetings.first()
    url = _url("portal_attendance_meeting", begun, meeting=meeting.pk)
    response = as_trainer.post(url, {"people": [stranger.pk]})
    assert response.status_code == 400
    assert "niet ingeschreven" in response.content.decode()
    assert not Attendance.objects.exists()


def test_attendance_other_sessions_meeting_is_404(as_trainer, mine):
    meeting = SessionFactory().meetings.first()
    url = _url("portal_attendance_meeting", mine, meeting=meeting.pk)
    assert as_trainer.get(url).status_code == 404


def test_complete_before_start_is_refused(as_trainer, mine):
    EnrolmentFactory(session=mine)
    response = as_trainer.post(_url("portal_session_complete", mine), {})
    assert response.status_code == 400
    assert "De cursus is nog niet begonnen." in response.content.decode()
    mine.refresh_from_db()
    assert mine.status == "published"


def test_complete_marks_attended_and_no_show(frozen_now, as_trainer, trainer):
    session = SessionFactory(starts_in=timedelta(hours=-4))
    AssignmentFactory(session=session, trainer=trainer)
    came, missed = EnrolmentFactory(session=session), EnrolmentFactory(session=session)
    Attendance.objects.create(meeting=session.meetings.first(), enrolment=came, present=True)
    html = as_trainer.get(_url("portal_session_complete", session)).content.decode()
    assert html.count("checked") == 1
    response = as_trainer.post(_url("portal_session_complete", session), {"people": [came.pk]})
    assert response.status_code == 302
    came.refresh_from_db()
    missed.refresh_from_db()
    assert (came.status, missed.status) == ("attended", "no_show")
    session.refresh_from_db()
    assert session.status == "completed"


# --- on behalf ----------------------------------------------------------------------------------


def test_enrol_on_behalf_with_name_and_phone(as_trainer, mine):
    response = as_trainer.post(
        _url("portal_enrol_on_behalf", mine),
        {"display_name": "Piet Zonder Mail", "phone": "06-11112222", "access_needs": "Rolstoel"},
    )
    assert response.status_code == 302
    person = User.objects.get(display_name="Piet Zonder Mail")
    assert not person.has_usable_password()
    assert person.email in (None, "")
    enrolment = Enrolment.objects.get(user=person)
    assert enrolment.session == mine
    assert enrolment.status == "confirmed"


def test_enrol_on_behalf_via_support_person(as_trainer, mine):
    response = as_trainer.post(
        _url("portal_enrol_on_behalf", mine),
        {"display_name": "Sanne", "support_person_name": "Moeder van Sanne"},
    )
    assert response.status_code == 302
    assert Enrolment.objects.get(user__display_name="Sanne").seats == 2


def test_enrol_on_behalf_needs_contact_and_keeps_input(as_trainer, mine):
    response = as_trainer.post(
        _url("portal_enrol_on_behalf", mine), {"display_name": "Anoniem", "dietary_needs": "Halal"}
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "een telefoonnummer of de naam van een begeleider" in html
    assert "Halal" in html
    assert not User.objects.filter(display_name="Anoniem").exists()


def test_enrol_on_behalf_existing_person_is_a_clear_message(as_trainer, mine):
    existing = EnrolmentFactory(session=mine)
    response = as_trainer.post(
        _url("portal_enrol_on_behalf", mine),
        {"display_name": "X", "email": existing.user.email},
    )
    assert response.status_code == 400
    assert "al ingeschreven" in response.content.decode()


def test_assignment_roles_label(as_trainer, trainer):
    session = SessionFactory()
    AssignmentFactory(session=session, trainer=trainer, role=Assignment.Role.INTERN)
    html = as_trainer.get(reverse("courses:portal_sessions")).content.decode()
    assert "(Stagiair)" in html
    assert Meeting.objects.filter(session=session).exists()


def test_create_offers_a_row_per_meeting_of_the_course(as_trainer, trainer):
    QualificationFactory(trainer=trainer, course=CourseFactory(number_of_meetings=3))
    html = as_trainer.get(reverse("courses:portal_session_create")).content.decode()
    assert 'name="meetings-TOTAL_FORMS" value="3"' in html
    assert "Bijeenkomst 3" in html
