"""Which page may be created where: the shape of the site."""

from wagtail.models import Page
from wagtail.test.utils import WagtailPageTestCase

from cms.models import CourseIndexPage, CoursePage, HomePage, ModulePage, StandardPage


class PageTreeTests(WagtailPageTestCase):
    def test_home_holds_catalogue_and_standard_pages(self):
        self.assertAllowedSubpageTypes(HomePage, {CourseIndexPage, StandardPage})
        self.assertAllowedParentPageTypes(HomePage, {Page})

    def test_catalogue_holds_only_course_pages(self):
        self.assertAllowedSubpageTypes(CourseIndexPage, {CoursePage})
        self.assertAllowedParentPageTypes(CourseIndexPage, {HomePage})

    def test_course_holds_only_modules(self):
        self.assertAllowedSubpageTypes(CoursePage, {ModulePage})
        self.assertAllowedParentPageTypes(CoursePage, {CourseIndexPage})

    def test_module_is_a_leaf_under_a_course(self):
        self.assertAllowedSubpageTypes(ModulePage, set())
        self.assertAllowedParentPageTypes(ModulePage, {CoursePage})
        self.assertCanNotCreateAt(HomePage, ModulePage)
        self.assertCanNotCreateAt(CourseIndexPage, ModulePage)

    def test_standard_pages_nest_under_home(self):
        self.assertCanCreateAt(HomePage, StandardPage)
        self.assertCanCreateAt(StandardPage, StandardPage)
        self.assertCanNotCreateAt(CoursePage, StandardPage)

    def test_only_one_home_and_one_catalogue(self):
        home = HomePage.objects.get()
        assert not HomePage.can_create_at(Page.get_first_root_node())
        assert CourseIndexPage.can_create_at(home)
        home.add_child(instance=CourseIndexPage(title="Cursussen", slug="cursussen"))
        assert not CourseIndexPage.can_create_at(home)
