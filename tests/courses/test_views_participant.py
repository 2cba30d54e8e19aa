"""The participant pages: session page, enrolling (logged in or new), "Mijn cursussen", cancel."""

import re
from datetime import timedelta

import pytest
from allauth.account.models import EmailAddress
from django.core import mail
from django.urls import reverse

from accounts.models import User
from courses.models import Enrolment
from tests.accounts.factories import PASSWORD
from tests.courses.factories import (
    AssignmentFactory,
    EnrolmentFactory,
    SessionFactory,
    VenueFactory,
)

pytestmark = pytest.mark.django_db


def _enrol_url(session):
    return reverse("courses:enrol", kwargs={"pk": session.pk})


def test_session_page_shows_dates_place_access_trainers_and_places(client):
    venue = VenueFactory(name="Wijkcentrum De Brug", step_free=True, hearing_loop=True)
    session = SessionFactory(venue=venue, capacity=5, meetings=2)
    AssignmentFactory(session=session, trainer__display_name="Fatima Bakker")
    EnrolmentFactory(session=session)
    html = client.get(session.get_absolute_url()).content.decode()
    assert "Wijkcentrum De Brug" in html
    assert "Zonder drempels of trappen" in html
    assert "ringleiding" in html
    assert "Fatima" in html
    assert "Bakker" not in html
    assert "Er zijn nog 4 plaatsen vrij." in html
    assert html.count("<li>") >= 2
    assert _enrol_url(session) in html


def test_session_page_full_offers_waitlist(client):
    session = SessionFactory(capacity=1)
    EnrolmentFactory(session=session)
    html = client.get(session.get_absolute_url()).content.decode()
    assert "De cursus is vol" in html
    assert "Op de wachtlijst" in html


def test_draft_session_page_is_404_for_public(client, participant):
    session = SessionFactory(status="draft")
    assert client.get(session.get_absolute_url()).status_code == 404
    client.force_login(participant)
    assert client.get(session.get_absolute_url()).status_code == 404
    assert client.get(_enrol_url(session)).status_code == 404


def test_logged_in_enrol_in_one_step(client, participant, django_capture_on_commit_callbacks):
    session = SessionFactory(capacity=3)
    client.force_login(participant)
    assert client.get(_enrol_url(session)).status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            _enrol_url(session),
            {
                "support_person_name": "Jan",
                "access_needs": "Rolstoel",
                "dietary_needs": "Geen vlees",
            },
        )
    assert response.status_code == 302
    assert response["Location"] == reverse("courses:my_courses")
    enrolment = Enrolment.objects.get(session=session, user=participant)
    assert enrolment.status == "confirmed"
    assert enrolment.support_person_name == "Jan"
    assert enrolment.access_needs == "Rolstoel"
    assert enrolment.dietary_needs == "Geen vlees"
    assert len(mail.outbox) == 1


def test_full_session_waitlists_with_position_on_my_courses(client, participant):
    session = SessionFactory(capacity=1)
    EnrolmentFactory(session=session)
    EnrolmentFactory(session=session, status="waitlisted")
    client.force_login(participant)
    client.post(_enrol_url(session), {})
    enrolment = Enrolment.objects.get(session=session, user=participant)
    assert enrolment.status == "waitlisted"
    html = client.get(reverse("courses:my_courses")).content.decode()
    assert "Op de wachtlijst: nummer 2" in html


def test_duplicate_enrolment_shows_the_existing_one(client, participant):
    session = SessionFactory()
    EnrolmentFactory(session=session, user=participant)
    client.force_login(participant)
    response = client.post(_enrol_url(session), {}, follow=True)
    assert response.redirect_chain[-1][0] == reverse("courses:my_courses")
    assert "Je bent al ingeschreven" in response.content.decode()
    assert Enrolment.objects.filter(session=session, user=participant).count() == 1


def test_closed_deadline_is_a_clear_message_not_a_500(client, participant):
    session = SessionFactory()
    session.enrolment_deadline = session.starts_at - timedelta(days=40)
    session.save()
    client.force_login(participant)
    response = client.post(_enrol_url(session), {"access_needs": "Grote letters"})
    assert response.status_code == 400
    html = response.content.decode()
    assert "De inschrijving is gesloten." in html
    assert "Grote letters" in html
    assert not Enrolment.objects.filter(session=session).exists()


