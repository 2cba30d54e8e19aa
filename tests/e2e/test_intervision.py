"""Intervision in a real browser: the participant (keyboard only, no JavaScript, on a phone) and
the trainer (on a phone), with an accessibility check on every page they visit.

Participant: "Mijn cursussen" -> "Na de cursus" -> support a question -> ask for a moment ->
see the planned moment and download it for the calendar -> attend (the trainer takes
attendance) -> the series closes -> the follow-up list opens and they start it.
Trainer: "Mijn sessies" -> the completed session -> "Intervisie" -> plan a moment answering the
most wanted question -> attendance on a phone with big tick boxes -> the report.

The participant's clock is fixed (``time_machine``, ticking, also for the live server's thread,
which runs in this process): the course and the moment are at the same local times on any day
the suite runs, and "the evening of the moment" is a move of that clock, not an edit of rows.
"""

from datetime import timedelta

import pytest
import time_machine
from django.conf import settings
from django.test import Client
from django.utils import timezone
from playwright.sync_api import expect

from competencies.models import SelfAssessment
from competencies.services import consent_give
from courses.models import Enrolment
from intervision import services
from intervision.models import Moment, Request, Support
from tests.accounts.factories import UserFactory
from tests.conftest import FROZEN_NOW
from tests.courses.factories import EnrolmentFactory, days_ahead
from tests.e2e.conftest import PHONE_VIEWPORT
from tests.intervision.factories import RequestFactory, completed_session, moment_times

pytestmark = [pytest.mark.e2e, pytest.mark.usefixtures("hard_timeout")]

# Longer than any journey here takes on a busy CI machine, short enough that a stuck browser
# step fails the test instead of hanging the run (see ``hard_timeout`` in conftest).
HARD_TIMEOUT = 240
# Tab presses before the helper gives up on reaching a control (the longest page has ~30 stops).
MAX_TABS = 60
# The participant's "Na de cursus" on a phone, for a person to look at.
SHOTS = settings.BASE_DIR / "var" / "screens" / "intervision"


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


_DESCRIBE_FOCUS = """() => {
  const el = document.activeElement;
  if (!el || el === document.body) return "(nothing: the page itself)";
  const text = (el.innerText || el.value || "").replace(/\\s+/g, " ").trim();
  return `<${el.tagName.toLowerCase()}> "${text.slice(0, 80)}"`;
}"""


def _focused(page) -> str:
    """The element with the keyboard focus: its tag, visible text and accessible role and name."""
    described = page.evaluate(_DESCRIBE_FOCUS)
    if described.startswith("(nothing"):
        return described
    snapshot = page.locator(":focus").aria_snapshot().splitlines()
    name = snapshot[0].lstrip("- ").rstrip(":") if snapshot else "(not in the a11y tree)"
    return f"{described} = {name}"


def _tab_to(page, target, *, backwards=False, presses=MAX_TABS):
    """Press Tab (or Shift+Tab) until ``target`` has the focus, at most ``presses`` times.

    ``target`` is a locator by role and accessible name, so it matches what a screen reader
    says. It must be on the page (checked first, so a missing control fails at once rather
    than after a timeout per press). If the focus never gets there, the test fails with each
    element the focus went to, in order: that shows a control the keyboard cannot reach, a
    focus order that loops, or a name that differs from what the test expects.
    """
    try:
        expect(target).to_have_count(1)
    except AssertionError:
        outline = page.locator("body").aria_snapshot()
        raise AssertionError(f"not one {target} on {page.url}; the page:\n{outline}") from None
    key = "Shift+Tab" if backwards else "Tab"
    seen = []
    for _ in range(presses):
        page.keyboard.press(key)
        if target.evaluate("(el) => el === document.activeElement"):
            return
        seen.append(_focused(page))
    trail = "\n".join(f"  {n + 1:2}. {item}" for n, item in enumerate(seen))
    raise AssertionError(
        f"{key} x{presses} never reached {target} on {page.url}; the focus went to:\n{trail}"
    )


def _enter(page, target):
    """Tab to a link or button and press Enter; wait for the page it leads to."""
    _tab_to(page, target)
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
    with time_machine.travel(FROZEN_NOW, tick=True) as clock:
        _participant_journey(browser_context_factory, live_server, axe_check, clock)


