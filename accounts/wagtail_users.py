"""Wagtail's user admin (/beheer/users/), with every role change through the audited service.

The stock forms save ``groups`` straight into the many-to-many table: no audit entry and no rule.
Here the forms leave ``groups`` alone and the views hand them to ``user_groups_set``; the bulk
"assign role" action uses ``user_group_add``.
"""

from django.db import transaction
from wagtail.users.forms import UserCreationForm, UserEditForm
from wagtail.users.views import users as wagtail_users
from wagtail.users.views.bulk_actions.assign_role import AssignRoleBulkAction

from .audit import log_view
from .services import stored_superuser, user_group_add, user_groups_set, user_superuser_set


class _GroupsThroughService:
    """Keep the chosen groups out of the form's m2m save; the view gives them to the service."""

    def _save_m2m(self):
        groups = self.cleaned_data.pop("groups", None)
        try:
            super()._save_m2m()
        finally:
            if groups is not None:
                self.cleaned_data["groups"] = groups


class RoleCreationForm(_GroupsThroughService, UserCreationForm):
    pass


class RoleEditForm(_GroupsThroughService, UserEditForm):
    pass


class _SaveGroups:
    """Save the user's own fields; roles (groups, administrator) through the audited services."""

    def save_instance(self):
        with transaction.atomic():
            instance = self.form.instance
            wanted_superuser = instance.is_superuser
            instance.is_superuser = stored_superuser(instance)
            instance = super().save_instance()
            user_superuser_set(
                user=instance, is_superuser=wanted_superuser, actor=self.request.user
            )
            groups = self.form.cleaned_data.get("groups")
            if groups is not None:
                user_groups_set(user=instance, groups=groups, actor=self.request.user)
        return instance


class CreateView(_SaveGroups, wagtail_users.CreateView):
    pass


class EditView(_SaveGroups, wagtail_users.EditView):
    def get(self, request, *args, **kwargs):
        response = super().get(request, *args, **kwargs)
        # Who looked: a person's page in the admin shows their data (one INSERT).
        log_view(actor=request.user, verb="accounts.person_viewed", target=self.object)
        return response


class UserViewSet(wagtail_users.UserViewSet):
    add_view_class = CreateView
    edit_view_class = EditView

    def get_form_class(self, for_update=False):
        return RoleEditForm if for_update else RoleCreationForm


class AuditedAssignRoleBulkAction(AssignRoleBulkAction):
    def get_execution_context(self):
        return {**super().get_execution_context(), "actor": self.request.user}

    @classmethod
    def execute_action(cls, objects, role=None, actor=None, **kwargs):
        if role is None:
            return
        with transaction.atomic():
            for user in objects:
                user_group_add(user=user, group=role, actor=actor)
        return len(objects), 0
