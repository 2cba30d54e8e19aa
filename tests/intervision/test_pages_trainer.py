"""The trainer's intervision pages through the client: plan, the fourth refused, attendance,
report, cancel, close; trainer groups; other people's ids are 404."""

from datetime import timedelta

import pytest
from django.utils import timezone

from intervision.models import Attendance, Moment, Request, SeriesClosure, Support
from tests.accounts.factories import UserFactory
from tests.courses.factories import days_ahead

from .factories import MomentFactory, RequestFactory, TrainerGroupFactory, completed_session

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(db):
    session, trainer, people = completed_session(attendees=3)
    return {"session": session, "trainer": trainer, "people": people}


def _form(day=14, **extra):
    when = days_ahead(day)
    return {
        "date": when.date().isoformat(),
        "start": "19:00",
        "end": "21:00",
        "place": "Buurthuis De Kring",
        "online_url": "",
        **extra,
    }


def test_trainer_sees_requests_with_support_and_plans_a_moment(client, world):
    session, trainer, people = world["session"], world["trainer"], world["people"]
    asked = RequestFactory(session=session, author=people[0], topic="De achterban")
    for person in people[1:]:
        Support.objects.create(request=asked, user=person)
    client.force_login(trainer)
    page = client.get(f"/intervisie/mijn-sessies/{session.pk}/").content.decode()
    assert "De achterban" in page
    assert "0 van de 3 momenten" in page
    portal = client.get(f"/cursussen/mijn-sessies/{session.pk}/").content.decode()
    assert f"/intervisie/mijn-sessies/{session.pk}/" in portal
    url = f"/intervisie/mijn-sessies/{session.pk}/plannen/"
    assert "De achterban" in client.get(url).content.decode()
    response = client.post(url, _form(requests=[str(asked.pk)]))
    assert response.status_code == 302
    moment = Moment.objects.get()
    assert moment.number == 1
    assert list(moment.answered_requests.all()) == [asked]
    asked.refresh_from_db()
    assert asked.status == Request.Status.PLANNED


def test_a_fourth_moment_is_refused_plainly_and_nothing_typed_is_lost(client, world):
    session = world["session"]
    for number in (1, 2, 3):
        MomentFactory(session=session, number=number)
    client.force_login(world["trainer"])
    url = f"/intervisie/mijn-sessies/{session.pk}/plannen/"
    assert "Een vierde kan niet." in client.get(url).content.decode()
    response = client.post(url, _form(place="Het Wijkhuis, zaal 2"))
    assert response.status_code == 409
    page = response.content.decode()
    assert "Er zijn al drie intervisiemomenten. Een vierde kan niet." in page
    assert 'value="Het Wijkhuis, zaal 2"' in page
    assert 'value="19:00"' in page
    assert Moment.objects.count() == 3


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (_form(place="", online_url=""), "Vul een plaats of een online link in."),
        (_form(end="18:00"), "De eindtijd moet na de begintijd liggen."),
        (_form(date="31-02-2027"), "Vul een datum in"),
        (_form(day=-3), "Kies een moment in de toekomst."),
        (_form(place="", online_url="geen link"), "De online link klopt niet."),
    ],
)
def test_planning_with_bad_input_says_why(client, world, data, message):
    client.force_login(world["trainer"])
    response = client.post(f"/intervisie/mijn-sessies/{world['session'].pk}/plannen/", data)
    assert response.status_code in (400, 409)
    assert message in response.content.decode()
    assert not Moment.objects.exists()


def test_planning_for_another_course_s_request_is_refused(client, world):
    RequestFactory(session=world["session"], author=world["people"][0])
    foreign = RequestFactory()
    client.force_login(world["trainer"])
    url = f"/intervisie/mijn-sessies/{world['session'].pk}/plannen/"
    for bad in (str(foreign.pk), "99999999999999999999", "x"):
        response = client.post(url, _form(requests=[bad]))
        assert response.status_code == 400
        assert "Deze vraag hoort niet bij deze cursus." in response.content.decode()
    assert not Moment.objects.exists()


def test_attendance_report_cancel_and_close(client, world):
    session, trainer, people = world["session"], world["trainer"], world["people"]
    started = timezone.now() - timedelta(hours=1)
    held = MomentFactory(session=session, starts_at=started, ends_at=started + timedelta(hours=2))
    later = MomentFactory(session=session, number=2)
    client.force_login(trainer)
    url = f"/intervisie/moment/{held.pk}/aanwezig/"
    page = client.get(url).content.decode()
    assert all(p.get_full_name() in page for p in people)
    assert client.post(url, {"people": [str(people[0].pk)]}).status_code == 302
    marks = dict(Attendance.objects.values_list("user_id", "status"))
    assert marks == {people[0].pk: "attended", people[1].pk: "absent", people[2].pk: "absent"}
    assert client.post(url, {"people": ["123456789012345678901"]}).status_code == 400
    report = f"/intervisie/moment/{held.pk}/verslag/"
    assert client.post(report, {"discussed": "", "agreements": ""}).status_code == 400
    assert client.post(report, {"discussed": "Over de wethouder."}).status_code == 302
    held.refresh_from_db()
    assert held.status == Moment.Status.HELD
    assert held.discussed == "Over de wethouder."
    # A moment that has not begun: no attendance yet.
    assert (
        "nog niet begonnen"
        in client.get(f"/intervisie/moment/{later.pk}/aanwezig/").content.decode()
    )
    cancel = f"/intervisie/moment/{later.pk}/afzeggen/"
    assert client.post(cancel, {"reason": ""}).status_code == 400
    assert client.post(cancel, {"reason": "De trainer is ziek."}).status_code == 302
    later.refresh_from_db()
    assert later.status == Moment.Status.CANCELLED
    close = f"/intervisie/mijn-sessies/{session.pk}/afsluiten/"
    assert "Intervisie afsluiten" in client.get(close).content.decode()
    assert client.post(close).status_code == 302
    assert SeriesClosure.objects.filter(session=session).exists()


