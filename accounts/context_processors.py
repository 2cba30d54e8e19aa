from .roles import is_national_staff, is_trainer


def roles(request):
    """Role flags for navigation; lazy so anonymous pages pay no query."""
    user = getattr(request, "user", None)

    class _Roles:
        @property
        def is_trainer(self):
            return is_trainer(user)

        @property
        def is_national_staff(self):
            return is_national_staff(user)

    return {"roles": _Roles()}
