"""Answers belong to the participant: sharing with trainers, peers through signed links."""

from datetime import timedelta

import pytest
import time_machine
from django.core import mail
from django.urls import reverse

from competencies import services
from competencies.models import Answer, PeerInvitation
from notifications.models import OutboxMessage
from tests.accounts.factories import UserFactory

from .factories import complete_session, course_list, course_session, fill_all, movisie, start

pytestmark = pytest.mark.django_db


def test_trainer_sees_individual_results_only_while_shared(client):
    trainer = UserFactory(role="trainer")
    _session, [enrolment] = course_session(participants=1, trainer=trainer)
    course_list(enrolment, "pre", 3)
    url = reverse("competencies:shared_results", args=[enrolment.pk])
    client.force_login(trainer)
    assert client.get(url).status_code == 404
    client.force_login(enrolment.user)
    client.post(reverse("competencies:share", args=[enrolment.pk]), {"share": "1"})
    client.force_login(trainer)
    page = client.get(url)
    assert page.status_code == 200
    assert "<svg" in page.content.decode()
    other_trainer = UserFactory(role="trainer")
    client.force_login(other_trainer)
    assert client.get(url).status_code == 404
    client.force_login(enrolment.user)
    client.post(reverse("competencies:share", args=[enrolment.pk]), {"share": "0"})
    client.force_login(trainer)
    assert client.get(url).status_code == 404


def test_trainer_never_sees_peer_answers_and_staff_see_no_individuals(client, national_staff):
    trainer = UserFactory(role="trainer")
    _session, [enrolment] = course_session(participants=1, trainer=trainer)
    course_list(enrolment, "pre", 3)
    services.sharing_set(enrolment=enrolment, user=enrolment.user, share=True)
    invitation = services.peer_invite(
        user=enrolment.user, framework=movisie(), name="Kees Vertrouwd", email="kees@example.org"
    )
    fill_all(invitation.assessment, 1)
    client.force_login(trainer)
    page = client.get(reverse("competencies:shared_results", args=[enrolment.pk])).content.decode()
    assert "Kees Vertrouwd" not in page
    client.force_login(national_staff)
    assert (
        client.get(reverse("competencies:shared_results", args=[enrolment.pk])).status_code == 404
    )
    own = enrolment.self_assessments.get(moment="pre")
    assert client.get(reverse("competencies:results", args=[own.pk])).status_code == 404
    client.force_login(enrolment.user)
    page = client.get(reverse("competencies:results", args=[own.pk])).content.decode()
    assert "Reactie van Kees Vertrouwd" in page
    assert 'class="series peer"' in page


def test_sharing_someone_elses_enrolment_is_404(client):
    _session, [a, b] = course_session(participants=2)
    client.force_login(a.user)
    assert (
        client.post(reverse("competencies:share", args=[b.pk]), {"share": "1"}).status_code == 404
    )


def test_peer_invitation_mail_and_link_without_account(
    client, participant, django_capture_on_commit_callbacks
):
    services.consent_give(user=participant)
    client.force_login(participant)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("competencies:peer_invite"), {"name": "Ans", "email": "ans@example.org"}
        )
    assert response.status_code == 302
    message = OutboxMessage.objects.get(key__startswith="competencies:peer:")
    assert message.to == "ans@example.org"
    link = next(w for w in message.body_text.split() if "/competenties/reactie/" in w)
    path = (
        link.split("127.0.0.1:8000")[-1]
        if "127.0.0.1" in link
        else link[link.index("/competenties") :]
    )
    client.logout()
    page = client.get(path)
    assert page.status_code == 200
    assert "competentie 1 van 12" in page.content.decode()
    invitation = PeerInvitation.objects.get()
    statement = movisie().statements.order_by("competency__number", "number").first()
    post = client.post(path + "?c=1", {f"s{statement.pk}": 4, "c": 1, "action": "next"})
    assert post.status_code == 302
    assert Answer.objects.get(assessment=invitation.assessment).value == 4
    # The peer got the link by mail once, with no account needed.
    assert [m.to for m in mail.outbox] == [["ans@example.org"]]
    assert link in mail.outbox[0].body


def test_peer_link_tampered_or_expired_is_refused(client, participant):
    services.consent_give(user=participant)
    invitation = services.peer_invite(
        user=participant, framework=movisie(), name="Bo", email="bo@example.org"
    )
    token = services.peer_token(invitation)
    tampered = token[:-2] + ("aa" if not token.endswith("aa") else "bb")
    assert client.get(reverse("competencies:peer_fill", args=[tampered])).status_code == 404
    other = token.replace(str(invitation.pk), str(invitation.pk + 1), 1)
    assert client.get(reverse("competencies:peer_fill", args=[other])).status_code == 404
    statement = movisie().statements.first()
    with time_machine.travel(invitation.created_at + timedelta(days=22), tick=False):
        response = client.post(
            reverse("competencies:peer_fill", args=[token]), {f"s{statement.pk}": 2, "c": 1}
        )
        assert response.status_code == 404
        assert "werkt niet" in response.content.decode()
    assert not Answer.objects.exists()
    with time_machine.travel(invitation.created_at + timedelta(days=20), tick=False):
        assert client.get(reverse("competencies:peer_fill", args=[token])).status_code == 200


def test_finished_peer_link_cannot_be_reused(client, participant):
    services.consent_give(user=participant)
    invitation = services.peer_invite(
        user=participant, framework=movisie(), name="Bo", email="bo@example.org"
    )
    fill_all(invitation.assessment, 3)
    token = services.peer_token(invitation)
    assert client.get(reverse("competencies:peer_fill", args=[token])).status_code == 404
    done = client.get(reverse("competencies:peer_fill", args=[token]) + "?klaar=1")
    assert done.status_code == 200
    assert "Dank je wel" in done.content.decode()


def test_peer_lists_stay_out_of_group_figures():
    from competencies.models import GrowthSummary

    session, [enrolment] = course_session(participants=1)
    course_list(enrolment, "pre", 2)
    invitation = services.peer_invite(
        user=enrolment.user, framework=movisie(), name="X", email="x@example.org"
    )
    fill_all(invitation.assessment, 4)
    assert GrowthSummary.objects.get(competency=None, moment="pre").n == 1
    session = complete_session(session)
    assert start(UserFactory()).moment == "personal"
