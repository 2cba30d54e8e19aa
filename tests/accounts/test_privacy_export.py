"""Mijn gegevens: the page and the ZIP hold the person's enrolments and answers, and nothing of
anyone else (not the other participants, not the address of the person they asked)."""

import io
import json
import zipfile

import pytest
from django.urls import resolve, reverse

from accounts.models import ExportJob
from tests.querycount import assert_constant_queries

from .privacy_world import build_world

pytestmark = pytest.mark.django_db


@pytest.fixture
def download(client, django_capture_on_commit_callbacks):
    """Ask for the ZIP (a background job), follow its page, download the file."""

    def run(url=None):
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(url or reverse("accounts:my_data_download"))
        assert response.status_code == 302
        job = ExportJob.objects.get(pk=resolve(response["Location"]).kwargs["pk"])
        assert job.status == ExportJob.Status.DONE
        assert job.progress == 100
        page = client.get(response["Location"]).content.decode()
        link = reverse("accounts:export_download", args=[job.pk])
        assert link in page
        response = client.get(link)
        assert response.status_code == 200
        assert response["Content-Type"] == "application/zip"
        assert "attachment" in response["Content-Disposition"]
        archive = zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content)))
        return {name: archive.read(name).decode() for name in archive.namelist()}

    return run


def test_zip_has_my_enrolments_and_answers_and_nothing_of_anyone_else(client, download):
    world = build_world()
    client.force_login(world.me)
    files = download()
    assert "README.txt" in files
    enrolments = json.loads(files["courses.enrolments.json"])
    assert len(enrolments["rows"]) == 1
    assert world.session.course.title in enrolments["rows"][0]["Cursus"]
    assert enrolments["rows"][0]["Naam begeleider"] == "Bea Begeleider"
    answers = json.loads(files["competencies.answers.json"])["rows"]
    assert len(answers) == 2 * 48  # pre and post, 12 competencies x 4 statements
    assert {row["Moment"] for row in answers} == {"Voor de cursus", "Na de cursus"}
    assessments = json.loads(files["competencies.assessments.json"])["rows"]
    assert [row["Gedeeld met je trainer"] for row in assessments] == [True, True]
    account = json.loads(files["accounts.account.json"])["rows"][0]
    assert account["E-mailadres"] == world.me.email
    everything = "\n".join(files.values())
    for foreign in (
        world.other.display_name,
        world.other.email,
        world.peer_email,
        "Vera Vriendin",
        *(e.user.email for e in world.enrolments[1:]),
    ):
        assert foreign not in everything, foreign
    assert json.loads(files["competencies.peer.json"])["rows"]  # the invitation, without them


def test_page_lists_every_kind_in_plain_words(client):
    world = build_world()
    client.force_login(world.me)
    response = client.get(reverse("accounts:my_data"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Je inschrijvingen" in html
    assert world.session.course.title in html
    assert "Je antwoorden" in html
    assert "Bea Begeleider" in html
    assert world.other.display_name not in html
    assert world.peer_email not in html
    assert "None" not in html
    assert "True" not in html


def test_page_query_count_does_not_grow_with_the_data(client, participant):
    from tests.competencies.factories import course_list, course_session

    client.force_login(participant)

    def grow(n):
        for _ in range(n):
            session, _ = course_session(participants=0)
            enrolment = session.enrolments.create(user=participant, status="confirmed")
            course_list(enrolment, "pre", seed=n)

    client.get(reverse("accounts:my_data"))  # the visit's one privacy-notice check
    assert_constant_queries(
        grow=grow, action=lambda: client.get(reverse("accounts:my_data")), sizes=(1, 3)
    )


def test_staff_download_of_a_person_is_theirs_and_is_logged(client, national_staff, download):
    from accounts.models import AuditEntry

    world = build_world()
    client.force_login(national_staff)
    files = download(reverse("accounts:person_data_download", args=[world.me.pk]))
    assert world.session.course.title in files["courses.enrolments.json"]
    assert world.other.display_name not in "".join(files.values())
    assert AuditEntry.objects.filter(
        verb="accounts.personal_export_downloaded", actor=national_staff, target_id=str(world.me.pk)
    ).exists()
