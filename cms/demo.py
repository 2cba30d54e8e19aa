"""Demo content of the CMS. Idempotent: it only adds what is missing, and never overwrites what
an editor changed."""

from django.db import transaction
from wagtail.models import Site

from . import demo_texts as texts
from .models import (
    CourseIndexPage,
    CoursePage,
    HomePage,
    HomePageFeaturedCourse,
    ModulePage,
    StandardPage,
)


def _publish(parent, page):
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page


def _child(parent, model, slug):
    return model.objects.child_of(parent).filter(slug=slug).first()


def _ensure_catalogue(home):
    catalogue = _child(home, CourseIndexPage, "cursussen")
    if catalogue is None:
        catalogue = _publish(
            home,
            CourseIndexPage(
                title="Cursussen",
                slug="cursussen",
                illustration="netwerk",
                search_description="Alle cursussen van Leerkring, met data en plaatsen.",
                intro=(
                    "<p>Kies een cursus. Je ziet wanneer en waar hij wordt gegeven. En hoeveel "
                    "plekken er nog vrij zijn.</p>"
                ),
            ),
        )
    return catalogue


def _ensure_course(catalogue, spec, modules, course=None):
    page = _child(catalogue, CoursePage, spec["slug"])
    if page is None:
        page = CoursePage(
            title=spec["title"],
            slug=spec["slug"],
            illustration=spec["illustration"],
            summary=spec["summary"],
            search_description=spec["search_description"],
            for_whom=spec["for_whom"],
            what_you_learn=spec["what_you_learn"],
            practical=spec["practical"],
        )
        page.course = course
        page = _publish(catalogue, page)
    elif _OLD_PRACTICAL in page.practical and _untouched_by_editors(page):
        page.practical = spec["practical"]
        page.save_revision().publish()
    for module in modules:
        existing = _child(page, ModulePage, module["slug"])
        if existing is not None:
            _repair_step_titles(existing, module)
        else:
            _publish(
                page,
                ModulePage(
                    title=module["title"],
                    slug=module["slug"],
                    icon=module["icon"],
                    illustration=module["illustration"],
                    duration_minutes=module["duration"],
                    body=module["body"],
                ),
            )
    return page


def _has_untitled_steps(body) -> bool:
    return any(
        not step.get("title")
        for child in body
        if child.block_type == "steps"
        for step in child.value["steps"]
    )


#: Earlier demos promised "one day, 10.00 to 16.00", while the sessions have several meetings.
_OLD_PRACTICAL = "De cursus duurt één dag, van 10.00 tot 16.00 uur"


def _untouched_by_editors(page) -> bool:
    """Every revision is the demo's own (no user): repairing it overwrites no editor's work."""
    return not page.revisions.exclude(user=None).exists()


def _repair_step_titles(page, module) -> None:
    """Earlier demos stored steps without titles (shown as "None"). Put the demo's steps back,
    but only on a page no editor has touched since."""
    if not _has_untitled_steps(page.body) or not _untouched_by_editors(page):
        return
    page.body = module["body"]
    page.save_revision().publish()


def _ensure_standard_pages(home):
    for spec in texts.STANDARD_PAGES:
        if _child(home, StandardPage, spec["slug"]) is None:
            _publish(
                home,
                StandardPage(
                    title=spec["title"],
                    slug=spec["slug"],
                    intro=spec["intro"],
                    body=spec["body"],
                    show_in_menus=True,
                ),
            )


def _demo_courses():
    """The course rows behind the demo pages, made by ``courses.demo`` (which runs first); the
    rows are only created here when the CMS demo runs on its own."""
    from courses.models import Course

    courses = {}
    kinds = [
        (texts.LOKAAL_COURSE, Course.Kind.COURSE),
        (texts.TTT_COURSE, Course.Kind.TRAIN_THE_TRAINER),
    ]
    for spec, kind in kinds:
        course, _created = Course.objects.get_or_create(
            slug=spec["slug"],
            defaults={
                "title": spec["title"],
                "description": spec["summary"],
                "kind": kind,
            },
        )
        courses[spec["slug"]] = course
    return courses


@transaction.atomic
def load_demo_content() -> None:
    site = Site.objects.get(is_default_site=True)
    # The embedded default serves on 127.0.0.1:8000; make that the default site's address so
    # absolute URLs (sitemap, mails) are right in the demo.
    if (site.hostname, site.port) != ("127.0.0.1", 8000):
        site.hostname, site.port = "127.0.0.1", 8000
        site.save(update_fields=["hostname", "port"])

    home = HomePage.objects.get(pk=site.root_page_id)
    courses = _demo_courses()
    catalogue = _ensure_catalogue(home)
    lokaal = _ensure_course(
        catalogue,
        texts.LOKAAL_COURSE,
        texts.LOKAAL_MODULES,
        courses.get(texts.LOKAAL_COURSE["slug"]),
    )
    ttt = _ensure_course(
        catalogue, texts.TTT_COURSE, texts.TTT_MODULES, courses.get(texts.TTT_COURSE["slug"])
    )
    _ensure_standard_pages(home)
    if not home.featured_courses.exists():
        for order, page in enumerate([lokaal, ttt]):
            home.featured_courses.add(HomePageFeaturedCourse(course_page=page, sort_order=order))
        home.save_revision().publish()
