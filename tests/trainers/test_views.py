from datetime import timedelta

import pytest
from django.utils import timezone

from accounts.models import Region
from courses.models import Course, Enrolment, Qualification
from tests.accounts.factories import UserFactory
from tests.courses.factories import (
    AssignmentFactory,
    CourseFactory,
    EnrolmentFactory,
    SessionFactory,
    region,
)
from tests.querycount import assert_constant_queries
from tests.trainers.factories import ApplicationFactory, ProfileFactory, attended, internship
from trainers import selectors
from trainers.models import Application, ProgrammeStep
from trainers.region_map import MAP_HEIGHT, region_map

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff(client):
    user = UserFactory(role="national_staff", with_mfa=True)
    client.force_login(user)
    return user


def test_mijn_cursussen_offers_word_trainer_only_after_attending(client):
    user = UserFactory(role="participant")
    client.force_login(user)
    assert "Word trainer" not in client.get("/cursussen/mijn-cursussen/").content.decode()
    attended(user)
    page = client.get("/cursussen/mijn-cursussen/").content.decode()
    assert page.count("/trainers/aanmelden/") == 1


def test_apply_page_explains_first_then_takes_the_application(client):
    user = UserFactory(role="participant")
    client.force_login(user)
    page = client.get("/trainers/aanmelden/").content.decode()
    assert "eerst zelf een cursus" in page
    assert 'name="motivation"' not in page
    attended(user)
    response = client.post(
        "/trainers/aanmelden/",
        {"motivation": "", "region": region().pk},
    )
    assert response.status_code == 400
    response = client.post(
        "/trainers/aanmelden/",
        {"motivation": "Ik wil helpen", "region": region("walcheren").pk, "availability": "za"},
        follow=True,
    )
    assert "We hebben je aanmelding" in response.content.decode()
    application = Application.objects.get(user=user)
    assert application.region.slug == "walcheren"


def test_staff_accept_and_decline_from_the_list(client, staff):
    first, second = ApplicationFactory(), ApplicationFactory()
    page = client.get("/trainers/beheer/aanmeldingen/").content.decode()
    assert first.user.display_name in page
    response = client.post(
        f"/trainers/beheer/aanmeldingen/{first.pk}/besluit/", {"decision": "accept"}
    )
    profile = first.user.trainer_profile
    assert response["Location"] == f"/trainers/beheer/trainer/{profile.pk}/"
    # Declining without a message saves nothing.
    client.post(f"/trainers/beheer/aanmeldingen/{second.pk}/besluit/", {"decision": "decline"})
    second.refresh_from_db()
    assert second.status == Application.Status.PENDING
    client.post(
        f"/trainers/beheer/aanmeldingen/{second.pk}/besluit/",
        {"decision": "decline", "message": "Dank je, nu niet."},
    )
    second.refresh_from_db()
    assert second.status == Application.Status.DECLINED
    assert client.post("/trainers/beheer/aanmeldingen/999999/besluit/").status_code == 404


def test_lead_signs_off_the_intern_then_the_page_is_gone(client):
    intern = ProfileFactory(status="candidate")
    assignment, lead = internship(intern.user)
    client.force_login(lead)
    url = f"/trainers/stage/{assignment.pk}/aftekenen/"
    assert intern.user.display_name in client.get(url).content.decode()
    assert client.post(url, {"outcome": "maybe"}).status_code == 400
    response = client.post(url, {"outcome": "passed", "note": "Goed gedaan"})
    assert response.status_code == 302
    assert ProgrammeStep.objects.get(profile=intern).note == "Goed gedaan"
    assert client.get(url).status_code == 404
    client.force_login(intern.user)
    page = client.get("/trainers/mijn-traject/").content.decode()
    assert "Klaar: gehaald." in page
    assert "In het traject" in page


