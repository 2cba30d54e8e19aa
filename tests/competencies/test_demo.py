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
    post = participant.self_assessments.get(moment="post", enrolment__session=session)
    page = client.get(reverse("competencies:results", args=[post.pk])).content.decode()
    assert 'class="series pre"' in page
    assert 'class="series post"' in page


def test_every_completed_demo_session_shows_its_group_and_adds_up_to_the_national_n(client):
    """The trainer's page of each completed demo session counts the people who filled in both
    lists; the national page counts the same people (no session is left at n = 0)."""
    import re

    from competencies import selectors

    call_command("load_demo")
    trainer = User.objects.get(email="trainer@leerkring.nl")
    from competencies.models import CourseFramework

    measured = CourseFramework.objects.values_list("course_id", flat=True)
    completed = Session.objects.filter(status="completed", course_id__in=measured)
    assert completed.count() >= 3
    framework = selectors.default_framework()
    client.force_login(trainer)
    total = 0
    for session in completed:
        client.force_login(session.assignments.get(role="lead").trainer)
        page = client.get(reverse("competencies:session_growth", args=[session.pk]))
        html = page.content.decode()
        n = selectors.growth_for_sessions(Session.objects.filter(pk=session.pk), framework)[0]
        assert n.post.n >= 5, session
        first_row = html.split("Hele lijst")[1].split("</tr>")[0]
        assert f'data-label="n">{n.post.n}<' in first_row
        assert "te weinig deelnemers" not in first_row
        attended = session.enrolments.filter(status="attended").count()
        assert re.search(rf"{attended} deelnemers? deden? mee aan de cursus", html)
        assert f"{n.post.n} van hen vulden de lijst in" in html
        total += n.post.n
    national = selectors.growth_for_sessions(completed, framework)[0].post.n
    assert national == total


def test_trainer_session_page_links_to_the_group_growth(client):
    call_command("load_demo")
    trainer = User.objects.get(email="trainer@leerkring.nl")
    client.force_login(trainer)
    growth = reverse("competencies:session_growth", args=[0]).replace("/0/", "/{}/")
    for session in Session.objects.filter(assignments__trainer=trainer).distinct():
        page = client.get(reverse("courses:portal_session", args=[session.pk])).content.decode()
        linked = growth.format(session.pk) in page
        assert linked == (session.status == "completed"), session
