"""schemathesis over the whole OpenAPI document: generated requests, no server error.

Requests go through the project's WSGI app in-process (same test database), once with a staff
API key and once without credentials, so both the authorised paths and the refusals are tried.
(The schema is loaded inside the test: schemathesis' pytest fixture loader does not work with
this pytest version.)
"""

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis.checks import not_a_server_error

from accounts.services import api_token_create
from tests.accounts.factories import UserFactory
from tests.courses.factories import EnrolmentFactory, SessionFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def keep_test_connection():
    """Like Django's test client: the WSGI app must not close the test's database connection
    at each request (inside the test's transaction it counts as unusable on PostgreSQL)."""
    from django.core.signals import request_finished, request_started
    from django.db import close_old_connections

    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


def test_no_server_error_anywhere_in_the_api(keep_test_connection):
    from django.core.wsgi import get_wsgi_application

    EnrolmentFactory(session=SessionFactory())
    _token, raw = api_token_create(user=UserFactory(role="national_staff"), name="schemathesis")
    schema = schemathesis.openapi.from_wsgi("/api/openapi.json", get_wsgi_application())
    operations = [result.ok() for result in schema.get_all_operations()]
    assert any(op.path == "/api/overzicht/" for op in operations)
    for operation in operations:

        @given(case=operation.as_strategy())
        @settings(
            max_examples=8,
            deadline=None,
            database=None,
            suppress_health_check=list(HealthCheck),
        )
        def check(case):
            case.call_and_validate(
                headers={"Authorization": f"Bearer {raw}"}, checks=[not_a_server_error]
            )
            case.call_and_validate(checks=[not_a_server_error])

        check()
