"""The intervision API: participant and trainer views, refusals with codes, bad input, 404s."""

import json
from datetime import timedelta

import pytest

from intervision import services
from intervision.models import Attendance, Moment, Request
from tests.accounts.factories import UserFactory
from tests.querycount import assert_constant_queries

from .factories import (
    MomentFactory,
    RequestFactory,
    TrainerGroupFactory,
    completed_session,
    moment_times,
)

pytestmark = pytest.mark.django_db

HUGE = 10**30
BASE = "/api/intervision"


def post(client, url, data=None):
    return client.post(url, json.dumps(data or {}), content_type="application/json")


def moment_body(days=7, **extra):
    starts, ends = moment_times(days)
    return {"starts_at": starts.isoformat(), "ends_at": ends.isoformat(), "place": "Hier", **extra}


def test_the_endpoints_are_in_the_openapi_document(client):
    paths = client.get("/api/openapi.json").json()["paths"]
    for path in (
        "/api/intervision/me/sessions",
        "/api/intervision/sessions/{session_id}/requests",
        "/api/intervision/requests/{request_id}/support",
        "/api/intervision/me/moments",
        "/api/intervision/trainer/sessions/{session_id}/requests",
        "/api/intervision/trainer/sessions/{session_id}/moments",
        "/api/intervision/trainer/moments/{moment_id}/attendance",
    ):
        assert path in paths


def test_a_participant_asks_supports_and_sees_counts(client, course):
    session, (one, two, _three) = course["session"], course["people"]
    client.force_login(one)
    assert [s["id"] for s in client.get(f"{BASE}/me/sessions").json()["items"]] == [session.pk]
    response = post(client, f"{BASE}/sessions/{session.pk}/requests", {"suggestion": "achterban"})
    assert response.status_code == 201, response.content
    asked = response.json()
    assert asked["topic"] == "Hoe betrekken we de achterban?"
    assert asked["mine"] is True
    assert asked["support_count"] == 0
    client.force_login(two)
    response = post(client, f"{BASE}/requests/{asked['id']}/support")
    assert response.status_code == 200
    assert (response.json()["support_count"], response.json()["supported"]) == (1, True)
    [listed] = client.get(f"{BASE}/sessions/{session.pk}/requests").json()["items"]
    assert listed["supported"] is True
    assert listed["mine"] is False
    response = post(client, f"{BASE}/requests/{asked['id']}/unsupport")
    assert response.json()["support_count"] == 0
    suggestions = client.get(f"{BASE}/suggestions").json()
    assert {"key": "gemeente", "text": "Waar is de gemeente precies verantwoordelijk voor?"} in (
        suggestions
    )


def test_participant_refusals_carry_codes(client, course):
    session, one = course["session"], course["people"][0]
    client.force_login(one)
    response = post(client, f"{BASE}/sessions/{session.pk}/requests", {"topic": ""})
    assert (response.status_code, response.json()["code"]) == (400, "intervision_topic_required")
    response = post(client, f"{BASE}/sessions/{session.pk}/requests", {"suggestion": "onzin"})
    assert response.status_code == 422
    response = post(client, f"{BASE}/sessions/{session.pk}/requests", {"topic": "x" * 301})
    assert response.status_code == 422
    asked = services.request_create(actor=one, session=session, topic="Eigen vraag")
    response = post(client, f"{BASE}/requests/{asked.pk}/support")
    assert (response.status_code, response.json()["code"]) == (409, "intervision_own_request")


def test_foreign_and_huge_ids_are_404_or_422(client, course):
    other, _, other_people = completed_session(attendees=1)
    foreign = services.request_create(actor=other_people[0], session=other, topic="Elders")
    client.force_login(course["people"][0])
    assert client.get(f"{BASE}/sessions/{other.pk}/requests").status_code == 404
    assert post(client, f"{BASE}/sessions/{other.pk}/requests", {"topic": "x"}).status_code == 404
    assert post(client, f"{BASE}/requests/{foreign.pk}/support").status_code == 404
    assert client.get(f"{BASE}/sessions/{HUGE}/requests").status_code == 422
    assert post(client, f"{BASE}/requests/{HUGE}/support").status_code == 422
    assert post(client, f"{BASE}/requests/0/support").status_code == 422
    # A participant is not the trainer.
    session = course["session"]
    assert client.get(f"{BASE}/trainer/sessions/{session.pk}/requests").status_code == 404
    assert (
        post(client, f"{BASE}/trainer/sessions/{session.pk}/moments", moment_body()).status_code
        == 404
    )
    assert not Request.objects.filter(session=other).exclude(pk=foreign.pk).exists()


