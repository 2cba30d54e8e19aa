from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CmsConfig(AppConfig):
    name = "cms"
    verbose_name = _("Inhoud")

    def ready(self):
        # Cache invalidation only (no business rule): a changed page tree makes cached pages stale.
        from django.db.models.signals import post_delete
        from wagtail.models import Page
        from wagtail.signals import page_published, page_unpublished, post_page_move

        from .cache import pages_bump

        def _bump(**kwargs):
            pages_bump()

        # weak=False: ``_bump`` is local to this method; a weak reference would die with it.
        for signal in (page_published, page_unpublished, post_page_move):
            signal.connect(_bump, weak=False, dispatch_uid=f"cms-cache-{id(signal)}")
        post_delete.connect(_bump, sender=Page, weak=False, dispatch_uid="cms-cache-page-delete")
