"""Anonymous page views come from the cache; publishing or a places change makes them fresh."""

import pytest

from courses import services
from tests.cms import factories as f
from tests.courses.factories import SessionFactory

pytestmark = pytest.mark.django_db


def _get(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return response.get("X-Leerkring-Cache"), response.content.decode()


def test_second_anonymous_view_is_a_cache_hit(client):
    page = f.course_page()
    assert _get(client, page.url)[0] == "miss"
    assert _get(client, page.url)[0] == "hit"


def test_publishing_a_page_invalidates_the_cache(client):
    page = f.course_page(summary="Oude samenvatting.")
    _get(client, page.url)
    page.summary = "Nieuwe samenvatting."
    page.save_revision().publish()
    state, html = _get(client, page.url)
    assert state == "miss"
    assert "Nieuwe samenvatting." in html


def test_places_left_change_invalidates_the_cache(
    client, participant, django_capture_on_commit_callbacks
):
    page = f.course_page()
    session = SessionFactory(course=page.course, capacity=5)
    assert "Nog 5 plekken vrij" in _get(client, page.url)[1]
    assert _get(client, page.url)[0] == "hit"
    with django_capture_on_commit_callbacks(execute=True):
        services.enrolment_create(actor=participant, session=session, user=participant)
    state, html = _get(client, page.url)
    assert state == "miss"
    assert "Nog 4 plekken vrij" in html


def test_status_change_invalidates_the_catalogue(
    client, national_staff, django_capture_on_commit_callbacks
):
    page = f.course_page()
    session = SessionFactory(course=page.course)
    catalogue = f.catalogue_page()
    assert 'class="session"' in _get(client, catalogue.url)[1]
    with django_capture_on_commit_callbacks(execute=True):
        services.session_cancel(
            actor=national_staff, session=session, reason="Te weinig deelnemers"
        )
    state, html = _get(client, catalogue.url)
    assert state == "miss"
    assert 'class="session"' not in html


def test_logged_in_views_are_never_cached(client, participant):
    page = f.course_page()
    client.force_login(participant)
    first = client.get(page.url)
    second = client.get(page.url)
    assert "X-Leerkring-Cache" not in first
    assert "X-Leerkring-Cache" not in second
    assert "no-store" in second["Cache-Control"]
    assert "private" in second["Cache-Control"]


def test_cached_page_gets_a_fresh_csrf_token_per_visitor(client):
    from django.test import Client

    page = f.course_page()
    _get(client, page.url)
    other = Client()
    response = other.get(page.url)
    html = response.content.decode()
    assert response["X-Leerkring-Cache"] == "hit"
    assert "__leerkring_csrf_token__" not in html
    assert 'name="csrfmiddlewaretoken" value="' in html
    assert "csrftoken" in response.cookies


def test_text_size_and_language_have_their_own_cache_entries(client):
    page = f.course_page()
    _get(client, page.url)
    client.cookies["tekstgrootte"] = "groot"
    state, html = _get(client, page.url)
    assert state == "miss"
    assert 'class="text-large"' in html


def test_each_host_gets_its_own_cached_page(client, settings):
    settings.ALLOWED_HOSTS = ["een.example", "twee.example"]
    page = f.course_page()
    first = client.get(page.url, HTTP_HOST="een.example")
    assert first.get("X-Leerkring-Cache") == "miss"
    assert client.get(page.url, HTTP_HOST="een.example").get("X-Leerkring-Cache") == "hit"
    other = client.get(page.url, HTTP_HOST="twee.example")
    assert other.get("X-Leerkring-Cache") == "miss"
    assert "een.example" not in other.content.decode()
    assert client.get(page.url, HTTP_HOST="twee.example").get("X-Leerkring-Cache") == "hit"
