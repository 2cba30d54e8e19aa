"""Links this app adds to pages of ``courses``, which must not import it.

- ``courses_enrolment_links``: "Na de cursus" on a participant's own attended, completed
  course ("Mijn cursussen" and the course page). No queries: it reads the enrolment only.
- ``courses_session_links``: "Intervisie" on the trainer's page of a completed session.
"""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks

from accounts.permissions import can
from courses.models import Enrolment, Session


@hooks.register("courses_enrolment_links")
def after_course_link(request, enrolment) -> list[dict]:
    if (
        enrolment.status != Enrolment.Status.ATTENDED
        or enrolment.session.status != Session.Status.COMPLETED
    ):
        return []
    return [
        {
            "label": _("Na de cursus"),
            "url": reverse("intervision:after_course", args=[enrolment.session_id]),
        }
    ]


@hooks.register("courses_session_links")
def trainer_session_link(request, session) -> list[dict]:
    if session.status != Session.Status.COMPLETED or not can(
        request.user, "intervision.run_session", session
    ):
        return []
    return [
        {
            "label": _("Intervisie"),
            "url": reverse("intervision:trainer_session", args=[session.pk]),
        }
    ]
