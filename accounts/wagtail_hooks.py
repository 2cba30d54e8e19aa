from wagtail import hooks

from .wagtail_users import AuditedAssignRoleBulkAction

# Registered after Wagtail's own action of the same type, which it replaces.
hooks.register("register_bulk_action", AuditedAssignRoleBulkAction, order=100)
