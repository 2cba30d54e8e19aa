"""Intervision in a real browser: the participant (keyboard only, no JavaScript) and the
trainer (on a phone), with an accessibility check on every page they visit.

Participant: "Mijn cursussen" -> "Na de cursus" -> support a question -> ask for a moment ->
see the planned moment and download it for the calendar -> attend (the trainer takes
attendance) -> the series closes -> the follow-up list opens and they start it.
Trainer: "Mijn sessies" -> the completed session -> "Intervisie" -> plan a moment answering the
most wanted question -> attendance on a phone with big tick boxes -> the report.
"""

from datetime import timedelta

import pytest
from django.conf import settings
from django.test import Client
from django.utils import timezone
from playwright.sync_api import expect

from courses.models import Enrolment
from intervision import services
from intervision.models import Moment, Request, Support
from tests.accounts.factories import UserFactory
from tests.courses.factories import EnrolmentFactory, days_ahead
from tests.e2e.conftest import PHONE_VIEWPORT
from tests.intervision.factories import RequestFactory, completed_session

pytestmark = pytest.mark.e2e


def _page(browser_context_factory, live_server, user, **options):
    client = Client()
    client.force_login(user)
    context = browser_context_factory(**options)
    context.add_cookies(
        [
            {
                "name": settings.SESSION_COOKIE_NAME,
                "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
                "url": live_server.url,
            }
        ]
    )
    return context.new_page()


def _tab_to(page, text, *, tries=80):
    """Press Tab until the focused element's text (or value) starts with ``text``."""
    for _ in range(tries):
        page.keyboard.press("Tab")
        focused = page.evaluate(
            "(() => { const el = document.activeElement;"
            " return (el.innerText || el.value || el.getAttribute('aria-label') || '').trim(); })()"
        )
        if focused.startswith(text):
            return
    raise AssertionError(f"no focusable element {text!r} on {page.url}")


def _enter(page, text):
    _tab_to(page, text)
    with page.expect_navigation():
        page.keyboard.press("Enter")


