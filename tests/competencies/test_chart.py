"""The radar chart is drawn for machines: its numbers never follow the page's language.

In Dutch, Django writes 210.0 as "210,0"; an SVG attribute like that is invalid and the browser
drops it (labels piled up top-left). Every numeric attribute must parse as a float in both
languages, and each score must sit where the geometry says.
"""

import math
import re
from html.parser import HTMLParser

import pytest
from django.urls import reverse

from competencies import charts
from competencies.selectors import competencies_with_statements
from tests.accounts.factories import UserFactory

from .factories import fill_all, movisie, start

pytestmark = pytest.mark.django_db

NUMERIC = {"x", "y", "x1", "x2", "y1", "y2", "cx", "cy", "r", "width", "height"}
NUMBER = re.compile(r"^-?\d+(\.\d+)?$")


class _SvgCollector(HTMLParser):
    def __init__(self):
        super().__init__()
        self.depth = 0
        self.elements = []

    def handle_starttag(self, tag, attrs):
        if tag == "svg" and ("class", "radar") in attrs:
            self.depth += 1
        if self.depth:
            self.elements.append((tag, dict(attrs)))

    def handle_endtag(self, tag):
        if tag == "svg" and self.depth:
            self.depth -= 1


def _radar_elements(html):
    parser = _SvgCollector()
    parser.feed(html)
    assert parser.elements, "no radar chart on the page"
    return parser.elements


def _assert_machine_numbers(elements):
    for tag, attrs in elements:
        for name, value in attrs.items():
            if name in NUMERIC:
                assert NUMBER.match(value), f"<{tag} {name}={value!r}>"
            elif name == "points":
                for pair in value.split():
                    for coordinate in pair.split(","):
                        assert NUMBER.match(coordinate), f"<{tag} points={value!r}>"
            elif name == "viewbox":
                assert all(NUMBER.match(v) for v in value.split()), f"<{tag} viewBox={value!r}>"


@pytest.mark.parametrize("language", ["nl", "en"])
def test_results_chart_numbers_parse_and_sit_where_the_math_says(client, language):
    user = UserFactory(role="participant")
    assessment = start(user)
    framework = movisie()
    competencies = competencies_with_statements(framework)
    # Competency i gets value 1 + i % 4 on every statement: score = that value.
    values = [1 + i % 4 for i, c in enumerate(competencies) for _ in c.statements.all()]
    fill_all(assessment, values)
    client.force_login(user)
    client.cookies["django_language"] = language
    html = client.get(reverse("competencies:results", args=[assessment.pk])).content.decode()
    elements = _radar_elements(html)
    _assert_machine_numbers(elements)

    dots = [a for tag, a in elements if tag == "circle" and "dot" in a.get("class", "")]
    assert len(dots) == len(competencies)
    count = len(competencies)
    for i, dot in enumerate(dots):
        score = 1 + i % 4
        fraction = (score - 1) / 3
        angle = -math.pi / 2 + 2 * math.pi * i / count
        assert float(dot["cx"]) == pytest.approx(
            charts.CENTER + charts.RADIUS * fraction * math.cos(angle), abs=0.06
        )
        assert float(dot["cy"]) == pytest.approx(
            charts.CENTER + charts.RADIUS * fraction * math.sin(angle), abs=0.06
        )
    # Axis labels fan out around the centre instead of piling up in one corner.
    labels = [a for tag, a in elements if tag == "text" and "axis-label" in a.get("class", "")]
    assert len({(a["x"], a["y"]) for a in labels}) == count
    lines = [a for tag, a in elements if tag == "line"]
    assert all(float(a["x1"]) == charts.CENTER for a in lines)


@pytest.mark.parametrize("language", ["nl", "en"])
def test_growth_chart_numbers_parse_in_both_languages(client, national_staff, language):
    from .test_growth import _run_course

    _run_course(5, seed=21, follow_up=False)
    client.force_login(national_staff)
    client.cookies["django_language"] = language
    html = client.get(reverse("competencies:national_growth")).content.decode()
    _assert_machine_numbers(_radar_elements(html))


def test_task_fit_explains_its_words_in_plain_dutch(client):
    user = UserFactory(role="participant")
    assessment = start(user)
    fill_all(assessment, 4)
    client.force_login(user)
    html = client.get(reverse("competencies:results", args=[assessment.pk])).content.decode()
    section = html.split('id="taken"')[1]
    text = " ".join(re.sub(r"<[^>]+>", " ", section).split())
    assert "Wat betekenen deze woorden?" in text
    assert "Kerntaak een groot deel van het werk" in text
    assert "Achterban de mensen voor wie je opkomt." in text
    # Tasks are shown under their core task, in words.
    assert "Kerntaak 1: Knelpunten, problemen en vragen signaleren" in text
    assert "Taak 1.1: delen van signalen" in text
