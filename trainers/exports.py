"""The trainer pool as a background export (CSV or XLSX): the dashboard's figures, every trainer.

Registered in ``TrainersConfig.ready``; the dashboard's buttons post to the one export view in
``accounts``, which starts (or joins) the job and shows its progress.
"""

from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _

from accounts import export_jobs
from accounts.permissions import can

from .forms import PoolFilterForm
from .pool import STATUSES, PoolFilter, pool_dashboard

KIND = "trainers.pool"
FORMATS = ("csv", "xlsx")


def pool_rows(data) -> list[list]:
    """The export's rows: per region and status, the programme funnel, every trainer."""
    rows = [["regio", *STATUSES, "totaal"]]
    rows += [[r.name, *(c[s] for s in STATUSES), t] for r, c, t in data.regions]
    rows += [[], ["stap", "aantal", "mediaan_dagen"]]
    rows += [[k, n, "" if d is None else d] for k, n, d in data.funnel]
    rows += [[], ["trainer", "status", "sessies", "stil_geworden"]]
    rows += [
        [p.name, p.status, p.given, "ja" if p.quiet else "nee"] for p in data.sessions_per_trainer
    ]
    return rows


def _produce(*, user, params):
    filters = PoolFilter(**export_jobs.form_cleaned(PoolFilterForm, params))
    yield export_jobs.Progress(10)
    rows = pool_rows(pool_dashboard(filters))
    yield export_jobs.Progress(60)
    yield export_jobs.Sheet(str(_("Trainerspool")))
    step = max(1, len(rows) // 20)
    for number, row in enumerate(rows, start=1):
        yield row
        if number % step == 0:
            yield export_jobs.Progress(60 + 39 * number // len(rows))


def _back(params):
    query = {k: v for k, v in params.items() if k != "format"}
    return reverse("trainers:dashboard") + (f"?{urlencode(query)}" if query else "")


def register():
    export_jobs.register(
        export_jobs.ExportKind(
            name=KIND,
            label=_("Trainerspool"),
            formats=FORMATS,
            produce=_produce,
            allowed=lambda user: can(user, "trainers.manage_pool"),
            clean=lambda data: export_jobs.form_params(PoolFilterForm, data, formats=FORMATS),
            filename="trainerspool",
            back_url=_back,
        )
    )
