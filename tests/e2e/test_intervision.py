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

from intervision.models import Moment, Support
from tests.courses.factories import days_ahead
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
