"""The database is the last line: numbers 1-3, one non-cancelled moment per number and series."""

import pytest
from django.db import IntegrityError, transaction
from django.utils import timezone

from intervision.models import Moment

from .factories import MomentFactory, TrainerGroupFactory, completed_session

pytestmark = pytest.mark.django_db


def test_a_direct_fourth_insert_fails_in_the_database():
    session, _, _ = completed_session(attendees=1)
    for number in (1, 2, 3):
        MomentFactory(session=session, number=number)
    with pytest.raises(IntegrityError), transaction.atomic():
        MomentFactory(session=session, number=4)
    for number in (1, 2, 3):
        with pytest.raises(IntegrityError), transaction.atomic():
            MomentFactory(session=session, number=number)
    with pytest.raises(IntegrityError), transaction.atomic():
        MomentFactory(session=session, number=0)
    assert Moment.objects.filter(session=session).count() == 3


def test_a_cancelled_moment_frees_its_number_in_the_database():
    session, _, _ = completed_session(attendees=1)
    first = MomentFactory(session=session, number=1)
    Moment.objects.filter(pk=first.pk).update(status="cancelled", cancelled_at=timezone.now())
    MomentFactory(session=session, number=1)
    assert Moment.objects.filter(session=session, number=1).count() == 2


def test_a_moment_belongs_to_exactly_one_series():
    session, _, _ = completed_session(attendees=1)
    group = TrainerGroupFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        MomentFactory(session=session, group=group)
    with pytest.raises(IntegrityError), transaction.atomic():
        MomentFactory(session=None, group=None)
    MomentFactory(session=None, group=group, number=1)
    with pytest.raises(IntegrityError), transaction.atomic():
        MomentFactory(session=None, group=group, number=1)


def test_a_moment_needs_a_place_or_a_link_and_a_sane_time():
    session, _, _ = completed_session(attendees=1)
    with pytest.raises(IntegrityError), transaction.atomic():
        MomentFactory(session=session, place="", online_url="")
    moment = MomentFactory.build(session=session)
    with pytest.raises(IntegrityError), transaction.atomic():
        MomentFactory(session=session, ends_at=moment.starts_at)
