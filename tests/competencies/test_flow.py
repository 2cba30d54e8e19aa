"""The filling-in flow through the pages: consent, one competency per screen, resume, results."""

import pytest
from django.urls import reverse

from competencies.models import Answer, SelfAssessment
from competencies.selectors import competencies_with_statements
from tests.accounts.factories import UserFactory

from .factories import make_framework, movisie, start

pytestmark = pytest.mark.django_db


def _screen_post(client, assessment, position, value, action="next", framework=None):
    framework = framework or assessment.framework
    comp = competencies_with_statements(framework)[position - 1]
    data = {f"s{s.pk}": value for s in comp.statements.all()}
    data.update(action=action, c=position)
    return client.post(reverse("competencies:fill", args=[assessment.pk]) + f"?c={position}", data)


def test_consent_comes_first(client, participant):
    client.force_login(participant)
    response = client.post(reverse("competencies:start"), {"kind": "statements"})
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("competencies:consent"))
    page = client.get(reverse("competencies:consent"))
    assert "Wie ziet je antwoorden?" in page.content.decode()
    bad = client.post(reverse("competencies:consent"), {})
    assert "Zet een vinkje" in bad.content.decode()
    ok = client.post(reverse("competencies:consent"), {"agree": "on"})
    assert ok.status_code == 302
    started = client.post(reverse("competencies:start"), {"kind": "statements"})
    assessment = SelfAssessment.objects.get(user=participant)
    assert started["Location"] == reverse("competencies:fill", args=[assessment.pk])


def test_one_competency_per_screen_with_progress_and_credit(client, participant):
    assessment = start(participant)
    client.force_login(participant)
    page = client.get(reverse("competencies:fill", args=[assessment.pk]) + "?c=3").content.decode()
    assert "competentie 3 van 12" in page
    assert "Communiceren" in page
    assert "Ik luister naar anderen." in page
    assert page.count('type="radio"') == 16  # 4 statements x 4 large buttons
    assert "niet waar".capitalize() in page
    assert "Zeer waar" in page
    assert "© MOVISIE 2011" in page


def test_each_screen_saves_and_moves_on_resume_back_and_skip(client, participant):
    assessment = start(participant)
    client.force_login(participant)
    for position in range(1, 6):
        response = _screen_post(client, assessment, position, 3)
        assert response["Location"].endswith(f"?c={position + 1}")
    assert Answer.objects.filter(assessment=assessment).count() == 20
    # Leave and come back: the first unanswered competency opens.
    page = client.get(reverse("competencies:fill", args=[assessment.pk])).content.decode()
    assert "competentie 6 van 12" in page
    # Skip 6 (no answers), answer 7; go back to 6 later.
    skip = client.post(
        reverse("competencies:fill", args=[assessment.pk]), {"c": 6, "action": "next"}
    )
    assert skip["Location"].endswith("?c=7")
    _screen_post(client, assessment, 7, 2)
    back = _screen_post(client, assessment, 7, 4, action="prev")
    assert back["Location"].endswith("?c=6")
    assert set(
        Answer.objects.filter(assessment=assessment, statement__competency__number=7).values_list(
            "value", flat=True
        )
    ) == {4}
    overview = client.get(reverse("competencies:overview", args=[assessment.pk])).content.decode()
    assert "nog niet ingevuld" in overview
    for position in (6, *range(8, 13)):
        _screen_post(client, assessment, position, 4)
    assessment.refresh_from_db()
    assert assessment.completed_at is not None
    assert Answer.objects.filter(assessment=assessment).count() == 48


def test_bad_input_keeps_answers_and_says_why(client, participant):
    assessment = start(participant)
    client.force_login(participant)
    _screen_post(client, assessment, 1, 2)
    response = _screen_post(client, assessment, 2, 9)
    assert response.status_code == 400
    assert "Kies een van de antwoorden." in response.content.decode()
    assert Answer.objects.filter(assessment=assessment).count() == 4
    other = make_framework()
    foreign = other.statements.first()
    response = client.post(
        reverse("competencies:fill", args=[assessment.pk]), {f"s{foreign.pk}": 1, "c": 1}
    )
    assert response.status_code == 400
    assert "hoort niet bij deze lijst" in response.content.decode()
    garbage = client.post(
        reverse("competencies:fill", args=[assessment.pk]), {"s1x": "a", "c": "x"}
    )
    assert garbage.status_code in (200, 302)


