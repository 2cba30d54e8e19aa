"""Schemathesis against the API's own OpenAPI schema: generated requests, no server errors.

Runs in-process against the WSGI app, anonymous and logged in (session cookie plus a valid CSRF
token, so the write endpoints are reached, not just refused). Bounded: twenty examples per
operation.
"""

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from django.middleware.csrf import _get_new_csrf_string
from hypothesis import HealthCheck, given, settings
from schemathesis.checks import not_a_server_error

from config.wsgi import application
from tests.courses.factories import EnrolmentFactory, SessionFactory

pytestmark = pytest.mark.django_db

SETTINGS = settings(
    max_examples=20,
    deadline=None,
    database=None,
    suppress_health_check=list(HealthCheck),
)


@pytest.fixture
def keep_connection():
    """The WSGI handler closes the database connection after each request; inside a test's
    transaction it must stay open (Django's own test client does the same)."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


def _operations():
    schema = schemathesis.openapi.from_wsgi("/api/openapi.json", application)
    return [result.ok() for result in schema.get_all_operations()]


@pytest.mark.parametrize("logged_in", [False, True], ids=["anonymous", "participant"])
def test_api_has_no_server_errors(client, participant, logged_in, keep_connection):
    for _ in range(3):
        session = SessionFactory(capacity=2)
        EnrolmentFactory(session=session, user=participant)
        EnrolmentFactory(session=session)
    cookies, headers = {}, {}
    if logged_in:
        client.force_login(participant)
        token = _get_new_csrf_string()
        cookies = {"sessionid": client.cookies["sessionid"].value, "csrftoken": token}
        headers = {"X-CSRFToken": token}
    operations = _operations()
    assert len(operations) >= 5
    for operation in operations:

        @given(case=operation.as_strategy())
        @SETTINGS
        def check(case):
            response = case.call(cookies=cookies, headers=headers)
            assert response.status_code < 500, (case.method, case.formatted_path, response.text)
            case.validate_response(response, checks=[not_a_server_error])

        check()
