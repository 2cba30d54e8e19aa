import json
from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from courses.models import Enrolment
from tests.accounts.factories import UserFactory
from tests.courses.factories import (
    AssignmentFactory,
    CourseFactory,
    EnrolmentFactory,
    SessionFactory,
    region,
)

pytestmark = pytest.mark.django_db


def post(client, url, data=None):
    return client.post(url, json.dumps(data or {}), content_type="application/json")


def test_openapi_schema_is_served(client):
    response = client.get("/api/openapi.json")
    assert response.status_code == 200
    paths = response.json()["paths"]
    assert "/api/sessions" in paths
    assert "/api/sessions/{session_id}/enrol" in paths


def test_catalogue_lists_published_upcoming_sessions_with_places_left(client):
    session = SessionFactory(capacity=3)
    EnrolmentFactory(session=session, support_person_name="Begeleider")
    EnrolmentFactory(session=session, status="waitlisted")
    SessionFactory(status="draft")
    SessionFactory(starts_in=timedelta(days=-1))
    SessionFactory(status="cancelled", cancel_reason="ziek")
    body = client.get("/api/sessions").json()
    assert body["count"] == 1
    item = body["items"][0]
    assert item["id"] == session.pk
    assert item["places_left"] == 1
    assert item["waitlist_count"] == 1
    assert item["venue"]["step_free"] is True
    assert len(item["meetings"]) == 1


def test_catalogue_filters(client):
    course = CourseFactory(slug="lokale-belangenbehartiging")
    a = SessionFactory(course=course, region=region("walcheren"), starts_in=timedelta(days=10))
    b = SessionFactory(course=course, region=region("amsterdam"), starts_in=timedelta(days=40))
    c = SessionFactory(region=region("walcheren"), starts_in=timedelta(days=20))

    def ids(query):
        return [s["id"] for s in client.get("/api/sessions", query).json()["items"]]

    assert ids({"course": "lokale-belangenbehartiging"}) == [a.pk, b.pk]
    assert ids({"region": "walcheren"}) == [a.pk, c.pk]
    day = (timezone.localtime(a.starts_at)).date()
    assert ids({"from": (day + timedelta(days=1)).isoformat()}) == [c.pk, b.pk]
    assert ids({"to": day.isoformat()}) == [a.pk]
    assert ids({"region": "nergens"}) == []


def test_catalogue_bad_filter_is_422_with_code(client):
    response = client.get("/api/sessions", {"from": "gisteren"})
    assert response.status_code == 422
    assert response.json()["code"] == "invalid_input"


def test_catalogue_query_count_is_constant(client, constant_queries):
    def grow(n):
        for _ in range(n):
            session = SessionFactory()
            AssignmentFactory(session=session)
            EnrolmentFactory(session=session)

    constant_queries(grow=grow, action=lambda: client.get("/api/sessions?limit=100"))


def test_enrol_cancel_and_my_enrolments(client):
    session = SessionFactory(capacity=1)
    first, second = UserFactory(role="participant"), UserFactory(role="participant")
    client.force_login(first)
    response = post(client, f"/api/sessions/{session.pk}/enrol", {"access_needs": "Rolstoel"})
    assert response.status_code == 201
    assert response.json()["status"] == "confirmed"
    mine = response.json()["id"]
    other = Client()
    other.force_login(second)
    response = post(other, f"/api/sessions/{session.pk}/enrol")
    assert response.json()["status"] == "waitlisted"
    assert response.json()["waitlist_position"] == 1
    # Cancelling someone else's enrolment is a 404.
    assert post(other, f"/api/me/enrolments/{mine}/cancel").status_code == 404
    response = post(client, f"/api/me/enrolments/{mine}/cancel")
    assert response.status_code == 200
    assert response.json()["status"] == "cancelled"
    items = other.get("/api/me/enrolments").json()["items"]
    assert [(i["session_id"], i["status"]) for i in items] == [(session.pk, "confirmed")]


def test_my_enrolments_only_lists_my_own(client):
    me = UserFactory(role="participant")
    EnrolmentFactory(user=me)
    EnrolmentFactory()
    client.force_login(me)
    assert client.get("/api/me/enrolments").json()["count"] == 1


def test_my_enrolments_query_count_is_constant(client, constant_queries):
    me = UserFactory(role="participant")
    client.force_login(me)

    def grow(n):
        for _ in range(n):
            session = SessionFactory(capacity=1)
            EnrolmentFactory(session=session)
            EnrolmentFactory(session=session, user=me, status="waitlisted")

    constant_queries(grow=grow, action=lambda: client.get("/api/me/enrolments?limit=100"))


@pytest.mark.parametrize(
    ("make", "code", "status"),
    [
        (lambda: SessionFactory(status="draft"), "not_found", 404),
        (lambda: SessionFactory(status="cancelled", cancel_reason="ziek"), "session_not_open", 409),
        (
            lambda: SessionFactory(enrolment_deadline=timezone.now() - timedelta(days=1)),
            "enrolment_closed",
            409,
        ),
    ],
)
def test_enrol_refusals_have_codes(client, make, code, status):
    client.force_login(UserFactory(role="participant"))
    response = post(client, f"/api/sessions/{make().pk}/enrol")
    assert response.status_code == status
    assert response.json()["code"] == code


def test_duplicate_enrolment_is_409_pointing_at_the_existing_one(client):
    session = SessionFactory()
    client.force_login(UserFactory(role="participant"))
    first = post(client, f"/api/sessions/{session.pk}/enrol").json()
    response = post(client, f"/api/sessions/{session.pk}/enrol")
    assert response.status_code == 409
    assert response.json()["code"] == "already_enrolled"
    assert response.json()["enrolment_id"] == first["id"]
    assert Enrolment.objects.count() == 1


