"""The cached route (``cms.routing``): a private page stays private, a changed tree is seen at once.

The route and the list of view restrictions are cached per pages generation; whether a visitor
may see a page is still decided on every request.
"""

import pytest
from django.contrib.auth.models import Group
from wagtail.models import PageViewRestriction

from tests.cms import factories as f
from tests.cms.test_querycounts import _grow_sessions
from tests.querycount import count_queries

pytestmark = pytest.mark.django_db


def _restrict(page, restriction_type=PageViewRestriction.LOGIN, **kwargs):
    return PageViewRestriction.objects.create(
        page=page, restriction_type=restriction_type, **kwargs
    )


def _is_login_redirect(response) -> bool:
    return response.status_code == 302 and "next=" in response["Location"]


def test_a_private_page_stays_private_when_its_route_is_cached(client, participant):
    page = f.course_page()
    _restrict(page)
    for _ in range(3):  # the first request fills the route cache, the others read it
        assert _is_login_redirect(client.get(page.url))
    client.force_login(participant)
    response = client.get(page.url)
    assert response.status_code == 200
    assert page.title in response.content.decode()
    client.logout()
    assert _is_login_redirect(client.get(page.url))


def test_a_page_below_a_private_page_stays_private(client):
    page = f.course_page()
    module = f.module_page(page)
    _restrict(page)
    client.get(module.url)
    assert _is_login_redirect(client.get(module.url))


def test_a_group_restriction_is_checked_per_visitor(client, participant, national_staff):
    page = f.course_page()
    group = Group.objects.create(name="Alleen coördinatoren")
    national_staff.groups.add(group)
    restriction = _restrict(page, PageViewRestriction.GROUPS)
    restriction.groups.add(group)
    client.force_login(national_staff)
    assert client.get(page.url).status_code == 200
    client.force_login(participant)
    response = client.get(page.url)  # Wagtail sends a visitor outside the group to log in
    assert response.status_code == 302
    assert page.title not in response.content.decode()


def test_a_page_made_private_leaves_both_caches_at_once(client):
    page = f.course_page()
    assert client.get(page.url).status_code == 200
    assert client.get(page.url)["X-Leerkring-Cache"] == "hit"
    restriction = _restrict(page)
    assert _is_login_redirect(client.get(page.url))
    restriction.delete()
    response = client.get(page.url)
    assert response.status_code == 200
    assert response["X-Leerkring-Cache"] == "miss"


def test_an_unpublished_page_is_gone_although_its_route_was_cached(client):
    page = f.course_page()
    assert client.get(page.url).status_code == 200
    page.unpublish()
    assert client.get(page.url).status_code == 404


def test_a_moved_page_is_found_at_its_new_address(client):
    page = f.course_page()
    old_url = page.url
    assert client.get(old_url).status_code == 200
    page.move(f.home_page(), pos="last-child")
    page.refresh_from_db()
    assert client.get(page.url).status_code == 200
    old = client.get(old_url)  # Wagtail's automatic redirect, not the cached old route
    assert old.status_code == 301
    assert old["Location"] == page.url


def test_uncached_course_page_with_the_route_cached_costs_no_query(client, settings):
    """Without the page cache (as the bench measures it) but with the route and the sessions
    fragment cached, an anonymous course page asks the database nothing, for few or many
    sessions and modules; the first view of a generation pays the route's queries once."""
    settings.MIDDLEWARE = [
        m for m in settings.MIDDLEWARE if m != "cms.middleware.AnonymousPageCacheMiddleware"
    ]
    page = f.course_page()

    def grow(n):
        _grow_sessions(page)(n)
        for _ in range(n):
            f.module_page(page)

    def action():
        response = client.get(page.url)
        assert response.status_code == 200
        assert "X-Leerkring-Cache" not in response
        return response

    action()  # one-time lookups of the process (content types, locale)
    counts = []
    for size in (2, 10):  # publishing a module bumps the generation: the next view pays once
        grow(size)
        cold, _, _ = count_queries(action)
        warm, _, sql = count_queries(action)
        assert cold > 0
        assert warm == 0, "\n".join(sql)
        counts.append(cold)
    assert counts[0] == counts[1]
