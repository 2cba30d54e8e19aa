"""Who looked: every staff or trainer view of one person's data writes one audit entry, and the
participant sees on Mijn gegevens who looked at their shared results (name, role, when)."""

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from accounts.models import AuditEntry, User

from .privacy_world import build_world

pytestmark = pytest.mark.django_db


def _views_of(user, verb):
    return AuditEntry.objects.filter(
        verb=verb,
        target_type=ContentType.objects.get_for_model(User),
        target_id=str(user.pk),
    )


def test_trainer_viewing_shared_results_is_shown_to_the_participant(client):
    world = build_world(participants=5)
    client.force_login(world.trainer)
    url = reverse("competencies:shared_results", args=[world.enrolments[0].pk])
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    inserts = [q for q in ctx.captured_queries if q["sql"].startswith("INSERT")]
    assert len(inserts) == 1  # the one audit row; nothing else is written by looking
    entry = _views_of(world.me, "competencies.shared_results_viewed").get()
    assert entry.actor == world.trainer
    assert entry.data["role"] == "trainer"
    assert entry.data["enrolment"] == world.enrolments[0].pk

    client.force_login(world.me)
    page = client.get(reverse("accounts:my_data")).content.decode()
    section = page.split('id="wie-keek"')[1].split("</section>")[0]
    assert "Tineke Trainer" in section
    assert "Trainer" in section
    assert "Gedeelde uitslag bekeken" in section
    # The other participant sees nobody: the trainer looked at someone else's results.
    client.force_login(world.other)
    section = client.get(reverse("accounts:my_data")).content.decode().split('id="wie-keek"')[1]
    assert "Tineke Trainer" not in section.split("</section>")[0]


def test_participant_list_sheet_and_csv_each_write_one_entry(client):
    world = build_world(participants=5)
    client.force_login(world.trainer)
    for name, view in [
        ("courses:portal_session", "list"),
        ("courses:portal_signin_sheet", "signin_sheet"),
        ("courses:portal_csv", "csv"),
    ]:
        assert client.get(reverse(name, args=[world.session.pk])).status_code == 200
        entry = AuditEntry.objects.filter(verb="courses.participants_viewed").latest("pk")
        assert entry.actor == world.trainer
        assert entry.data["view"] == view
        assert entry.target_id == str(world.session.pk)
        assert set(entry.data["users"]) == {e.user_id for e in world.enrolments}
    assert AuditEntry.objects.filter(verb="courses.participants_viewed").count() == 3


def test_staff_person_page_and_admin_pages_are_logged(client, national_staff, superuser):
    person = User.objects.create_user(email="iemand@example.org", display_name="Iemand")
    client.force_login(national_staff)
    assert client.get(reverse("accounts:person_data", args=[person.pk])).status_code == 200
    assert _views_of(person, "accounts.personal_export_viewed").get().actor == national_staff
    # The user pages of the Wagtail and Django admins: technical administrators.
    client.force_login(superuser)
    assert client.get(reverse("wagtailusers_users:edit", args=[person.pk])).status_code == 200
    assert _views_of(person, "accounts.person_viewed").get().data["role"] == "national_staff"
    url = reverse("admin:accounts_user_change", args=[person.pk])
    assert client.get(url).status_code == 200
    assert _views_of(person, "accounts.person_viewed").count() == 2
    # The person sees both on Mijn gegevens.
    client.force_login(person)
    page = client.get(reverse("accounts:my_data")).content.decode()
    assert page.count("Persoon bekeken in het beheer") == 2