def test_cancelled_session_cannot_be_enrolled(client, participant):
    session = SessionFactory(status="cancelled", cancel_reason="Ziek")
    client.force_login(participant)
    response = client.post(_enrol_url(session), {})
    assert response.status_code == 400
    assert "niet (meer) inschrijven" in response.content.decode()


def test_too_long_input_is_refused_and_kept(client, participant):
    session = SessionFactory()
    client.force_login(participant)
    response = client.post(_enrol_url(session), {"support_person_name": "x" * 200})
    assert response.status_code == 400
    assert 'aria-invalid="true"' in response.content.decode() or "error-text" in (
        response.content.decode()
    )
    assert not Enrolment.objects.exists()


def test_new_person_signs_up_and_enrols_in_one_flow(client, django_capture_on_commit_callbacks):
    session = SessionFactory(capacity=2)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            _enrol_url(session),
            {
                "display_name": "Anna de Vries",
                "email": "Anna@Example.org",
                "password": "lang-genoeg-wachtwoord-7",
                "access_needs": "Ringleiding",
            },
        )
    assert response.status_code == 200
    assert "Kijk in je e-mail" in response.content.decode()
    user = User.objects.get(email="anna@example.org")
    assert user.display_name == "Anna de Vries"
    assert user.groups.filter(name="participant").exists()
    assert not EmailAddress.objects.get(user=user).verified
    enrolment = Enrolment.objects.get(session=session, user=user)
    assert enrolment.status == "confirmed"
    assert enrolment.access_needs == "Ringleiding"
    subjects = [m.subject for m in mail.outbox]
    assert len(subjects) == 2  # the verification mail and the confirmation
    assert any("/account/confirm-email/" in m.body for m in mail.outbox)


def test_signup_with_bad_password_keeps_input_and_saves_nothing(client):
    session = SessionFactory()
    response = client.post(
        _enrol_url(session),
        {
            "display_name": "Bert",
            "email": "bert@example.org",
            "password": "kort",
            "dietary_needs": "Halal",
        },
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "Halal" in html
    assert "bert@example.org" in html
    assert not User.objects.filter(email="bert@example.org").exists()
    assert not Enrolment.objects.exists()


def test_signup_on_closed_session_rolls_back_the_account(client):
    session = SessionFactory(status="completed")
    response = client.post(
        _enrol_url(session),
        {"display_name": "C", "email": "c@example.org", "password": "lang-genoeg-wachtwoord-7"},
    )
    assert response.status_code == 400
    assert not User.objects.filter(email="c@example.org").exists()


def test_existing_email_gets_a_mail_and_keeps_what_they_typed_until_they_confirm(
    client, participant, django_capture_on_commit_callbacks
):
    """No "this address has an account" on the page (enumeration): the owner gets a mail, logs
    in through its link and confirms; what they typed in the form is kept in the invitation."""
    session = SessionFactory()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            _enrol_url(session),
            {
                "display_name": "X",
                "email": participant.email,
                "password": "lang-genoeg-wachtwoord-7",
                "access_needs": "Tolk",
            },
        )
    assert response.status_code == 200
    assert "Kijk in je e-mail" in response.content.decode()
    assert not Enrolment.objects.filter(user=participant).exists()
    [message] = [m for m in mail.outbox if m.to == [participant.email]]
    path = re.search(r"/cursussen/uitnodiging/\S+/", message.body).group(0)
    response = client.post(
        reverse("account_login") + "?next=" + path,
        {"login": participant.email, "password": PASSWORD},
    )
    assert response.status_code == 302
    assert response["Location"] == path
    assert client.post(path).status_code == 302
    enrolment = Enrolment.objects.get(user=participant, session=session)
    assert enrolment.access_needs == "Tolk"


def test_login_button_keeps_input(client, participant):
    session = SessionFactory()
    response = client.post(
        _enrol_url(session), {"action": "login", "dietary_needs": "Geen melk", "email": ""}
    )
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))
    client.force_login(participant)
    assert "Geen melk" in client.get(_enrol_url(session)).content.decode()


def test_my_courses_lists_status_calendar_links_and_feed(client, participant):
    session = SessionFactory()
    EnrolmentFactory(session=session, user=participant)
    client.force_login(participant)
    html = client.get(reverse("courses:my_courses")).content.decode()
    assert session.course.title in html
    assert "Ingeschreven" in html
    assert reverse("courses:session_ics", kwargs={"pk": session.pk}) in html
    token = participant.calendar_feed_token.token
    assert token in html
    response = client.post(reverse("courses:calendar_regenerate"))
    assert response.status_code == 302
    participant.calendar_feed_token.refresh_from_db()
    assert participant.calendar_feed_token.token != token
    assert client.get(f"/cursussen/agenda/{token}.ics").status_code == 404