def test_double_submit_updates_and_never_duplicates(client, participant):
    assessment = start(participant)
    client.force_login(participant)
    _screen_post(client, assessment, 1, 2)
    _screen_post(client, assessment, 1, 2)
    _screen_post(client, assessment, 1, 3)
    assert (
        list(Answer.objects.filter(assessment=assessment).values_list("value", flat=True))
        == [3] * 4
    )


def test_someone_elses_assessment_is_404(client, participant):
    assessment = start(participant)
    other = UserFactory(role="participant")
    client.force_login(other)
    for name in ("fill", "overview", "results"):
        assert client.get(reverse(f"competencies:{name}", args=[assessment.pk])).status_code == 404
    assert _screen_post(client, assessment, 1, 3).status_code == 404
    assert not Answer.objects.exists()


def test_results_page_shows_chart_table_learning_points_and_task_fit(client, participant):
    assessment = start(participant)
    client.force_login(participant)
    for position in range(1, 13):
        _screen_post(client, assessment, position, 4 if position in (1, 3, 8) else 2)
    page = client.get(
        reverse("competencies:results", args=[assessment.pk]) + "?taak="
    ).content.decode()
    assert "<svg" in page
    assert 'class="series personal"' in page
    assert "sterk" in page
    assert "Signaleren en analyseren" in page
    assert "Ik heb gevoel voor timing." in page  # a learning point (answered "beetje waar")
    assert "Taak 1.1" in page  # 1.1 needs 1, 3, 8: all strengths
    assert "© MOVISIE 2011" in page


def test_task_choice_shows_what_to_develop(client, participant):
    assessment = start(participant)
    client.force_login(participant)
    for position in range(1, 13):
        _screen_post(client, assessment, position, 4 if position == 1 else 1)
    task = movisie().core_tasks.get(number=1).sub_tasks.get(code="1.1")
    page = client.get(
        reverse("competencies:results", args=[assessment.pk]), {"taak": task.pk}
    ).content.decode()
    assert "Hierin kun je nog groeien" in page
    assert "<strong>Communiceren</strong>" in page
    assert "<strong>Netwerken</strong>" in page


def test_card_mode(client, participant):
    assessment = start(participant, kind="cards")
    client.force_login(participant)
    url = reverse("competencies:cards", args=[assessment.pk])
    comps = list(movisie().competencies.order_by("number"))
    bad = client.post(url, {"strength": [comps[0].pk], "grow": [comps[1].pk]})
    assert bad.status_code == 400
    assert "Kies precies 3" in bad.content.decode()
    assert "checked" in bad.content.decode()
    good = client.post(
        url, {"strength": [c.pk for c in comps[:3]], "grow": [c.pk for c in comps[3:6]]}
    )
    assert good.status_code == 302
    page = client.get(good["Location"]).content.decode()
    assert "Past bij mij:" in page
    assert "Lef" in page


def test_second_framework_of_another_shape_runs_the_whole_flow(client, participant):
    framework = make_framework(competencies=6, statements=3, scale=5, slug="scw")
    client.force_login(participant)
    client.post(reverse("competencies:consent"), {"agree": "on"})
    response = client.post(reverse("competencies:start"), {"framework": "scw"})
    assessment = SelfAssessment.objects.get(user=participant, framework=framework)
    assert response["Location"] == reverse("competencies:fill", args=[assessment.pk])
    page = client.get(response["Location"]).content.decode()
    assert "competentie 1 van 6" in page
    assert page.count('type="radio"') == 15
    for position in range(1, 7):
        r = _screen_post(client, assessment, position, 5 if position <= 2 else 1)
    assert r["Location"] == reverse("competencies:overview", args=[assessment.pk])
    assessment.refresh_from_db()
    assert assessment.completed_at is not None
    page = client.get(reverse("competencies:results", args=[assessment.pk])).content.decode()
    assert "5,00" in page
    assert "1,00" in page
    assert "© Voorbeeld" in page
    assert "Taak 1.1" not in page or "Competentie 1" in page
