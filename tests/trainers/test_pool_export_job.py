"""The pool export runs as a background job started from the dashboard's buttons."""

import io

import pytest
from openpyxl import load_workbook

from accounts.models import ExportJob
from tests.accounts.factories import UserFactory
from tests.courses.factories import region
from tests.trainers.factories import ProfileFactory


@pytest.fixture
def staff(client, db, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    user = UserFactory(role="national_staff", with_mfa=True)
    client.force_login(user)
    return user


def _start(client, captured, **data):
    with captured(execute=True):
        response = client.post("/mijn/exports/", {"kind": "trainers.pool", **data})
    assert response.status_code == 302
    return ExportJob.objects.get(pk=response["Location"].split("/")[-2])


def test_the_dashboard_offers_the_export_with_its_filters(client, staff):
    walcheren = region("walcheren")
    page = client.get(f"/trainers/beheer/?region={walcheren.pk}").content.decode()
    assert 'name="kind" value="trainers.pool"' in page
    assert f'name="region" value="{walcheren.pk}"' in page


def test_csv_and_xlsx_jobs_hold_every_trainer_filtered_and_safe(
    client, staff, django_capture_on_commit_callbacks
):
    walcheren = region("walcheren")
    ProfileFactory(
        user=UserFactory(role="trainer", display_name="=HYPERLINK(1)"),
        status="active",
        regions=[walcheren],
    )
    ProfileFactory(
        user=UserFactory(role="trainer", display_name="Elders"),
        status="active",
        regions=[region("amsterdam")],
    )
    job = _start(client, django_capture_on_commit_callbacks, format="csv", region=str(walcheren.pk))
    assert job.status == "done"
    body = b"".join(client.get(f"/mijn/exports/{job.pk}/download/").streaming_content).decode()
    assert "'=HYPERLINK(1)" in body
    assert "Elders" not in body
    job = _start(client, django_capture_on_commit_callbacks, format="xlsx")
    download = client.get(f"/mijn/exports/{job.pk}/download/")
    sheet = load_workbook(io.BytesIO(b"".join(download.streaming_content))).active
    names = [row[0] for row in sheet.iter_rows(values_only=True)]
    assert "'=HYPERLINK(1)" in names
    assert "Elders" in names


def test_bad_filters_and_formats_are_refused(client, staff):
    assert (
        client.post("/mijn/exports/", {"kind": "trainers.pool", "format": "pdf"}).status_code == 400
    )
    response = client.post("/mijn/exports/", {"kind": "trainers.pool", "region": "x"})
    assert response.status_code == 400
    assert not ExportJob.objects.exists()


def test_a_trainer_cannot_start_it(client, db):
    client.force_login(UserFactory(role="trainer"))
    assert client.post("/mijn/exports/", {"kind": "trainers.pool"}).status_code == 404