def test_anonymous_cannot_enrol(client):
    response = post(client, f"/api/sessions/{SessionFactory().pk}/enrol")
    assert response.status_code == 401
    assert response.json()["code"] == "not_authenticated"


def test_writes_need_the_csrf_token():
    client = Client(enforce_csrf_checks=True)
    client.force_login(UserFactory(role="participant"))
    session = SessionFactory()
    response = post(client, f"/api/sessions/{session.pk}/enrol")
    assert response.status_code == 403
    assert response.json()["code"] == "csrf_failed"
    client.get("/api/sessions")
    token = client.cookies.get("csrftoken")
    if token is None:  # the catalogue does not set it; a page with a form would
        from django.middleware.csrf import _get_new_csrf_string

        token_value = _get_new_csrf_string()
        client.cookies["csrftoken"] = token_value
    else:
        token_value = token.value
    response = client.post(
        f"/api/sessions/{session.pk}/enrol",
        "{}",
        content_type="application/json",
        HTTP_X_CSRFTOKEN=token_value,
    )
    assert response.status_code == 201


def test_bad_payload_is_422(client):
    client.force_login(UserFactory(role="participant"))
    session = SessionFactory()
    response = post(client, f"/api/sessions/{session.pk}/enrol", {"support_person_name": "x" * 200})
    assert response.status_code == 422
    assert response.json()["code"] == "invalid_input"
    assert not Enrolment.objects.exists()


def test_cancel_after_cutoff_is_409(frozen_now, client):
    session = SessionFactory(starts_in=timedelta(hours=5))
    me = UserFactory(role="participant")
    enrolment = EnrolmentFactory(session=session, user=me)
    client.force_login(me)
    response = post(client, f"/api/me/enrolments/{enrolment.pk}/cancel")
    assert response.status_code == 409
    assert response.json()["code"] == "cancellation_closed"


def test_draft_session_detail_is_404_for_strangers_but_not_its_trainer(client):
    draft = SessionFactory(status="draft")
    assert client.get(f"/api/sessions/{draft.pk}").status_code == 404
    assignment = AssignmentFactory(session=draft)
    client.force_login(assignment.trainer)
    assert client.get(f"/api/sessions/{draft.pk}").status_code == 200


@pytest.mark.parametrize("query", [{"to": "9999-12-31"}, {"from": "0001-01-01"}])
def test_extreme_dates_are_fine(client, query):
    SessionFactory()
    assert client.get("/api/sessions", query).status_code == 200


def test_enrolling_in_a_draft_is_404_for_strangers_and_not_open_for_its_trainer(client):
    draft = SessionFactory(status="draft")
    client.force_login(UserFactory(role="participant"))
    assert post(client, f"/api/sessions/{draft.pk}/enrol").status_code == 404
    client.force_login(AssignmentFactory(session=draft).trainer)
    response = post(client, f"/api/sessions/{draft.pk}/enrol")
    assert response.status_code == 409
    assert response.json()["code"] == "session_not_open"
    assert post(client, f"/api/sessions/{draft.pk + 1000}/enrol").status_code == 404
    assert not Enrolment.objects.exists()


@pytest.mark.parametrize("full", [False, True], ids=["place", "waitlist"])
def test_enrolling_over_the_api_costs_a_fixed_handful_of_queries(
    client, django_assert_num_queries, full
):
    """The session and person of the request (3: session, user, roles), then one transaction:
    the session lock, one read of places and the person's enrolment, the enrolment, its audit
    entry, its mail (a small outbox row: rendered by the send task), and the savepoint pair a
    test's transaction adds. The answer is built from what the service holds: no re-read."""
    client.force_login(UserFactory(role="participant"))
    post(client, f"/api/sessions/{SessionFactory().pk}/enrol")  # content types cached
    session = SessionFactory(capacity=1)
    if full:
        EnrolmentFactory(session=session)
        EnrolmentFactory(session=session, status="waitlisted")
    with django_assert_num_queries(10):
        response = post(client, f"/api/sessions/{session.pk}/enrol")
    assert response.status_code == 201
    assert response.json()["status"] == ("waitlisted" if full else "confirmed")


def test_the_enrol_answer_is_what_my_enrolments_shows(client):
    session = SessionFactory(capacity=1)
    EnrolmentFactory(session=session, support_person_name="")
    EnrolmentFactory(session=session, status="waitlisted")
    client.force_login(UserFactory(role="participant"))
    answer = post(client, f"/api/sessions/{session.pk}/enrol", {"access_needs": "Rolstoel"})
    assert answer.status_code == 201
    assert answer.json()["waitlist_position"] == 2
    [listed] = client.get("/api/me/enrolments").json()["items"]
    assert answer.json() == listed


def test_the_enrol_answer_counts_the_line_as_the_list_does_when_clocks_disagree(client):
    """Someone queued 'later' than now (a clock set ahead, a row written by hand) is behind."""
    session = SessionFactory(capacity=1)
    EnrolmentFactory(session=session)
    EnrolmentFactory(session=session, status="waitlisted", queued_at=timezone.now())
    later = EnrolmentFactory(
        session=session, status="waitlisted", queued_at=timezone.now() + timedelta(hours=1)
    )
    client.force_login(UserFactory(role="participant"))
    answer = post(client, f"/api/sessions/{session.pk}/enrol").json()
    assert answer["waitlist_position"] == 2
    [listed] = client.get("/api/me/enrolments").json()["items"]
    assert answer == listed
    client.force_login(later.user)
    assert client.get("/api/me/enrolments").json()["items"][0]["waitlist_position"] == 3
