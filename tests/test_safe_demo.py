"""The demo is safe to start on any host: no debug pages, no key from the repository."""

import os
import stat
import subprocess
import sys

import pytest
from django.conf import settings
from django.urls import path

from config import urls as root_urls
from config.secret import local_secret_key


def _demo_settings(*names):
    """Settings as `make run` loads them: no DJANGO_* variables, the demo's MFA relaxation."""
    environment = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DJANGO_", "LEERKRING_", "PYTEST"))
    }
    environment.update(
        DJANGO_SETTINGS_MODULE="config.settings", LEERKRING_REQUIRE_STAFF_MFA="false"
    )
    code = "from django.conf import settings; " + "; ".join(
        f"print(repr(settings.{name}))" for name in names
    )
    result = subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", code],
        cwd=settings.BASE_DIR,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    return [eval(line) for line in result.stdout.splitlines()[-len(names) :]]  # noqa: S307


def test_demo_runs_without_debug_on_the_installs_own_key():
    debug, key, hosts = _demo_settings("DEBUG", "SECRET_KEY", "ALLOWED_HOSTS")
    assert debug is False
    assert hosts == ["127.0.0.1", "localhost"]
    key_file = settings.BASE_DIR / "var" / "secret_key"
    assert key == key_file.read_text().strip()
    assert stat.S_IMODE(key_file.stat().st_mode) == 0o600
    assert len(key) >= 50
    assert key not in (settings.BASE_DIR / "config" / "settings.py").read_text()


def test_the_local_key_is_random_made_once_private_and_reused(tmp_path):
    first = local_secret_key(tmp_path / "var" / "secret_key")
    assert len(first) >= 50
    assert stat.S_IMODE((tmp_path / "var" / "secret_key").stat().st_mode) == 0o600
    assert local_secret_key(tmp_path / "var" / "secret_key") == first
    assert local_secret_key(tmp_path / "other" / "secret_key") != first
    assert sorted(p.name for p in (tmp_path / "var").iterdir()) == ["secret_key"]


def test_an_empty_key_file_gets_a_key(tmp_path):
    (tmp_path / "secret_key").write_text("\n")
    assert len(local_secret_key(tmp_path / "secret_key")) >= 50


@pytest.mark.django_db
def test_the_404_page_is_dutch_and_shows_nothing_of_the_code(client):
    response = client.get("/bestaat-niet/")
    assert response.status_code == 404
    body = response.content.decode()
    assert "Deze pagina bestaat niet" in body
    assert 'href="/static/css/leerkring.css"' in body
    for leak in ("URLconf", "Traceback", "DEBUG", "Page not found", "config.urls"):
        assert leak not in body


def _broken(request):
    raise RuntimeError("kapot")


urlpatterns = [path("kapot/", _broken), *root_urls.urlpatterns]
handler404 = root_urls.handler404
handler500 = root_urls.handler500


@pytest.mark.django_db
@pytest.mark.urls("tests.test_safe_demo")
def test_the_500_page_is_dutch_in_the_sites_style(client):
    client.raise_request_exception = False
    response = client.get("/kapot/")
    assert response.status_code == 500
    body = response.content.decode()
    assert "Er ging iets mis" in body
    assert "Dat is niet jouw fout" in body
    assert 'href="/static/css/leerkring.css"' in body
    assert 'lang="nl"' in body
    assert "kapot" not in body.replace('href="/"', "")
    assert "RuntimeError" not in body


@pytest.mark.django_db
def test_static_files_and_uploaded_images_are_served_with_debug_off(client, settings, tmp_path):
    assert settings.DEBUG is False
    assert client.get("/static/css/leerkring.css").status_code == 200
    settings.MEDIA_ROOT = tmp_path
    (tmp_path / "images").mkdir()
    (tmp_path / "images" / "foto.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    (tmp_path / "documents").mkdir()
    (tmp_path / "documents" / "geheim.pdf").write_bytes(b"%PDF-1.4")
    response = client.get("/media/images/foto.png")
    assert response.status_code == 200
    assert b"".join(response.streaming_content).startswith(b"\x89PNG")
    # Documents go through Wagtail's view, which checks privacy; never straight from disk.
    assert client.get("/media/documents/geheim.pdf").status_code == 404


@pytest.mark.django_db
def test_a_refused_form_post_gets_a_dutch_page_not_djangos():
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    response = client.post("/zoeken/", {"q": "x"})
    assert response.status_code == 403
    body = response.content.decode()
    assert "Deze pagina is verlopen" in body
    assert "CSRF" not in body
