"""Privacy notice versions for tests (version 1 ships with the migrations)."""

from datetime import timedelta

from django.utils import timezone

from accounts.services import privacy_notice_publish


def new_notice(*, actor=None, delay: timedelta | None = None):
    """Publish the next version of the notice, now (or ``delay`` from now)."""
    return privacy_notice_publish(
        text="Volledige tekst, nieuwe versie.",
        easy_read_text="Korte zinnen. Nieuwe versie.",
        actor=actor,
        published_at=timezone.now() + delay if delay else None,
    )
