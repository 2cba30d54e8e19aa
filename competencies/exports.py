"""National growth as a background export (CSV), the same figures as ``/competenties/groei/``.

Registered in ``CompetenciesConfig.ready``; the growth page's button posts to the one export view
in ``accounts``. The synchronous ``groei.csv`` stays for scripts: it is one row per competency.
"""

from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts import export_jobs
from accounts.permissions import can

from . import selectors
from .forms import GrowthFilterForm

KIND = "competencies.growth"
HEADER = [
    "competentie",
    "vergelijking",
    "n",
    "gemiddeld_voor",
    "gemiddeld_na",
    "gemiddelde_verandering",
    "aandeel_hoger",
    "aandeel_lager",
    "d_z",
]


def national_growth_rows(data: dict | None):
    """The framework and growth rows for the national page's filters (cleaned data or None)."""
    from courses.models import Session

    sessions = Session.objects.filter(status=Session.Status.COMPLETED)
    framework = selectors.default_framework()
    if data:
        if data.get("course"):
            sessions = sessions.filter(course=data["course"])
            framework = selectors.framework_for_course(data["course"])
        if data.get("region"):
            sessions = sessions.filter(region=data["region"])
        if data.get("date_from"):
            sessions = sessions.filter(completed_at__date__gte=data["date_from"])
        if data.get("date_to"):
            sessions = sessions.filter(completed_at__date__lte=data["date_to"])
    return framework, selectors.growth_for_sessions(sessions, framework)


def _fmt(value):
    return "" if value is None else f"{value:.3f}"


def growth_rows(framework, rows) -> list[list]:
    """The CSV rows: per competency, post - pre and follow-up - pre; the framework's credit."""
    out = [HEADER]
    for row in rows:
        name = row.competency.name if row.competency else _("Hele lijst")
        for label, growth in (("na-voor", row.post), ("later-voor", row.follow_up)):
            if not growth.shown:
                out.append([name, label, growth.n, "", "", "", "", "", ""])
                continue
            out.append(
                [
                    name,
                    label,
                    growth.n,
                    _fmt(growth.mean_pre),
                    _fmt(growth.mean_post),
                    _fmt(growth.mean_change),
                    _fmt(growth.share_improved),
                    _fmt(growth.share_declined),
                    _fmt(growth.d_z),
                ]
            )
    out.append([framework.credit if framework else ""])
    return out


def _produce(*, user, params):
    yield export_jobs.Progress(5)
    framework, rows = national_growth_rows(export_jobs.form_cleaned(GrowthFilterForm, params))
    yield export_jobs.Progress(80)
    yield from growth_rows(framework, rows)


def _back(params):
    query = {k: v for k, v in params.items() if k != "format"}
    return reverse("competencies:national_growth") + (f"?{urlencode(query)}" if query else "")


def register():
    export_jobs.register(
        export_jobs.ExportKind(
            name=KIND,
            label=gettext_lazy("Groei in het hele land"),
            formats=("csv",),
            produce=_produce,
            allowed=lambda user: can(user, "competencies.view_national_growth"),
            clean=lambda data: export_jobs.form_params(GrowthFilterForm, data, formats=("csv",)),
            filename="groei",
            back_url=_back,
        )
    )
