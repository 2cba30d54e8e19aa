"""The public pages: catalogue filters, course and module pages, rugzak, search, text size."""

from datetime import timedelta

import pytest
from django.core.management import call_command
from django.urls import reverse

from accounts.models import Region
from courses.models import Session
from tests.cms import factories as f
from tests.courses.factories import (
    AssignmentFactory,
    CourseFactory,
    EnrolmentFactory,
    SessionFactory,
    VenueFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def course_page():
    page = f.course_page(title="Lokale belangenbehartiging", slug="lokaal")
    f.module_page(page, title="Netwerken", slug="netwerken")
    f.module_page(page, title="Zichtbaar", slug="zichtbaar")
    return page


def test_course_page_shows_modules_sessions_and_trainers(client, course_page):
    session = SessionFactory(course=course_page.course, capacity=3)
    EnrolmentFactory(session=session)
    AssignmentFactory(session=session, trainer__display_name="Karim El Amrani")
    SessionFactory(course=course_page.course, status=Session.Status.DRAFT)
    SessionFactory(course=course_page.course, starts_in=timedelta(days=-2))

    html = client.get(course_page.url).content.decode()
    assert "Netwerken" in html
    assert "Zichtbaar" in html
    assert html.count('class="session"') == 1
    assert "Nog 2 plekken vrij" in html
    assert "Karim" in html
    assert "El Amrani" not in html
    assert session.get_absolute_url() in html


def test_full_session_says_wachtlijst(client, course_page):
    session = SessionFactory(course=course_page.course, capacity=1)
    EnrolmentFactory(session=session)
    html = client.get(course_page.url).content.decode()
    assert "wachtlijst" in html


def test_catalogue_filters_by_region_month_and_course(client, course_page):
    other = f.course_page(title="Train-de-trainer", slug="ttt")
    amsterdam = Region.objects.get(slug="amsterdam")
    walcheren = Region.objects.get(slug="walcheren")
    SessionFactory(course=course_page.course, region=amsterdam, starts_in=timedelta(days=10))
    SessionFactory(course=course_page.course, region=walcheren, starts_in=timedelta(days=80))
    SessionFactory(course=other.course, region=walcheren, starts_in=timedelta(days=12))
    catalogue = f.catalogue_page()

    def count(query=""):
        return client.get(catalogue.url + query).content.decode().count('class="session"')

    assert count() == 3
    assert count("?regio=walcheren") == 2
    assert count("?regio=walcheren&cursus=ttt") == 1
    month = Session.objects.get(region=amsterdam).starts_at
    assert count(f"?maand={month:%Y-%m}&regio=amsterdam") == 1


@pytest.mark.parametrize(
    "query",
    [
        "?regio=bestaat-niet",
        "?maand=2020-13",
        "?maand=abc",
        "?cursus=%00",
        "?pagina=abc",
        "?pagina=99999",
        "?pagina=-1&regio=&maand=&cursus=",
    ],
)
def test_catalogue_ignores_unknown_filter_values(client, course_page, query):
    SessionFactory(course=course_page.course)
    response = client.get(f.catalogue_page().url + query)
    assert response.status_code == 200
    assert response.content.decode().count('class="session"') == 1


def test_module_page_has_kort_gezegd_first_and_navigation(client, course_page):
    module = course_page.get_children().first().specific
    html = client.get(module.url).content.decode()
    assert html.index('class="kort-gezegd"') < html.index("Over vlinderen")
    assert 'rel="next"' in html
    assert 'class="tool-link read-aloud"' in html
    assert " hidden>" in html  # "Lees voor" waits for JavaScript to prove speech works


def test_rugzak_gathers_every_kort_gezegd(client, course_page):
    response = client.get(course_page.url + "rugzak/")
    html = response.content.decode()
    assert response.status_code == 200
    assert html.count("rugzak-item") == 2
    assert f.KORT in html


def test_text_size_link_sets_cookie_and_returns(client, course_page):
    response = client.get(reverse("text_size"), {"grootte": "groot", "next": course_page.url})
    assert response.status_code == 302
    assert response["Location"] == course_page.url
    assert response.cookies["tekstgrootte"].value == "groot"
    html = client.get(course_page.url).content.decode()
    assert 'class="text-large"' in html
    assert "Gewone letters" in html


def test_text_size_refuses_foreign_redirects(client):
    response = client.get(
        reverse("text_size"), {"grootte": "groot", "next": "https://evil.example/"}
    )
    assert response["Location"] == "/"


def test_search_finds_modules_and_names_their_course(client, course_page):
    response = client.get(reverse("search"), {"q": "vlinderen"})
    html = response.content.decode()
    assert "Netwerken" in html
    assert "Onderdeel van de cursus Lokale belangenbehartiging" in html


def test_meta_and_open_graph_tags(client, course_page):
    html = client.get(course_page.url).content.decode()
    assert '<meta property="og:title" content="Lokale belangenbehartiging">' in html
    assert '<meta name="description" content="Een korte samenvatting.">' in html
    assert "og:image" in html


def test_sitemap_lists_course_and_module_pages(client, course_page):
    xml = client.get("/sitemap.xml").content.decode()
    assert "/cursussen/lokaal/" in xml
    assert "/cursussen/lokaal/netwerken/" in xml


def test_course_page_shows_the_next_sessions_and_links_to_all(client, course_page):
    for days in range(10):
        SessionFactory(course=course_page.course, starts_in=timedelta(days=5 + days))
    html = client.get(course_page.url).content.decode()
    assert html.count('class="session"') == 8
    assert "/cursussen/?cursus=lokaal#cursusdagen" in html


def test_course_page_says_how_long_the_course_takes_from_its_meetings(client):
    """Not "one day, 10.00-16.00" when the sessions have three meetings of two and a half hours."""
    page = f.course_page(course=CourseFactory(number_of_meetings=3))
    session = SessionFactory(course=page.course, meetings=3, starts_in=timedelta(days=20))
    for meeting in session.meetings.all():
        meeting.ends_at = meeting.starts_at + timedelta(hours=2, minutes=30)
        meeting.save()
    html = client.get(page.url).content.decode()
    assert "De cursus heeft 3 bijeenkomsten. Elke bijeenkomst duurt 2,5 uur." in html


def test_demo_course_page_promises_no_one_day_course(client):
    call_command("load_demo")
    html = client.get("/cursussen/lokale-belangenbehartiging/").content.decode()
    assert "één dag" not in html
    assert "De cursus heeft 3 bijeenkomsten." in html


def test_catalogue_cards_show_venue_accessibility(client):
    page = f.course_page()
    venue = VenueFactory(name="Het Trefpunt", step_free=True, hearing_loop=True, quiet_room=False)
    SessionFactory(course=page.course, venue=venue, starts_in=timedelta(days=12))
    html = client.get("/cursussen/").content.decode()
    card = html[html.index("Het Trefpunt") :]
    card = card[: card.index("</li>\n")]
    assert "Zonder drempels of trappen" in card
    assert "Ringleiding" in card
    assert "Stille ruimte" not in card
