"""A change and its message are one: the outbox row is written in the change's transaction, and
nothing after the commit (cache, broker) can fail or slow the request that made the change."""

import logging
from datetime import timedelta

import pytest
import redis.connection
from django.core import mail
from django.db import transaction
from django.template import TemplateSyntaxError
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone

import courses.cache
from config.celery_app import app
from courses import services
from courses.cache import catalogue_version
from courses.models import Enrolment
from notifications import services as outbox
from notifications.models import OutboxMessage
from tests.accounts.factories import PASSWORD, UserFactory
from tests.celeryworker import reset_broker_pools
from tests.cms import factories as cms
from tests.courses.factories import EnrolmentFactory, SessionFactory, VenueFactory

CLOSED = "redis://127.0.0.1:1/0"
CACHE_DOWN = {"default": {"BACKEND": "config.cache.FailSoftRedisCache", "LOCATION": CLOSED}}


def enrol(session, user=None):
    user = user or UserFactory(role="participant")
    return services.enrolment_create(actor=user, session=session, user=user)


def confirmation(enrolment):
    return OutboxMessage.objects.filter(
        key__startswith=f"courses:enrolment_confirmed:{enrolment.pk}:"
    ).first()


@pytest.fixture
def cache_down():
    """The cache's Redis is unreachable (a real Redis client against a closed port)."""
    with override_settings(CACHES=CACHE_DOWN):
        yield
    courses.cache._bump_pending = False


def _reset_result_backend():
    app._backend_cache = None
    app._local.__dict__.pop("backend", None)


@pytest.fixture
def celery_down():
    """Broker and result backend unreachable, in a process that has not connected before."""
    conf = app.conf
    saved = conf.broker_url, conf.result_backend
    conf.task_always_eager = False
    conf.broker_url = conf.result_backend = CLOSED
    reset_broker_pools()
    _reset_result_backend()
    yield
    conf.broker_url, conf.result_backend = saved
    reset_broker_pools()
    _reset_result_backend()


@pytest.fixture
def connects(monkeypatch):
    """Every attempt to open a connection to the closed port, by any Redis client."""
    attempts = []
    original = redis.connection.Connection._connect

    def _connect(self):
        if self.port == 1:
            attempts.append(self)
        return original(self)

    monkeypatch.setattr(redis.connection.Connection, "_connect", _connect)
    return attempts


# --- The row is written inside the transaction ----------------------------------------------


@pytest.mark.django_db
def test_the_confirmation_is_written_before_the_commit():
    """No after-commit hook runs here (as if the process died right after the commit)."""
    session = SessionFactory()
    with transaction.atomic():
        enrolment = enrol(session)
        assert confirmation(enrolment) is not None
    assert confirmation(enrolment).status == OutboxMessage.Status.PENDING


@pytest.mark.django_db
def test_a_rolled_back_enrolment_leaves_no_message():
    session = SessionFactory()
    user = UserFactory(role="participant")

    def request_that_fails_after_the_service():
        with transaction.atomic():
            enrol(session, user)
            raise RuntimeError("the request failed after the service")

    with pytest.raises(RuntimeError):
        request_that_fails_after_the_service()
    assert not Enrolment.objects.filter(user=user).exists()
    assert not OutboxMessage.objects.exists()


@pytest.mark.django_db
def test_promotion_and_cancellation_messages_are_written_inside_the_transaction():
    session = SessionFactory(capacity=1)
    first, second = enrol(session), enrol(session)
    with transaction.atomic():
        services.enrolment_cancel(actor=None, enrolment=first)
        assert OutboxMessage.objects.filter(
            key__startswith=f"courses:enrolment_promoted:{second.pk}:"
        ).exists()
        services.session_cancel(actor=None, session=session, reason="De trainer is ziek.")
        assert OutboxMessage.objects.filter(key__contains="session_cancelled").count() == 1


@pytest.mark.django_db
def test_one_edit_in_several_steps_tells_each_person_once_with_the_final_state():
    """Details and meetings saved together (the portal's edit): one message, the final state."""
    session = SessionFactory(capacity=5)
    EnrolmentFactory(session=session)
    meeting = session.meetings.get()
    day = timezone.localtime(meeting.starts_at)
    with transaction.atomic():
        services.session_update(
            actor=None, session=session, venue=VenueFactory(name="Buurthuis De Linde")
        )
        services.meeting_update(
            actor=None,
            meeting=meeting,
            starts_at=day.replace(hour=10, minute=0),
            ends_at=day.replace(hour=12, minute=15),
        )
    [message] = OutboxMessage.objects.filter(key__contains="session_changed")
    assert "Buurthuis De Linde" in message.body_text
    assert "12:15" in message.body_text


def _break_template(monkeypatch, name):
    original = outbox.render_to_string

    def render(template, context):
        if name in template:
            raise TemplateSyntaxError(f"broken {template}")
        return original(template, context)

    monkeypatch.setattr(outbox, "render_to_string", render)


@pytest.mark.django_db
def test_a_broken_mail_template_fails_its_send_loudly_in_tests_and_keeps_the_place(monkeypatch):
    """Development and tests: the error surfaces where the mail is rendered, in the send task.
    The enrolment's mail is rendered there, not in the enrolment's transaction, so a typo in a
    template can never cost anyone their place."""
    _break_template(monkeypatch, "enrolment_confirmed")
    session = SessionFactory()
    user = UserFactory(role="participant")
    enrolment = enrol(session, user)
    message = confirmation(enrolment)
    assert message.status == OutboxMessage.Status.PENDING
    with pytest.raises(TemplateSyntaxError):
        outbox.message_send(message_id=message.pk)
    message.refresh_from_db()
    assert message.status == OutboxMessage.Status.FAILED
    assert "TemplateSyntaxError" in message.last_error
    assert Enrolment.objects.get(user=user).status == Enrolment.Status.CONFIRMED
    assert mail.outbox == []


