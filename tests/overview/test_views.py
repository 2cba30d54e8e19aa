"""The overview page: who sees it, where staff land, filters, and a constant query count."""

from datetime import timedelta

import pytest
from django.urls import reverse

from overview.services import overview_refresh
from tests.accounts.factories import PASSWORD, UserFactory
from tests.courses.factories import EnrolmentFactory, SessionFactory, region
from tests.trainers.factories import ProfileFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff_client(client, national_staff):
    client.force_login(national_staff)
    return client


def test_staff_land_on_the_overview_after_log_in_others_on_mijn(client, settings):
    settings.LEERKRING_REQUIRE_STAFF_MFA = False
    staff = UserFactory(role="national_staff")
    response = client.post(reverse("account_login"), {"login": staff.email, "password": PASSWORD})
    assert response.status_code == 302
    assert response["Location"] == "/overzicht/"
    client.logout()
    participant = UserFactory(role="participant")
    response = client.post(
        reverse("account_login"), {"login": participant.email, "password": PASSWORD}
    )
    assert response["Location"] == "/mijn/"
    client.logout()
    response = client.post(
        reverse("account_login") + "?next=/trainers/beheer/",
        {"login": staff.email, "password": PASSWORD},
    )
    assert response["Location"] == "/trainers/beheer/"  # a next wins


def test_the_page_shows_charts_with_tables_and_the_filters(staff_client):
    session = SessionFactory(region=region("walcheren"), capacity=4)
    EnrolmentFactory(session=session)
    EnrolmentFactory(session=session, status="waitlisted")
    ProfileFactory(status="active", regions=[region("walcheren")])
    page = staff_client.get("/overzicht/").content.decode()
    charts = page.count('<svg class="bar-chart"')
    assert charts >= 5
    assert page.count('role="img" aria-labelledby="chart-') == charts
    assert page.count("<table") >= charts  # every chart is followed by its table
    assert "Alle regio&#x27;s" in page or "Alle regio's" in page
    assert "Alle cursussen" in page
    assert 'media="print"' in page
    assert "None" not in page.split("<main", 1)[1]
    assert 'data-value="1"' in page  # one enrolled, one waiting in Walcheren
    walcheren = staff_client.get("/overzicht/", {"region": region("walcheren").pk})
    amsterdam = staff_client.get("/overzicht/", {"region": region("amsterdam").pk})
    assert walcheren.context["figures"].sessions == 1
    assert amsterdam.context["figures"].sessions == 0
    assert "Geen sessies in deze keuze." in amsterdam.content.decode()


def test_bad_filters_get_a_dutch_message_not_an_error(staff_client):
    response = staff_client.get(
        "/overzicht/", {"date_from": "gisteren", "region": "x", "course": "999999"}
    )
    assert response.status_code == 200
    assert "Voer een geldige datum in." in response.content.decode()
    response = staff_client.get("/overzicht/", {"date_from": "2027-05-01", "date_to": "2027-01-01"})
    assert "Deze datum ligt voor de datum bij" in response.content.decode()


def test_the_page_reads_the_stored_buckets_not_the_sessions(staff_client):
    SessionFactory()
    staff_client.get("/overzicht/")  # the first visit folds once (no refresh yet)
    SessionFactory()
    assert staff_client.get("/overzicht/").context["figures"].sessions == 1
    overview_refresh()
    assert staff_client.get("/overzicht/").context["figures"].sessions == 2


def test_query_count_does_not_grow_with_the_data(staff_client, constant_queries):
    def grow(n):
        for i in range(n):
            session = SessionFactory(
                region=region(["amsterdam", "walcheren"][i % 2]), starts_in=timedelta(days=5 + i)
            )
            EnrolmentFactory(session=session)
            ProfileFactory(status="active")
        overview_refresh()

    staff_client.get("/overzicht/")
    constant_queries(grow=grow, action=lambda: staff_client.get("/overzicht/"), max_queries=25)
