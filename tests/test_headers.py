"""Security headers and the API docs under the content security policy."""

import re

import pytest

pytestmark = pytest.mark.django_db

DENIED = ("camera=()", "microphone=()", "geolocation=()", "payment=()", "usb=()")


def test_api_docs_load_only_same_origin_assets(client):
    response = client.get("/api/docs")
    assert response.status_code == 200
    html = response.content.decode()
    assets = re.findall(r'<(?:script|link)\b[^>]*\b(?:src|href)="([^"]+)"', html)
    assert any(url.endswith("swagger-ui-bundle.js") for url in assets)
    assert any(url.endswith("swagger-ui.css") for url in assets)
    for url in assets:
        assert url.startswith("/static/"), url
        assert client.get(url).status_code == 200, url
    assert "cdn." not in html


def test_api_docs_run_no_inline_script_the_csp_would_block(client):
    response = client.get("/api/docs")
    policy = response["Content-Security-Policy"]
    script_src = re.search(r"script-src ([^;]*)", policy).group(1).split()
    assert all(not source.startswith("http") for source in script_src)
    for attributes, body in re.findall(
        r"<script\b([^>]*)>(.*?)</script>", response.content.decode(), re.S
    ):
        # Data blocks (type="application/json") are not run; anything else must come from a file.
        assert "src=" in attributes or 'type="application/json"' in attributes, attributes
        if "src=" in attributes:
            assert not body.strip()


@pytest.mark.parametrize(
    "url", ["/", "/bestaat-niet/", "/api/docs", "/api/sessions", "/static/css/leerkring.css"]
)
def test_every_response_carries_the_permissions_policy(client, url):
    response = client.get(url)
    header = response.get("Permissions-Policy", "")
    for feature in DENIED:
        assert feature in header, url
    # Embedded videos may still go full screen.
    assert "fullscreen" not in header


def test_a_cached_page_carries_the_permissions_policy(client):
    client.get("/")
    response = client.get("/")
    assert response.get("X-Leerkring-Cache") == "hit"
    assert "camera=()" in response["Permissions-Policy"]