@pytest.mark.django_db
@override_settings(OUTBOX_RAISE_TEMPLATE_ERRORS=False)
def test_a_broken_mail_template_in_production_keeps_the_place_and_records_the_failure(
    monkeypatch, caplog, django_capture_on_commit_callbacks
):
    _break_template(monkeypatch, "enrolment_confirmed")
    session = SessionFactory()
    with (
        caplog.at_level(logging.ERROR, logger="notifications.services"),
        django_capture_on_commit_callbacks(execute=True),
    ):
        enrolment = enrol(session)
    assert enrolment.status == Enrolment.Status.CONFIRMED
    message = confirmation(enrolment)
    assert message.status == OutboxMessage.Status.FAILED
    assert "enrolment_confirmed" in message.last_error
    assert "TemplateSyntaxError" in message.last_error
    assert any("failed to render" in r.getMessage() for r in caplog.records)
    assert outbox.outbox_sweep() == 0
    assert mail.outbox == []


# --- Cache or broker down after the commit --------------------------------------------------


@pytest.mark.django_db(transaction=True)
def test_enrolment_succeeds_and_mails_with_the_cache_down(cache_down, caplog):
    """The bump fails after the commit; it is logged and the mail hook after it still runs."""
    session = SessionFactory()
    with caplog.at_level(logging.WARNING, logger="courses.cache"):
        enrolment = enrol(session)
    assert confirmation(enrolment).status == OutboxMessage.Status.SENT
    assert len(mail.outbox) == 1
    assert any("not bumped" in r.getMessage() for r in caplog.records)


@pytest.mark.django_db(transaction=True)
def test_enrolment_has_its_message_with_cache_and_broker_down(cache_down, celery_down, connects):
    session = SessionFactory()
    enrolment = enrol(session)
    assert confirmation(enrolment).status == OutboxMessage.Status.PENDING
    # One try at the cache (the bump) and one at the broker; the result backend is never asked.
    assert len(connects) == 2
    assert mail.outbox == []


@pytest.mark.django_db(transaction=True)
def test_with_the_broker_down_the_sweep_renders_and_sends_the_enrolment_mail(celery_down):
    session = SessionFactory()
    enrolment = enrol(session)
    message = confirmation(enrolment)
    assert (message.status, message.subject) == (OutboxMessage.Status.PENDING, "")
    assert outbox.outbox_sweep(older_than=timedelta(0)) == 1
    message.refresh_from_db()
    assert message.status == OutboxMessage.Status.SENT
    assert message.subject.startswith("Je bent ingeschreven")
    [sent] = mail.outbox
    assert sent.subject == message.subject
    assert sent.attachments[0][2] == "text/calendar"


@pytest.mark.django_db(transaction=True)
def test_publishing_never_touches_the_result_backend(celery_down, connects, monkeypatch):
    asked = []
    monkeypatch.setattr(type(app.backend), "on_task_call", lambda *a: asked.append(a))
    with transaction.atomic():
        outbox.message_enqueue_email(key="k", to="a@example.org", subject="s", body_text="t")
    assert asked == []
    assert len(connects) == 1


@pytest.mark.django_db(transaction=True)
def test_enrol_page_answers_with_the_cache_and_broker_down(
    client, cache_down, celery_down, participant
):
    session = SessionFactory()
    client.force_login(participant)
    response = client.post(reverse("courses:enrol", kwargs={"pk": session.pk}), {})
    assert response.status_code == 302
    enrolment = Enrolment.objects.get(session=session, user=participant)
    assert confirmation(enrolment).status == OutboxMessage.Status.PENDING


@pytest.mark.django_db
def test_cached_pages_are_served_uncached_with_the_cache_down(client):
    page = cms.course_page()
    SessionFactory(course=page.course)
    with override_settings(CACHES=CACHE_DOWN):
        for _ in range(2):
            response = client.get(page.url)
            assert response.status_code == 200
            assert response.get("X-Leerkring-Cache") != "hit"
            assert "Nog 10 plekken vrij" in response.content.decode()


@pytest.mark.redis
@pytest.mark.django_db(transaction=True)
def test_a_bump_missed_while_redis_was_unreachable_is_made_up_later():
    before = catalogue_version()
    session = SessionFactory()
    with override_settings(CACHES=CACHE_DOWN):
        enrol(session)  # committed; its bump cannot reach Redis
    assert catalogue_version() == before + 1
    assert catalogue_version() == before + 1


@pytest.mark.django_db
def test_logging_in_works_with_the_cache_down(client):
    """allauth keeps its rate limits in the cache: unreachable, they are skipped, not a 500."""
    user = UserFactory(role="participant")
    with override_settings(CACHES=CACHE_DOWN):
        response = client.post(
            reverse("account_login"), {"login": user.email, "password": PASSWORD}
        )
    assert response.status_code == 302
    assert response.wsgi_request.user == user


@pytest.mark.django_db
def test_publishing_a_page_works_with_the_cache_down():
    page = cms.course_page(summary="Oude samenvatting.")
    page.summary = "Nieuwe samenvatting."
    with override_settings(CACHES=CACHE_DOWN):
        page.save_revision().publish()
    page.refresh_from_db()
    assert page.summary == "Nieuwe samenvatting."
    assert page.live