def test_staff_run_the_programme_on_the_trainer_page(client, staff):
    profile = ProfileFactory(status="candidate")
    url = f"/trainers/beheer/trainer/{profile.pk}/"
    assert client.post(url, {"action": "explode"}).status_code == 400
    response = client.post(url, {"action": "cursus"})
    assert response.status_code == 409
    assert "train-de-trainercursus" in response.content.decode()
    attended(profile.user, kind=Course.Kind.TRAIN_THE_TRAINER)
    assert client.post(url, {"action": "cursus"}).status_code == 302
    assert client.post(url, {"action": "intervisie", "outcome": "passed"}).status_code == 302
    assignment, lead = internship(profile.user)
    from trainers.services import stage_sign_off

    stage_sign_off(actor=lead, assignment=assignment, outcome="passed")
    page = client.get(url).content.decode()
    assert "klaar voor certificering" in page
    course = CourseFactory()
    assert client.post(url, {"action": "certify"}).status_code == 400
    assert client.post(url, {"action": "certify", "courses": [course.pk]}).status_code == 302
    assert Qualification.objects.filter(trainer=profile.user, course=course).exists()
    assert client.post(url, {"action": "activate"}).status_code == 302
    assert client.post(url, {"action": "stop", "reason": ""}).status_code == 400
    assert client.post(url, {"action": "stop", "reason": "Verhuisd"}).status_code == 302
    assert selectors.current_period(profile).status == "stopped"
    assert "Verhuisd" in client.get(url).content.decode()


def test_dashboard_figures_and_region_map(client, staff):
    long_ago = timezone.now() - timedelta(days=800)
    ProfileFactory(status="active", regions=[region("amsterdam")], since=long_ago)  # quiet
    busy = ProfileFactory(status="active", regions=[region("walcheren")], since=long_ago)
    AssignmentFactory(session=SessionFactory(starts_in=-timedelta(days=30)), trainer=busy.user)
    ProfileFactory(status="candidate", regions=[region("friesland-zuid")])
    waiting = SessionFactory(region=region("bossche-ommelanden"))
    EnrolmentFactory(session=waiting, status=Enrolment.Status.WAITLISTED)
    response = client.get("/trainers/beheer/")
    assert response.status_code == 200
    data = response.context["data"]
    assert [(r.slug, total) for r, _, total in data.regions] == [
        ("amsterdam", 1),
        ("bossche-ommelanden", 0),
        ("friesland-zuid", 1),
        ("walcheren", 1),
    ]
    assert [(r.slug, n) for r, n in data.demand_without_trainer] == [("bossche-ommelanden", 1)]
    assert [p.user_id for p in data.quiet] != [busy.user_id]
    assert len(data.quiet) == 1
    assert [p.pk for p in data.quiet] == [p.pk for p in selectors.inactive_trainers()]
    assert {p.user_id: p.given for p in data.sessions_per_trainer}[busy.user_id] == 1
    page = response.content.decode()
    # The map: the four pilot regions at their place, same numbers as the table, plurals right.
    assert 'viewBox="0 0 380 440"' in page
    assert "Amsterdam: 1 trainer, 1 actief." in page
    assert "Bossche Ommelanden: 0 trainers, 0 actief." in page
    assert "1 trainers" not in page
    assert "Alle regio&#x27;s" in page
    assert "Alle cursussen" in page
    assert "---------" not in page
    filtered = client.get("/trainers/beheer/", {"region": region("walcheren").pk})
    assert [t for _, _, t in filtered.context["data"].regions] == [0, 0, 0, 1]
    assert client.get("/trainers/beheer/", {"region": "9" * 30}).status_code == 200


def test_funnel_counts_people_per_step_with_median_days(client, staff):
    applicant = UserFactory(role="participant")
    ApplicationFactory(user=applicant)
    profile = ProfileFactory(status="in_programme")
    ProgrammeStep.objects.create(
        profile=profile,
        step="intervisie",
        outcome="passed",
        decided_at=profile.status_periods.get().started_at + timedelta(days=4),
    )
    funnel = {k: (n, d) for k, n, d in client.get("/trainers/beheer/").context["data"].funnel}
    assert funnel["applied"] == (1, None)
    assert funnel["candidate"][0] == 0  # the factory's first period is in_programme
    assert funnel["intervisie"] == (1, None)


