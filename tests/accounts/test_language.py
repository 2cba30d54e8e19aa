import pytest
from django.conf import settings

pytestmark = pytest.mark.django_db


def test_browser_language_does_not_switch_the_site_to_english(client):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    body = response.content.decode()
    assert '<html lang="nl"' in body
    assert "Zoeken" in body


def test_chosen_language_cookie_switches_to_english(client):
    client.get("/")  # a cached Dutch page must not be served to an English reader
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    body = client.get("/").content.decode()
    assert '<html lang="en"' in body
    assert "Search" in body


def test_unknown_language_cookie_falls_back_to_dutch(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "xx"
    assert '<html lang="nl"' in client.get("/").content.decode()
