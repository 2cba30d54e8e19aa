"""The privacy pages: the notice, Mijn toestemmingen, the representative path, sign-up consent."""

import pytest
from django.urls import reverse

from accounts.models import ConsentPurpose, ConsentRecord
from accounts.selectors import consent_current, has_consent
from accounts.services import consent_give, consent_withdraw
from competencies import services as competency_services
from tests.accounts.factories import UserFactory
from tests.competencies.factories import course_list, course_session
from tests.querycount import assert_constant_queries

pytestmark = pytest.mark.django_db

LIST = ConsentPurpose.COMPETENCIES


def test_the_notice_shows_easy_read_next_to_the_full_text(client):
    page = client.get(reverse("privacy_notice")).content.decode()
    assert "In makkelijke taal" in page
    assert "De volledige tekst" in page
    assert page.index("Wat bewaren we?") < page.index("Privacyverklaring Leerkring")
    assert "Versie 1" in page


def test_consents_page_gives_and_withdraws_with_one_button(client, participant):
    client.force_login(participant)
    page = client.get(reverse("accounts:consents")).content.decode()
    assert "Ja, ik geef toestemming: De competentielijst invullen" in page
    response = client.post(reverse("accounts:consents"), {"purpose": LIST, "action": "give"})
    assert response.status_code == 302
    assert has_consent(participant, LIST)
    page = client.get(reverse("accounts:consents")).content.decode()
    assert "Nee, stop: De competentielijst invullen" in page
    assert "Dit geldt nu." in page
    client.post(reverse("accounts:consents"), {"purpose": LIST, "action": "withdraw"})
    assert not has_consent(participant, LIST)
    assert "Ingetrokken op" in client.get(reverse("accounts:consents")).content.decode()


@pytest.mark.parametrize(
    "data", [{}, {"purpose": "alles", "action": "give"}, {"purpose": LIST, "action": "delete"}]
)
def test_consents_page_refuses_unknown_choices_with_a_400(client, participant, data):
    client.force_login(participant)
    response = client.post(reverse("accounts:consents"), data)
    assert response.status_code == 400
    assert ConsentRecord.objects.count() == 0


def test_consents_page_is_linked_from_the_profile_and_dashboard(client, participant):
    client.force_login(participant)
    url = reverse("accounts:consents")
    assert url in client.get(reverse("accounts:dashboard")).content.decode()
    profile = client.get(reverse("accounts:profile_edit")).content.decode()
    assert url in profile
    assert reverse("accounts:logout_everywhere") in profile


def test_consents_page_queries_do_not_grow_with_the_history(client, participant):
    client.force_login(participant)

    def grow(n):
        for _ in range(n):
            consent_give(user=participant, purpose=LIST, actor=participant)
            consent_withdraw(user=participant, purpose=LIST, actor=participant)

    assert_constant_queries(grow=grow, action=lambda: client.get(reverse("accounts:consents")))


REPRESENTATIVE = {
    "name": "Joke Smit",
    "relation": "mentor",
    "contact": "joke@example.org",
    "purposes": [ConsentPurpose.COURSES, LIST],
    "confirm": "on",
}


def test_a_representative_gives_consent_through_the_page(client, participant):
    client.force_login(participant)
    url = reverse("accounts:consent_representative")
    response = client.post(url, {**REPRESENTATIVE, "next": reverse("competencies:index")})
    assert response.status_code == 302
    assert response["Location"] == reverse("competencies:index")
    record = consent_current(participant, LIST)
    assert record.by_representative
    assert record.get_representative_relation_display() == "Mentor"
    assert record.representative_contact == "joke@example.org"
    assert has_consent(participant, ConsentPurpose.COURSES)
    page = client.get(reverse("accounts:consents")).content.decode()
    assert "Joke Smit (Mentor)" in page