def test_cancel_before_cutoff_promotes_next(
    client, participant, django_capture_on_commit_callbacks
):
    session = SessionFactory(capacity=1)
    mine = EnrolmentFactory(session=session, user=participant)
    waiting = EnrolmentFactory(session=session, status="waitlisted")
    client.force_login(participant)
    url = reverse("courses:enrolment_cancel", kwargs={"pk": mine.pk})
    assert "Weet je het zeker?" in client.get(url).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(url).status_code == 302
    mine.refresh_from_db()
    waiting.refresh_from_db()
    assert mine.status == "cancelled"
    assert waiting.status == "confirmed"
    assert [m.to for m in mail.outbox] == [[waiting.user.email]]


def test_cancel_after_cutoff_says_call_the_trainer(frozen_now, client, participant):
    session = SessionFactory(starts_in=timedelta(hours=5))
    AssignmentFactory(session=session, trainer__phone="06-12345678")
    mine = EnrolmentFactory(session=session, user=participant)
    client.force_login(participant)
    html = client.get(reverse("courses:my_courses")).content.decode()
    assert "Bel of mail de trainer" in html
    assert "06-12345678" in html
    assert reverse("courses:enrolment_cancel", kwargs={"pk": mine.pk}) not in html
    response = client.post(reverse("courses:enrolment_cancel", kwargs={"pk": mine.pk}))
    assert response.status_code == 409
    assert "Bel of mail de trainer" in response.content.decode()
    mine.refresh_from_db()
    assert mine.status == "confirmed"


def test_someone_elses_enrolment_is_404(client, participant):
    other = EnrolmentFactory()
    client.force_login(participant)
    url = reverse("courses:enrolment_cancel", kwargs={"pk": other.pk})
    assert client.get(url).status_code == 404
    assert client.post(url).status_code == 404
    other.refresh_from_db()
    assert other.status == "confirmed"


def test_dashboard_has_course_cards(client, participant, trainer):
    client.force_login(participant)
    html = client.get(reverse("accounts:dashboard")).content.decode()
    assert reverse("courses:my_courses") in html
    assert reverse("courses:portal_sessions") not in html
    client.force_login(trainer)
    assert (
        reverse("courses:portal_sessions")
        in client.get(reverse("accounts:dashboard")).content.decode()
    )


def test_query_counts_session_page_and_my_courses(client, participant, constant_queries):
    session = SessionFactory(capacity=100)
    client.force_login(participant)

    def grow_session(n):
        for _ in range(n):
            EnrolmentFactory(session=session)
            AssignmentFactory(session=session, role="co_trainer")

    # The first page of a visit checks the privacy notice once and remembers it in the session.
    client.get(session.get_absolute_url())
    constant_queries(grow=grow_session, action=lambda: client.get(session.get_absolute_url()))

    def grow_mine(n):
        for _ in range(n):
            s = SessionFactory(meetings=2)
            AssignmentFactory(session=s)
            EnrolmentFactory(session=s, user=participant, status="waitlisted")

    client.get(reverse("courses:my_courses"))  # the first visit makes the calendar link
    # Session, user, enrolments, meetings, trainers, the calendar link (read, no transaction)
    # and the roles for the menu; no permission queries (the Wagtail user bar is staff only).
    constant_queries(
        grow=grow_mine, action=lambda: client.get(reverse("courses:my_courses")), max_queries=7
    )


def test_anonymous_my_courses_asks_to_log_in(client):
    response = client.get(reverse("courses:my_courses"))
    assert response.status_code == 302
    assert reverse("account_login") in response["Location"]


def test_unverified_new_account_exists_only_once(client):
    session = SessionFactory()
    data = {"display_name": "D", "email": "d@example.org", "password": "lang-genoeg-wachtwoord-7"}
    first = client.post(_enrol_url(session), data)
    again = client.post(_enrol_url(session), data)
    # The same answer both times (no enumeration); the second asks the owner to confirm.
    assert first.status_code == again.status_code == 200
    assert "Kijk in je e-mail" in again.content.decode()
    assert User.objects.filter(email="d@example.org").count() == 1
    assert Enrolment.objects.filter(session=session).count() == 1
