"""The "Mijn gegevens" download: one JSON file per kind of data in a ZIP, with a README.txt.

Built from :func:`accounts.privacy.collect`, so it holds exactly what the page shows. Written in
the person's language at the time they asked (keys are the readable field names).
"""

import io
import json
import zipfile
from datetime import date, datetime

from django.core.serializers.json import DjangoJSONEncoder
from django.template.loader import render_to_string
from django.utils import formats, timezone
from django.utils.translation import gettext

from .privacy import Section, collect


def build_zip(user, *, progress=None, now=None) -> bytes:
    """The ZIP's bytes. ``progress(done, total)`` is called after each kind (for a job page)."""
    now = now or timezone.now()
    sections = collect(user, progress=progress)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for section in sections:
            payload = {
                "kind": section.kind.key,
                "title": str(section.kind.label),
                "rows": section.rows,
            }
            archive.writestr(
                f"{section.kind.key}.json",
                json.dumps(payload, cls=DjangoJSONEncoder, ensure_ascii=False, indent=2),
            )
        archive.writestr(
            "README.txt",
            render_to_string(
                "accounts/my_data_readme.txt",
                {"sections": sections, "now": timezone.localtime(now), "person": user},
            ),
        )
    return buffer.getvalue()


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
            "rows": [[(k, display(v)) for k, v in row.items()] for row in section.rows],
        }
        for section in sections
    ]
