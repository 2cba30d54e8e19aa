"""Dutch by default; English through the language form; every English text is translated."""

import shutil

import polib
import pytest
from django.conf import settings
from django.core.management import call_command
from django.urls import reverse

from tests.conftest import CI

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


#: Not source: the same folders ``make messages`` leaves out, plus build output.
_NOT_SOURCE = (".*", ".venv", "node_modules", "var", "tests", "bench", "__pycache__", "*.mo")


def test_every_string_in_the_code_is_in_the_english_catalogue(tmp_path, settings, monkeypatch):
    """``makemessages`` on a copy of the source: a string added to the code without running
    ``make messages`` (or without an English translation) shows up here, not on the English site.

    A copy, because makemessages writes helper files next to the templates and merges into the
    catalogue it finds; the checkout stays untouched.
    """
    if shutil.which("xgettext") is None:
        # A missing tool must not pass CI quietly (.ci/run installs gettext).
        (pytest.fail if CI else pytest.skip)("needs GNU gettext (xgettext): apt install gettext")
    source = tmp_path / "src"
    shutil.copytree(settings.BASE_DIR, source, ignore=shutil.ignore_patterns(*_NOT_SOURCE))
    settings.LOCALE_PATHS = [source / "locale"]
    monkeypatch.chdir(source)

    call_command("makemessages", locale=["en"], no_obsolete=True, verbosity=0)

    extracted = polib.pofile(str(source / "locale/en/LC_MESSAGES/django.po"))
    committed = polib.pofile(str(settings.BASE_DIR / "locale/en/LC_MESSAGES/django.po"))
    committed_ids = {(entry.msgctxt, entry.msgid) for entry in committed if not entry.obsolete}
    missing = sorted(
        entry.msgid
        for entry in extracted
        if not entry.obsolete and (entry.msgctxt, entry.msgid) not in committed_ids
    )
    assert missing == [], "run `make messages` and translate these into English"
    assert [entry.msgid for entry in extracted.untranslated_entries()] == []
    assert [entry.msgid for entry in extracted.fuzzy_entries()] == []
    assert "Meedoen" in {entry.msgid for entry in extracted}
