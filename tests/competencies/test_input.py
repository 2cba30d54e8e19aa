"""Odd numbers typed or posted on the competency pages: a clear message, never a 500."""

import pytest
from django.urls import reverse

from competencies import services
from competencies.exceptions import AnswerNotANumber, InvalidCardPick
from competencies.models import Answer, CardPick
from competencies.selectors import competencies_with_statements

from .factories import movisie, start

pytestmark = pytest.mark.django_db

HUGE = "9" * 30
FULL_WIDTH_TWO = "\uff12"
ARABIC_INDIC_THREE = "\u0663"


@pytest.mark.parametrize("odd", [FULL_WIDTH_TWO, ARABIC_INDIC_THREE, " 2", "2_0", "+2", HUGE])
def test_an_answer_in_odd_digits_is_refused_by_the_service(participant, odd):
    assessment = start(participant)
    statement = movisie().statements.first()
    with pytest.raises(AnswerNotANumber):
        services.answers_save(assessment=assessment, values={statement.pk: odd})
    with pytest.raises(AnswerNotANumber):
        services.answers_save(assessment=assessment, values={f"{statement.pk}\uff10": 2})
    assert not Answer.objects.exists()


@pytest.mark.parametrize("odd", [FULL_WIDTH_TWO, ARABIC_INDIC_THREE])
def test_an_answer_in_odd_digits_gets_a_clear_message_and_keeps_the_rest(client, participant, odd):
    assessment = start(participant)
    client.force_login(participant)
    first, second = competencies_with_statements(movisie())[0].statements.all()[:2]
    response = client.post(
        reverse("competencies:fill", args=[assessment.pk]) + "?c=1",
        {f"s{first.pk}": "3", f"s{second.pk}": odd, "c": "1", "action": "next"},
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "gewoon getal" in page
    assert f'name="s{first.pk}" value="3" checked' in page
    assert not Answer.objects.exists()


def test_plain_digits_are_still_saved(client, participant):
    assessment = start(participant)
    client.force_login(participant)
    statement = competencies_with_statements(movisie())[0].statements.first()
    response = client.post(
        reverse("competencies:fill", args=[assessment.pk]) + "?c=1",
        {f"s{statement.pk}": "2", "c": "1", "action": "next"},
    )
    assert response.status_code == 302
    assert Answer.objects.get().value == 2


@pytest.mark.parametrize("odd", [HUGE, "99999999999999999999", FULL_WIDTH_TWO, "-1", "1e3"])
def test_card_picks_with_odd_ids_are_a_400_with_the_picks_kept(client, participant, odd):
    assessment = start(participant, kind="cards")
    comps = list(movisie().competencies.order_by("number"))
    client.force_login(participant)
    response = client.post(
        reverse("competencies:cards", args=[assessment.pk]),
        {"strength": [odd, comps[0].pk, comps[1].pk], "grow": [c.pk for c in comps[3:6]]},
    )
    assert response.status_code == 400
    assert "Kies precies 3" in response.content.decode()
    assert response.content.decode().count("checked") == 5
    assert not CardPick.objects.exists()


def test_card_service_refuses_huge_ids(participant):
    assessment = start(participant, kind="cards")
    comps = list(movisie().competencies.order_by("number"))
    with pytest.raises(InvalidCardPick):
        services.cards_save(
            assessment=assessment,
            strengths=[10**30, comps[0].pk, comps[1].pk],
            grow=[c.pk for c in comps[3:6]],
            actor=participant,
        )


@pytest.mark.postgres
def test_card_picks_with_a_huge_id_on_postgres(client, participant):
    assessment = start(participant, kind="cards")
    comps = list(movisie().competencies.order_by("number"))
    client.force_login(participant)
    response = client.post(
        reverse("competencies:cards", args=[assessment.pk]),
        {"strength": [HUGE, comps[0].pk, comps[1].pk], "grow": [c.pk for c in comps[3:6]]},
    )
    assert response.status_code == 400


def test_odd_screen_number_opens_the_first_open_screen(client, participant):
    assessment = start(participant)
    client.force_login(participant)
    for odd in (HUGE, FULL_WIDTH_TWO, "abc"):
        page = client.get(reverse("competencies:fill", args=[assessment.pk]), {"c": odd})
        assert page.status_code == 200
        assert "competentie 1 van 12" in page.content.decode()