def test_the_representative_form_says_what_is_missing_and_keeps_what_was_typed(client, participant):
    client.force_login(participant)
    url = reverse("accounts:consent_representative")
    response = client.post(url, {**REPRESENTATIVE, "relation": "", "confirm": "", "purposes": []})
    assert response.status_code == 400
    page = response.content.decode()
    assert "Kies wat u van deze persoon bent." in page
    assert "Zet een vinkje als u de wettelijk vertegenwoordiger bent." in page
    assert "Kies minstens één ding waarvoor u toestemming geeft." in page
    assert 'value="Joke Smit"' in page
    assert 'value="joke@example.org"' in page
    assert ConsentRecord.objects.count() == 0


def test_the_representative_page_never_follows_a_next_off_the_site(client, participant):
    client.force_login(participant)
    url = reverse("accounts:consent_representative")
    response = client.post(url, {**REPRESENTATIVE, "next": "https://evil.example/"})
    assert response["Location"] == reverse("accounts:consents")


def test_sign_up_asks_for_consent_and_records_it(client):
    data = {
        "display_name": "Piet Jansen",
        "email": "piet@example.org",
        "password1": "Sterk-wachtwoord-2026",
        "password2": "Sterk-wachtwoord-2026",
    }
    refused = client.post(reverse("account_signup"), data)
    assert refused.status_code == 200
    assert "Zet een vinkje als je een account wilt maken." in refused.content.decode()
    assert 'value="Piet Jansen"' in refused.content.decode()
    client.post(reverse("account_signup"), {**data, "privacy_consent": "on"})
    record = ConsentRecord.objects.get(user__email="piet@example.org")
    assert record.purpose == ConsentPurpose.COURSES


def test_the_competency_list_asks_accounts_for_consent(client, participant):
    client.force_login(participant)
    assert client.get(reverse("competencies:index")).context["has_consent"] is False
    client.post(reverse("competencies:consent"), {"agree": "on"})
    assert consent_current(participant, LIST) is not None
    assert client.get(reverse("competencies:index")).context["has_consent"] is True
    consent_withdraw(user=participant, purpose=LIST, actor=participant)
    response = client.post(reverse("competencies:start"), {"kind": "statements"})
    assert response["Location"].startswith(reverse("competencies:consent"))


def test_withdrawing_the_sharing_consent_hides_shared_results_from_the_trainer(client):
    trainer = UserFactory(role="trainer")
    _session, [enrolment] = course_session(participants=1, trainer=trainer)
    course_list(enrolment, "pre", 3)
    competency_services.sharing_set(enrolment=enrolment, user=enrolment.user, share=True)
    assert has_consent(enrolment.user, ConsentPurpose.SHARE_WITH_TRAINER)
    url = reverse("competencies:shared_results", args=[enrolment.pk])
    client.force_login(trainer)
    assert client.get(url).status_code == 200
    consent_withdraw(user=enrolment.user, purpose=ConsentPurpose.SHARE_WITH_TRAINER, actor=None)
    assert client.get(url).status_code == 404


def test_an_administrator_publishes_a_new_version_in_the_admin(client, superuser):
    from accounts.models import AuditEntry, PrivacyNotice

    client.force_login(superuser)
    response = client.post(
        "/django-admin/accounts/privacynotice/add/",
        {
            "text": "Volledig.",
            "easy_read_text": "Kort.",
            "published_at_0": "2026-01-01",
            "published_at_1": "10:00:00",
        },
    )
    assert response.status_code == 302
    assert PrivacyNotice.objects.order_by("-version").first().version == 2
    assert AuditEntry.objects.filter(verb="privacy_notice.published").count() == 1


def test_enrolling_records_the_consent_to_take_part_said_next_to_the_button(client, participant):
    from tests.courses.factories import SessionFactory

    session = SessionFactory(capacity=3)
    url = reverse("courses:enrol", args=[session.pk])
    client.force_login(participant)
    assert "geef je toestemming om mee te doen" in client.get(url).content.decode()
    assert client.post(url, {"access_needs": "Rolstoel"}).status_code == 302
    record = consent_current(participant, ConsentPurpose.COURSES)
    assert record.recorded_by == participant
    # Given once: the next enrol page no longer says it.
    other = SessionFactory(capacity=3)
    page = client.get(reverse("courses:enrol", args=[other.pk])).content.decode()
    assert "geef je toestemming om mee te doen" not in page
