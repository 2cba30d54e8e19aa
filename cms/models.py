"""Page types of the public site: home, catalogue, course, module and standard pages.

The page tree is fixed by ``parent_page_types``/``subpage_types``: home -> catalogue -> course ->
modules, and standard pages under home. Course rows (scheduling data) live in ``courses``; a
course page shows one course and its sessions, it never holds scheduling rules itself.
"""

from django.db import models
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField, StreamField
from wagtail.models import GroupApprovalTask, Orderable, Page
from wagtail.search import index

from .blocks import ICON_CHOICES, PARAGRAPH_FEATURES, ModuleStreamBlock, StandardStreamBlock

ILLUSTRATION_CHOICES = [
    ("kring", _("Kring van mensen")),
    ("trap", _("Trap met stappen")),
    ("netwerk", _("Netwerk")),
    ("megafoon", _("Megafoon")),
    ("rugzak", _("Rugzak")),
    ("ster", _("Ster")),
    ("vogel", _("Vogel")),
    ("vlinder", _("Vlinder")),
]


class CoursePageForm(WagtailAdminPageForm):
    """A course page without its course could show no sessions: say so in plain words."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "course" in self.fields:
            self.fields["course"].error_messages["required"] = _(
                "Kies de cursus waar deze pagina bij hoort. Zonder cursus kan de pagina geen "
                "data en plaatsen laten zien."
            )


class CachedPageMixin:
    """Marks a page's anonymous response as shareable: see ``cms.middleware``.

    Pages behind a view restriction are never shared, whoever asks.
    """

    def serve(self, request, *args, **kwargs):
        response = super().serve(request, *args, **kwargs)
        if not self.get_view_restrictions().exists():
            response.leerkring_page_cache = True
        return response

    def get_view_restrictions(self):
        """Asked twice per request (Wagtail's serve hook, then ``serve`` above), two queries
        each: the first answer is kept on this instance, which lives for one request."""
        if "_view_restrictions" not in self.__dict__:
            self.__dict__["_view_restrictions"] = super().get_view_restrictions()
        return self.__dict__["_view_restrictions"]


class ChildRouteMixin:
    """Route to a child page in one query, not two.

    Wagtail finds the child as a plain page and then fetches its specific row. Every page type
    this page allows below it inherits straight from ``Page``, so the child's specific row can be
    joined to the first query (a reverse one-to-one per allowed type); the content type, cached
    by Django, says which join holds it.
    """

    def route(self, request, path_components):
        if not path_components:
            return super().route(request, path_components)
        from django.contrib.contenttypes.models import ContentType

        models = [m for m in self.allowed_subpage_models() if m.__bases__[-1] is Page]
        page = (
            Page.objects.child_of(self)
            .filter(slug=path_components[0])
            .select_related(*(m._meta.model_name for m in models))
            .first()
        )
        if page is None:
            # A route of the page's own (``RoutablePageMixin``), or a 404.
            return super().route(request, path_components)
        model = ContentType.objects.get_for_id(page.content_type_id).model_class()
        subpage = getattr(page, model._meta.model_name) if model in models else page.specific
        subpage._cached_parent_obj = self
        return subpage.route(request, path_components[1:])


class SeoMixin(models.Model):
    """What a search engine or a shared link shows: see templates/includes/meta.html."""

    illustration = models.CharField(
        _("illustratie"), max_length=20, choices=ILLUSTRATION_CHOICES, default="kring"
    )

    promote_panels = [*Page.promote_panels, FieldPanel("illustration")]

    class Meta:
        abstract = True

    def __str__(self):
        return self.title

    @property
    def illustration_path(self) -> str:
        return f"img/illustraties/{self.illustration}.svg"


class HomePage(CachedPageMixin, ChildRouteMixin, SeoMixin, Page):
    """The site root: what Leerkring is, featured courses and the next sessions."""

    intro = RichTextField(_("introductie"), blank=True, features=PARAGRAPH_FEATURES)

    content_panels = [
        *Page.content_panels,
        FieldPanel("intro"),
        InlinePanel("featured_courses", label=_("Uitgelichte cursussen"), max_num=6),
    ]
    search_fields = [*Page.search_fields, index.SearchField("intro")]
    parent_page_types = ["wagtailcore.Page"]
    subpage_types = ["cms.CourseIndexPage", "cms.StandardPage"]
    max_count = 1

    class Meta:
        verbose_name = _("startpagina")

    def get_context(self, request, *args, **kwargs):
        from .selectors import home_context

        context = super().get_context(request, *args, **kwargs)
        context.update(home_context(home=self))
        return context


class HomePageFeaturedCourse(Orderable):
    home = ParentalKey(HomePage, on_delete=models.CASCADE, related_name="featured_courses")
    course_page = models.ForeignKey(
        "cms.CoursePage", on_delete=models.CASCADE, related_name="+", verbose_name=_("cursus")
    )

    panels = [FieldPanel("course_page")]

    class Meta(Orderable.Meta):
        verbose_name = _("uitgelichte cursus")


class CourseIndexPage(CachedPageMixin, ChildRouteMixin, SeoMixin, Page):
    """The catalogue: every course with its next sessions, filtered without JavaScript."""

    intro = RichTextField(_("introductie"), blank=True, features=PARAGRAPH_FEATURES)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    search_fields = [*Page.search_fields, index.SearchField("intro")]
    parent_page_types = ["cms.HomePage"]
    subpage_types = ["cms.CoursePage"]
    max_count = 1

    class Meta:
        verbose_name = _("cursusoverzicht")

    def get_context(self, request, *args, **kwargs):
        from .selectors import catalogue_context

        context = super().get_context(request, *args, **kwargs)
        context.update(catalogue_context(index=self, params=request.GET))
        return context


class CoursePage(CachedPageMixin, RoutablePageMixin, ChildRouteMixin, SeoMixin, Page):
    """One course: what it is, its modules in order, and its upcoming sessions."""

    course = models.OneToOneField(
        "courses.Course",
        verbose_name=_("cursus"),
        on_delete=models.PROTECT,
        related_name="page",
        error_messages={
            "unique": _("Deze cursus heeft al een cursuspagina. Kies een andere cursus."),
        },
        help_text=_("De cursus uit de planning: daaruit komen de data en plaatsen."),
    )
    summary = models.TextField(
        _("samenvatting"), max_length=400, help_text=_("Twee of drie zinnen, in gewone taal.")
    )
    for_whom = RichTextField(_("voor wie"), features=PARAGRAPH_FEATURES)
    what_you_learn = RichTextField(_("wat leer je"), features=PARAGRAPH_FEATURES)
    practical = RichTextField(_("praktisch"), blank=True, features=PARAGRAPH_FEATURES)

    content_panels = [
        *Page.content_panels,
        FieldPanel("course"),
        FieldPanel("summary"),
        FieldPanel("for_whom"),
        FieldPanel("what_you_learn"),
        FieldPanel("practical"),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("summary", boost=1.5),
        index.SearchField("for_whom"),
        index.SearchField("what_you_learn"),
    ]
    parent_page_types = ["cms.CourseIndexPage"]
    subpage_types = ["cms.ModulePage"]
    base_form_class = CoursePageForm

    class Meta:
        verbose_name = _("cursuspagina")

    @cached_property
    def modules(self):
        return list(ModulePage.objects.child_of(self).live().public().order_by("path"))

    def get_context(self, request, *args, **kwargs):
        from .selectors import course_page_context

        context = super().get_context(request, *args, **kwargs)
        context.update(course_page_context(page=self, request=request))
        return context

    @path("rugzak/", name="rugzak")
    def rugzak(self, request):
        """Mijn rugzak: every module's "kort gezegd" on one printable page."""
        return self.render(
            request,
            template="cms/course_rugzak.html",
            context_overrides={"modules": self.modules},
        )


class ModulePage(CachedPageMixin, SeoMixin, Page):
    """One part of a course, always opened by its "kort gezegd" box."""

    icon = models.CharField(
        _("pictogram"), max_length=20, choices=ICON_CHOICES, blank=True, default="info"
    )
    duration_minutes = models.PositiveSmallIntegerField(_("duur in minuten"), null=True, blank=True)
    body = StreamField(ModuleStreamBlock(), verbose_name=_("inhoud"))

    content_panels = [
        *Page.content_panels,
        MultiFieldPanel([FieldPanel("icon"), FieldPanel("duration_minutes")], _("Over de module")),
        FieldPanel("body"),
    ]
    search_fields = [*Page.search_fields, index.SearchField("body")]
    parent_page_types = ["cms.CoursePage"]
    subpage_types = []

    class Meta:
        verbose_name = _("module")

    @property
    def kort_gezegd(self) -> str:
        for child in self.body:
            if child.block_type == "kort_gezegd":
                return child.value
        return ""

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        course = self.get_parent().specific
        modules = course.modules
        position = next((i for i, m in enumerate(modules) if m.pk == self.pk), None)
        context.update(
            course_page=course,
            modules=modules,
            previous_module=modules[position - 1] if position else None,
            next_module=(
                modules[position + 1]
                if position is not None and position + 1 < len(modules)
                else None
            ),
        )
        return context


class StandardPage(CachedPageMixin, SeoMixin, Page):
    """About, privacy statement, accessibility statement, contact."""

    intro = models.TextField(_("introductie"), blank=True, max_length=400)
    body = StreamField(StandardStreamBlock(), verbose_name=_("inhoud"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro"), FieldPanel("body")]
    search_fields = [*Page.search_fields, index.SearchField("intro"), index.SearchField("body")]
    parent_page_types = ["cms.HomePage", "cms.StandardPage"]
    subpage_types = ["cms.StandardPage"]

    class Meta:
        verbose_name = _("standaardpagina")


class ColleagueApprovalTask(GroupApprovalTask):
    """Approval by a member of the task's groups *other than* the person who asked for it.

    With the "Tweede paar ogen" workflow switched on, every publish needs a second national staff
    member: whoever submitted a page cannot approve it themselves.
    """

    class Meta:
        verbose_name = _("goedkeuring door een collega")
        verbose_name_plural = _("goedkeuringen door een collega")

    def get_actions(self, obj, user):
        state = getattr(obj, "current_workflow_state", None)
        if state is not None and state.requested_by_id == getattr(user, "pk", None):
            return []
        return super().get_actions(obj, user)
