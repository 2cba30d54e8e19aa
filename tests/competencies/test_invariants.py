"""The competency tables refuse impossible rows, and peer invitations are rate-limited."""

import threading
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.db import IntegrityError, connection, transaction
from django.urls import reverse

from competencies import services
from competencies.exceptions import PeerInvitationLimit
from competencies.models import (
    Answer,
    Competency,
    PeerInvitation,
    ScaleOption,
    SelfAssessment,
    Statement,
)
from notifications.models import OutboxMessage
from tests.accounts.factories import UserFactory

from .factories import make_framework, movisie, start

pytestmark = pytest.mark.django_db

MORNING = datetime(2026, 6, 1, 9, 0, tzinfo=ZoneInfo("Europe/Amsterdam"))


# --- Answer.value and the scale ---------------------------------------------------------------


@pytest.mark.parametrize("value", [0, 11, 30000])
def test_the_database_refuses_an_answer_outside_every_scale(participant, value):
    assessment = start(participant)
    statement = movisie().statements.first()
    with pytest.raises(IntegrityError), transaction.atomic():
        Answer.objects.create(assessment=assessment, statement=statement, value=value)


def test_the_database_refuses_a_scale_value_answers_cannot_hold():
    framework = make_framework(scale=4)
    with pytest.raises(IntegrityError), transaction.atomic():
        ScaleOption.objects.create(framework=framework, value=11, label="te hoog")
    with pytest.raises(IntegrityError), transaction.atomic():
        ScaleOption.objects.create(framework=framework, value=0, label="te laag")


def test_a_ten_point_scale_fits(participant):
    framework = make_framework(competencies=1, statements=1, scale=10)
    assessment = start(participant, framework)
    statement = framework.statements.get()
    services.answers_save(assessment=assessment, values={statement.pk: 10})
    assert Answer.objects.get().value == 10


# --- Statement and framework --------------------------------------------------------------------


def test_a_statement_has_the_framework_of_its_competency():
    one, other = make_framework(), make_framework()
    competency = Competency.objects.filter(framework=one).first()
    statement = Statement.objects.create(competency=competency, number=9, text="Nieuw")
    assert statement in one.statements
    assert statement not in other.statements
    # Nothing can say otherwise: the framework is not stored twice.
    assert "framework" not in {f.name for f in Statement._meta.get_fields()}


def test_an_answer_to_another_frameworks_statement_is_refused(participant):
    from competencies.exceptions import StatementNotInFramework

    assessment = start(participant)
    foreign = make_framework().statements.first()
    with pytest.raises(StatementNotInFramework):
        services.answers_save(assessment=assessment, values={foreign.pk: 2})


# --- One running personal list ----------------------------------------------------------------


def test_the_database_allows_one_running_personal_list(participant):
    assessment = start(participant)
    with pytest.raises(IntegrityError), transaction.atomic():
        SelfAssessment.objects.create(user=participant, framework=movisie())
    # A finished list, a card list and a peer's list are not "running personal statements".
    assessment.completed_at = assessment.started_at
    assessment.save()
    SelfAssessment.objects.create(user=participant, framework=movisie())
    SelfAssessment.objects.create(user=participant, framework=movisie(), kind="cards")


def test_starting_twice_returns_the_running_list(participant):
    first = start(participant)
    again = services.assessment_start(user=participant, framework=movisie())
    assert again == first
    assert SelfAssessment.objects.filter(user=participant).count() == 1


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_concurrent_starts_give_the_one_list(monkeypatch):
    """Eight requests at once (a double click, many times over) all get the same list.

    Each thread pauses after its own read found nothing, so all of them try to insert.
    """
    from django.db.models import QuerySet

    user = UserFactory()
    services.consent_give(user=user)
    framework = movisie()
    threads_count = 8
    barrier = threading.Barrier(threads_count)
    real_get = QuerySet.get

    def racing_get(self, *args, **kwargs):
        try:
            return real_get(self, *args, **kwargs)
        except self.model.DoesNotExist:
            if self.model is SelfAssessment and not getattr(local, "waited", False):
                local.waited = True
                barrier.wait(timeout=10)
            raise

    local = threading.local()
    monkeypatch.setattr(QuerySet, "get", racing_get)
    results, errors = [], []

    def worker():
        try:
            results.append(services.assessment_start(user=user, framework=framework).pk)
        except Exception as exc:  # collected: the assertion says what went wrong
            errors.append(repr(exc))
        finally:
            connection.close()

    threads = [threading.Thread(target=worker) for _ in range(threads_count)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    assert len(set(results)) == 1
    assert SelfAssessment.objects.filter(user=user).count() == 1


# --- Peer invitations are rate-limited ----------------------------------------------------------


def _invite(user, n):
    return services.peer_invite(
        user=user, framework=movisie(), name=f"Persoon {n}", email=f"p{n}@example.org"
    )


def test_peer_invitations_are_limited_per_day(participant, settings):
    settings.COMPETENCIES_PEER_INVITATIONS_PER_DAY = 3
    services.consent_give(user=participant)
    with time_machine.travel(MORNING, tick=False):
        for n in range(3):
            _invite(participant, n)
        with pytest.raises(PeerInvitationLimit) as refused:
            _invite(participant, 3)
    assert refused.value.code == "peer_invitation_limit"
    assert PeerInvitation.objects.count() == 3
    # Someone else is not affected; a day later the participant may ask again.
    other = UserFactory()
    services.consent_give(user=other)
    with time_machine.travel(MORNING, tick=False):
        _invite(other, 9)
    with time_machine.travel(MORNING + timedelta(days=1, minutes=1), tick=False):
        _invite(participant, 4)
    assert PeerInvitation.objects.filter(user=participant).count() == 4


def test_the_default_limit_is_five_a_day(participant):
    services.consent_give(user=participant)
    with time_machine.travel(MORNING, tick=False):
        for n in range(5):
            _invite(participant, n)
        with pytest.raises(PeerInvitationLimit):
            _invite(participant, 5)


def test_the_limit_is_a_clear_message_with_the_input_kept(
    client, participant, settings, django_capture_on_commit_callbacks
):
    settings.COMPETENCIES_PEER_INVITATIONS_PER_DAY = 1
    services.consent_give(user=participant)
    client.force_login(participant)
    url = reverse("competencies:peer_invite")
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(url, {"name": "Ans", "email": "ans@example.org"}).status_code == 302
        response = client.post(url, {"name": "Bram", "email": "bram@example.org"})
    assert response.status_code == 429
    page = response.content.decode()
    assert "Morgen kun je weer iemand vragen." in page
    assert 'value="bram@example.org"' in page
    assert OutboxMessage.objects.filter(key__startswith="competencies:peer:").count() == 1
