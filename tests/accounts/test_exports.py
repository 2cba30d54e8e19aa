"""One export helper for every spreadsheet: no formulas from what people typed, no characters a
sheet refuses, for the trainer's CSV, the /beheer/ CSV and XLSX and the growth CSV."""

import csv
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from tests.accounts.exporting import run_export
from tests.courses.factories import AssignmentFactory, EnrolmentFactory, SessionFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


HOSTILE = ["=1+1", "@SUM(1)", "+31 6 1234", "-2+3", "\tTAB", "\rCR"]


def _csv_rows(response, delimiter):
    content = b"".join(response.streaming_content) if response.streaming else response.content
    return list(csv.reader(io.StringIO(content.decode("utf-8-sig")), delimiter=delimiter))


@pytest.mark.parametrize("text", HOSTILE)
def test_beheer_enrolment_csv_escapes_formulas(
    client, national_staff, text, django_capture_on_commit_callbacks
):
    session = SessionFactory()
    EnrolmentFactory(session=session, user__display_name=text, access_needs=text)
    client.force_login(national_staff)
    _job, content = run_export(
        client,
        django_capture_on_commit_callbacks,
        "/beheer/courses/enrolment/",
        {"export": "csv", "session": session.pk},
    )
    rows = list(csv.reader(io.StringIO(content.decode("utf-8-sig")), delimiter=";"))
    row = rows[1]
    assert row[1] == "'" + text
    assert row[7] == "'" + text


def test_beheer_enrolment_xlsx_survives_control_characters_and_escapes(
    client, national_staff, django_capture_on_commit_callbacks
):
    session = SessionFactory()
    EnrolmentFactory(session=session, user__display_name="Ann\x01a\x1fB", access_needs="@SUM(1)")
    EnrolmentFactory(session=session, user__display_name="=1+1", dietary_needs="Geen vlees")
    client.force_login(national_staff)
    _job, content = run_export(
        client, django_capture_on_commit_callbacks, "/beheer/courses/enrolment/", {"export": "xlsx"}
    )
    sheet = load_workbook(io.BytesIO(content)).active
    values = [[cell.value for cell in row] for row in sheet.iter_rows(min_row=2)]
    names = sorted(row[1] for row in values)
    assert names == ["'=1+1", "AnnaB"]
    assert "'@SUM(1)" in [row[7] for row in values]
    assert "Geen vlees" in [row[8] for row in values]


def test_trainer_csv_escapes_and_drops_control_characters(client, trainer):
    session = SessionFactory()
    AssignmentFactory(session=session, trainer=trainer)
    EnrolmentFactory(session=session, user__display_name="\x02@SUM(1)", dietary_needs="-1+1")
    client.force_login(trainer)
    response = client.get(reverse("courses:portal_csv", kwargs={"pk": session.pk}))
    row = _csv_rows(response, ";")[1]
    assert row[0] == "'@SUM(1)"
    assert row[7] == "'-1+1"


def test_growth_csv_goes_through_the_helper(client, national_staff, monkeypatch):
    """Competency names are data staff type in; a formula there must not reach a sheet."""
    from competencies.models import Competency

    Competency.objects.filter(pk=Competency.objects.order_by("pk").first().pk).update(
        name="=HYPERLINK(1)"
    )
    from competencies import views_growth

    class Growth:
        shown, n = True, 6
        mean_pre, mean_post, mean_change = 2.0, 2.5, -0.25
        share_improved, share_declined, d_z = 0.5, 0.1, 0.8

    class Row:
        competency = Competency.objects.get(name="=HYPERLINK(1)")
        post = follow_up = Growth()

    monkeypatch.setattr(views_growth, "_national", lambda request: (None, None, [Row()]))
    client.force_login(national_staff)
    rows = _csv_rows(client.get(reverse("competencies:national_growth_csv")), ",")
    assert rows[1][0] == "'=HYPERLINK(1)"
    assert rows[1][5] == "-0.250"  # a negative number stays a number


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("=1+1", "'=1+1"),
        ("@SUM(1)", "'@SUM(1)"),
        ("+1", "'+1"),
        ("-1+1", "'-1+1"),
        ("\t=1", "'\t=1"),
        ("\r=1", "'\r=1"),
        ("a\x00b\x08c\x0bd\x1f", "abcd"),
        ("\x01=1", "'=1"),
        ("-0.250", "-0.250"),
        ("-3", "-3"),
        ("Gewoon tekst", "Gewoon tekst"),
        (3, 3),
        (None, None),
    ],
)
def test_cell_escapes_formulas_and_drops_illegal_characters(value, expected):
    from accounts.exports import cell

    assert cell(value) == expected
