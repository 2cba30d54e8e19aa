"""Staff API keys (made and revoked on the profile, stored hashed, audited) and the overview's
read endpoint, which accepts a key or the session."""

import pytest

from accounts.models import AuditEntry, StaffApiToken
from accounts.services import api_token_create, api_token_hash
from overview.services import overview_refresh
from tests.accounts.factories import UserFactory
from tests.courses.factories import SessionFactory, region

pytestmark = pytest.mark.django_db


def _bearer(raw):
    return {"HTTP_AUTHORIZATION": f"Bearer {raw}"}


def test_staff_make_a_key_see_it_once_and_use_it(client, national_staff):
    client.force_login(national_staff)
    page = client.post("/mijn/api-sleutels/", {"name": "Maandrapport"}).content.decode()
    token = StaffApiToken.objects.get()
    raw = page.split('<code class="token" tabindex="0">')[1].split("</code>")[0]
    assert raw.startswith("lk_")
    assert token.key_hash == api_token_hash(raw)
    assert raw not in str(StaffApiToken.objects.values_list())  # only the hash is stored
    assert raw not in client.get("/mijn/api-sleutels/").content.decode()  # shown once
    assert AuditEntry.objects.filter(verb="api_token.created", actor=national_staff).exists()
    SessionFactory(region=region("walcheren"))
    overview_refresh()  # the API reads the stored buckets, as the page does
    client.logout()
    response = client.get("/api/overzicht/", {"region": "walcheren"}, **_bearer(raw))
    assert response.status_code == 200
    body = response.json()
    assert body["sessions"] == 1
    assert body["regions"][0]["slug"] == "walcheren"
    token.refresh_from_db()
    assert token.last_used_at is not None


def test_a_revoked_key_or_a_former_staff_member_gets_401(client, national_staff):
    token, raw = api_token_create(user=national_staff, name="Script")
    client.force_login(national_staff)
    assert client.post(f"/mijn/api-sleutels/{token.pk}/intrekken/").status_code == 302
    assert AuditEntry.objects.filter(verb="api_token.revoked").count() == 1
    client.logout()
    assert client.get("/api/overzicht/", **_bearer(raw)).status_code == 401
    other, raw2 = api_token_create(user=UserFactory(role="national_staff"), name="x")
    other.user.groups.clear()
    assert client.get("/api/overzicht/", **_bearer(raw2)).status_code == 401
    assert client.get("/api/overzicht/", **_bearer("lk_onzin")).status_code == 401


def test_only_staff_make_keys_and_only_their_own_are_revoked(client, national_staff):
    participant = UserFactory(role="participant")
    client.force_login(participant)
    assert client.get("/mijn/api-sleutels/").status_code == 404
    token, _raw = api_token_create(user=national_staff, name="Van een ander")
    client.force_login(UserFactory(role="national_staff"))
    assert client.post(f"/mijn/api-sleutels/{token.pk}/intrekken/").status_code == 404
    token.refresh_from_db()
    assert token.revoked_at is None


def test_bad_filters_are_a_4xx_with_a_reason(client, national_staff):
    client.force_login(national_staff)
    assert client.get("/api/overzicht/", {"date_from": "gisteren"}).status_code == 422
    assert client.get("/api/overzicht/", {"region": "nergens"}).status_code == 404
    assert client.get("/api/overzicht/", {"course": "x"}).status_code == 422


def test_the_endpoint_is_in_the_openapi_document_with_bearer_auth(client):
    schema = client.get("/api/openapi.json").json()
    assert "/api/overzicht/" in schema["paths"]
    schemes = schema["components"]["securitySchemes"]
    assert any(s.get("scheme") == "bearer" for s in schemes.values())
