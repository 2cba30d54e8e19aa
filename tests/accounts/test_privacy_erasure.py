"""Erasure: a grace period with a mail and an undo, then a beat job that anonymises; enrolments
keep their counts, group figures stay the same, and doing it twice changes nothing."""

from datetime import timedelta

import pytest
import time_machine
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from accounts.models import AuditEntry, ErasureRequest, User
from accounts.personal_data import ANONYMOUS_NAME
from accounts.services import (
    erasure_execute,
    erasure_execute_due,
    erasure_request_cancel,
    erasure_request_create,
    user_erase,
)
from competencies.models import PeerInvitation, ResultSharing, SelfAssessment
from courses.models import Enrolment
from notifications.models import OutboxMessage
from tests.accounts.factories import PASSWORD

from .privacy_world import build_world, snapshot

pytestmark = pytest.mark.django_db


def test_request_mails_an_undo_link_and_waits_for_the_grace_period(client):
    world = build_world()
    client.force_login(world.me)
    response = client.post(reverse("accounts:my_data_erase"), {"confirm": "on"})
    assert response.status_code == 302
    request = ErasureRequest.objects.get(user=world.me)
    assert request.execute_after - request.requested_at == timedelta(days=14)
    mail = OutboxMessage.objects.get(key=f"accounts:erasure:{request.pk}")
    assert mail.to == world.me.email
    assert reverse("accounts:my_data") in mail.body_text
    # Asking again is the same request (and no second mail).
    client.post(reverse("accounts:my_data_erase"), {"confirm": "on"})
    assert ErasureRequest.objects.filter(user=world.me).count() == 1
    # Nothing happens before the grace period is over.
    assert erasure_execute_due(now=request.execute_after - timedelta(minutes=1)) == 0
    world.me.refresh_from_db()
    assert world.me.email
    assert world.me.is_active
    page = client.get(reverse("accounts:my_data")).content.decode()
    assert "Niet wissen" in page


def test_without_the_tick_nothing_is_asked(client, participant):
    client.force_login(participant)
    response = client.post(reverse("accounts:my_data_erase"), {})
    assert response.status_code == 400
    assert "Zet een vinkje" in response.content.decode()
    assert not ErasureRequest.objects.exists()


def test_undo_keeps_everything(client):
    world = build_world()
    client.force_login(world.me)
    client.post(reverse("accounts:my_data_erase"), {"confirm": "on"})
    client.post(reverse("accounts:my_data_erase_cancel"))
    request = ErasureRequest.objects.get(user=world.me)
    assert request.cancelled_at is not None
    assert erasure_execute_due(now=timezone.now() + timedelta(days=30)) == 0
    world.me.refresh_from_db()
    assert world.me.display_name == "Mirjam Mijzelf"
    assert world.me.is_active
    # Undoing twice changes nothing; a new request can be made afterwards.
    assert erasure_request_cancel(request=request, actor=world.me).cancelled_at == (
        request.cancelled_at
    )
    assert erasure_request_create(user=world.me, actor=world.me).pk != request.pk


def test_execution_anonymises_keeps_counts_and_group_figures_and_is_idempotent(client):
    world = build_world()
    me = world.me
    email = me.email
    assert client.login(email=email, password=PASSWORD)
    client.logout()
    summary_before = snapshot()
    enrolments_before = list(
        Enrolment.objects.filter(session=world.session).values_list("pk", "status")
    )
    seats_before = sum(e.seats for e in Enrolment.objects.filter(session=world.session))
    request = erasure_request_create(user=me, actor=me)
    assert erasure_execute_due(now=request.execute_after + timedelta(minutes=1)) == 1

    me.refresh_from_db()
    assert me.email is None
    assert me.display_name == ANONYMOUS_NAME
    assert not me.is_active
    assert not me.has_usable_password()
    assert not me.groups.exists()
    assert not client.login(email=email, password=PASSWORD)
    # Enrolments keep their counts (and seats), without a name or needs.
    assert (
        list(Enrolment.objects.filter(session=world.session).values_list("pk", "status"))
        == enrolments_before
    )
    assert sum(e.seats for e in Enrolment.objects.filter(session=world.session)) == seats_before
    mine = Enrolment.objects.get(pk=world.enrolments[0].pk)
    assert mine.access_needs == ""
    assert mine.support_person_name != "Bea Begeleider"
    # Group figures: the anonymous course answers stay, so the summary is unchanged and still
    # equals a rebuild from the answers.
    assert snapshot() == summary_before
    call_command("rebuild_growth_summary")
    assert snapshot() == summary_before
    assert SelfAssessment.objects.filter(user=me, moment__in=["pre", "post"]).count() == 2
    # Not in any group figure, so gone: sharing, the peer invitation (another person's address).
    assert not ResultSharing.objects.filter(enrolment__user=me).exists()
    assert not PeerInvitation.objects.filter(user=me).exists()
    assert not OutboxMessage.objects.filter(to=email).exists()
    # The other participant is untouched.
    world.other.refresh_from_db()
    assert world.other.display_name == "Otto Ander"
    assert ResultSharing.objects.filter(enrolment__user=world.other).exists()
    # The log keeps what happened, without the name.
    assert AuditEntry.objects.filter(verb="user.erased", target_id=str(me.pk)).count() == 1
    assert not AuditEntry.objects.filter(target_id=str(me.pk), target_repr="Mirjam Mijzelf")

    # Twice: nothing changes.
    summary_after = snapshot()
    assert erasure_execute(request=request, now=request.execute_after + timedelta(days=1)) is False
    assert set(user_erase(user=me).values()) == {0}
    assert snapshot() == summary_after
    assert AuditEntry.objects.filter(verb="user.erased", target_id=str(me.pk)).count() == 1
    assert User.objects.filter(pk=me.pk).exists()


def test_upcoming_place_is_given_up_and_the_waitlist_moves_on():
    from tests.courses.factories import EnrolmentFactory, SessionFactory

    session = SessionFactory(capacity=1)
    mine = EnrolmentFactory(session=session)
    waiting = EnrolmentFactory(session=session, status=Enrolment.Status.WAITLISTED)
    user_erase(user=mine.user)
    mine.refresh_from_db()
    waiting.refresh_from_db()
    assert mine.status == Enrolment.Status.CANCELLED
    assert waiting.status == Enrolment.Status.CONFIRMED


def test_staff_erase_on_request_with_a_reason_audited(client, national_staff):
    world = build_world(participants=5)
    client.force_login(national_staff)
    url = reverse("accounts:person_data", args=[world.me.pk])
    response = client.post(url, {"reason": ""})
    assert response.status_code == 400
    assert "Schrijf op waarom" in response.content.decode()
    response = client.post(url, {"reason": "Verzoek per e-mail van 3 maart"})
    assert response.status_code == 302
    request = ErasureRequest.objects.get(user=world.me)
    assert request.requested_by == national_staff
    entry = AuditEntry.objects.get(verb="user.erasure_requested", target_id=str(world.me.pk))
    assert entry.actor == national_staff
    assert entry.data["reason"] == "Verzoek per e-mail van 3 maart"
    assert entry.data["by_staff"] is True
    with time_machine.travel(request.execute_after + timedelta(hours=1), tick=False):
        assert erasure_execute_due() == 1
    # The reason stays in the log after the erasure (accountability).
    entry.refresh_from_db()
    assert entry.data["reason"] == "Verzoek per e-mail van 3 maart"
    page = client.get(url).content.decode()
    assert "zijn gewist" in page
