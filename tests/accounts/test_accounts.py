import re

import pytest
from allauth.account.models import EmailAddress
from django.core import mail
from django.urls import reverse

from accounts.models import AuditEntry, User
from accounts.roles import Role, has_role
from tests.accounts.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db

SIGNUP = {
    "display_name": "Piet Jansen",
    "email": "piet@example.org",
    "password1": "Sterk-wachtwoord-2026",
    "password2": "Sterk-wachtwoord-2026",
    "organisation": "Cliëntenraad Zuid",
    "phone": "",
    "privacy_consent": "on",
}


def test_roles_are_groups_created_by_migration():
    from django.contrib.auth.models import Group

    assert set(Group.objects.values_list("name", flat=True)) >= {r.value for r in Role}


def test_email_is_the_login_and_unique_case_insensitively():
    UserFactory(email="anna@example.org")
    with pytest.raises(Exception):  # noqa: B017  (IntegrityError from the constraint)
        User.objects.create_user(email="Anna@Example.org", password="x")


def test_user_without_email_is_allowed_and_cannot_log_in():
    person = User.objects.create_user(email=None, display_name="Zonder mail", phone="0612345678")
    assert person.email is None
    assert not person.has_usable_password()


def test_signup_sends_verification_through_outbox_and_makes_a_participant(
    client, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("account_signup"), SIGNUP)
    assert response.status_code == 302
    user = User.objects.get(email="piet@example.org")
    assert user.display_name == "Piet Jansen"
    assert user.organisation == "Cliëntenraad Zuid"
    assert has_role(user, Role.PARTICIPANT)
    assert AuditEntry.objects.filter(verb="user.signed_up", target_id=str(user.pk)).exists()
    assert len(mail.outbox) == 1
    link = re.search(r"https?://\S+/account/confirm-email/\S+/", mail.outbox[0].body).group(0)
    path = link.split("://", 1)[1].split("/", 1)[1]
    client.post("/" + path)
    assert EmailAddress.objects.get(email="piet@example.org").verified


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"email": "geen-adres"}, "geldig e-mailadres"),
        ({"password1": "kort", "password2": "kort"}, "te kort"),
        ({"password2": "Anders-wachtwoord-2026"}, "hetzelfde wachtwoord"),
    ],
)
def test_signup_bad_input_gives_dutch_message_and_keeps_input(client, change, message):
    response = client.post(reverse("account_signup"), {**SIGNUP, **change})
    assert response.status_code == 200
    body = response.content.decode()
    assert message in body
    assert 'value="Piet Jansen"' in body
    assert 'value="Cliëntenraad Zuid"' in body
    assert "Sterk-wachtwoord-2026" not in body
    assert not User.objects.filter(email="piet@example.org").exists()


def test_login_wrong_password_is_dutch_and_keeps_email(client):
    UserFactory(email="anna@example.org")
    response = client.post(
        reverse("account_login"), {"login": "anna@example.org", "password": "fout"}
    )
    assert response.status_code == 200
    body = response.content.decode()
    assert "niet juist" in body
    assert 'value="anna@example.org"' in body


def test_login_is_rate_limited(client):
    UserFactory(email="anna@example.org")
    bodies = [
        client.post(
            reverse("account_login"), {"login": "anna@example.org", "password": "fout"}
        ).content.decode()
        for _ in range(7)
    ]
    assert "te vaak" not in bodies[0]
    assert "te vaak" in bodies[-1]
    # Even the right password is refused while the limit holds.
    response = client.post(
        reverse("account_login"), {"login": "anna@example.org", "password": PASSWORD}
    )
    assert response.status_code == 200
    assert "te vaak" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_login_requests_per_ip_are_capped(client, settings):
    settings.ACCOUNT_RATE_LIMITS = {**settings.ACCOUNT_RATE_LIMITS, "login": "3/m/ip"}
    statuses = [
        client.post(
            reverse("account_login"), {"login": "x@example.org", "password": "x"}
        ).status_code
        for _ in range(5)
    ]
    assert statuses[:3] == [200, 200, 200]
    assert statuses[-1] == 429


def test_wagtail_and_django_admin_logins_go_through_the_rate_limited_form(client):
    response = client.get("/beheer/login/?next=/beheer/pages/")
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))
    response = client.get("/django-admin/login/")
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


def test_expired_or_reused_verification_link_is_explained(client):
    response = client.get("/account/confirm-email/ongeldige-sleutel/")
    assert response.status_code == 200
    assert "Deze link is verlopen of al gebruikt." in response.content.decode()


def test_reused_verification_link_is_explained(client, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("account_signup"), SIGNUP)
    path = re.search(r"/account/confirm-email/\S+/", mail.outbox[0].body).group(0)
    client.post(path)
    assert EmailAddress.objects.get(email="piet@example.org").verified
    response = client.get(path)
    assert "Deze link is verlopen of al gebruikt." in response.content.decode()


def test_profile_update_is_saved_and_audited(client, participant):
    client.force_login(participant)
    response = client.post(
        reverse("accounts:profile_edit"),
        {"display_name": "Nieuwe Naam", "phone": "0201234567", "organisation": "Wmo-raad"},
    )
    assert response.status_code == 302
    participant.refresh_from_db()
    assert participant.display_name == "Nieuwe Naam"
    entry = AuditEntry.objects.get(verb="user.profile_updated")
    assert entry.actor == participant
    assert entry.data["fields"] == ["display_name", "organisation", "phone"]


def test_staff_without_mfa_is_sent_to_mfa_setup(client, settings):
    settings.LEERKRING_REQUIRE_STAFF_MFA = True
    staff = UserFactory(role="national_staff")
    client.force_login(staff)
    response = client.get("/beheer/")
    assert response.status_code == 302
    assert response["Location"] == reverse("mfa_activate_totp")


def test_staff_with_mfa_reaches_the_cms(client, national_staff):
    client.force_login(national_staff)
    assert client.get("/beheer/").status_code == 200


def test_relaxed_mfa_lets_demo_staff_in(client, settings):
    settings.LEERKRING_REQUIRE_STAFF_MFA = False
    staff = UserFactory(role="national_staff")
    client.force_login(staff)
    assert client.get("/beheer/").status_code == 200


def test_personal_pages_are_never_cached(client, participant):
    client.force_login(participant)
    response = client.get(reverse("accounts:dashboard"))
    assert "no-store" in response["Cache-Control"]
    assert "private" in response["Cache-Control"]


@pytest.mark.parametrize("path", ["/beheer/", "/beheer/pages/", "/django-admin/"])
def test_logged_in_participant_is_refused_the_staff_area_without_a_redirect_loop(
    client, participant, path
):
    client.force_login(participant)
    response = client.get(path, follow=True)
    assert response.status_code == 403
    assert len(response.redirect_chain) == 0
    assert "niet voor jou" in response.content.decode()