def _participant_journey(browser_context_factory, live_server, axe_check, clock):
    session, trainer, people = completed_session(attendees=3)
    me = UserFactory(role="participant", display_name="Sanne Deelnemer")
    EnrolmentFactory(session=session, user=me, status=Enrolment.Status.ATTENDED)
    consent_give(user=me)
    asked = RequestFactory(
        session=session, author=people[0], topic="Hoe betrekken we de achterban?"
    )
    Support.objects.create(request=asked, user=people[1])

    # Chromium runs no script of the page; axe still runs, through the DevTools protocol.
    page = _page(
        browser_context_factory,
        live_server,
        me,
        java_script_enabled=False,
        viewport={"width": 390, "height": 844},
        is_mobile=True,
        has_touch=True,
    )
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.goto("/cursussen/mijn-cursussen/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Mijn cursussen")
    axe_check(page)
    _enter(page, page.get_by_role("link", name=f"Na de cursus: {session.course.title}"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Na de cursus")
    expect(page.get_by_text("1 ander wil dit ook.")).to_be_visible()
    expect(page.get_by_text("Er is nog geen moment gepland.")).to_be_visible()
    axe_check(page)
    _no_sideways_scroll(page)
    page.screenshot(path=SHOTS / "participant-after-course-390.png", full_page=True)

    # "Ik wil dit ook" for someone else's question.
    _enter(page, page.get_by_role("button", name="Ik wil dit ook: Hoe betrekken we de achterban?"))
    expect(page.get_by_role("status")).to_contain_text("Gelukt. Je wilt dit ook.")
    expect(page.get_by_text("2 anderen willen dit ook.")).to_be_visible()
    expect(page.get_by_role("button", name="Ik wil dit niet meer")).to_be_visible()
    assert Support.objects.filter(request=asked, user=me).exists()
    axe_check(page)

    # Ask for a moment in one's own words; first without a topic: a plain message.
    _enter(page, page.get_by_role("link", name="Vraag een moment aan"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Vraag een moment aan")
    axe_check(page)
    _enter(page, page.get_by_role("button", name="Vraag aan"))
    expect(page.get_by_role("alert")).to_contain_text("Kies een onderwerp")
    axe_check(page)
    _tab_to(page, page.get_by_label("Of schrijf zelf waar je over wilt praten"), backwards=True)
    page.keyboard.type("Hoe bereid ik een gesprek met de wethouder voor?")
    _enter(page, page.get_by_role("button", name="Vraag aan"))
    expect(page.get_by_role("status")).to_contain_text("Je vraag staat erop.")
    expect(page.get_by_text("Dit is jouw vraag.")).to_be_visible()
    axe_check(page)
    mine = Request.objects.get(author=me)
    assert mine.topic == "Hoe bereid ik een gesprek met de wethouder voor?"

    # The trainer plans a moment about it: the participant sees it and takes it home.
    starts, ends = moment_times(days=10)
    moment = services.moment_schedule(
        actor=trainer,
        session=session,
        starts_at=starts,
        ends_at=ends,
        place="Buurthuis De Kring, Dorpsstraat 1",
        requests=[mine],
    )
    page.reload()
    expect(page.get_by_role("heading", name="Intervisie 1")).to_be_visible()
    expect(page.get_by_text("Buurthuis De Kring, Dorpsstraat 1")).to_be_visible()
    axe_check(page)
    _no_sideways_scroll(page)
    page.screenshot(path=SHOTS / "participant-after-course-planned-390.png", full_page=True)
    _tab_to(page, page.get_by_role("link", name="Zet in mijn agenda: intervisie 1"))
    with page.expect_download() as download:
        page.keyboard.press("Enter")
    assert download.value.suggested_filename == f"intervisie-{moment.pk}.ics"
    calendar = download.value.path().read_text(encoding="utf-8")
    assert "BEGIN:VEVENT" in calendar
    assert "Buurthuis De Kring" in calendar
    _enter(page, page.get_by_role("link", name="Meer over dit moment: intervisie 1"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Intervisie 1")
    expect(page.get_by_text("Dit moment is gepland. Je bent welkom!")).to_be_visible()
    axe_check(page)

    # The evening of the moment: the trainer notes who came, writes the report, closes the series.
    clock.move_to(ends + timedelta(hours=1))
    services.attendance_record(actor=trainer, moment=moment, marks={me.pk: "attended"})
    services.moment_report_save(
        actor=trainer, moment=moment, discussed="We oefenden het gesprek.", agreements=""
    )
    services.series_close(actor=trainer, session=session)
    page.reload()
    expect(page.get_by_text("Je was erbij.")).to_be_visible()
    expect(page.get_by_text("We oefenden het gesprek.")).to_be_visible()
    axe_check(page)
    _enter(page, page.get_by_role("link", name=f"Na de cursus: {session.course.title}"))
    expect(page.get_by_role("heading", name="Wat al is geweest")).to_be_visible()
    expect(page.get_by_text("De lijst staat nu open.")).to_be_visible()
    axe_check(page)
    _no_sideways_scroll(page)
    _enter(page, page.get_by_role("button", name="Vul de lijst in"))
    assert "/competenties/lijst/" in page.url
    axe_check(page)
    started = SelfAssessment.objects.get(user=me)
    assert started.moment == SelfAssessment.Moment.FOLLOW_UP
    assert started.enrolment.session == session


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
