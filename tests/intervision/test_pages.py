"""The intervision pages through the client: what people see, bad input, other people's ids."""

from datetime import timedelta

import pytest
from django.utils import timezone

from courses.models import Enrolment
from intervision.models import Moment, Request, Support
from tests.accounts.factories import UserFactory
from tests.courses.factories import EnrolmentFactory

from .factories import MomentFactory, RequestFactory, completed_session, moment_times

pytestmark = pytest.mark.django_db
HUGE = "9" * 30


@pytest.fixture
def world(db):
    session, trainer, people = completed_session(attendees=4)
    return {"session": session, "trainer": trainer, "me": people[0], "others": people[1:]}


def _after(session):
    return f"/intervisie/na-de-cursus/{session.pk}/"


def test_participant_sees_requests_with_support_and_supports_one(client, world):
    session, me, (ann, bob, _c) = world["session"], world["me"], world["others"]
    asked = RequestFactory(session=session, author=ann, topic="Hoe betrekken we de buurt?")
    Support.objects.create(request=asked, user=bob)
    client.force_login(me)
    page = client.get(_after(session)).content.decode()
    assert "Hoe betrekken we de buurt?" in page
    assert "1 ander wil dit ook." in page
    response = client.post(f"/intervisie/vraag/{asked.pk}/steunen/")
    assert response.status_code == 302
    assert response["Location"] == _after(session)
    page = client.get(_after(session)).content.decode()
    assert "2 anderen willen dit ook." in page
    assert "Ik wil dit niet meer" in page
    client.post(f"/intervisie/vraag/{asked.pk}/niet-meer-steunen/")
    assert not Support.objects.filter(request=asked, user=me).exists()


def test_asking_with_a_suggestion_or_own_words(client, world):
    client.force_login(world["me"])
    url = f"/intervisie/na-de-cursus/{world['session'].pk}/vragen/"
    assert "Hoe betrekken we de achterban?" in client.get(url).content.decode()
    assert client.post(url, {"suggestion": "gemeente"}).status_code == 302
    assert client.post(url, {"topic": "  Hoe schrijf ik  een brief? "}).status_code == 302
    topics = sorted(Request.objects.values_list("topic", flat=True))
    assert topics == [
        "Hoe schrijf ik een brief?",
        "Waar is de gemeente precies verantwoordelijk voor?",
    ]


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({}, "Kies een onderwerp, of schrijf zelf"),
        ({"suggestion": "bestaat-niet"}, "Kies een onderwerp uit de lijst."),
        ({"topic": "x" * 301}, "Het onderwerp is te lang"),
        ({"topic": "met\x00nul"}, "onzichtbaar teken"),
    ],
)
def test_asking_with_bad_input_says_why_and_keeps_the_text(client, world, data, message):
    client.force_login(world["me"])
    url = f"/intervisie/na-de-cursus/{world['session'].pk}/vragen/"
    response = client.post(url, data)
    assert response.status_code == 400
    page = response.content.decode()
    assert message in page
    if data.get("topic") and "\x00" not in data["topic"]:
        assert data["topic"] in page
    assert not Request.objects.exists()


def test_asking_after_the_series_closed_is_refused_in_the_form(client, world):
    from intervision import services

    services.series_close(actor=world["trainer"], session=world["session"])
    client.force_login(world["me"])
    url = f"/intervisie/na-de-cursus/{world['session'].pk}/vragen/"
    response = client.post(url, {"topic": "Nog een vraag"})
    assert response.status_code == 409
    assert "afgesloten" in response.content.decode()
    assert "Nog een vraag" in response.content.decode()