def test_dashboard_query_count_does_not_grow(client, staff):
    def grow(n):
        for i in range(n):
            profile = ProfileFactory(status="active" if i % 2 else "candidate")
            AssignmentFactory(
                session=SessionFactory(starts_in=-timedelta(days=10 + i)), trainer=profile.user
            )
            ApplicationFactory()

    client.get("/trainers/beheer/")  # one-off work of a first visit (profile rows, caches)
    assert_constant_queries(grow=grow, action=lambda: client.get("/trainers/beheer/"))


def test_api_pool_counts_and_trainer_list_for_staff(client, staff):
    ProfileFactory(status="active", regions=[region("walcheren"), region("amsterdam")])
    ProfileFactory(status="candidate", regions=[region("walcheren")])
    body = client.get("/api/trainers/pool").json()
    walcheren = next(r for r in body["regions"] if r["slug"] == "walcheren")
    assert walcheren["counts"]["active"] == 1
    assert walcheren["total"] == 2
    assert body["totals"]["candidate"] == 1
    trainers = client.get("/api/trainers/?limit=1").json()
    assert trainers["count"] == 2
    assert len(trainers["items"]) == 1
    assert set(trainers["items"][0]) == {"id", "name", "status", "regions"}
    schema = client.get("/api/openapi.json").json()
    assert "/api/trainers/pool" in schema["paths"]


@pytest.mark.parametrize("role", ["participant", "trainer"])
def test_mijn_traject_card_only_for_people_in_the_pool(client, role):
    outsider = UserFactory(role=role)
    client.force_login(outsider)
    assert "/trainers/mijn-traject/" not in client.get("/mijn/").content.decode()
    candidate = ProfileFactory(status="candidate")
    client.force_login(candidate.user)
    assert "/trainers/mijn-traject/" in client.get("/mijn/").content.decode()
    assert client.get("/trainers/mijn-traject/").status_code == 200


def test_region_map_places_unknown_regions_under_the_map():
    extra = Region.objects.create(name="Zuid-Limburg", slug="zuid-limburg")
    drawn = region_map([(region("walcheren"), {"active": 2}, 3), (extra, {"active": 0}, 1)])
    walcheren, limburg = drawn["dots"]
    assert walcheren["label"] == "3 trainers, 2 actief"
    assert walcheren["anchor"] == "start"
    assert walcheren["tx"] >= 0
    assert limburg["label"] == "1 trainer, 0 actief"
    assert limburg["y"] > MAP_HEIGHT
    assert drawn["height"] > MAP_HEIGHT
    assert all(isinstance(v, int) for d in drawn["dots"] for v in (d["x"], d["y"], d["y1"]))


def test_the_page_lists_the_first_quiet_trainers_and_the_export_marks_all(client, staff):
    """The page's lists stay short at any pool size; the export marks every quiet trainer."""
    from trainers import views_pool
    from trainers.exports import pool_rows
    from trainers.pool import pool_dashboard

    long_ago = timezone.now() - timedelta(days=800)
    quiet = [
        ProfileFactory(
            user=UserFactory(role="trainer", display_name=f"Stil {i}"),
            status="active",
            regions=[region("amsterdam")],
            since=long_ago,
        )
        for i in range(4)
    ]
    busy = ProfileFactory(status="active", regions=[region("walcheren")], since=long_ago)
    AssignmentFactory(session=SessionFactory(starts_in=-timedelta(days=30)), trainer=busy.user)
    limit = views_pool.PAGE_TRAINERS
    views_pool.PAGE_TRAINERS = 3
    try:
        response = client.get("/trainers/beheer/")
    finally:
        views_pool.PAGE_TRAINERS = limit
    data = response.context["data"]
    assert [p.name for p in data.quiet] == ["Stil 0", "Stil 1", "Stil 2"]
    assert data.quiet_total == 4
    page = response.content.decode()
    assert "4 trainers zijn stil geworden. Hier staan de eerste 3 op naam" in page
    assert "Stil 3" not in page
    rows = pool_rows(pool_dashboard())
    marked = {row[0]: row[3] for row in rows if len(row) == 4 and row[3] in ("ja", "nee")}
    assert {name for name, mark in marked.items() if mark == "ja"} == {
        p.user.display_name for p in quiet
    }
    assert marked[busy.user.display_name] == "nee"
