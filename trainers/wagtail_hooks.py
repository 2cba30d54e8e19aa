"""A link in /beheer/ to the pool dashboard (the dashboard itself is a staff page on the site)."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem


@hooks.register("register_admin_menu_item")
def register_pool_menu_item():
    return MenuItem(_("Trainerspool"), reverse("trainers:dashboard"), icon_name="group", order=450)
