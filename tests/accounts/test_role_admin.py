"""Role changes in the user admins go through the audited service, never straight into the
groups table: Wagtail's user admin (edit, create, bulk "assign role") and the Django admin."""

import pytest
from django.contrib.auth.models import Group

from accounts.models import AuditEntry, User
from accounts.roles import Role, has_role
from tests.accounts.factories import UserFactory

pytestmark = pytest.mark.django_db


def _group(role):
    return Group.objects.get(name=role.value)


def _audit(verb, user):
    return list(
        AuditEntry.objects.filter(verb=verb, target_id=str(user.pk)).values_list("actor_id", "data")
    )


def _wagtail_form(user, groups, **extra):
    return {
        "email": user.email,
        "first_name": "Voornaam",
        "last_name": "Achternaam",
        "is_active": "on",
        "groups": [g.pk for g in groups],
        "password1": "",
        "password2": "",
        **extra,
    }


def test_wagtail_user_edit_assigns_and_removes_roles_through_the_service(client, superuser):
    person = UserFactory(role="participant")
    client.force_login(superuser)
    url = f"/beheer/users/edit/{person.pk}/"
    response = client.post(url, _wagtail_form(person, [_group(Role.TRAINER)]))
    assert response.status_code == 302, response.content.decode()[:2000]
    person = User.objects.get(pk=person.pk)
    assert has_role(person, Role.TRAINER)
    assert not has_role(person, Role.PARTICIPANT)
    assert _audit("user.role_assigned", person) == [(superuser.pk, {"role": "trainer"})]
    assert _audit("user.role_removed", person) == [(superuser.pk, {"role": "participant"})]


def test_wagtail_user_edit_without_role_change_writes_no_role_entry(client, superuser):
    person = UserFactory(role="trainer")
    client.force_login(superuser)
    response = client.post(
        f"/beheer/users/edit/{person.pk}/", _wagtail_form(person, [_group(Role.TRAINER)])
    )
    assert response.status_code == 302
    assert not AuditEntry.objects.filter(verb__startswith="user.role_").exists()


def test_wagtail_user_create_assigns_roles_through_the_service(client, superuser):
    client.force_login(superuser)
    data = {
        **_wagtail_form(User(email="nieuw@example.org"), [_group(Role.NATIONAL_STAFF)]),
        "password1": "Sterk-wachtwoord-2026",
        "password2": "Sterk-wachtwoord-2026",
    }
    response = client.post("/beheer/users/new/", data)
    assert response.status_code == 302, response.content.decode()[:2000]
    person = User.objects.get(email="nieuw@example.org")
    assert has_role(person, Role.NATIONAL_STAFF)
    assert _audit("user.role_assigned", person) == [(superuser.pk, {"role": "national_staff"})]


def test_wagtail_bulk_assign_role_goes_through_the_service(client, superuser):
    people = [UserFactory(), UserFactory()]
    client.force_login(superuser)
    ids = "&".join(f"id={p.pk}" for p in people)
    response = client.post(
        f"/beheer/bulk/accounts/user/assign_role/?{ids}", {"role": _group(Role.TRAINER).pk}
    )
    assert response.status_code == 302
    for person in people:
        assert has_role(User.objects.get(pk=person.pk), Role.TRAINER)
        assert _audit("user.role_assigned", person) == [(superuser.pk, {"role": "trainer"})]


def test_django_admin_role_change_goes_through_the_service(client, superuser):
    person = UserFactory(role="participant")
    client.force_login(superuser)
    data = {
        "email": person.email,
        "display_name": person.display_name,
        "phone": "",
        "organisation": "",
        "region": "",
        "is_active": "on",
        "groups": [_group(Role.TRAINER).pk, _group(Role.PARTICIPANT).pk],
        "last_login_0": "",
        "last_login_1": "",
        "date_joined_0": "2026-01-05",
        "date_joined_1": "10:00:00",
    }
    response = client.post(f"/django-admin/accounts/user/{person.pk}/change/", data)
    assert response.status_code == 302, response.content.decode()[:3000]
    assert has_role(User.objects.get(pk=person.pk), Role.TRAINER)
    assert _audit("user.role_assigned", person) == [(superuser.pk, {"role": "trainer"})]
    assert _audit("user.role_removed", person) == []


def test_making_someone_administrator_is_audited_in_both_admins(client, superuser):
    person, other = UserFactory(), UserFactory()
    client.force_login(superuser)
    response = client.post(
        f"/beheer/users/edit/{person.pk}/", _wagtail_form(person, [], is_superuser="on")
    )
    assert response.status_code == 302
    assert User.objects.get(pk=person.pk).is_superuser
    assert _audit("user.superuser_set", person) == [(superuser.pk, {"is_superuser": True})]
    data = {
        "email": other.email,
        "display_name": other.display_name,
        "is_active": "on",
        "is_superuser": "on",
        "date_joined_0": "2026-01-05",
        "date_joined_1": "10:00:00",
    }
    response = client.post(f"/django-admin/accounts/user/{other.pk}/change/", data)
    assert response.status_code == 302
    assert User.objects.get(pk=other.pk).is_superuser
    assert _audit("user.superuser_set", other) == [(superuser.pk, {"is_superuser": True})]
