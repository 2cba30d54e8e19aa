"""Demo content of the CMS. Idempotent: it only adds what is missing."""

from django.db import transaction
from wagtail.models import Site


@transaction.atomic
def load_demo_content() -> None:
    site = Site.objects.get(is_default_site=True)
    # The embedded default serves on 127.0.0.1:8000; make that the default site's address so
    # absolute URLs (sitemap, mails) are right in the demo.
    if (site.hostname, site.port) != ("127.0.0.1", 8000):
        site.hostname, site.port = "127.0.0.1", 8000
        site.save(update_fields=["hostname", "port"])
