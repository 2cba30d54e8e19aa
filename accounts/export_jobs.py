"""The registry of background export kinds, and the writers that turn a producer into a file.

``accounts`` sits low in the app graph, so it knows no export itself: each app registers its
kinds in its ``AppConfig.ready`` with :func:`register`. A kind says who may ask for it
(``allowed``), how request data becomes JSON-safe filters (``clean``; a bad value raises a
``DomainError``), what the file is called and in which format, and gives a *producer*: a
generator ``produce(*, user, params)`` that yields what goes into the file, interleaved with
:class:`Progress` markers:

- ``csv`` and ``xlsx`` (a kind may offer both; ``params["format"]`` chooses): rows (lists
  of values), and :class:`Sheet` to start a named sheet
  (``xlsx``; a CSV ignores it). Every value passes through :func:`accounts.exports.cell`.
- ``zip``: :class:`ZipEntry` (a name and bytes or text).

The task (:func:`accounts.services.export_job_run`) writes to a temporary file as it goes, so a
hundred thousand rows never sit in memory as one string.
"""

from __future__ import annotations

import csv
import io
import tempfile
import zipfile
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field

from .exports import cell

FORMATS = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "zip": "application/zip",
}


@dataclass(frozen=True)
class Progress:
    """How far the producer is, 0-100."""

    percent: int


@dataclass(frozen=True)
class Sheet:
    """Start a new worksheet (XLSX) named ``title``."""

    title: str


@dataclass(frozen=True)
class ZipEntry:
    name: str
    content: bytes | str


def _allow_nobody(user) -> bool:
    return False


def _no_params(data) -> dict:
    return {}


@dataclass(frozen=True)
class ExportKind:
    name: str
    label: str
    #: The formats it can write; ``params["format"]`` picks one, else the first.
    formats: tuple[str, ...]
    produce: Callable[..., Iterable]
    allowed: Callable[[object], bool] = _allow_nobody
    clean: Callable[[object], dict] = _no_params
    filename: Callable[[dict], str] | str = "export"
    #: Where the status page offers to go back to (a URL name or path), for the person.
    back_url: Callable[[dict], str] | None = field(default=None)

    def format_of(self, params: dict) -> str:
        chosen = params.get("format")
        return chosen if chosen in self.formats else self.formats[0]

    def file_name(self, params: dict) -> str:
        base = self.filename(params) if callable(self.filename) else self.filename
        return f"{base}.{self.format_of(params)}"


def clean_format(kind_formats: tuple[str, ...], data) -> str:
    """The ``format`` a form posted, when the kind writes it (else a clear refusal)."""
    from .exceptions import ExportInvalid

    chosen = data.get("format") or kind_formats[0]
    if chosen not in kind_formats:
        raise ExportInvalid()
    return chosen


_kinds: dict[str, ExportKind] = {}


def register(kind: ExportKind) -> None:
    unknown = set(kind.formats) - set(FORMATS)
    if not kind.formats or unknown:
        raise ValueError(f"Unknown export formats {sorted(unknown)!r}")
    _kinds[kind.name] = kind


def get(name: str) -> ExportKind | None:
    return _kinds.get(name)


def registered() -> dict[str, ExportKind]:
    return dict(_kinds)


# --- Writers ----------------------------------------------------------------------------------


def _split(items: Iterable, on_progress: Callable[[int], None]) -> Iterator:
    """The producer's content, with the progress markers handed to ``on_progress``."""
    for item in items:
        if isinstance(item, Progress):
            on_progress(max(0, min(100, int(item.percent))))
        else:
            yield item


def write(fmt: str, kind: ExportKind, items: Iterable, on_progress: Callable[[int], None]):
    """Write the producer's items in format ``fmt`` into a temporary file (returned open)."""
    out = tempfile.SpooledTemporaryFile(max_size=4 * 1024 * 1024)  # noqa: SIM115 (returned)
    content = _split(items, on_progress)
    if fmt == "csv":
        text = io.TextIOWrapper(out, encoding="utf-8", newline="")
        text.write("\ufeff")  # Excel reads UTF-8 accents correctly with the mark
        writer = csv.writer(text, delimiter=";")
        for item in content:
            if not isinstance(item, Sheet):
                writer.writerow([cell(value) for value in item])
        text.flush()
        text.detach()
    elif fmt == "xlsx":
        from openpyxl import Workbook

        book = Workbook(write_only=True)
        sheet = None
        for item in content:
            if isinstance(item, Sheet):
                sheet = book.create_sheet(item.title[:31])
                continue
            if sheet is None:
                sheet = book.create_sheet(str(kind.label)[:31])
            sheet.append([cell(value) for value in item])
        if sheet is None:
            book.create_sheet(str(kind.label)[:31])
        book.save(out)
    else:
        with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as archive:
            for item in content:
                data = item.content.encode() if isinstance(item.content, str) else item.content
                archive.writestr(item.name, data)
    out.seek(0)
    return out


def form_params(form_class, data, *, formats: tuple[str, ...] | None = None) -> dict:
    """A kind's ``clean`` from a filter form: the raw values of its fields, once they validate.

    Raw strings (a region's id, an ISO date) are JSON-safe and hash the same for the same
    filters; the producer builds the same form from them again and reads its cleaned data. A
    value that does not validate is an :class:`~accounts.exceptions.ExportInvalid`.
    """
    from .exceptions import ExportInvalid

    form = form_class(data)
    if not form.is_valid():
        raise ExportInvalid()
    params = {name: str(data.get(name) or "") for name in form.fields}
    params = {name: value for name, value in params.items() if value}
    if formats:
        params["format"] = clean_format(formats, data)
    return params


def form_cleaned(form_class, params: dict) -> dict:
    """The cleaned data of ``form_class`` for stored params (see :func:`form_params`)."""
    form = form_class(params)
    if not form.is_valid():  # a region deleted since the request: then without that filter
        return {name: form.cleaned_data.get(name) for name in form.fields}
    return form.cleaned_data
