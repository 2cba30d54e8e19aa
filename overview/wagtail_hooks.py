from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem


@hooks.register("register_admin_menu_item")
def register_overview_menu_item():
    return MenuItem(
        _("Landelijk overzicht"), reverse("overview:index"), icon_name="view", order=440
    )
