"""The first journey: a visitor signs up, verifies their e-mail, logs in and logs out."""

import pytest
from playwright.sync_api import expect

from accounts.models import User
from tests.e2e.conftest import PHONE_VIEWPORT

pytestmark = pytest.mark.e2e

PASSWORD = "Sterk-wachtwoord-2026"


def submit_main_form(page):
    """Press the submit button of the form in the main content and wait for the next page."""
    with page.expect_navigation():
        page.locator("main form button[type=submit]").first.click()


def test_sign_up_verify_log_in_log_out(page, axe_check, mail_link):
    page.goto("/")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Welkom bij Leerkring")
    axe_check(page)

    page.get_by_role("link", name="Account maken").click()
    assert page.url.endswith("/account/signup/")
    axe_check(page)
    page.get_by_label("Je naam").fill("Piet Jansen")
    page.get_by_label("E-mail").fill("piet@example.org")
    page.get_by_label("Wachtwoord:", exact=True).fill(PASSWORD)
    page.get_by_label("Wachtwoord (bevestigen)").fill(PASSWORD)
    page.get_by_label("Je groep of raad").fill("Cliëntenraad Zuid")
    page.get_by_label("Ik heb gelezen wat Leerkring over mij bewaart").check()
    submit_main_form(page)
    assert "/account/confirm-email/" in page.url
    axe_check(page)
    assert User.objects.get(email="piet@example.org").display_name == "Piet Jansen"

    # Verify: open the link from the mail, confirm.
    page.goto(mail_link(r"/account/confirm-email/\S+/"))
    axe_check(page)
    submit_main_form(page)
    axe_check(page)
    assert User.objects.get(email="piet@example.org").emailaddress_set.get().verified

    # Log in.
    page.goto("/account/login/")
    axe_check(page)
    page.get_by_label("E-mail").fill("piet@example.org")
    page.get_by_label("Wachtwoord").fill(PASSWORD)
    submit_main_form(page)
    expect(page.get_by_role("button", name="Uitloggen")).to_be_visible()
    axe_check(page)

    # Log out.
    page.get_by_role("button", name="Uitloggen").click()
    page.wait_for_load_state()
    expect(page.get_by_role("link", name="Inloggen")).to_be_visible()
    axe_check(page)


def test_home_page_works_without_javascript(browser_context_factory, axe_check):
    page = browser_context_factory(java_script_enabled=False).new_page()
    response = page.goto("/")
    assert response.status == 200
    expect(page.get_by_role("heading", level=1)).to_contain_text("Welkom bij Leerkring")
    page.get_by_role("link", name="Inloggen").click()
    page.wait_for_load_state()
    assert page.url.endswith("/account/login/")
    expect(page.get_by_label("E-mail")).to_be_visible()


def test_home_page_fits_a_phone(browser_context_factory, axe_check):
    page = browser_context_factory(
        viewport=PHONE_VIEWPORT, is_mobile=True, has_touch=True
    ).new_page()
    page.goto("/")
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    overflow = page.evaluate(
        "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    assert overflow <= 0, f"the page scrolls sideways by {overflow}px at 375px wide"
    expect(page.get_by_role("link", name="Account maken")).to_be_visible()
    axe_check(page)


def test_axe_check_fails_on_a_serious_violation(page, axe_check):
    """The harness itself: an image without a text alternative is a critical violation."""
    page.set_content(
        '<html lang="nl"><head><title>Test</title></head>'
        '<body><main><h1>Test</h1><img src="data:,"></main></body></html>'
    )
    with pytest.raises(pytest.fail.Exception, match="image-alt"):
        axe_check(page)


def test_axe_check_runs_in_a_page_without_javascript(browser_context_factory, axe_check):
    """The harness with JavaScript off: axe finishes (no timers run there) and still finds it."""
    page = browser_context_factory(java_script_enabled=False).new_page()
    page.set_content(
        '<html lang="nl"><head><title>Test</title></head>'
        '<body><main><h1>Test</h1><img src="data:,"></main></body></html>'
    )
    with pytest.raises(pytest.fail.Exception, match="image-alt"):
        axe_check(page)
