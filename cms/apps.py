from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CmsConfig(AppConfig):
    name = "cms"
    verbose_name = _("Inhoud")

    def ready(self):
        # Cache invalidation only (no business rule): a changed page tree makes cached pages and
        # routes stale; so does a changed site or view restriction (``cms.routing`` caches which
        # restrictions apply to a page, and a page that became private must leave the cache).
        from django.db.models.signals import post_delete, post_save
        from wagtail.models import Page, PageViewRestriction, Site
        from wagtail.signals import page_published, page_unpublished, post_page_move

        from .cache import pages_bump

        def _bump(**kwargs):
            pages_bump()

        # weak=False: ``_bump`` is local to this method; a weak reference would die with it.
        for signal in (page_published, page_unpublished, post_page_move):
            signal.connect(_bump, weak=False, dispatch_uid=f"cms-cache-{id(signal)}")
        post_delete.connect(_bump, sender=Page, weak=False, dispatch_uid="cms-cache-page-delete")
        for model in (PageViewRestriction, Site):
            for signal in (post_save, post_delete):
                signal.connect(
                    _bump,
                    sender=model,
                    weak=False,
                    dispatch_uid=f"cms-cache-{model.__name__}-{id(signal)}",
                )
