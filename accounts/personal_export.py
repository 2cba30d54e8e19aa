"""The "Mijn gegevens" download: one JSON file per kind of data in a ZIP, with a README.txt.

Built from :func:`accounts.privacy.collect`, so it holds exactly what the page shows. Written in
the person's language at the time they asked (keys are the readable field names).
"""

import io
import json
import zipfile
from datetime import date, datetime

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.template.loader import render_to_string
from django.utils import formats, timezone, translation
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from . import export_jobs
from .models import User
from .privacy import Section, kinds


def _json(section: Section) -> str:
    payload = {"kind": section.kind.key, "title": str(section.kind.label), "rows": section.rows}
    return json.dumps(payload, cls=DjangoJSONEncoder, ensure_ascii=False, indent=2)


def _readme(user, sections, now) -> str:
    return render_to_string(
        "accounts/my_data_readme.txt",
        {"sections": sections, "now": timezone.localtime(now), "person": user},
    )


def produce(*, user, params):
    """The background export's producer (kind ``accounts.my_data`` / ``accounts.person_data``):
    a ZIP entry per kind and the README, with progress after each kind."""
    person = user
    if params.get("person"):
        person = User.objects.get(pk=params["person"])
    with translation.override(params.get("language") or settings.LANGUAGE_CODE):
        all_kinds = kinds()
        sections = []
        for done, kind in enumerate(all_kinds, start=1):
            section = Section(kind=kind, rows=list(kind.export(person)))
            sections.append(section)
            yield export_jobs.ZipEntry(f"{kind.key}.json", _json(section))
            yield export_jobs.Progress(95 * done // len(all_kinds))
        yield export_jobs.ZipEntry("README.txt", _readme(person, sections, timezone.now()))


def build_zip(user, *, now=None) -> bytes:
    """The same ZIP in one go (the management shell, tests)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for item in produce(user=user, params={}):
            if isinstance(item, export_jobs.ZipEntry):
                archive.writestr(item.name, item.content)
    return buffer.getvalue()


def _clean_person(data) -> dict:
    from .exceptions import ExportInvalid
    from .validators import parse_int

    try:
        pk = parse_int(data.get("person"))
    except (ValueError, TypeError):
        raise ExportInvalid() from None
    if not User.objects.filter(pk=pk).exists():
        raise ExportInvalid()
    return {"person": pk, "language": translation.get_language() or settings.LANGUAGE_CODE}


def register_export_kinds():
    """Mijn gegevens (everyone, their own) and a person's data (national staff, on request)."""
    from django.urls import reverse

    from .roles import is_national_staff

    export_jobs.register(
        export_jobs.ExportKind(
            name="accounts.my_data",
            label=_("Mijn gegevens"),
            formats=("zip",),
            produce=produce,
            allowed=lambda user: bool(getattr(user, "is_authenticated", False)),
            clean=lambda data: {"language": translation.get_language() or settings.LANGUAGE_CODE},
            filename=lambda params: filename()[: -len(".zip")],
            back_url=lambda params: reverse("accounts:my_data"),
        )
    )
    export_jobs.register(
        export_jobs.ExportKind(
            name="accounts.person_data",
            label=_("Gegevens van een persoon"),
            formats=("zip",),
            produce=produce,
            allowed=is_national_staff,
            clean=_clean_person,
            filename=lambda params: f"gegevens-persoon-{params.get('person')}",
            back_url=lambda params: reverse("accounts:person_data", args=[params["person"]]),
        )
    )


def filename(now=None) -> str:
    return f"mijn-gegevens-{timezone.localtime(now or timezone.now()):%Y-%m-%d}.zip"


def display(value) -> str:
    """A value as a person reads it on the page (no "None"/"True")."""
    if value is None or value == "":
        return "—"
    if isinstance(value, bool):
        return gettext("ja") if value else gettext("nee")
    if isinstance(value, datetime):
        return formats.date_format(timezone.localtime(value), "DATETIME_FORMAT")
    if isinstance(value, date):
        return formats.date_format(value, "DATE_FORMAT")
    return str(value)


def readable(sections: list[Section]) -> list[dict]:
    """The sections for the template: label, help, and rows as (field, shown value) pairs."""
    return [
        {
            "key": section.kind.key,
            "label": section.kind.label,
            "help_text": section.kind.help_text,
            "count": section.count,
            "rows": [[(k, display(v)) for k, v in row.items()] for row in section.rows],
        }
        for section in sections
    ]
