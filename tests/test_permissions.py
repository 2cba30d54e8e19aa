"""Every URL the project resolves, for every role: see tests/permissions/matrix.py."""

import importlib
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import URLResolver, get_resolver

from tests.accounts.factories import UserFactory
from tests.permissions.matrix import LOGIN, REDIRECT, ROLES, Case

pytestmark = pytest.mark.django_db

#: Whole trees covered by a prefix rule instead of one case per URL.
PREFIX_TREES = ("beheer/", "django-admin/")
TESTS_DIR = Path(__file__).parent
#: Our log-in page, and the admin log-in pages that hand over to it.
LOGIN_PAGES = (settings.WAGTAIL_FRONTEND_LOGIN_URL, "/beheer/login/", "/django-admin/login/")


def _app_modules():
    for path in sorted(TESTS_DIR.glob("*/permissions.py")):
        yield importlib.import_module(f"tests.{path.parent.name}.permissions")


def all_cases() -> dict[str, Case]:
    cases: dict[str, Case] = {}
    for module in _app_modules():
        overlap = set(cases) & set(module.CASES)
        assert not overlap, f"URL cases listed twice: {overlap}"
        cases.update(module.CASES)
    return cases


def resolved_patterns(resolver=None, prefix="", namespace=""):
    """(key, route) of every URL pattern; the key is the namespaced name, else the route."""
    resolver = resolver or get_resolver()
    for pattern in resolver.url_patterns:
        route = prefix + str(pattern.pattern)
        if isinstance(pattern, URLResolver):
            if route.startswith(PREFIX_TREES):
                continue
            ns = namespace
            if pattern.namespace:
                ns = f"{namespace}{pattern.namespace}:"
            yield from resolved_patterns(pattern, route, ns)
        else:
            yield (f"{namespace}{pattern.name}" if pattern.name else route), route


@pytest.fixture
def world(db):
    users = {
        "anonymous": None,
        "participant": UserFactory(role="participant"),
        "trainer": UserFactory(role="trainer"),
        "national_staff": UserFactory(role="national_staff", with_mfa=True),
        "superuser": UserFactory(is_superuser=True, is_staff=True, with_mfa=True),
    }
    world = {"users": users}
    for module in _app_modules():
        build = getattr(module, "build_world", None)
        if build:
            build(world)
    return world


def _check(client, role, case, world):
    url = case.url(world) if callable(case.url) else case.url
    response = getattr(client, case.method)(url, case.data)
    expected = case.expect[role]
    location = response.get("Location", "")
    if expected == LOGIN:
        ok = response.status_code == 302 and location.startswith(LOGIN_PAGES)
    elif expected == REDIRECT:
        ok = response.status_code in (301, 302, 303, 307, 308)
    else:
        ok = response.status_code == expected
    got = f"{response.status_code} {location}".strip()
    return ok, f"{role:>15} {case.method.upper()} {url}: expected {expected}, got {got}"


def test_every_url_pattern_has_a_case():
    cases = all_cases()
    missing = [f"{key}  ({route})" for key, route in resolved_patterns() if key not in cases]
    assert not missing, "URL patterns missing from the permission matrix:\n" + "\n".join(missing)
    known = {key for key, _ in resolved_patterns()}
    stale = sorted(set(cases) - known)
    assert not stale, f"Cases for URLs that no longer exist: {stale}"


@pytest.mark.parametrize("role", ROLES)
def test_permission_matrix(client, world, role):
    user = world["users"][role]
    failures = []
    for case in all_cases().values():
        client.logout()
        if user is not None:
            client.force_login(user)
        ok, line = _check(client, role, case, world)
        if not ok:
            failures.append(line)
    assert not failures, "\n".join(failures)


@pytest.mark.parametrize(
    ("role", "expected"),
    [
        ("anonymous", LOGIN),
        ("participant", 403),
        ("trainer", 403),
        ("national_staff", 200),
        ("superuser", 200),
    ],
)
def test_wagtail_admin_tree(client, world, role, expected):
    user = world["users"][role]
    if user:
        client.force_login(user)
    for url in ["/beheer/", "/beheer/pages/", "/beheer/logboek/"]:
        ok, line = _check(client, role, Case(url, dict.fromkeys(ROLES, expected)), world)
        assert ok, line


@pytest.mark.parametrize(
    ("role", "expected"),
    [
        ("anonymous", LOGIN),
        ("participant", 403),
        ("trainer", 403),
        ("national_staff", 403),
        ("superuser", 200),
    ],
)
def test_django_admin_tree_is_for_superusers(client, world, role, expected):
    user = world["users"][role]
    if user:
        client.force_login(user)
    for url in ["/django-admin/", "/django-admin/accounts/user/"]:
        ok, line = _check(client, role, Case(url, dict.fromkeys(ROLES, expected)), world)
        assert ok, line
