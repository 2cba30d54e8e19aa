"""Enrolment and the waitlist in a real browser, then the trainer's attendance on a phone.

One place left: the first participant takes it, the second is waitlisted; the first cancels and
the second is promoted (and gets the mail). The trainer then takes attendance on a 375x740 screen
and completes the session. Every page visited gets an accessibility check.
"""

from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone
from playwright.sync_api import expect

from courses.models import Enrolment, Meeting, Session
from tests.accounts.factories import PASSWORD, UserFactory
from tests.courses.factories import AssignmentFactory, EnrolmentFactory, SessionFactory
from tests.e2e.conftest import PHONE_VIEWPORT

pytestmark = pytest.mark.e2e


def log_in(page, user, next_url):
    page.goto(f"/account/login/?next={next_url}")
    page.get_by_label("E-mail").fill(user.email)
    page.get_by_label("Wachtwoord").fill(PASSWORD)
    with page.expect_navigation():
        page.locator("main form button[type=submit]").first.click()


def click_and_wait(page, locator):
    with page.expect_navigation():
        locator.click()


def no_sideways_scroll(page):
    overflow = page.evaluate(
        "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    assert overflow <= 0, f"{page.url} scrolls sideways by {overflow}px"


def test_enrol_waitlist_cancel_promote_attendance_complete(browser_context_factory, axe_check):
    session = SessionFactory(capacity=2, starts_in=timedelta(days=10))
    trainer = UserFactory(role="trainer", display_name="Tineke Trainer")
    AssignmentFactory(session=session, trainer=trainer)
    EnrolmentFactory(session=session)  # one place left
    first = UserFactory(role="participant", display_name="Anna Eerste")
    second = UserFactory(role="participant", display_name="Bram Tweede")
    session_url = session.get_absolute_url()

    # The first participant takes the last place.
    page_a = browser_context_factory().new_page()
    log_in(page_a, first, session_url)
    expect(page_a.get_by_role("heading", level=1)).to_have_text(session.course.title)
    expect(page_a.get_by_text("Er is nog 1 plaats vrij.")).to_be_visible()
    axe_check(page_a)
    click_and_wait(page_a, page_a.get_by_role("link", name="Inschrijven"))
    axe_check(page_a)
    page_a.get_by_label("Wat heb je nodig om goed mee te doen?").fill("Een rolstoelplek")
    click_and_wait(page_a, page_a.get_by_role("button", name="Inschrijven"))
    expect(page_a.get_by_role("heading", level=1)).to_have_text("Mijn cursussen")
    expect(page_a.get_by_text("Je bent ingeschreven.")).to_be_visible()
    axe_check(page_a)

    # The second is waitlisted.
    page_b = browser_context_factory().new_page()
    log_in(page_b, second, session_url)
    expect(page_b.get_by_text("De cursus is vol.")).to_be_visible()
    axe_check(page_b)
    click_and_wait(page_b, page_b.get_by_role("link", name="Op de wachtlijst"))
    axe_check(page_b)
    click_and_wait(page_b, page_b.get_by_role("button", name="Op de wachtlijst"))
    expect(page_b.get_by_text("Op de wachtlijst: nummer 1")).to_be_visible()
    axe_check(page_b)

    # The first cancels; the second is promoted and told by mail.
    mail.outbox.clear()
    page_a.goto("/cursussen/mijn-cursussen/")
    click_and_wait(page_a, page_a.get_by_role("link", name="Afmelden"))
    axe_check(page_a)
    click_and_wait(page_a, page_a.get_by_role("button", name="Ja, meld me af"))
    expect(page_a.get_by_text("Je bent afgemeld.")).to_be_visible()
    axe_check(page_a)
    promoted = [m for m in mail.outbox if m.to == [second.email]]
    assert len(promoted) == 1, [(m.to, m.subject) for m in mail.outbox]
    assert Enrolment.objects.get(session=session, user=second).status == "confirmed"
    page_b.reload()
    expect(page_b.locator(".status-confirmed")).to_contain_text("Ingeschreven")
    axe_check(page_b)

    # The day comes: the meeting has started (today, not past midnight, at any hour).
    now = timezone.localtime()
    midnight = now.replace(hour=0, minute=0, second=0, microsecond=0)
    start = max(now - timedelta(minutes=30), midnight)
    end = min(start + timedelta(hours=3), midnight + timedelta(hours=23, minutes=59))
    Meeting.objects.filter(session=session).update(starts_at=start, ends_at=end)
    Session.objects.filter(pk=session.pk).update(starts_at=start, ends_at=end)

    # The trainer, on a phone, takes attendance and completes the session.
    phone = browser_context_factory(
        viewport=PHONE_VIEWPORT, is_mobile=True, has_touch=True
    ).new_page()
    log_in(phone, trainer, "/cursussen/mijn-sessies/")
    expect(phone.get_by_role("heading", level=1)).to_have_text("Mijn sessies")
    axe_check(phone)
    no_sideways_scroll(phone)
    click_and_wait(phone, phone.get_by_role("link", name=session.course.title))
    expect(phone.get_by_text("Bram Tweede")).to_be_visible()
    axe_check(phone)
    click_and_wait(phone, phone.get_by_role("link", name="Aanwezigheid"))
    expect(phone.get_by_role("heading", level=1)).to_have_text("Wie is er?")
    axe_check(phone)
    no_sideways_scroll(phone)
    box = phone.get_by_label("Bram Tweede")
    assert box.bounding_box()["height"] >= 24
    box.check()
    click_and_wait(phone, phone.get_by_role("button", name="Aanwezigheid opslaan"))
    expect(phone.get_by_text("Opgeslagen: 1 van 2 aanwezig.")).to_be_visible()
    axe_check(phone)
    click_and_wait(phone, phone.get_by_role("link", name="Sessie afronden"))
    expect(phone.get_by_label("Bram Tweede")).to_be_checked()
    axe_check(phone)
    no_sideways_scroll(phone)
    click_and_wait(phone, phone.get_by_role("button", name="Sessie afronden"))
    expect(phone.get_by_text("De sessie is afgerond.")).to_be_visible()
    axe_check(phone)

    statuses = dict(
        Enrolment.objects.filter(session=session).values_list("user__display_name", "status")
    )
    assert statuses["Bram Tweede"] == "attended"
    assert statuses["Anna Eerste"] == "cancelled"
    assert sorted(statuses.values()) == ["attended", "cancelled", "no_show"]
    session.refresh_from_db()
    assert session.status == "completed"
