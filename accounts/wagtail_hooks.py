from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.widgets import ListingButton

from .roles import is_national_staff
from .wagtail_users import AuditedAssignRoleBulkAction

# Registered after Wagtail's own action of the same type, which it replaces.
hooks.register("register_bulk_action", AuditedAssignRoleBulkAction, order=100)


@hooks.register("register_user_listing_buttons")
def personal_data_button(user, request_user):
    """From the user list to the person's data: download or erase on their request."""
    if is_national_staff(request_user):
        yield ListingButton(
            _("Gegevens (inzien, wissen)"),
            reverse("accounts:person_data", args=[user.pk]),
            priority=50,
            icon_name="doc-full",
        )
