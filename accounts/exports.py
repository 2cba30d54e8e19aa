"""The one way Leerkring writes spreadsheets (CSV and XLSX): every export goes through here.

What people typed ends up in cells that staff open in Excel or LibreOffice. A text that starts
with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return is read there as a formula (CSV
injection), so it gets a leading apostrophe. Control characters that XML 1.0 does not allow make
openpyxl refuse the whole workbook, so one odd name would break the export for everyone: they are
dropped (input refuses them now, but old rows may hold them). A plain negative number such as
``-0.250`` is not a formula and stays a number.
"""

import csv
import re

from django.http import HttpResponse

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
# What a worksheet refuses: the C0 controls except tab, line feed and carriage return.
ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
PLAIN_NUMBER = re.compile(r"-?\d+(?:[.,]\d+)?")


def cell(value):
    """A value safe for any spreadsheet cell; non-text values (numbers, dates) pass unchanged."""
    if not isinstance(value, str):
        return value
    value = ILLEGAL.sub("", value)
    if value.startswith(FORMULA_START) and not PLAIN_NUMBER.fullmatch(value):
        return "'" + value
    return value


class SafeWriter:
    """``csv.writer`` whose rows pass through :func:`cell`."""

    def __init__(self, stream, *, delimiter: str = ";"):
        self._writer = csv.writer(stream, delimiter=delimiter)

    def writerow(self, row):
        return self._writer.writerow([cell(value) for value in row])

    def writerows(self, rows):
        for row in rows:
            self.writerow(row)


def csv_response(filename: str, *, delimiter: str = ";", bom: bool = True):
    """An attachment response and a safe writer for it.

    The byte-order mark lets Excel open UTF-8 with accents correctly; the semicolon is what Dutch
    Excel expects. Machine-read exports may choose a comma and no mark.
    """
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    if bom:
        response.write("\ufeff")
    return response, SafeWriter(response, delimiter=delimiter)


class SafeSpreadsheetExportMixin:
    """For Wagtail viewsets' index views: every exported value passes through :func:`cell`.

    Wagtail's ``SpreadsheetExportMixin.preprocess_field_value`` is the one hook both its CSV
    and XLSX writers call for each value.
    """

    def preprocess_field_value(self, field, value, export_format):
        return cell(super().preprocess_field_value(field, value, export_format))
