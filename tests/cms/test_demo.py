"""The demo content: loaded twice changes nothing, and it is what the issue promises."""

import pytest
from django.core.management import call_command

from cms.models import CoursePage, ModulePage, StandardPage
from courses.models import Session

pytestmark = pytest.mark.django_db


def test_demo_is_idempotent_and_complete(client):
    call_command("load_demo")
    counts = (ModulePage.objects.count(), CoursePage.objects.count(), Session.objects.count())
    call_command("load_demo")
    assert counts == (
        ModulePage.objects.count(),
        CoursePage.objects.count(),
        Session.objects.count(),
    )

    lokaal = CoursePage.objects.get(slug="lokale-belangenbehartiging")
    assert lokaal.course.slug == "lokale-belangenbehartiging"
    assert ModulePage.objects.child_of(lokaal).count() >= 6
    assert CoursePage.objects.filter(slug="train-de-trainer").exists()
    assert {"over-leerkring", "privacy", "toegankelijkheid", "contact"} <= set(
        StandardPage.objects.values_list("slug", flat=True)
    )
    assert all(m.kort_gezegd for m in ModulePage.objects.all())

    html = client.get(lokaal.url).content.decode()
    assert html.count('class="session"') >= 3
    search = client.get("/zoeken/", {"q": "vlinderen"}).content.decode()
    assert "Netwerken in vier stappen" in search
    assert "Onderdeel van de cursus Lokale belangenbehartiging" in search


STEP_TITLES = {
    "van-ik-naar-wij": ["Vertel je verhaal", "Luister naar de anderen", "Zoek wat hetzelfde is"],
    "netwerken-in-vier-stappen": ["Vogels spotten", "Vlinderen", "Vlooien", "Trompetteren"],
    "stappenplan": ["Zoek informatie", "Bepaal bij wie je moet zijn", "Ga aan de slag"],
    "vier-kerntaken": ["Signaleren", "Strategie en plan van aanpak", "Evalueren"],
}


def test_demo_steps_have_their_titles(client):
    call_command("load_demo")
    for slug, titles in STEP_TITLES.items():
        module = ModulePage.objects.get(slug=slug)
        html = client.get(module.url).content.decode()
        assert "None" not in html, slug
        titles_shown = [t for t in titles if f'class="step-title">{t}</h3>' in html]
        assert titles_shown == titles, slug


def test_load_demo_repairs_untitled_steps_only_where_no_editor_worked(client, national_staff):
    """Databases made by the old demo have steps without titles; loading the demo again puts
    them back, unless an editor has saved the page since."""
    call_command("load_demo")
    broken_body = [
        {"type": "kort_gezegd", "value": "Eerste zin. Tweede zin."},
        {
            "type": "steps",
            "value": {
                "title": "Stappen",
                "steps": [{"type": "item", "value": {"title": "Kwijt", "text": "<p>x</p>"}}],
            },
        },
    ]
    untouched = ModulePage.objects.get(slug="netwerken-in-vier-stappen")
    edited = ModulePage.objects.get(slug="stappenplan")
    for page, user in ((untouched, None), (edited, national_staff)):
        page.body = broken_body
        page.save_revision(user=user).publish()

    call_command("load_demo")

    html = client.get(untouched.url).content.decode()
    assert 'class="step-title">Vlinderen</h3>' in html
    edited.refresh_from_db()
    assert [child.block_type for child in edited.body] == ["kort_gezegd", "steps"]
