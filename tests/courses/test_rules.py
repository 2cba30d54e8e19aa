"""The permission rules of courses (views and the API ask these)."""

import pytest
from django.http import Http404

from accounts.permissions import can, get_for_user_or_404, scope
from courses.models import Enrolment, Session
from tests.courses.factories import AssignmentFactory, EnrolmentFactory, SessionFactory

pytestmark = pytest.mark.django_db


def test_trainer_reaches_only_own_sessions(trainer, national_staff, participant):
    mine = AssignmentFactory(trainer=trainer).session
    other = AssignmentFactory().session
    assert list(scope(trainer, "courses.portal_session", Session.objects.all())) == [mine]
    assert can(trainer, "courses.portal_session", mine)
    assert not can(trainer, "courses.portal_session", other)
    with pytest.raises(Http404):
        get_for_user_or_404(trainer, "courses.portal_session", Session.objects.all(), pk=other.pk)
    # The portal is the trainer's own workplace; staff manage sessions in the CMS admin.
    assert not scope(national_staff, "courses.portal_session", Session.objects.all()).exists()
    assert not scope(participant, "courses.portal_session", Session.objects.all()).exists()


def test_participant_reaches_only_own_enrolments(participant, national_staff):
    mine = EnrolmentFactory(user=participant)
    other = EnrolmentFactory()
    assert list(scope(participant, "courses.own_enrolment", Enrolment.objects.all())) == [mine]
    assert list(scope(participant, "courses.manage_enrolment", Enrolment.objects.all())) == [mine]
    with pytest.raises(Http404):
        get_for_user_or_404(
            participant, "courses.manage_enrolment", Enrolment.objects.all(), pk=other.pk
        )
    assert scope(national_staff, "courses.manage_enrolment", Enrolment.objects.all()).count() == 2


def test_drafts_are_hidden_from_the_public(client, trainer):
    draft = SessionFactory(status="draft")
    published = SessionFactory()
    from django.contrib.auth.models import AnonymousUser

    visible = scope(AnonymousUser(), "courses.view_session.public", Session.objects.all())
    assert list(visible) == [published]
    AssignmentFactory(session=draft, trainer=trainer)
    assert draft in scope(trainer, "courses.view_session.public", Session.objects.all())
    assert client.get(draft.get_absolute_url()).status_code == 404
