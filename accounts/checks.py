"""Start-up checks that keep production settings safe."""

from django.conf import settings
from django.core.checks import Error, Tags, register


@register(Tags.security, deploy=True)
def production_settings_check(app_configs, **kwargs):
    errors = []
    if getattr(settings, "PRODUCTION", False) and not settings.LEERKRING_REQUIRE_STAFF_MFA:
        errors.append(
            Error(
                "LEERKRING_REQUIRE_STAFF_MFA is off in production.",
                hint="Staff accounts must use MFA; only the embedded demo may relax it.",
                id="leerkring.E001",
            )
        )
    if getattr(settings, "PRODUCTION", False) and settings.CELERY_TASK_ALWAYS_EAGER:
        errors.append(
            Error(
                "Celery runs tasks eagerly in production.",
                hint="Set REDIS_URL so tasks go to the worker.",
                id="leerkring.E002",
            )
        )
    return errors
