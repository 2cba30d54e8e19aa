"""All enrolments as a background export (CSV or XLSX), with the Wagtail listing's filters.

The listing's own export buttons (``?export=csv``) start this job instead of writing the file
inside the request: a national list can hold a hundred thousand rows. Registered in
``CoursesConfig.ready``.
"""

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts import export_jobs
from accounts.exceptions import ExportInvalid
from accounts.roles import is_national_staff

from .models import Enrolment

KIND = "courses.enrolments"
FORMATS = ("csv", "xlsx")
#: The listing's filters, as the query string names them; each may be given more than once.
FILTERS = {
    "status": "status__in",
    "session": "session_id__in",
    "session__course": "session__course_id__in",
    "session__region": "session__region_id__in",
}
HEADER = [
    _("Sessie"),
    _("Naam"),
    _("E-mailadres"),
    _("Telefoon"),
    _("Organisatie"),
    _("Status"),
    _("Begeleider"),
    _("Wat nodig om mee te doen"),
    _("Eten en drinken"),
    _("Ingeschreven op"),
    _("Afgemeld op"),
]
CHUNK = 2000


def clean(data) -> dict:
    """The filters from a query string or form: known names only, ids as numbers."""
    params = {}
    for name in FILTERS:
        values = [v for v in data.getlist(name) if v != ""] if hasattr(data, "getlist") else []
        if not values:
            continue
        if name == "status":
            if not set(values) <= set(Enrolment.Status.values):
                raise ExportInvalid()
            params[name] = sorted(set(values))
        else:
            if not all(v.isdigit() for v in values):
                raise ExportInvalid()
            params[name] = sorted({int(v) for v in values})
    query = (data.get("q") or "").strip()[:200]
    if query:
        params["q"] = query
    params["format"] = export_jobs.clean_format(FORMATS, data)
    return params


def enrolments(params: dict):
    from django.db.models import Q

    qs = Enrolment.objects.all()
    for name, lookup in FILTERS.items():
        if params.get(name):
            qs = qs.filter(**{lookup: params[name]})
    if params.get("q"):
        q = params["q"]
        qs = qs.filter(
            Q(user__display_name__icontains=q)
            | Q(user__email__icontains=q)
            | Q(support_person_name__icontains=q)
        )
    return qs


def _local(moment):
    return timezone.localtime(moment).strftime("%Y-%m-%d %H:%M") if moment else ""


def _produce(*, user, params):
    qs = enrolments(params)
    total = qs.count() or 1
    yield export_jobs.Sheet(str(_("Inschrijvingen")))
    yield [str(heading) for heading in HEADER]
    rows = qs.select_related("user", "session__course", "session__region").order_by(
        "session_id", "queued_at", "pk"
    )
    for number, enrolment in enumerate(rows.iterator(chunk_size=CHUNK), start=1):
        person = enrolment.user
        yield [
            str(enrolment.session),
            person.display_name,
            person.email or "",
            person.phone,
            person.organisation,
            enrolment.get_status_display(),
            enrolment.support_person_name,
            enrolment.access_needs,
            enrolment.dietary_needs,
            _local(enrolment.created_at),
            _local(enrolment.cancelled_at),
        ]
        if number % CHUNK == 0:
            yield export_jobs.Progress(99 * number // total)


def register():
    export_jobs.register(
        export_jobs.ExportKind(
            name=KIND,
            label=_("Inschrijvingen"),
            formats=FORMATS,
            produce=_produce,
            allowed=is_national_staff,
            clean=clean,
            filename="inschrijvingen",
            back_url=lambda params: reverse("courses_enrolment:index"),
        )
    )
