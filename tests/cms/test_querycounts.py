"""Course and catalogue pages: the same number of queries for few or many sessions and modules."""

from datetime import timedelta

import pytest
from django.core.cache import cache

from tests.cms import factories as f
from tests.courses.factories import AssignmentFactory, EnrolmentFactory, SessionFactory
from tests.querycount import assert_constant_queries

pytestmark = pytest.mark.django_db


def _uncached_get(client, url):
    def action():
        cache.clear()
        response = client.get(url)
        assert response.status_code == 200
        return response

    return action


def _grow_sessions(course_page):
    def grow(n):
        for i in range(n):
            session = SessionFactory(course=course_page.course, starts_in=timedelta(days=5 + i))
            EnrolmentFactory(session=session)
            AssignmentFactory(session=session)

    return grow


def test_course_page_queries_do_not_grow_with_sessions(client):
    page = f.course_page()
    assert_constant_queries(grow=_grow_sessions(page), action=_uncached_get(client, page.url))


def test_course_page_queries_do_not_grow_with_modules(client):
    page = f.course_page()

    def grow(n):
        for _ in range(n):
            f.module_page(page)

    assert_constant_queries(grow=grow, action=_uncached_get(client, page.url))


def test_catalogue_queries_do_not_grow_with_sessions_or_courses(client):
    page = f.course_page()
    catalogue = f.catalogue_page()

    def grow(n):
        _grow_sessions(page)(n)
        for _ in range(n // 2):
            other = f.course_page()
            SessionFactory(course=other.course)

    # 45 sessions: more than one page of the catalogue.
    assert_constant_queries(grow=grow, action=_uncached_get(client, catalogue.url), sizes=(4, 45))
    assert_constant_queries(
        grow=lambda n: None, action=_uncached_get(client, catalogue.url + "?regio=amsterdam")
    )


def test_home_queries_do_not_grow_with_sessions(client):
    page = f.course_page()
    assert_constant_queries(grow=_grow_sessions(page), action=_uncached_get(client, "/"))


def test_cache_hit_costs_no_query(client, django_assert_num_queries):
    page = f.course_page()
    client.get(page.url)
    with django_assert_num_queries(0):
        response = client.get(page.url)
    assert response["X-Leerkring-Cache"] == "hit"


def test_course_page_for_a_logged_in_visitor_is_cheap(client, participant):
    """Logged-in visitors never get the page cache: the page costs the session, the user and the
    roles (menu). The site, the route through the page tree and the view restrictions come from
    the route cache (``cms.routing``), sessions and modules from a fragment cache; the first view
    after a change pays for them once (see ``test_routing.py``)."""
    page = f.course_page()
    f.module_page(page)
    client.force_login(participant)

    def action():
        response = client.get(page.url)
        assert response.status_code == 200
        assert "X-Leerkring-Cache" not in response
        return response

    action()  # fills the fragment cache
    assert_constant_queries(grow=_grow_sessions(page), action=action, max_queries=LOGGED_IN_QUERIES)


#: session, user, roles
LOGGED_IN_QUERIES = 3


def test_course_page_fragment_follows_an_enrolment(
    client, participant, django_capture_on_commit_callbacks
):
    """The cached sessions block is as fresh as the page cache: an enrolment bumps both."""
    from courses.services import enrolment_create

    page = f.course_page()
    session = SessionFactory(course=page.course, capacity=5, starts_in=timedelta(days=9))
    client.force_login(participant)
    assert "Nog 5 plekken vrij" in client.get(page.url).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        enrolment_create(actor=participant, session=session, user=participant)
    assert "Nog 4 plekken vrij" in client.get(page.url).content.decode()
