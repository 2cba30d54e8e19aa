"""Pages for tests: built through the page tree API, published like an editor would."""

import itertools

from cms.models import CourseIndexPage, CoursePage, HomePage, ModulePage, StandardPage
from tests.courses.factories import CourseFactory

_seq = itertools.count(1)

KORT = "Dit is de eerste zin. Dit is de tweede zin."


def publish(parent, page):
    parent.add_child(instance=page)
    page.save_revision().publish()
    page.refresh_from_db()
    return page


def home_page():
    return HomePage.objects.get()


def catalogue_page():
    home = home_page()
    existing = CourseIndexPage.objects.child_of(home).first()
    return existing or publish(home, CourseIndexPage(title="Cursussen", slug="cursussen"))


def course_page(**kwargs):
    n = next(_seq)
    fields = {
        "title": f"Cursus {n}",
        "slug": f"cursus-{n}",
        "summary": "Een korte samenvatting.",
        "for_whom": "<p>Voor iedereen.</p>",
        "what_you_learn": "<p>Veel.</p>",
    }
    fields.update(kwargs)
    if "course" not in fields:
        fields["course"] = CourseFactory(title=fields["title"], slug=fields["slug"])
    return publish(catalogue_page(), CoursePage(**fields))


def module_page(course, body=None, **kwargs):
    n = next(_seq)
    fields = {
        "title": f"Module {n}",
        "slug": f"module-{n}",
        "body": body
        or [
            {"type": "kort_gezegd", "value": KORT},
            {"type": "paragraph", "value": "<p>Over vlinderen en vlooien.</p>"},
        ],
    }
    fields.update(kwargs)
    return publish(course, ModulePage(**fields))


def standard_page(**kwargs):
    n = next(_seq)
    fields = {"title": f"Pagina {n}", "slug": f"pagina-{n}", "intro": "Intro."}
    fields.update(kwargs)
    return publish(home_page(), StandardPage(**fields))
