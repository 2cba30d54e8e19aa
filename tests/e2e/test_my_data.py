"""Mijn gegevens in a real browser: the demo participant opens the page, reads what is kept,
downloads the ZIP through the background job page, and finds their own enrolments and answers
in it and nothing of anyone else. Axe on every page; the rendering check and screenshots
(var/screens/privacy2/) for the new pages in nl/en, phone with large text and laptop."""

import io
import json
import zipfile

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from accounts.models import User
from courses.models import Enrolment
from tests.e2e.rendering import Findings, check_page
from tests.e2e.test_rendering import LAPTOP, PHONE, _context

pytestmark = pytest.mark.e2e


@pytest.fixture
def demo(live_server, settings):
    settings.LEERKRING_REQUIRE_STAFF_MFA = False
    call_command("load_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115


def test_demo_participant_downloads_their_data(
    demo, browser_context_factory, live_server, axe_check
):
    me = User.objects.get(email="deelnemer@leerkring.nl")
    context = _context(
        browser_context_factory, live_server, user=me, language="nl", viewport=PHONE, large=True
    )
    page = context.new_page()
    page.goto("/mijn/")
    page.get_by_role("link", name="Mijn gegevens").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Mijn gegevens")
    axe_check(page)
    page.locator("summary", has_text="Je inschrijvingen").click()
    course = Enrolment.objects.filter(user=me).select_related("session__course").first()
    expect(page.locator("#soort-coursesenrolments")).to_contain_text(course.session.course.title)
    axe_check(page)

    with page.expect_navigation():
        page.get_by_role("button", name="Download mijn gegevens").click()
    link = page.get_by_role("link", name="Download")
    expect(link).to_be_visible()
    expect(page.locator("progress")).to_have_attribute("value", "100")
    axe_check(page)
    with page.expect_download() as info:
        link.click()
    archive = zipfile.ZipFile(io.BytesIO(open(info.value.path(), "rb").read()))  # noqa: SIM115
    files = {name: archive.read(name).decode() for name in archive.namelist()}
    assert "README.txt" in files
    enrolments = json.loads(files["courses.enrolments.json"])["rows"]
    assert len(enrolments) == Enrolment.objects.filter(user=me).count()
    assert json.loads(files["competencies.answers.json"])["rows"]
    everything = "\n".join(files.values())
    others = User.objects.exclude(pk=me.pk).exclude(email__isnull=True)
    for other in others:
        assert other.email not in everything, other.email
    context.close()


PAGES = {
    "participant": lambda: ("deelnemer@leerkring.nl", [("my-data", "/mijn/gegevens/")]),
    "trainer": lambda: ("trainer@leerkring.nl", [("my-data", "/mijn/gegevens/")]),
    "staff": lambda: (
        "staf@leerkring.nl",
        [
            (
                "person-data",
                f"/mijn/beheer/personen/{User.objects.get(email='deelnemer@leerkring.nl').pk}/",
            )
        ],
    ),
}
VIEWS = (
    ("nl", "phone-large", PHONE, True),
    ("nl", "laptop", LAPTOP, False),
    ("en", "phone-large", PHONE, True),
    ("en", "laptop", LAPTOP, False),
)


@pytest.mark.parametrize("who", list(PAGES))
def test_privacy_pages_render_right(
    who, demo, browser_context_factory, live_server, axe_violations
):
    email, urls = PAGES[who]()
    user = User.objects.get(email=email)
    findings = Findings()
    for language, view, viewport, large in VIEWS:
        context = _context(
            browser_context_factory,
            live_server,
            user=user,
            language=language,
            viewport=viewport,
            large=large,
        )
        page = context.new_page()
        for name, url in urls:
            response = page.goto(url)
            assert response.status == 200, url
            # Open every section, so the screenshot and the checks see what is inside.
            page.evaluate("() => document.querySelectorAll('details').forEach(d => d.open = true)")
            check_page(
                page,
                findings=findings,
                label=f"{who} {language} {view} {name}",
                run_axe=axe_violations,
                phone=viewport is PHONE,
                shot=f"privacy2/{who}-{language}-{view}-{name}",
            )
        context.close()
    assert not findings.problems, findings.report()
