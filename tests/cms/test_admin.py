"""Editors get a clear Dutch message from the admin when content would break a page."""

import pytest
from wagtail.images.tests.utils import get_test_image_file
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

from cms.models import CoursePage, ModulePage
from tests.cms import factories as f
from tests.courses.factories import CourseFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor(client, national_staff):
    client.force_login(national_staff)
    return client


def _add_url(model, parent):
    return f"/beheer/pages/add/cms/{model.__name__.lower()}/{parent.pk}/"


def _course_data(**extra):
    data = {
        "title": "Nieuwe cursus",
        "slug": "nieuwe-cursus",
        "summary": "Kort.",
        "for_whom": rich_text("<p>Iedereen</p>"),
        "what_you_learn": rich_text("<p>Veel</p>"),
        "practical": rich_text(""),
        "illustration": "kring",
    }
    data.update(extra)
    return nested_form_data(data)


def test_staff_can_add_a_course_page_with_a_course(editor):
    course = CourseFactory()
    response = editor.post(_add_url(CoursePage, f.catalogue_page()), _course_data(course=course.pk))
    assert response.status_code == 302
    assert CoursePage.objects.get(slug="nieuwe-cursus").course == course


def test_course_page_without_course_is_refused(editor):
    response = editor.post(_add_url(CoursePage, f.catalogue_page()), _course_data())
    assert response.status_code == 200
    assert "Kies de cursus waar deze pagina bij hoort" in response.content.decode()
    assert not CoursePage.objects.filter(slug="nieuwe-cursus").exists()


def test_second_page_for_the_same_course_is_refused(editor):
    page = f.course_page()
    response = editor.post(
        _add_url(CoursePage, f.catalogue_page()), _course_data(course=page.course_id)
    )
    assert "Deze cursus heeft al een cursuspagina" in response.content.decode()


def _module_data(body):
    return nested_form_data(
        {
            "title": "Nieuwe module",
            "slug": "nieuwe-module",
            "icon": "info",
            "illustration": "kring",
            "body": streamfield(body),
        }
    )


def test_module_without_kort_gezegd_is_refused(editor):
    course = f.course_page()
    response = editor.post(
        _add_url(ModulePage, course), _module_data([("paragraph", rich_text("<p>Hallo</p>"))])
    )
    assert response.status_code == 200
    # The stream field's errors travel to the editor as JSON inside the page.
    assert "Een module begint altijd met \\u00e9\\u00e9n blok" in response.content.decode()
    assert not ModulePage.objects.filter(slug="nieuwe-module").exists()


def test_module_image_without_alt_text_is_refused(editor):
    from wagtail.images.models import Image

    image = Image.objects.create(title="Kring", file=get_test_image_file())
    course = f.course_page()
    body = [
        ("kort_gezegd", "Eerste zin. Tweede zin."),
        ("image", {"image": image.pk, "alt": "", "caption": ""}),
    ]
    response = editor.post(_add_url(ModulePage, course), _module_data(body))
    assert response.status_code == 200
    assert "Geef de afbeelding een alt-tekst" in response.content.decode()


def test_valid_module_is_saved(editor):
    course = f.course_page()
    body = [("kort_gezegd", "Eerste zin. Tweede zin."), ("paragraph", rich_text("<p>Hoi</p>"))]
    response = editor.post(_add_url(ModulePage, course), _module_data(body))
    assert response.status_code == 302
    assert ModulePage.objects.get(slug="nieuwe-module").kort_gezegd.startswith("Eerste")


def test_trainers_and_participants_cannot_reach_the_admin(client, trainer, participant):
    for user in (trainer, participant):
        client.force_login(user)
        response = client.get("/beheer/pages/")
        assert response.status_code in (302, 403)
        assert response.get("Location", "/beheer/login/").startswith("/beheer/login/")
