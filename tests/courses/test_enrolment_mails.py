"""The enrolment mails (confirmed, waitlisted, promoted) are rendered by the send task, not in
the enrolment's request: the mail is the same as when it was rendered inside the request, and it
states the facts of the moment of the enrolment even when they changed before it went out."""

import re
from datetime import timedelta

import pytest
from django.conf import settings
from django.core import mail
from django.db.models import Prefetch
from django.urls import reverse
from django.utils import translation

from courses import services
from courses.calendar import session_ics
from courses.models import Assignment, Enrolment, Meeting, Session
from notifications import services as outbox
from notifications.models import OutboxMessage
from tests.accounts.factories import UserFactory
from tests.courses.factories import AssignmentFactory, SessionFactory

pytestmark = pytest.mark.django_db


def enrol(session, user=None, **kwargs):
    user = user or UserFactory(role="participant")
    return services.enrolment_create(actor=user, session=session, user=user, **kwargs)


def send_all():
    """What the worker (or the sweep) does with everything pending."""
    return outbox.outbox_sweep(older_than=timedelta(0))


def rows(kind, enrolment):
    return list(
        OutboxMessage.objects.filter(key__startswith=f"courses:{kind}:{enrolment.pk}:").order_by(
            "pk"
        )
    )


def rendered_in_the_request(template, enrolment, ics):
    """The mail as the request rendered it before (``courses.notify`` until 2026-12): the same
    templates and context, rendered at once with ``message_enqueue``."""
    session = (
        Session.objects.select_related("course", "region", "venue")
        .prefetch_related(
            Prefetch("meetings", queryset=Meeting.objects.order_by("starts_at")),
            Prefetch("assignments", queryset=Assignment.objects.select_related("trainer")),
        )
        .get(pk=enrolment.session_id)
    )
    context = {
        "session": session,
        "course": session.course,
        "meetings": list(session.meetings.all()),
        "venue": session.venue,
        "trainers": [a.trainer for a in session.assignments.all()],
        "session_url": settings.SITE_URL + session.get_absolute_url(),
        "enrolment": enrolment,
        "person": enrolment.user,
    }
    attachments = None
    if ics:
        attachments = [
            {
                "filename": f"{session.course.slug}-{session.pk}.ics",
                "content": session_ics(session).decode(),
                "mimetype": "text/calendar",
            }
        ]
    return outbox.message_enqueue(
        key=f"reference:{template}:{enrolment.pk}",
        to="reference@example.org",
        template=f"courses/email/{template}",
        context=context,
        attachments=attachments,
    )


def without_stamp(attachments):
    return [{**a, "content": re.sub(r"DTSTAMP:\S+", "", a["content"])} for a in attachments or []]


@pytest.mark.parametrize(
    ("full", "template", "ics"),
    [(False, "enrolment_confirmed", True), (True, "enrolment_waitlisted", False)],
)
def test_the_mail_is_the_one_the_request_rendered_before(full, template, ics):
    session = SessionFactory(capacity=2, meetings=2)
    AssignmentFactory(session=session)
    if full:
        enrol(session, support_person_name="Bram")
    person = UserFactory(role="participant", display_name="Sanne Visser")
    enrolment = enrol(session, person, support_person_name="Karin")
    [row] = rows(template, enrolment)
    assert row.subject == ""  # the request wrote a small row
    assert row.context == {
        "enrolment": enrolment.pk,
        "status": enrolment.status,
        "support_person_name": "Karin",
    }
    assert send_all() >= 1
    row.refresh_from_db()
    reference = rendered_in_the_request(template, enrolment, ics)
    assert row.subject == reference.subject
    assert row.body_text == reference.body_text
    assert row.body_html == reference.body_html
    assert without_stamp(row.attachments) == without_stamp(reference.attachments)
    assert "Hallo Sanne" in row.body_text
    sent = next(m for m in mail.outbox if m.to == [person.email])
    assert (sent.subject, sent.body) == (row.subject, row.body_text)
    assert [a[2] for a in sent.attachments] == (["text/calendar"] if ics else [])


def test_the_mail_states_the_support_person_of_that_enrolment_even_if_it_changed_before_sending():
    session = SessionFactory(capacity=3)
    person = UserFactory(role="participant")
    first = enrol(session, person, support_person_name="Karin")
    # Before anything goes out, the person cancels and enrols again, now alone.
    services.enrolment_cancel(actor=person, enrolment=first)
    second = enrol(session, person)
    assert second.pk == first.pk
    send_all()
    then, now = rows("enrolment_confirmed", first)
    assert "Je begeleider Karin heeft ook een plaats." in then.body_text
    assert "begeleider" not in now.body_text
    assert then.status == now.status == OutboxMessage.Status.SENT


def test_a_waitlist_mail_still_says_waitlist_when_the_place_came_before_it_went_out():
    session = SessionFactory(capacity=1)
    first = enrol(session)
    waiting = enrol(session)
    services.enrolment_cancel(actor=first.user, enrolment=first)
    waiting.refresh_from_db()
    assert waiting.status == Enrolment.Status.CONFIRMED
    send_all()
    [waitlisted] = rows("enrolment_waitlisted", waiting)
    [promoted] = rows("enrolment_promoted", waiting)
    assert "Je staat op de wachtlijst" in waitlisted.subject
    assert "Er is een plaats voor je" in promoted.subject
    assert promoted.attachments[0]["mimetype"] == "text/calendar"
    subjects = [m.subject for m in mail.outbox if m.to == [waiting.user.email]]
    assert len(subjects) == 2


def test_a_mail_whose_enrolment_was_erased_before_sending_is_not_sent():
    session = SessionFactory()
    enrolment = enrol(session)
    Enrolment.objects.filter(pk=enrolment.pk).delete()
    assert send_all() == 0
    [row] = rows("enrolment_confirmed", enrolment)
    assert row.status == OutboxMessage.Status.FAILED
    assert mail.outbox == []


def test_an_english_request_gets_the_dutch_mail_as_before(
    client, participant, django_capture_on_commit_callbacks
):
    """There is no language per person: mails are in ``LANGUAGE_CODE`` (Dutch), whatever the
    language of the request or of the worker that renders them."""
    session = SessionFactory()
    client.force_login(participant)
    with django_capture_on_commit_callbacks(execute=True), translation.override("en"):
        response = client.post(
            reverse("api:enrol", kwargs={"session_id": session.pk}),
            "{}",
            content_type="application/json",
            HTTP_ACCEPT_LANGUAGE="en",
        )
    assert response.status_code == 201
    [sent] = mail.outbox
    assert sent.subject.startswith("Je bent ingeschreven")
    assert OutboxMessage.objects.get(to=participant.email).language == "nl"


def test_my_data_lists_a_mail_not_sent_yet_with_a_plain_subject_then_the_real_one():
    """Mijn gegevens shows the person's mails by subject; a mail rendered at send time has none
    until it goes out, so the page says so instead of showing an empty subject."""
    from accounts.personal_data import export_outbox

    enrolment = enrol(SessionFactory(capacity=5))
    [pending] = export_outbox(enrolment.user)
    assert pending["Onderwerp"] == "(deze e-mail sturen we nog)"
    send_all()
    [sent] = export_outbox(enrolment.user)
    assert sent["Onderwerp"] == OutboxMessage.objects.get(to=enrolment.user.email).subject
    assert sent["Onderwerp"].strip()
