"""What every page looks like on a phone with large text, and what every page offers: no sideways
scrolling, every part of the page inside a landmark, and "Lees voor" with a way to stop."""

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from accounts.models import User
from courses.models import Session
from tests.accounts.factories import PASSWORD
from tests.e2e.conftest import AXE_TAGS

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 390, "height": 844}


@pytest.fixture
def demo(live_server):
    call_command("load_demo")


def _log_in(page, email):
    page.goto("/account/login/")
    page.locator("input[name=login]").fill(email)
    page.locator("input[name=password]").fill(PASSWORD)
    with page.expect_navigation():
        page.locator("main form button[type=submit]").first.click()


def _phone_with_large_text(browser_context_factory, live_server, *, language="nl"):
    context = browser_context_factory(viewport=PHONE)
    context.add_cookies(
        [
            {"name": "tekstgrootte", "value": "groot", "url": live_server.url},
            {"name": "django_language", "value": language, "url": live_server.url},
        ]
    )
    return context.new_page()


def _all_violations(page, axe_check):
    """axe's violations of every impact, best practices (such as "region") included."""
    violations = axe_check(page, tags=[*AXE_TAGS, "best-practice"])
    return [(v["id"], v["impact"], [n["target"] for n in v["nodes"]]) for v in violations]


@pytest.mark.parametrize("language", ["nl", "en"])
def test_large_text_fits_a_phone(browser_context_factory, live_server, axe_check, demo, language):
    session = Session.objects.filter(status=Session.Status.PUBLISHED).order_by("starts_at")[0]
    page = _phone_with_large_text(browser_context_factory, live_server, language=language)
    anonymous = [
        "/",
        "/cursussen/",
        "/cursussen/lokale-belangenbehartiging/",
        session.get_absolute_url(),
        f"/cursussen/sessie/{session.pk}/inschrijven/",
        "/account/signup/",
    ]
    participant = User.objects.get(email="deelnemer@leerkring.nl")
    logged_in = ["/cursussen/mijn-cursussen/", f"/cursussen/sessie/{session.pk}/inschrijven/"]
    for url in anonymous:
        _fits_and_passes_axe(page, url, axe_check)
    _log_in(page, participant.email)
    for url in logged_in:
        _fits_and_passes_axe(page, url, axe_check)


def _fits_and_passes_axe(page, url, axe_check):
    page.goto(url)
    assert "text-large" in (page.locator("html").get_attribute("class") or "")
    width = page.evaluate("() => document.documentElement.scrollWidth")
    assert width <= PHONE["width"], f"{url} is {width}px wide on a 390px phone"
    assert _all_violations(page, axe_check) == [], url


def test_read_aloud_on_every_page_with_a_stop_button(page, axe_check, demo):
    """Speech is faked: the test checks the controls, not the voice."""
    page.add_init_script(
        """
        window.__spoken = [];
        window.speechSynthesis.speak = (u) => { window.__spoken.push(u.text); };
        window.speechSynthesis.cancel = () => { window.__spoken.push("CANCEL"); };
        """
    )
    session = Session.objects.filter(status=Session.Status.PUBLISHED).order_by("starts_at")[0]
    page.goto(session.get_absolute_url())
    start = page.get_by_role("button", name="Lees voor")
    stop = page.get_by_role("button", name="Stop")
    expect(start).to_be_visible()
    expect(stop).to_be_hidden()

    start.focus()
    page.keyboard.press("Enter")
    expect(start).to_have_attribute("aria-pressed", "true")
    expect(stop).to_be_visible()
    expect(page.locator(".read-aloud-status")).to_have_text("Voorlezen is gestart.")
    spoken = [text for text in page.evaluate("() => window.__spoken") if text != "CANCEL"]
    assert len(spoken) == 1
    assert session.course.title in spoken[0]
    assert "Naar de inhoud" not in spoken[0]  # only the main content is read
    assert _all_violations(page, axe_check) == []

    stop.focus()
    page.keyboard.press("Enter")
    expect(start).to_have_attribute("aria-pressed", "false")
    expect(stop).to_be_hidden()
    expect(page.locator(".read-aloud-status")).to_have_text("Voorlezen is gestopt.")
    assert page.evaluate("() => window.__spoken").count("CANCEL") >= 1
    expect(start).to_be_focused()
