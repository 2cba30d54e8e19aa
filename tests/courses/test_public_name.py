"""A trainer's e-mail address is never shown to the public, even when their name is empty."""

import pytest
from django.urls import reverse

from cms.selectors import session_card
from tests.courses.factories import AssignmentFactory, SessionFactory, TrainerFactory

pytestmark = pytest.mark.django_db

SECRET = "geheim.adres@example.org"


@pytest.fixture
def session():
    session = SessionFactory()
    trainer = TrainerFactory(email=SECRET, display_name="")
    AssignmentFactory(session=session, trainer=trainer)
    AssignmentFactory(
        session=session, trainer=TrainerFactory(display_name="Karim El Amrani"), role="co_trainer"
    )
    return session


def test_session_page_names_the_trainer_without_the_email(client, session):
    html = client.get(session.get_absolute_url()).content.decode()
    assert SECRET not in html
    assert "geheim" not in html
    assert "Trainer, Karim" in html or "Karim, Trainer" in html


def test_api_names_the_trainer_without_the_email(client, session):
    body = client.get(reverse("api:session_detail", args=[session.pk])).json()
    names = sorted(t["name"] for t in body["trainers"])
    assert names == ["Karim", "Trainer"]
    assert SECRET not in str(body)


def test_catalogue_card_names_the_trainer_without_the_email(session):
    from courses.selectors import published_sessions

    card = session_card(published_sessions().get(pk=session.pk))
    assert sorted(card["trainer_names"]) == ["Karim", "Trainer"]


def test_public_name_is_the_first_name():
    trainer = TrainerFactory(display_name="  Ineke   Bos ")
    assert trainer.get_public_name() == "Ineke"
