"""A visitor's journey through the course content in a real Chromium, with an accessibility check
on every page, and the same core path with JavaScript switched off."""

import pytest
from django.core.management import call_command

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def demo(live_server):
    call_command("load_demo")


def test_visitor_journey_home_to_search(page, axe_check, demo):
    page.goto("/")
    axe_check(page)

    page.get_by_role("link", name="Bekijk alle cursussen").click()
    page.wait_for_url("**/cursussen/")
    axe_check(page)
    total = page.locator("li.session").count()
    assert total >= 4

    page.get_by_label("Regio").select_option("walcheren")
    page.get_by_role("button", name="Toon cursusdagen").click()
    page.wait_for_url("**regio=walcheren**")
    assert 1 <= page.locator("li.session").count() < total
    axe_check(page)

    page.locator(".card-list").get_by_role("link", name="Lokale belangenbehartiging").click()
    page.wait_for_url("**/lokale-belangenbehartiging/")
    assert page.locator("li.session").count() >= 3
    axe_check(page)

    page.get_by_role("link", name="Netwerken in vier stappen").click()
    page.wait_for_url("**/netwerken-in-vier-stappen/")
    assert page.locator(".kort-gezegd").first.is_visible()
    assert "Vlinderen" in page.content()
    axe_check(page)

    page.get_by_role("link", name="Mijn rugzak").click()
    page.wait_for_url("**/rugzak/")
    assert page.locator(".rugzak-item").count() >= 6
    axe_check(page)
    page.emulate_media(media="print")
    assert page.locator(".site-header").is_hidden()
    assert page.locator(".rugzak-item").first.is_visible()
    page.emulate_media(media="screen")

    page.get_by_role("link", name="Zoeken").click()
    page.get_by_label("Waar zoek je naar?").fill("vlinderen")
    page.get_by_role("button", name="Zoek").click()
    page.wait_for_url("**q=vlinderen**")
    assert page.get_by_role("link", name="Netwerken in vier stappen").is_visible()
    assert "Onderdeel van de cursus Lokale belangenbehartiging" in page.content()
    axe_check(page)


def test_pages_work_without_javascript(browser_context_factory, axe_check, demo):
    page = browser_context_factory(java_script_enabled=False).new_page()
    page.goto("/cursussen/")
    page.get_by_label("Regio").select_option("amsterdam")
    page.get_by_role("button", name="Toon cursusdagen").click()
    page.wait_for_url("**regio=amsterdam**")
    assert page.locator("li.session").count() >= 1

    page.goto("/cursussen/lokale-belangenbehartiging/netwerken-in-vier-stappen/")
    # "Lees voor" needs speech synthesis through JavaScript: without it, no dead button.
    assert page.locator(".read-aloud").is_hidden()
    page.get_by_role("link", name="Grote letters").click()
    assert "text-large" in (page.locator("html").get_attribute("class") or "")
    assert page.get_by_role("link", name="Gewone letters").is_visible()
