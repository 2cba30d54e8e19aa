"""A new notice version asks again at the next visit: no loop, ``next`` kept, nothing blocked
that must not be (staff, assets, log-out, the consent pages, a form being sent)."""

from urllib.parse import quote

import pytest
from django.urls import reverse

from accounts.models import ConsentPurpose
from accounts.selectors import needs_reconsent
from accounts.services import consent_give

from .factories import new_notice

pytestmark = pytest.mark.django_db

RECONSENT = reverse("accounts:reconsent")


@pytest.fixture
def asked(client, participant):
    consent_give(user=participant, purpose=ConsentPurpose.COMPETENCIES, actor=participant)
    new_notice()
    client.force_login(participant)
    return participant


def test_nobody_is_asked_while_the_notice_is_the_one_they_agreed_to(client, participant):
    consent_give(user=participant, purpose=ConsentPurpose.COMPETENCIES, actor=participant)
    client.force_login(participant)
    assert client.get(reverse("accounts:dashboard")).status_code == 200


def test_a_new_version_sends_to_the_reconsent_page_keeping_next(client, asked):
    target = reverse("competencies:index") + "?x=1"
    response = client.get(target)
    assert response.status_code == 302
    assert response["Location"] == f"{RECONSENT}?next={quote(target, safe='')}"
    page = client.get(response["Location"])
    assert page.status_code == 200  # no loop on the page itself
    assert "Ik ga akkoord" in page.content.decode()
    assert f'value="{target}"' in page.content.decode()
    done = client.post(RECONSENT, {"next": target})
    assert done["Location"] == target
    assert not needs_reconsent(asked)
    assert client.get(target).status_code == 200


def test_reconsent_never_follows_a_next_off_the_site(client, asked):
    response = client.post(RECONSENT, {"next": "//evil.example/"})
    assert response["Location"] == reverse("accounts:dashboard")


@pytest.mark.parametrize(
    "path",
    [
        "/static/css/leerkring.css",
        "/privacy/",
        "/mijn/toestemmingen/",
        "/mijn/toestemmingen/vertegenwoordiger/",
        "/account/logout/",
        "/mijn/uitloggen-overal/",
    ],
)
def test_assets_logout_and_the_privacy_pages_are_never_blocked(client, asked, path):
    response = client.get(path)
    assert not (response.status_code == 302 and response["Location"].startswith(RECONSENT))


def test_a_form_being_sent_and_an_htmx_request_pass(client, asked):
    response = client.post(reverse("accounts:profile_edit"), {"display_name": "Sanne"})
    assert response.status_code == 302
    assert response["Location"] == reverse("accounts:dashboard")
    htmx = client.get(reverse("accounts:dashboard"), headers={"HX-Request": "true"})
    assert htmx.status_code == 200


def test_staff_reach_their_pages_without_being_asked(client, national_staff):
    consent_give(user=national_staff, purpose=ConsentPurpose.COURSES, actor=national_staff)
    new_notice()
    client.force_login(national_staff)
    assert client.get(reverse("accounts:dashboard")).status_code == 200
    assert client.get("/beheer/").status_code == 200


def test_anonymous_visitors_are_not_asked(client):
    new_notice()
    assert client.get(reverse("privacy_notice")).status_code == 200
    assert client.get(reverse("accounts:dashboard")).status_code == 302