def test_anonymous_is_401(client, course):
    assert client.get(f"{BASE}/me/sessions").status_code == 401
    assert post(client, f"{BASE}/sessions/{course['session'].pk}/requests").status_code == 401


def test_a_trainer_schedules_three_and_the_fourth_is_a_409(client, course):
    session, trainer = course["session"], course["trainer"]
    asked = services.request_create(actor=course["people"][0], session=session, topic="Agenda")
    services.request_support(actor=course["people"][1], request=asked)
    client.force_login(trainer)
    [row] = client.get(f"{BASE}/trainer/sessions/{session.pk}/requests").json()["items"]
    assert (row["support_count"], row["author"]) == (1, course["people"][0].get_public_name())
    for n, days in enumerate((7, 14, 21), start=1):
        body = moment_body(days, request_ids=[asked.pk] if n == 1 else [])
        response = post(client, f"{BASE}/trainer/sessions/{session.pk}/moments", body)
        assert response.status_code == 201, response.content
        assert response.json()["number"] == n
    response = post(client, f"{BASE}/trainer/sessions/{session.pk}/moments", moment_body(28))
    assert response.status_code == 409
    assert response.json()["code"] == "intervision_moment_limit"
    assert Moment.objects.filter(session=session).count() == 3
    moments = client.get(f"{BASE}/trainer/sessions/{session.pk}/moments").json()
    assert [m["number"] for m in moments] == [1, 2, 3]
    assert moments[0]["topics"] == ["Agenda"]
    [state] = client.get(f"{BASE}/trainer/sessions").json()["items"]
    assert (state["moments_used"], state["planned_moments"], state["open_requests"]) == (3, 3, 0)


def test_bad_moment_input_is_4xx_never_500(client, course):
    client.force_login(course["trainer"])
    url = f"{BASE}/trainer/sessions/{course['session'].pk}/moments"
    cases = [
        ({"starts_at": "morgen"}, 422),
        (moment_body(place="", online_url=""), 400),
        (moment_body(online_url="ftp://x", place=""), 400),
        (moment_body(request_ids=[HUGE]), 422),
        (moment_body(request_ids=[10**12]), 400),
        (moment_body(-2), 400),
        (moment_body(starts_at="9999-12-31T23:00:00+00:00"), 400),
    ]
    for body, status in cases:
        response = post(client, url, body)
        assert response.status_code == status, (body, response.content)
        assert response.json()["code"]
    assert not Moment.objects.exists()


def test_attendance_report_cancel_and_close_through_the_api(client, course, frozen_now):
    session, trainer, people = course["session"], course["trainer"], course["people"]
    client.force_login(trainer)
    first = MomentFactory(session=session, number=1, starts_at=frozen_now - timedelta(hours=2))
    url = f"{BASE}/trainer/moments/{first.pk}/attendance"
    marks = [
        {"user_id": people[0].pk, "status": "attended"},
        {"user_id": people[1].pk, "status": "absent"},
    ]
    response = post(client, url, {"marks": marks})
    assert response.status_code == 200, response.content
    assert (response.json()["attended"], response.json()["absent"]) == (1, 1)
    stranger = UserFactory()
    response = post(client, url, {"marks": [{"user_id": stranger.pk, "status": "attended"}]})
    assert (response.status_code, response.json()["code"]) == (400, "intervision_not_invited")
    assert (
        post(client, url, {"marks": [{"user_id": HUGE, "status": "attended"}]}).status_code == 422
    )
    assert post(client, url, {"marks": [{"user_id": 1, "status": "ja"}]}).status_code == 422
    assert post(client, url, {"marks": []}).status_code == 422
    response = post(
        client,
        f"{BASE}/trainer/moments/{first.pk}/report",
        {"discussed": "De achterban", "agreements": "Bellen"},
    )
    assert response.json()["discussed"] == "De achterban"
    planned = MomentFactory(session=session, number=2)
    response = post(client, f"{BASE}/trainer/moments/{planned.pk}/cancel", {"reason": "Ziek"})
    assert response.json()["status"] == "cancelled"
    response = post(client, f"{BASE}/trainer/sessions/{session.pk}/close")
    assert response.json()["reason"] == "trainer"
    # A participant reads the report and their own attendance.
    client.force_login(people[0])
    mine = {m["id"]: m for m in client.get(f"{BASE}/me/moments").json()["items"]}
    assert mine[first.pk]["agreements"] == "Bellen"
    assert mine[first.pk]["my_attendance"] == Attendance.Status.ATTENDED
    assert post(client, f"{BASE}/trainer/moments/{first.pk}/report", {}).status_code == 404


