"""The start page: each course card says which session (dates and place), and each moment says
plainly when it opens or since when it is closed."""

import re
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.urls import reverse

from tests.courses.factories import EnrolmentFactory, SessionFactory, VenueFactory

from .factories import complete_session

pytestmark = pytest.mark.django_db

NOW = datetime(2026, 11, 2, 10, 0, tzinfo=ZoneInfo("Europe/Amsterdam"))


def _text(html):
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


def test_cards_show_dates_and_place_and_moments_say_open_from_or_closed_since(client, participant):
    with time_machine.travel(NOW, tick=False):
        ahead = SessionFactory(
            starts_in=timedelta(days=10),
            meetings=3,
            venue=VenueFactory(name="De Boei", city="Middelburg"),
        )
        EnrolmentFactory(session=ahead, user=participant, status="confirmed")
        online = SessionFactory(starts_in=timedelta(days=20), venue=None, online_url="https://x.nl")
        EnrolmentFactory(session=online, user=participant, status="confirmed")
        done = SessionFactory(starts_in=timedelta(days=-30))
        EnrolmentFactory(
            session=done, user=participant, status="confirmed", created_at=NOW - timedelta(days=40)
        )
        complete_session(done, when=NOW - timedelta(days=20))

        client.force_login(participant)
        page = _text(client.get(reverse("competencies:index")).content.decode())

    # Which session: dates and place, so two cards of one course are told apart.
    assert "12 november 2026 tot en met 26 november 2026" in page
    assert f"De Boei, Middelburg (regio {ahead.region.name})" in page
    assert "22 november 2026" in page
    assert f"Online (regio {online.region.name})" in page
    # A future date is "open vanaf", a past one "gesloten sinds"; never "gesloten (vanaf".
    assert "gesloten (vanaf" not in page
    assert "Later, na de intervisie : open vanaf 13 april 2027" in page  # 6 months after
    assert "Voor de cursus : gesloten sinds 3 oktober 2026" in page
    assert "Na de cursus : kan pas na de cursus" in page
    for word in ("None", "True", "False"):
        assert not re.search(rf"\b{word}\b", page)