def test_editing_a_moment_keeps_its_number_and_tells_nothing_lost(client, world):
    moment = MomentFactory(session=world["session"], number=2)
    client.force_login(world["trainer"])
    url = f"/intervisie/moment/{moment.pk}/wijzigen/"
    assert 'value="Buurthuis De Kring"' in client.get(url).content.decode()
    bad = client.post(url, _form(place="", online_url="ftp://x"))
    assert bad.status_code == 400
    assert client.post(url, _form(day=20, place="Het Dorpshuis")).status_code == 302
    moment.refresh_from_db()
    assert moment.place == "Het Dorpshuis"
    assert moment.number == 2


def test_other_trainers_and_participants_get_404(client, world):
    other_trainer = UserFactory(role="trainer")
    moment = MomentFactory(session=world["session"])
    for user in (other_trainer, world["people"][0]):
        client.force_login(user)
        for url in (
            f"/intervisie/mijn-sessies/{world['session'].pk}/",
            f"/intervisie/mijn-sessies/{world['session'].pk}/plannen/",
            f"/intervisie/moment/{moment.pk}/aanwezig/",
            f"/intervisie/moment/{moment.pk}/verslag/",
            f"/intervisie/moment/{moment.pk}/wijzigen/",
        ):
            assert client.get(url).status_code == 404, (user, url)


def test_trainer_group_moment_attendance_passes_the_programme_step(client, world):
    from trainers.models import ProgrammeStep, StatusPeriod, TrainerProfile

    candidate = UserFactory(role="trainer", display_name="Anouk Kandidaat")
    profile = TrainerProfile.objects.create(user=candidate)
    StatusPeriod.objects.create(
        profile=profile, status="candidate", started_at=timezone.now() - timedelta(days=9)
    )
    group = TrainerGroupFactory(members=[candidate], facilitators=[world["trainer"]])
    client.force_login(world["trainer"])
    listing = client.get("/intervisie/trainersgroepen/").content.decode()
    assert group.name in listing
    url = f"/intervisie/trainersgroepen/{group.pk}/plannen/"
    assert client.post(url, _form()).status_code == 302
    moment = Moment.objects.get(group=group)
    Moment.objects.filter(pk=moment.pk).update(
        starts_at=timezone.now() - timedelta(minutes=10),
        ends_at=timezone.now() + timedelta(hours=1),
    )
    response = client.post(
        f"/intervisie/moment/{moment.pk}/aanwezig/", {"people": [str(candidate.pk)]}
    )
    assert response.status_code == 302
    step = ProgrammeStep.objects.get(profile=profile, step="intervisie")
    assert step.outcome == "passed"


def test_staff_make_a_group(client, world, national_staff):
    from trainers.models import TrainerProfile

    member = UserFactory(role="trainer", display_name="Nieuwe Trainer")
    TrainerProfile.objects.create(user=member)
    client.force_login(national_staff)
    url = "/intervisie/trainersgroepen/nieuw/"
    assert client.post(url, {"name": "", "members": ["x"]}).status_code == 400
    response = client.post(
        url,
        {"name": "Groep Zuid", "members": [member.pk], "facilitators": [world["trainer"].pk]},
    )
    assert response.status_code == 302
    client.force_login(world["trainer"])
    assert client.get(url).status_code == 404


def test_trainer_session_query_count_does_not_grow(client, world, constant_queries):
    session = world["session"]
    client.force_login(world["trainer"])
    made = {"n": 0}

    def grow(n):
        for _ in range(n):
            made["n"] += 1
            asked = RequestFactory(session=session, author=world["people"][0])
            Support.objects.create(request=asked, user=world["people"][1])
        Moment.objects.filter(session=session).delete()
        for number in range(1, min(made["n"], 3) + 1):
            MomentFactory(session=session, number=number)

    constant_queries(
        grow=grow,
        action=lambda: client.get(f"/intervisie/mijn-sessies/{session.pk}/"),
        sizes=(2, 8),
        max_queries=30,
    )


def test_group_list_query_count_does_not_grow(client, world, constant_queries):
    client.force_login(world["trainer"])

    def grow(n):
        for _ in range(n):
            group = TrainerGroupFactory(members=[UserFactory()], facilitators=[world["trainer"]])
            MomentFactory(session=None, group=group)

    constant_queries(
        grow=grow,
        action=lambda: client.get("/intervisie/trainersgroepen/"),
        sizes=(2, 8),
        max_queries=20,
    )
