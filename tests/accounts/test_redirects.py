"""Every ``next`` a request can name stays on this site (one helper: accounts.redirects)."""

import pytest
from django.conf import settings
from django.urls import reverse

from tests.accounts.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db

OFF_SITE = [
    "https://evil.example/x",
    "//evil.example/x",
    "/\\evil.example/x",
    "http://evil.example@testserver.evil.example/",
    "javascript:alert(1)",
]


@pytest.mark.parametrize("target", OFF_SITE)
def test_consent_does_not_follow_a_next_to_another_host(client, participant, target):
    client.force_login(participant)
    page = client.get(reverse("competencies:consent"), {"next": target})
    assert target not in page.content.decode()
    response = client.post(reverse("competencies:consent"), {"agree": "on", "next": target})
    assert response.status_code == 302
    assert response["Location"] == reverse("competencies:index")


def test_consent_follows_a_path_on_this_site(client, participant):
    client.force_login(participant)
    target = reverse("competencies:peer_invite")
    response = client.post(reverse("competencies:consent"), {"agree": "on", "next": target})
    assert response["Location"] == target


def test_consent_on_https_refuses_a_plain_http_next_on_the_same_host(client, participant):
    client.force_login(participant)
    response = client.post(
        reverse("competencies:consent"),
        {"agree": "on", "next": "http://testserver/mijn/"},
        secure=True,
    )
    assert response["Location"] == reverse("competencies:index")


@pytest.mark.parametrize("target", OFF_SITE)
def test_text_size_switch_stays_on_this_site(client, target):
    response = client.get(reverse("text_size"), {"grootte": "groot", "next": target})
    assert response["Location"] == "/"


@pytest.mark.parametrize("target", OFF_SITE)
def test_admin_login_hand_over_drops_a_next_to_another_host(client, target):
    response = client.get(reverse("beheer_login"), {"next": target})
    assert "evil" not in response["Location"]
    assert "javascript" not in response["Location"]


@pytest.mark.parametrize("target", OFF_SITE)
def test_login_does_not_follow_a_next_to_another_host(client, target, settings):
    # allauth's own check trusts every ALLOWED_HOSTS entry; ours only the request's host.
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "evil.example"]
    user = UserFactory()
    response = client.post(
        reverse("account_login"), {"login": user.email, "password": PASSWORD, "next": target}
    )
    assert response.status_code == 302
    assert "evil" not in response["Location"]
    assert "javascript" not in response["Location"]


@pytest.mark.parametrize("target", OFF_SITE)
def test_language_switch_stays_on_this_site(client, target):
    response = client.post(reverse("set_language"), {"language": "en", "next": target})
    assert response.status_code == 302
    assert response["Location"] == "/"
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "en"