def _no_sideways_scroll(page):
    overflow = page.evaluate(
        "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    assert overflow <= 0, f"{page.url} scrolls sideways by {overflow}px"


def test_participant_keyboard_only_without_javascript(
    browser_context_factory, live_server, axe_check
):
    from competencies.services import consent_give

    session, trainer, people = completed_session(attendees=3)
    me = UserFactory(role="participant", display_name="Sanne Deelnemer")
    EnrolmentFactory(session=session, user=me, status=Enrolment.Status.ATTENDED)
    consent_give(user=me)
    ann = people[0]
    asked = RequestFactory(session=session, author=ann, topic="Hoe betrekken we de achterban?")
    Support.objects.create(request=asked, user=people[1])

    # axe runs through the DevTools protocol, so the page itself can have JavaScript off.
    page = _page(
        browser_context_factory,
        live_server,
        me,
        java_script_enabled=False,
        viewport={"width": 390, "height": 844},
    )
    page.goto("/cursussen/mijn-cursussen/")
    axe_check(page)
    _enter(page, "Na de cursus")
    expect(page.get_by_role("heading", level=1)).to_have_text("Na de cursus")
    expect(page.get_by_text("1 ander wil dit ook.")).to_be_visible()
    axe_check(page)
    _no_sideways_scroll(page)

    # "Ik wil dit ook".
    _enter(page, "Ik wil dit ook")
    expect(page.get_by_text("2 anderen willen dit ook.")).to_be_visible()
    assert Support.objects.filter(request=asked, user=me).exists()
    axe_check(page)

    # Ask for a moment in one's own words.
    _enter(page, "Vraag een moment aan")
    expect(page.get_by_role("heading", level=1)).to_have_text("Vraag een moment aan")
    axe_check(page)
    _tab_to(page, "Vraag aan")  # first try without a topic: a plain message
    with page.expect_navigation():
        page.keyboard.press("Enter")
    expect(page.get_by_role("alert")).to_contain_text("Kies een onderwerp")
    axe_check(page)
    page.keyboard.press("Shift+Tab")
    for _ in range(30):
        if page.evaluate("document.activeElement.tagName") == "TEXTAREA":
            break
        page.keyboard.press("Tab")
    page.keyboard.type("Hoe bereid ik een gesprek met de wethouder voor?")
    _enter(page, "Vraag aan")
    expect(page.get_by_text("Je vraag staat erop.")).to_be_visible()
    mine = Request.objects.get(author=me)
    assert mine.topic == "Hoe bereid ik een gesprek met de wethouder voor?"

    # The trainer plans a moment about it: the participant sees it and takes it home.
    starts = days_ahead(10).replace(hour=19)
    moment = services.moment_schedule(
        actor=trainer,
        session=session,
        starts_at=starts,
        ends_at=starts + timedelta(hours=2),
        place="Buurthuis De Kring, Dorpsstraat 1",
        requests=[mine],
    )
    page.reload()
    expect(page.get_by_role("heading", name="Intervisie 1")).to_be_visible()
    expect(page.get_by_text("Buurthuis De Kring, Dorpsstraat 1")).to_be_visible()
    axe_check(page)
    _tab_to(page, "Zet in mijn agenda")
    with page.expect_download() as download:
        page.keyboard.press("Enter")
    assert download.value.suggested_filename == f"intervisie-{moment.pk}.ics"
    _enter(page, "Meer over dit moment")
    expect(page.get_by_role("heading", level=1)).to_have_text("Intervisie 1")
    axe_check(page)

    # The evening comes; the trainer notes who came and closes the series.
    Moment.objects.filter(pk=moment.pk).update(
        starts_at=timezone.now() - timedelta(hours=2), ends_at=timezone.now() - timedelta(hours=1)
    )
    services.attendance_record(actor=trainer, moment=moment, marks={me.pk: "attended"})
    services.moment_report_save(
        actor=trainer, moment=moment, discussed="We oefenden het gesprek.", agreements=""
    )
    services.series_close(actor=trainer, session=session)
    page.reload()
    expect(page.get_by_text("Je was erbij.")).to_be_visible()
    expect(page.get_by_text("We oefenden het gesprek.")).to_be_visible()
    axe_check(page)
    page.goto(f"/intervisie/na-de-cursus/{session.pk}/")
    expect(page.get_by_text("De lijst staat nu open.")).to_be_visible()
    axe_check(page)
    _enter(page, "Vul de lijst in")
    assert "/competenties/lijst/" in page.url
    axe_check(page)


def test_trainer_plans_takes_attendance_and_reports_on_a_phone(
    browser_context_factory, live_server, axe_check
):
    session, trainer, people = completed_session(attendees=3)
    asked = RequestFactory(session=session, author=people[0], topic="Waar gaat de gemeente over?")
    Support.objects.create(request=asked, user=people[1])
    page = _page(
        browser_context_factory,
        live_server,
        trainer,
        viewport=PHONE_VIEWPORT,
        is_mobile=True,
        has_touch=True,
    )
    page.goto(f"/cursussen/mijn-sessies/{session.pk}/")
    axe_check(page)
    with page.expect_navigation():
        page.get_by_role("link", name="Intervisie", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Intervisie")
    expect(page.get_by_role("cell", name="Waar gaat de gemeente over?")).to_be_visible()
    axe_check(page)
    _no_sideways_scroll(page)
    with page.expect_navigation():
        page.get_by_role("link", name="Plan een moment").click()
    axe_check(page)
    _no_sideways_scroll(page)
    page.get_by_label("Waar gaat de gemeente over?").check()
    page.get_by_label("Datum").fill(days_ahead(12).date().isoformat())
    page.get_by_label("Begintijd").fill("19:00")
    page.get_by_label("Eindtijd").fill("21:00")
    page.get_by_label("Plaats").fill("Wijkcentrum Het Dok, Vlissingen")
    with page.expect_navigation():
        page.get_by_role("button", name="Plan het moment").click()
    expect(page.get_by_text("Moment 1 is gepland.")).to_be_visible()
    axe_check(page)
    moment = Moment.objects.get(session=session)
    assert list(moment.answered_requests.all()) == [asked]

    # The moment has begun: attendance with big tick boxes.
    Moment.objects.filter(pk=moment.pk).update(
        starts_at=timezone.now() - timedelta(minutes=30),
        ends_at=timezone.now() + timedelta(minutes=60),
    )
    page.reload()
    with page.expect_navigation():
        page.get_by_role("link", name="Aanwezigheid: moment 1").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Wie was er?")
    axe_check(page)
    _no_sideways_scroll(page)
    box = page.get_by_label(people[0].get_full_name())
    assert box.bounding_box()["height"] >= 24
    box.check()
    page.get_by_label(people[1].get_full_name()).check()
    with page.expect_navigation():
        page.get_by_role("button", name="Aanwezigheid opslaan").click()
    expect(page.get_by_text("Opgeslagen: 2 van 3 aanwezig.")).to_be_visible()
    axe_check(page)
    with page.expect_navigation():
        page.get_by_role("link", name="Verslag schrijven: moment 1").click()
    axe_check(page)
    page.get_by_label("Wat hebben jullie besproken?").fill("Wie doet wat bij de gemeente.")
    page.get_by_label("Welke afspraken hebben jullie gemaakt?").fill("Jan belt de griffie.")
    with page.expect_navigation():
        page.get_by_role("button", name="Verslag opslaan").click()
    expect(page.get_by_text("Het verslag is opgeslagen.")).to_be_visible()
    axe_check(page)
    _no_sideways_scroll(page)
    moment.refresh_from_db()
    assert moment.status == "held"
    assert moment.agreements == "Jan belt de griffie."