def test_someone_else_s_course_and_huge_ids_are_404(client, world):
    stranger = UserFactory(role="participant")
    other, _t, _p = completed_session(attendees=1)
    EnrolmentFactory(session=other, user=stranger, status=Enrolment.Status.CONFIRMED)
    asked = RequestFactory(session=world["session"], author=world["others"][0])
    moment = MomentFactory(session=world["session"])
    client.force_login(stranger)
    for url in (
        _after(world["session"]),
        _after(other),  # confirmed but not attended
        f"/intervisie/na-de-cursus/{HUGE}/",
        f"/intervisie/moment/{moment.pk}/",
        f"/intervisie/moment/{HUGE}/",
        f"/intervisie/mijn-sessies/{world['session'].pk}/",
    ):
        assert client.get(url).status_code == 404, url
    for url in (f"/intervisie/vraag/{asked.pk}/steunen/", f"/intervisie/vraag/{HUGE}/steunen/"):
        assert client.post(url).status_code == 404, url
    assert not Support.objects.exists()


def test_planned_moment_with_calendar_and_held_moment_with_report(client, world):
    session, me = world["session"], world["me"]
    planned = MomentFactory(session=session, number=1, online_url="https://meet.example.org/x")
    held = MomentFactory(
        session=session,
        number=2,
        status=Moment.Status.HELD,
        starts_at=timezone.now() - timedelta(days=3),
        ends_at=timezone.now() - timedelta(days=3) + timedelta(hours=2),
        discussed="We oefenden een gesprek.",
        agreements="Iedereen belt de wethouder.",
        reported_at=timezone.now() - timedelta(days=2),
        reported_by=world["trainer"],
    )
    client.force_login(me)
    page = client.get(_after(session)).content.decode()
    assert f"/intervisie/moment/{planned.pk}/agenda.ics" in page
    assert "https://meet.example.org/x" in page
    assert "Lees het verslag" in page
    ics = client.get(f"/intervisie/moment/{planned.pk}/agenda.ics")
    assert ics["Content-Type"].startswith("text/calendar")
    assert b"BEGIN:VEVENT" in ics.content
    report = client.get(f"/intervisie/moment/{held.pk}/").content.decode()
    assert "We oefenden een gesprek." in report
    assert "Iedereen belt de wethouder." in report


def test_a_planned_question_ends_with_its_own_mark_not_a_colon(client, world):
    session = world["session"]
    asked = RequestFactory(
        session=session,
        author=world["others"][0],
        topic="Wat doe ik als de gemeente niet antwoordt?",
        status=Request.Status.PLANNED,
    )
    moment = MomentFactory(session=session, number=1)
    moment.answered_requests.add(asked)
    client.force_login(world["me"])
    page = client.get(_after(session)).content.decode()
    assert "Deze vragen komen aan bod" in page
    assert "antwoordt? \N{EN DASH} <a" in page
    assert "?: " not in page


def test_follow_up_list_is_offered_once_the_series_is_closed(client, world):
    from intervision import services

    client.force_login(world["me"])
    assert "Vul de lijst in" not in client.get(_after(world["session"])).content.decode()
    services.series_close(actor=world["trainer"], session=world["session"])
    page = client.get(_after(world["session"])).content.decode()
    assert "De lijst staat nu open." in page
    assert "Vul de lijst in" in page
    assert 'name="moment" value="follow_up"' in page


def test_my_courses_links_to_after_the_course(client, world):
    client.force_login(world["me"])
    page = client.get("/cursussen/mijn-cursussen/").content.decode()
    assert _after(world["session"]) in page
    page = client.get(world["session"].get_absolute_url()).content.decode()
    assert _after(world["session"]) in page


def test_after_course_query_count_does_not_grow(client, world, constant_queries):
    session = world["session"]
    client.force_login(world["me"])
    made = {"n": 0}

    def grow(n):
        for _ in range(n):
            made["n"] += 1
            person = EnrolmentFactory(session=session, status=Enrolment.Status.ATTENDED).user
            asked = RequestFactory(session=session, author=person)
            Support.objects.create(request=asked, user=world["others"][0])
        Moment.objects.filter(session=session).delete()
        for number in range(1, min(made["n"], 3) + 1):
            MomentFactory(session=session, number=number)

    constant_queries(
        grow=grow, action=lambda: client.get(_after(session)), sizes=(2, 8), max_queries=30
    )


def test_moment_times_factory_is_in_the_future():
    assert moment_times()[0] > timezone.now()
