"""Each competency has a drawn (SVG) icon, chosen by a key in the framework data: emoji showed
as empty boxes where no emoji font is installed."""

import re

import pytest
from django.urls import reverse

from competencies import icons
from competencies.models import Competency

from .factories import make_framework, movisie, start

pytestmark = pytest.mark.django_db

EMOJI = re.compile("[\U0001f000-\U0001faff\u2600-\u26ff\ufe0f]")


def test_every_movisie_competency_has_its_own_known_icon():
    keys = list(Competency.objects.filter(framework=movisie()).values_list("icon", flat=True))
    assert len(keys) == 12
    assert all(key in icons.ICONS for key in keys), keys
    assert len(set(keys)) == 12


@pytest.mark.parametrize("url_name", ["fill", "cards"])
def test_pages_draw_svg_icons_and_show_no_emoji(client, participant, url_name):
    kind = "cards" if url_name == "cards" else "statements"
    assessment = start(participant, kind=kind)
    client.force_login(participant)
    page = client.get(reverse(f"competencies:{url_name}", args=[assessment.pk])).content.decode()
    assert not EMOJI.search(page)
    svgs = re.findall(r'<svg class="competency-icon"[^>]*>', page)
    assert svgs
    for tag in svgs:
        assert 'aria-hidden="true"' in tag
        assert 'focusable="false"' in tag
    if url_name == "cards":
        assert len(svgs) == 12


def test_an_unknown_or_empty_key_falls_back_to_a_plain_icon(client, participant):
    framework = make_framework(competencies=3)
    Competency.objects.filter(framework=framework, number=1).update(icon="onbekend")
    assessment = start(participant, framework=framework, kind="cards")
    client.force_login(participant)
    page = client.get(reverse("competencies:cards", args=[assessment.pk])).content.decode()
    assert page.count('<svg class="competency-icon"') == 3
    assert "onbekend" not in page
