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
