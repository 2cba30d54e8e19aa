"""schemathesis over the whole OpenAPI document: generated requests, no server error.

Requests go through the project's WSGI app in-process (same test database), once with a staff
API key and once without credentials, so both the authorised paths and the refusals are tried.
"""

import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error

from accounts.services import api_token_create
from tests.accounts.factories import UserFactory
from tests.courses.factories import EnrolmentFactory, SessionFactory


@pytest.fixture
def api_schema(db):
    from django.core.wsgi import get_wsgi_application

    return schemathesis.openapi.from_wsgi("/api/openapi.json", get_wsgi_application())


@pytest.fixture
def staff_key(db):
    EnrolmentFactory(session=SessionFactory())
    _token, raw = api_token_create(user=UserFactory(role="national_staff"), name="schemathesis")
    return raw


schema = schemathesis.pytest.from_fixture("api_schema")


@schema.parametrize()
@settings(max_examples=12, deadline=None, suppress_health_check=list(HealthCheck))
def test_no_server_error(case, staff_key):
    case.call_and_validate(
        headers={"Authorization": f"Bearer {staff_key}"}, checks=[not_a_server_error]
    )
    case.call_and_validate(checks=[not_a_server_error])
