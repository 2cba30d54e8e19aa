"""Background exports: one job per request (joined while it runs), run once, swept, expired,
and visible to the requester only."""

from datetime import timedelta

import pytest
from django.utils import timezone

from accounts import export_jobs
from accounts.exceptions import ExportInvalid, ExportUnknown
from accounts.models import ExportJob
from accounts.services import (
    export_job_request,
    export_job_run,
    export_jobs_expire,
    export_jobs_sweep,
)
from tests.accounts.factories import UserFactory

RUNS = []


def _produce(*, user, params):
    RUNS.append(params)
    count = params.get("rows", 3)
    yield ["naam", "getal"]
    for number in range(count):
        yield [f"=rij {number}", number]
        yield export_jobs.Progress(int((number + 1) * 100 / count))


def _clean(data):
    raw = data.get("rows", "3")
    if not str(raw).isdigit():
        raise ExportInvalid()
    return {"rows": int(raw)}


def _broken(*, user, params):
    yield ["kop"]
    raise RuntimeError("kapot")


@pytest.fixture(autouse=True)
def kinds(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    RUNS.clear()
    for fmt in ("csv", "xlsx"):
        export_jobs.register(
            export_jobs.ExportKind(
                name=f"test.rows_{fmt}",
                label="Rijen",
                formats=(fmt,),
                produce=_produce,
                allowed=lambda user: user.email.startswith("staf"),
                clean=_clean,
                filename="rijen",
            )
        )
    export_jobs.register(
        export_jobs.ExportKind(
            name="test.zip",
            label="Map",
            formats=("zip",),
            produce=lambda *, user, params: iter([export_jobs.ZipEntry("a.txt", "hallo")]),
            allowed=lambda user: True,
        )
    )
    export_jobs.register(
        export_jobs.ExportKind(
            name="test.broken",
            label="Kapot",
            formats=("csv",),
            produce=_broken,
            allowed=lambda u: True,
        )
    )
    yield
    for name in ("test.rows_csv", "test.rows_xlsx", "test.zip", "test.broken"):
        export_jobs._kinds.pop(name, None)


@pytest.fixture
def staff(db):
    return UserFactory(email="staf-export@example.org", role="national_staff")


def test_a_request_runs_after_commit_and_writes_a_safe_csv(
    staff, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        job = export_job_request(user=staff, kind="test.rows_csv", params={"rows": 4})
    job.refresh_from_db()
    assert job.status == ExportJob.Status.DONE
    assert job.progress == 100
    assert job.finished_at is not None
    assert job.expires_at == job.finished_at + timedelta(days=1)
    text = job.file.read().decode("utf-8")
    assert text.startswith("\ufeffnaam;getal")
    assert "'=rij 0;0" in text  # a formula-looking text is defused
    assert text.count("\n") == 5


def test_a_second_request_while_queued_joins_the_first(staff, django_capture_on_commit_callbacks):
    first = export_job_request(user=staff, kind="test.rows_csv", params={"rows": 2})
    again = export_job_request(user=staff, kind="test.rows_csv", params={"rows": 2})
    other = export_job_request(user=staff, kind="test.rows_csv", params={"rows": 3})
    assert again.pk == first.pk
    assert other.pk != first.pk
    assert ExportJob.objects.count() == 2


def test_a_done_job_is_not_rerun_and_a_new_request_makes_a_new_one(
    staff, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        job = export_job_request(user=staff, kind="test.rows_csv", params={"rows": 1})
    assert export_job_run(job_id=job.pk) is False
    assert len(RUNS) == 1
    with django_capture_on_commit_callbacks(execute=True):
        fresh = export_job_request(user=staff, kind="test.rows_csv", params={"rows": 1})
    assert fresh.pk != job.pk


def test_xlsx_and_zip(staff, django_capture_on_commit_callbacks):
    import io
    import zipfile

    from openpyxl import load_workbook

    user = UserFactory()
    with django_capture_on_commit_callbacks(execute=True):
        sheet_job = export_job_request(user=staff, kind="test.rows_xlsx", params={"rows": 2})
        zip_job = export_job_request(user=user, kind="test.zip")
    sheet_job.refresh_from_db()
    book = load_workbook(io.BytesIO(sheet_job.file.read()))
    assert [list(r) for r in book.active.iter_rows(values_only=True)][:2] == [
        ["naam", "getal"],
        ["'=rij 0", 0],
    ]
    zip_job.refresh_from_db()
    assert zipfile.ZipFile(io.BytesIO(zip_job.file.read())).read("a.txt") == b"hallo"


def test_a_failing_producer_marks_the_job_failed(staff, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        job = export_job_request(user=staff, kind="test.broken")
    job.refresh_from_db()
    assert job.status == ExportJob.Status.FAILED
    assert "kapot" in job.error


def test_unknown_or_forbidden_kinds_are_refused(db):
    participant = UserFactory(email="deelnemer@example.org")
    with pytest.raises(ExportUnknown):
        export_job_request(user=participant, kind="test.rows_csv")
    with pytest.raises(ExportUnknown):
        export_job_request(user=participant, kind="bestaat.niet")
    assert not ExportJob.objects.exists()


def test_broker_down_leaves_the_job_queued_and_the_sweep_runs_it(
    staff, django_capture_on_commit_callbacks, monkeypatch
):
    from accounts import tasks

    def down(*args, **kwargs):
        raise ConnectionError("redis weg")

    monkeypatch.setattr(tasks.export_job_run, "apply_async", down)
    with django_capture_on_commit_callbacks(execute=True):
        job = export_job_request(user=staff, kind="test.rows_csv")
    job.refresh_from_db()
    assert job.status == ExportJob.Status.QUEUED
    assert export_jobs_sweep() == 0  # too fresh: the task may still come
    ExportJob.objects.filter(pk=job.pk).update(created_at=timezone.now() - timedelta(minutes=1))
    assert export_jobs_sweep() == 1
    job.refresh_from_db()
    assert job.status == ExportJob.Status.DONE


def test_the_sweep_requeues_a_job_whose_worker_died(staff):
    job = export_job_request(user=staff, kind="test.rows_csv")
    old = timezone.now() - timedelta(hours=1)
    ExportJob.objects.filter(pk=job.pk).update(
        status=ExportJob.Status.RUNNING, heartbeat_at=old, created_at=old, progress=40
    )
    assert export_jobs_sweep() == 1
    job.refresh_from_db()
    assert job.status == ExportJob.Status.DONE


def test_expired_files_and_rows_are_removed(staff, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        job = export_job_request(user=staff, kind="test.rows_csv")
    job.refresh_from_db()
    path = job.file.path
    assert export_jobs_expire() == 0
    ExportJob.objects.filter(pk=job.pk).update(expires_at=timezone.now() - timedelta(seconds=1))
    assert export_jobs_expire() == 1
    assert not ExportJob.objects.exists()
    import os

    assert not os.path.exists(path)


# --- Views -----------------------------------------------------------------------------------


def test_start_watch_and_download_as_the_requester(
    client, staff, django_capture_on_commit_callbacks
):
    client.force_login(staff)
    with django_capture_on_commit_callbacks(execute=False):
        response = client.post("/mijn/exports/", {"kind": "test.rows_csv", "rows": "2"})
    job = ExportJob.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/mijn/exports/{job.pk}/"
    page = client.get(f"/mijn/exports/{job.pk}/").content.decode()
    assert 'http-equiv="refresh"' in page  # without JavaScript the page refreshes itself
    assert "<progress" in page
    assert client.get(f"/mijn/exports/{job.pk}/status/").json() == {
        "status": "queued",
        "status_label": "In de wachtrij",
        "progress": 0,
        "download_url": None,
    }
    assert client.get(f"/mijn/exports/{job.pk}/download/").status_code == 404
    export_job_run(job_id=job.pk)
    state = client.get(f"/mijn/exports/{job.pk}/status/").json()
    assert state["status"] == "done"
    assert state["download_url"] == f"/mijn/exports/{job.pk}/download/"
    page = client.get(f"/mijn/exports/{job.pk}/").content.decode()
    assert 'http-equiv="refresh"' not in page
    download = client.get(f"/mijn/exports/{job.pk}/download/")
    assert download.status_code == 200
    assert download["Content-Type"] == "text/csv; charset=utf-8"
    assert 'filename="rijen.csv"' in download["Content-Disposition"]
    assert b"".join(download.streaming_content).decode().count("\n") == 3


def test_someone_else_gets_404_everywhere(client, staff, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        job = export_job_request(user=staff, kind="test.rows_csv")
    client.force_login(UserFactory(is_superuser=True, is_staff=True))
    for suffix in ("", "status/", "download/"):
        assert client.get(f"/mijn/exports/{job.pk}/{suffix}").status_code == 404


def test_bad_filters_get_a_message_and_a_400(client, staff):
    client.force_login(staff)
    response = client.post("/mijn/exports/", {"kind": "test.rows_csv", "rows": "veel"})
    assert response.status_code == 400
    assert "kan met deze keuzes niet" in response.content.decode()
    assert client.post("/mijn/exports/", {"kind": "onbekend"}).status_code == 404
    assert client.get("/mijn/exports/").status_code == 405
    assert not ExportJob.objects.exists()
