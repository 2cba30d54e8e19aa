"""Links this app adds to pages of ``courses``, which must not import it.

``courses`` asks Wagtail's hook registry for ``courses_session_links`` when it renders a
trainer's session page; each answer is a list of ``{"label", "url"}``.
"""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks

from accounts.permissions import can


@hooks.register("courses_session_links")
def session_growth_link(request, session) -> list[dict]:
    """The group's growth, once the session is completed (the post list opens then)."""
    if session.status != "completed" or not can(
        request.user, "competencies.view_session_growth", session
    ):
        return []
    return [
        {
            "label": _("Groei van de groep"),
            "url": reverse("competencies:session_growth", args=[session.pk]),
        }
    ]
