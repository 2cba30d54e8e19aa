import pytest
from django.core.management import call_command
from django.urls import reverse

from accounts.models import User
from courses.models import Session

pytestmark = pytest.mark.django_db


def test_demo_has_a_finished_session_with_group_figures(client):
    call_command("load_demo")
    call_command("load_demo")  # idempotent
    session = Session.objects.get(notes="demo:competencies")
    trainer = User.objects.get(email="trainer@leerkring.nl")
    client.force_login(trainer)
    page = client.get(reverse("competencies:session_growth", args=[session.pk])).content.decode()
    assert "<svg" in page
    assert 'class="series post"' in page
    assert "Sanne de Vries" in page  # she shares her results
    participant = User.objects.get(email="deelnemer@leerkring.nl")
    client.force_login(participant)
    post = participant.self_assessments.get(moment="post")
    page = client.get(reverse("competencies:results", args=[post.pk])).content.decode()
    assert 'class="series pre"' in page
    assert 'class="series post"' in page
