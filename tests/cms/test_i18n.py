"""Dutch by default; English through the language form; every English text is translated."""

import polib
import pytest
from django.conf import settings
from django.urls import reverse

pytestmark = pytest.mark.django_db


def _choose(client, language, next_url="/"):
    response = client.post("/taal/setlang/", {"language": language, "next": next_url})
    assert response.status_code == 302
    assert response["Location"] == next_url


def test_home_page_is_dutch_by_default(client):
    body = client.get("/").content.decode()
    assert '<html lang="nl"' in body
    assert "Naar de inhoud" in body
    assert "Inloggen" in body


def test_language_form_switches_home_and_login_page_to_english(client):
    _choose(client, "en")
    home = client.get("/").content.decode()
    assert '<html lang="en"' in home
    assert "Skip to content" in home
    assert "Create account" in home
    assert "Naar de inhoud" not in home

    login = client.get(reverse("account_login")).content.decode()
    assert '<html lang="en"' in login
    assert "Log in" in login
    assert "Choose language" in login

    _choose(client, "nl", next_url=reverse("account_login"))
    assert "Kies taal" in client.get(reverse("account_login")).content.decode()


def test_every_english_text_is_translated():
    catalogue = polib.pofile(str(settings.BASE_DIR / "locale/en/LC_MESSAGES/django.po"))
    untranslated = [entry.msgid for entry in catalogue.untranslated_entries()]
    fuzzy = [entry.msgid for entry in catalogue.fuzzy_entries()]
    assert untranslated == []
    assert fuzzy == []
    assert (settings.BASE_DIR / "locale/nl/LC_MESSAGES/django.po").exists()
