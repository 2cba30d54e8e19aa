"""National staff in a real browser: log in, land on the overview, filter, export, download."""

import pytest
from playwright.sync_api import expect

from tests.accounts.factories import PASSWORD, UserFactory
from tests.courses.factories import EnrolmentFactory, SessionFactory, region
from tests.trainers.factories import ProfileFactory

pytestmark = pytest.mark.e2e


def test_staff_overview_filter_and_background_export(
    browser_context_factory, live_server, axe_check, settings, tmp_path
):
    settings.LEERKRING_REQUIRE_STAFF_MFA = False
    settings.MEDIA_ROOT = tmp_path
    staff = UserFactory(role="national_staff", display_name="Ineke Bos")
    for slug, people in (("walcheren", 3), ("amsterdam", 5)):
        session = SessionFactory(region=region(slug), capacity=6)
        for _ in range(people):
            EnrolmentFactory(session=session)
    ProfileFactory(status="active", regions=[region("walcheren")])

    page = browser_context_factory().new_page()
    page.goto("/account/login/")
    page.locator("input[name=login]").fill(staff.email)
    page.locator("input[name=password]").fill(PASSWORD)
    with page.expect_navigation():
        page.locator("main form button[type=submit]").first.click()
    expect(page).to_have_url(f"{live_server.url}/overzicht/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Landelijk overzicht")
    expect(page.locator("svg[role=img]").first).to_be_visible()
    assert axe_check(page) == []

    page.get_by_role("combobox", name="Regio").select_option(str(region("walcheren").pk))
    with page.expect_navigation():
        page.get_by_role("button", name="Toon").click()
    assert f"region={region('walcheren').pk}" in page.url
    expect(page.locator(".key-figures dd").nth(1)).to_have_text("3")
    assert axe_check(page) == []

    pool = page.locator(".export-list li").filter(has_text="Trainerspool")
    with page.expect_navigation():
        pool.get_by_role("button", name="Download als CSV").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Trainerspool")
    expect(page.locator("progress")).to_be_visible()
    link = page.get_by_role("link", name="Download trainerspool.csv")
    expect(link).to_be_visible()
    expect(page.locator("[data-export-percent]")).to_have_text("100%")
    assert axe_check(page) == []
    with page.expect_download() as download:
        link.click()
    body = download.value.path().read_text(encoding="utf-8-sig")
    assert body.startswith("regio;")
