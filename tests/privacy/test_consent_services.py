"""Consent records: give, withdraw, by a legal representative, notice versions, the history."""

from datetime import timedelta

import pytest
import time_machine
from django.db import IntegrityError, transaction
from django.utils import timezone

from accounts.exceptions import NoPrivacyNotice, RepresentativeIncomplete
from accounts.models import AuditEntry, ConsentPurpose, ConsentRecord, PrivacyNotice
from accounts.selectors import (
    consent_current,
    consent_records_for,
    current_privacy_notice,
    has_consent,
    needs_reconsent,
)
from accounts.services import (
    Representative,
    consent_give,
    consent_renew,
    consent_withdraw,
)
from tests.accounts.factories import UserFactory

from .factories import new_notice

pytestmark = pytest.mark.django_db

LIST = ConsentPurpose.COMPETENCIES
COURSES = ConsentPurpose.COURSES
CURATOR = Representative(name="Joke Smit", relation="curator", contact="06-12345678")


def test_version_one_ships_with_both_texts_in_dutch():
    notice = current_privacy_notice()
    assert notice.version == 1
    assert "artikel 9" in notice.text
    assert "Wat bewaren we?" in notice.easy_read_text


def test_give_records_who_what_which_version_and_when(participant):
    record = consent_give(user=participant, purpose=LIST, actor=participant)
    assert consent_current(participant, LIST) == record
    assert has_consent(participant, LIST)
    assert not has_consent(participant, COURSES)
    assert record.notice.version == 1
    assert record.recorded_by == participant
    assert not record.by_representative
    entry = AuditEntry.objects.get(verb="consent.given")
    assert entry.data == {"purpose": "competencies", "notice_version": 1, "representative": ""}


def test_giving_twice_changes_nothing(participant):
    first = consent_give(user=participant, purpose=LIST, actor=participant)
    second = consent_give(user=participant, purpose=LIST, actor=participant)
    assert first == second
    assert ConsentRecord.objects.count() == 1
    assert AuditEntry.objects.filter(verb="consent.given").count() == 1


def test_withdraw_keeps_the_record_and_is_as_easy_as_giving(participant):
    given = consent_give(user=participant, purpose=LIST, actor=participant)
    withdrawn = consent_withdraw(user=participant, purpose=LIST, actor=participant)
    assert withdrawn.pk == given.pk
    assert withdrawn.withdrawn_at is not None
    assert withdrawn.withdrawn_by == participant
    assert consent_current(participant, LIST) is None
    assert ConsentRecord.objects.filter(user=participant).count() == 1
    assert AuditEntry.objects.filter(verb="consent.withdrawn").count() == 1
    # A second click: nothing left to withdraw, nothing changes.
    assert consent_withdraw(user=participant, purpose=LIST, actor=participant) is None
    assert AuditEntry.objects.filter(verb="consent.withdrawn").count() == 1


def test_giving_again_after_withdrawing_adds_to_the_history(participant):
    consent_give(user=participant, purpose=LIST, actor=participant)
    consent_withdraw(user=participant, purpose=LIST, actor=participant)
    again = consent_give(user=participant, purpose=LIST, actor=participant)
    history = consent_records_for(participant)
    assert [row["withdrawn_at"] is None for row in history] == [True, False]
    assert consent_current(participant, LIST) == again


def test_a_legal_representative_gives_consent_with_name_relation_and_contact(participant):
    record = consent_give(user=participant, purpose=LIST, actor=participant, representative=CURATOR)
    assert record.by_representative
    assert (record.representative_name, record.representative_relation) == ("Joke Smit", "curator")
    assert record.representative_contact == "06-12345678"
    assert AuditEntry.objects.get(verb="consent.given").data["representative"] == "curator"
    # The person agreeing themselves later replaces it; the representative's stays in history.
    own = consent_give(user=participant, purpose=LIST, actor=participant)
    record.refresh_from_db()
    assert record.replaced_at is not None
    assert not own.by_representative
    assert len(consent_records_for(participant)) == 2


@pytest.mark.parametrize(
    ("name", "relation"), [("", "curator"), ("  ", "mentor"), ("Jan", ""), ("Jan", "buurman")]
)
def test_a_representative_needs_a_name_and_a_known_relation(name, relation):
    with pytest.raises(RepresentativeIncomplete) as error:
        Representative(name=name, relation=relation)
    assert error.value.code == "representative_incomplete"


def test_the_database_refuses_an_unnamed_representative_and_two_open_consents(participant):
    notice = current_privacy_notice()
    with pytest.raises(IntegrityError), transaction.atomic():
        ConsentRecord.objects.create(
            user=participant, purpose=LIST, notice=notice, by_representative=True
        )
    ConsentRecord.objects.create(user=participant, purpose=LIST, notice=notice)
    with pytest.raises(IntegrityError), transaction.atomic():
        ConsentRecord.objects.create(user=participant, purpose=LIST, notice=notice)


def test_a_new_notice_version_asks_again_and_renewing_keeps_the_history(
    participant, national_staff
):
    consent_give(user=participant, purpose=LIST, actor=participant)
    consent_give(user=participant, purpose=COURSES, actor=participant)
    consent_withdraw(user=participant, purpose=COURSES, actor=participant)
    assert not needs_reconsent(participant)
    notice = new_notice(actor=national_staff)
    assert notice.version == 2
    assert AuditEntry.objects.filter(verb="privacy_notice.published").count() == 1
    assert needs_reconsent(participant)
    renewed = consent_renew(user=participant, actor=participant)
    # Only what still held is renewed: a withdrawn consent stays withdrawn.
    assert [record.purpose for record in renewed] == [LIST]
    assert renewed[0].notice == notice
    assert not needs_reconsent(participant)
    assert not has_consent(participant, COURSES)
    versions = sorted(row["privacy_notice_version"] for row in consent_records_for(participant))
    assert versions == [1, 1, 2]


def test_a_notice_published_for_later_waits_until_then(participant):
    consent_give(user=participant, purpose=LIST, actor=participant)
    later = new_notice(delay=timedelta(days=2))
    assert current_privacy_notice().version == 1
    assert not needs_reconsent(participant)
    with time_machine.travel(timezone.now() + timedelta(days=3)):
        assert current_privacy_notice() == later
        assert needs_reconsent(participant)


def test_someone_without_any_consent_is_not_asked_again(participant):
    new_notice()
    assert not needs_reconsent(participant)


def test_no_notice_means_no_consent():
    user = UserFactory()
    PrivacyNotice.objects.all().delete()
    with pytest.raises(NoPrivacyNotice):
        consent_give(user=user, purpose=LIST, actor=user)


def test_consent_records_for_is_plain_data_of_one_person_only(participant):
    other = UserFactory()
    consent_give(user=other, purpose=COURSES, actor=other)
    consent_give(user=participant, purpose=LIST, actor=participant, representative=CURATOR)
    [row] = consent_records_for(participant)
    assert row == {
        "purpose": "competencies",
        "purpose_label": "De competentielijst invullen",
        "privacy_notice_version": 1,
        "given_at": row["given_at"],
        "by_representative": True,
        "representative_name": "Joke Smit",
        "representative_relation": "curator",
        "representative_contact": "06-12345678",
        "withdrawn_at": None,
        "replaced_at": None,
    }
    assert isinstance(row["given_at"], str)
