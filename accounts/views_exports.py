"""Background exports for the person who asked: start one, watch it, download the file.

Every URL here is the requester's alone: anyone else (also an administrator) gets a 404, so a
job number reveals nothing. The status page works without JavaScript (it refreshes itself while
the job runs); with JavaScript a small script polls the JSON status and fills in the progress
bar and the download link without reloading.
"""

from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_POST

from . import export_jobs
from .audit import log_action
from .exceptions import ExportInvalid, ExportUnknown
from .models import ExportJob
from .services import export_job_request


@login_required
@require_POST
def export_start(request):
    """Start (or join) an export: ``kind`` and the kind's own filters, as the form posted them."""
    name = request.POST.get("kind", "")
    kind = export_jobs.get(name)
    if kind is None or not kind.allowed(request.user):
        raise Http404
    try:
        params = kind.clean(request.POST)
        job = export_job_request(user=request.user, kind=name, params=params)
    except ExportUnknown:
        raise Http404 from None
    except ExportInvalid as error:
        return render(request, "accounts/export_invalid.html", {"error": error}, status=400)
    return redirect(job)


def _own_job(request, pk: int) -> ExportJob:
    return get_object_or_404(ExportJob, pk=pk, requester=request.user)


def _state(job: ExportJob) -> dict:
    return {
        "status": job.status,
        "status_label": str(job.get_status_display()),
        "progress": job.progress,
        "download_url": reverse("accounts:export_download", args=[job.pk])
        if job.status == ExportJob.Status.DONE
        else None,
    }


@login_required
@require_GET
def export_job(request, pk: int):
    job = _own_job(request, pk)
    kind = export_jobs.get(job.kind)
    back = None
    if kind is not None and kind.back_url is not None:
        back = kind.back_url(job.params)
    return render(
        request,
        "accounts/export_job.html",
        {
            "job": job,
            "kind_label": kind.label if kind else job.kind,
            "file_name": kind.file_name(job.params) if kind else "",
            "back_url": back,
            "state": _state(job),
        },
    )


@login_required
@require_GET
def export_job_status(request, pk: int):
    return JsonResponse(_state(_own_job(request, pk)))


@login_required
@require_GET
def export_download(request, pk: int):
    job = _own_job(request, pk)
    kind = export_jobs.get(job.kind)
    if job.status != ExportJob.Status.DONE or not job.file or kind is None:
        raise Http404
    try:
        handle = job.file.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    log_action(actor=request.user, verb="export_job.downloaded", target=job)
    response = FileResponse(
        handle, as_attachment=True, filename=kind.file_name(job.params), content_type=None
    )
    response["Content-Type"] = export_jobs.FORMATS[kind.format_of(job.params)]
    response["Cache-Control"] = "private, no-store"
    return response
