"""The MOVISIE list exactly as seed 000 has it, and the scoring rules of its chapter 3."""

import pytest

from competencies import selectors
from competencies.models import SubTask
from competencies.scoring import score

from .factories import fill_all, make_framework, movisie, start

pytestmark = pytest.mark.django_db


def test_movisie_framework_is_shipped_as_the_seed_has_it():
    framework = movisie()
    assert framework.credit == "© MOVISIE 2011"
    comps = selectors.competencies_with_statements(framework)
    assert [c.number for c in comps] == list(range(1, 13))
    assert [c.name for c in comps][:3] == [
        "Signaleren en analyseren",
        "Sensitiviteit",
        "Communiceren",
    ]
    assert comps[11].name == "Politiek/bestuurlijk inzicht"
    assert all(len(c.statements.all()) == 4 for c in comps)
    assert (
        comps[0].statements.all()[0].text
        == "Ik oordeel niet te snel, maar onderzoek eerst de feiten."
    )
    assert (
        comps[7].statements.all()[3].text
        == "Ik ben bereikbaar via mail, telefoon, internet of sociale media."
    )
    scale = list(framework.scale_options.values_list("value", "label", "is_high"))
    assert scale == [
        (1, "niet waar", False),
        (2, "beetje waar", False),
        (3, "meestal waar", True),
        (4, "zeer waar", True),
    ]
    assert list(framework.core_tasks.values_list("number", flat=True)) == [1, 2, 3, 4]
    tasks = selectors.sub_tasks(framework)
    assert [t.code for t in tasks] == [
        "1.1", "1.2", "1.3", "2.1", "2.2", "2.3", "2.4", "3.1", "3.2", "3.3", "3.4", "3.5", "4.1",
    ]  # fmt: skip
    table = {
        t.code: [link.competency.number for link in t.links.order_by("order")]
        for t in SubTask.objects.filter(core_task__framework=framework).prefetch_related(
            "links__competency"
        )
    }
    assert table["1.1"] == [1, 3, 8]
    assert table["2.1"] == [6, 12, 8, 9]
    assert table["3.2"] == [6, 7, 12, 10, 11]
    assert table["4.1"] == [1, 2, 9, 10, 11]
    # The table of Bijlage 1 lists "Netwerken" at seven tasks (the text says eight).
    assert sum(8 in numbers for numbers in table.values()) == 7


def _card(framework, answers_by_comp):
    comps = selectors.competencies_with_statements(framework)
    answers = {}
    for comp in comps:
        for statement, value in zip(
            comp.statements.all(), answers_by_comp.get(comp.number, []), strict=False
        ):
            answers[statement.pk] = value
    return score(competencies=comps, high_values=selectors.high_values(framework), answers=answers)


def test_strength_is_mostly_meestal_or_zeer_waar():
    framework = movisie()
    card = _card(framework, {1: [4, 3, 3, 1], 2: [4, 4, 2, 1], 3: [3, 3, 3, 3], 4: [1, 1, 1, 1]})
    by_number = {r.competency.number: r for r in card.competencies}
    assert by_number[1].is_strength
    assert by_number[1].score == 2.75
    assert not by_number[2].is_strength  # two of four is not "mostly"
    assert by_number[3].is_strength
    assert by_number[3].score == 3.0
    assert not by_number[4].is_strength
    assert by_number[4].score == 1.0


def test_learning_points_are_the_niet_or_beetje_waar_statements_even_in_a_partial_list():
    framework = movisie()
    card = _card(framework, {1: [4, 3, 3, 1], 2: [2]})
    points = [s.text for s in card.learning_points]
    assert points == [
        "Ik verzamel signalen en deel deze met anderen om erachter te komen of zij ze herkennen.",
        "Ik kan me inleven in mensen, aansluiten bij hun belevingswereld.",
    ]
    by_number = {r.competency.number: r for r in card.competencies}
    assert by_number[2].score is None
    assert by_number[2].answered == 1
    assert not by_number[2].is_strength
    assert card.overall is None
    assert not card.complete


def test_scores_for_another_shape(participant):
    framework = make_framework(competencies=6, statements=3, scale=5)
    assessment = start(participant, framework)
    fill_all(assessment, [5, 4, 1] * 6)
    card = selectors.scorecard(assessment)
    assert card.complete
    assert [round(r.score, 9) for r in card.competencies] == [round(10 / 3, 9)] * 6
    assert len(card.strengths) == 6  # 4 and 5 are high on this scale: 2 of 3
    assert len(card.learning_points) == 6
