"""Run a background export the way a browser does: start it, let the task run, download."""

from accounts.models import ExportJob


def run_export(client, capture, url, data, *, method="get") -> tuple[ExportJob, bytes]:
    """``capture`` is pytest-django's ``django_capture_on_commit_callbacks`` (the task is
    enqueued on commit; Celery runs eagerly in tests)."""
    with capture(execute=True):
        response = getattr(client, method)(url, data)
    assert response.status_code == 302, response.status_code
    location = response["Location"]
    assert location.startswith("/mijn/exports/"), location
    job = ExportJob.objects.get(pk=int(location.rstrip("/").split("/")[-1]))
    assert job.status == ExportJob.Status.DONE, job.error
    download = client.get(f"/mijn/exports/{job.pk}/download/")
    assert download.status_code == 200
    return job, b"".join(download.streaming_content)