def test_a_facilitator_schedules_for_a_trainer_group(client):
    facilitator, member = UserFactory(role="trainer"), UserFactory(role="trainer")
    group = TrainerGroupFactory(members=[member], facilitators=[facilitator])
    client.force_login(facilitator)
    [listed] = client.get(f"{BASE}/trainer/groups").json()["items"]
    assert (listed["id"], listed["members"], listed["moments"]) == (group.pk, 1, 0)
    response = post(client, f"{BASE}/trainer/groups/{group.pk}/moments", moment_body())
    assert response.status_code == 201
    assert response.json()["group_id"] == group.pk
    client.force_login(member)
    assert client.get(f"{BASE}/trainer/groups").json()["items"] == []
    assert (
        post(client, f"{BASE}/trainer/groups/{group.pk}/moments", moment_body()).status_code == 404
    )
    assert [m["group_id"] for m in client.get(f"{BASE}/me/moments").json()["items"]] == [group.pk]


# --- Query counts at two sizes ---------------------------------------------------------------


def test_request_lists_do_not_grow_in_queries(client, course):
    session, trainer, people = course["session"], course["trainer"], course["people"]

    def grow(n):
        for _ in range(n):
            request = RequestFactory(session=session, author=people[0])
            services.request_support(actor=people[1], request=request)

    client.force_login(people[2])
    assert_constant_queries(
        grow=grow, action=lambda: client.get(f"{BASE}/sessions/{session.pk}/requests")
    )
    client.force_login(trainer)
    assert_constant_queries(
        grow=grow, action=lambda: client.get(f"{BASE}/trainer/sessions/{session.pk}/requests")
    )


def test_moment_and_session_lists_do_not_grow_in_queries(client):
    person = UserFactory(role="participant")
    trainer = UserFactory(role="trainer")

    def grow(n):
        for _ in range(n):
            session, _, _ = completed_session(attendees=1, trainer=trainer)
            from courses.models import Enrolment

            Enrolment.objects.create(session=session, user=person, status="attended")
            request = RequestFactory(session=session, author=person)
            moment = MomentFactory(session=session)
            moment.answered_requests.add(request)

    client.force_login(person)
    assert_constant_queries(grow=grow, action=lambda: client.get(f"{BASE}/me/moments"))
    assert_constant_queries(grow=grow, action=lambda: client.get(f"{BASE}/me/sessions"))
    client.force_login(trainer)
    assert_constant_queries(grow=grow, action=lambda: client.get(f"{BASE}/trainer/sessions"))


def test_a_moment_and_its_calendar_file_for_those_invited_only(client, course):
    moment = MomentFactory(session=course["session"], number=1)
    client.force_login(course["people"][0])
    body = client.get(f"{BASE}/moments/{moment.pk}").json()
    assert (body["number"], body["place"]) == (1, "Buurthuis De Kring")
    response = client.get(f"{BASE}/moments/{moment.pk}/ics")
    assert response["Content-Type"] == "text/calendar"
    assert b"BEGIN:VEVENT" in response.content
    assert f"intervision-moment-{moment.pk}@leerkring.nl".encode() in response.content
    client.force_login(UserFactory(role="participant"))
    assert client.get(f"{BASE}/moments/{moment.pk}").status_code == 404
    assert client.get(f"{BASE}/moments/{moment.pk}/ics").status_code == 404
    assert client.get(f"{BASE}/moments/{HUGE}").status_code == 422


def test_trainer_moment_and_group_lists_do_not_grow_in_queries(client, course):
    session, trainer = course["session"], course["trainer"]

    def grow(n):
        for _ in range(n):
            moment = MomentFactory(session=session, status="cancelled", cancel_reason="Ziek")
            moment.answered_requests.add(RequestFactory(session=session))
            TrainerGroupFactory(facilitators=[trainer], members=course["people"])

    client.force_login(trainer)
    assert_constant_queries(
        grow=grow, action=lambda: client.get(f"{BASE}/trainer/sessions/{session.pk}/moments")
    )
    assert_constant_queries(grow=grow, action=lambda: client.get(f"{BASE}/trainer/groups"))
