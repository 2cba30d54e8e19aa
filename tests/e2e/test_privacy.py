"""Consent by a legal representative in a real Chromium: keyboard only, axe on every screen.

Also writes the screenshots of the privacy pages (phone 390px with large text, laptop; Dutch and
English) to ``var/screens/privacy/`` for a person to look at.
"""

import pytest
from django.conf import settings
from django.test import Client
from playwright.sync_api import expect

from accounts.models import ConsentPurpose
from accounts.selectors import consent_current

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

SCREENS = settings.BASE_DIR / "var" / "screens" / "privacy"


def _context(browser_context_factory, live_server, user, *, language="nl", large=False, **opts):
    client = Client()
    client.force_login(user)
    context = browser_context_factory(**opts)
    cookies = [
        {
            "name": settings.SESSION_COOKIE_NAME,
            "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
            "url": live_server.url,
        },
        {"name": settings.LANGUAGE_COOKIE_NAME, "value": language, "url": live_server.url},
    ]
    if large:
        cookies.append({"name": "tekstgrootte", "value": "groot", "url": live_server.url})
    context.add_cookies(cookies)
    return context


def test_a_representative_gives_consent_by_keyboard(
    browser_context_factory, live_server, axe_check, participant
):
    page = _context(browser_context_factory, live_server, participant).new_page()
    page.goto(f"{live_server.url}/competenties/")
    with page.expect_navigation():
        page.get_by_role("link", name="Lees eerst wat we bewaren").click()
    axe_check(page)
    with page.expect_navigation():
        page.get_by_role("link", name="Toestemming door een wettelijk vertegenwoordiger").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Toestemming als wettelijk vertegenwoordiger"
    )
    axe_check(page)

    # Half filled in: the page says what is missing and keeps what was typed.
    page.get_by_label("Uw naam").fill("Joke Smit")
    page.get_by_label("Uw telefoonnummer of e-mailadres").fill("06-12345678")
    with page.expect_navigation():
        page.get_by_role("button", name="Toestemming geven").click()
    expect(page.get_by_text("Kies wat u van deze persoon bent.")).to_be_visible()
    expect(page.get_by_label("Uw naam")).to_have_value("Joke Smit")
    expect(page.get_by_label("Uw telefoonnummer of e-mailadres")).to_have_value("06-12345678")
    axe_check(page)

    # The rest by keyboard only: Tab into the radio group, arrows to choose, Space to tick.
    page.get_by_label("Uw naam").focus()
    page.keyboard.press("Tab")
    expect(page.get_by_label("Curator")).to_be_focused()
    page.keyboard.press("ArrowDown")
    expect(page.get_by_label("Mentor")).to_be_checked()
    page.keyboard.press("Tab")
    expect(page.get_by_label("Uw telefoonnummer of e-mailadres")).to_be_focused()
    page.keyboard.press("Tab")
    page.keyboard.press("Space")  # Meedoen aan cursussen
    page.keyboard.press("Tab")
    page.keyboard.press("Space")  # De competentielijst invullen
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    expect(page.get_by_label("Ik ben de wettelijk vertegenwoordiger")).to_be_focused()
    page.keyboard.press("Space")
    page.keyboard.press("Tab")
    expect(page.get_by_role("button", name="Toestemming geven")).to_be_focused()
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.url.endswith("/competenties/")
    axe_check(page)

    record = consent_current(participant, ConsentPurpose.COMPETENCIES)
    assert record.by_representative
    assert (record.representative_name, record.representative_relation) == ("Joke Smit", "mentor")
    assert consent_current(participant, ConsentPurpose.SHARE_WITH_TRAINER) is None

    # Mijn toestemmingen shows who gave it; withdrawing is one button.
    page.goto(f"{live_server.url}/mijn/toestemmingen/")
    expect(page.get_by_text("Gegeven door Joke Smit (Mentor)").first).to_be_visible()
    axe_check(page)
    with page.expect_navigation():
        page.get_by_role("button", name="Nee, stop: De competentielijst invullen").click()
    expect(page.get_by_text("Je toestemming is ingetrokken")).to_be_visible()
    axe_check(page)
    assert consent_current(participant, ConsentPurpose.COMPETENCIES) is None


def test_privacy_pages_screenshots(browser_context_factory, live_server, axe_check, participant):
    from accounts.services import consent_give
    from tests.privacy.factories import new_notice

    consent_give(user=participant, purpose=ConsentPurpose.COURSES, actor=participant)
    new_notice()
    SCREENS.mkdir(parents=True, exist_ok=True)
    pages = [
        ("reconsent", "/mijn/toestemmingen/nieuwe-tekst/"),
        ("consents", "/mijn/toestemmingen/"),
        ("representative", "/mijn/toestemmingen/vertegenwoordiger/"),
        ("notice", "/privacy/"),
        ("logout-everywhere", "/mijn/uitloggen-overal/"),
        ("profile", "/mijn/profiel/"),
    ]
    views = [
        ("phone-large", {"width": 390, "height": 844}, True),
        ("laptop", {"width": 1280, "height": 800}, False),
    ]
    for language in ("nl", "en"):
        for view, viewport, large in views:
            context = _context(
                browser_context_factory,
                live_server,
                participant,
                language=language,
                large=large,
                viewport=viewport,
            )
            page = context.new_page()
            for name, url in pages:
                page.goto(f"{live_server.url}{url}")
                assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth"), (
                    f"{name} scrolls sideways ({language} {view})"
                )
                axe_check(page)
                page.screenshot(path=SCREENS / f"{language}-{view}-{name}.png", full_page=True)
            context.close()
