from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _
from wagtail.users.apps import WagtailUsersAppConfig


class AccountsConfig(AppConfig):
    # Two configs live here: without this Django would fall back to a bare AppConfig for
    # "accounts" and never run ready() (the production checks would not be registered).
    default = True
    name = "accounts"
    verbose_name = _("Accounts")

    def ready(self):
        from . import (
            checks,  # noqa: F401  (registers the production safety checks)
            personal_data,
            personal_export,
        )

        personal_data.register()
        personal_export.register_export_kinds()


class WagtailUsersConfig(WagtailUsersAppConfig):
    """Wagtail's user admin, with role changes through ``accounts.services`` (audited)."""

    user_viewset = "accounts.wagtail_users.UserViewSet"
