"""A visitor's journey through the course content in a real Chromium, with an accessibility check
on every page, and the same core path with JavaScript switched off."""

import json
import os

import pytest
from django.core.management import call_command

from tests.conftest import AXE, CHROMIUM

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture
def browser():
    os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        yield browser
        browser.close()


@pytest.fixture
def site(live_server):
    call_command("load_demo")
    return live_server.url


def axe_check(page):
    """No WCAG 2.x A/AA violations on the page as it is now."""
    page.evaluate(AXE.read_text())
    result = page.evaluate(
        """() => axe.run(document, {runOnly: {type: 'tag',
             values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']}})"""
    )
    violations = [
        {"id": v["id"], "nodes": [n["target"] for n in v["nodes"]][:3]}
        for v in result["violations"]
    ]
    assert not violations, f"{page.url}: {json.dumps(violations, indent=1)}"


def test_visitor_journey_home_to_search(browser, site):
    page = browser.new_page()
    page.goto(site + "/")
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


def test_pages_work_without_javascript(browser, site):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(site + "/cursussen/")
    page.get_by_label("Regio").select_option("amsterdam")
    page.get_by_role("button", name="Toon cursusdagen").click()
    page.wait_for_url("**regio=amsterdam**")
    assert page.locator("li.session").count() >= 1

    page.goto(site + "/cursussen/lokale-belangenbehartiging/netwerken-in-vier-stappen/")
    # "Lees voor" needs speech synthesis through JavaScript: without it, no dead button.
    assert page.locator(".read-aloud").is_hidden()
    page.get_by_role("link", name="Grote letters").click()
    assert "text-large" in (page.locator("html").get_attribute("class") or "")
    assert page.get_by_role("link", name="Gewone letters").is_visible()
    context.close()
