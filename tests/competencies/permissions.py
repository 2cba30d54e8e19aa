"""Who gets what at every competency URL (see tests/permissions/matrix.py).

Answers belong to the participant: others get 404 on their lists. A trainer sees individual
results only for a session they run and only while the participant shares them; national staff
see group figures only.
"""

from django.urls import reverse
from django.utils import timezone

from tests.courses.factories import AssignmentFactory, EnrolmentFactory, SessionFactory
from tests.permissions.matrix import LOGIN, Case, everyone, logged_in, staff_only

MINE = {
    "anonymous": LOGIN,
    "participant": 200,
    "trainer": 404,
    "national_staff": 404,
    "superuser": 404,
}


def build_world(world):
    from competencies import services

    from .factories import fill_all, movisie

    participant = world["users"]["participant"]
    trainer = world["users"]["trainer"]
    session = SessionFactory(status="completed")
    session.completed_at = timezone.now()
    session.save(update_fields=["completed_at"])
    AssignmentFactory(session=session, trainer=trainer)
    enrolment = EnrolmentFactory(session=session, user=participant, status="attended")
    services.consent_give(user=participant)
    post = services.assessment_start(
        user=participant, framework=movisie(), moment="post", enrolment=enrolment
    )
    fill_all(post, 3)
    services.sharing_set(enrolment=enrolment, user=participant, share=True)
    cards = services.assessment_start(user=participant, framework=movisie(), kind="cards")
    invitation = services.peer_invite(
        user=participant, framework=movisie(), name="Vriend", email="vriend@example.org"
    )
    world["competencies"] = {
        "session": session,
        "enrolment": enrolment,
        "assessment": post,
        "cards": cards,
        "token": services.peer_token(invitation),
    }


def _w(world):
    return world["competencies"]


CASES = {
    "competencies:index": Case("/competenties/", logged_in(200)),
    "competencies:consent": Case("/competenties/toestemming/", logged_in(200)),
    "competencies:start": Case("/competenties/starten/", logged_in(405)),
    "competencies:fill": Case(
        lambda w: reverse("competencies:fill", args=[_w(w)["assessment"].pk]), MINE
    ),
    # POST only (autosave of one answer); its owner and refusals are tested in test_autosave.
    "competencies:answer_save": Case(
        lambda w: reverse("competencies:answer_save", args=[_w(w)["assessment"].pk]),
        logged_in(405),
    ),
    "competencies:overview": Case(
        lambda w: reverse("competencies:overview", args=[_w(w)["assessment"].pk]), MINE
    ),
    "competencies:cards": Case(
        lambda w: reverse("competencies:cards", args=[_w(w)["cards"].pk]), MINE
    ),
    "competencies:results": Case(
        lambda w: reverse("competencies:results", args=[_w(w)["assessment"].pk]), MINE
    ),
    "competencies:share": Case(
        lambda w: reverse("competencies:share", args=[_w(w)["enrolment"].pk]), logged_in(405)
    ),
    "competencies:peer_invite": Case("/competenties/reactie-vragen/", logged_in(200)),
    # The signed link is the key: no account needed.
    "competencies:peer_fill": Case(
        lambda w: reverse("competencies:peer_fill", args=[_w(w)["token"]]), everyone(200)
    ),
    "competencies:peer_answer_save": Case(
        lambda w: reverse("competencies:peer_answer_save", args=[_w(w)["token"]]), everyone(405)
    ),
    "competencies:shared_results": Case(
        lambda w: reverse("competencies:shared_results", args=[_w(w)["enrolment"].pk]),
        {
            "anonymous": LOGIN,
            "participant": 404,
            "trainer": 200,
            "national_staff": 404,
            "superuser": 404,
        },
    ),
    "competencies:session_growth": Case(
        lambda w: reverse("competencies:session_growth", args=[_w(w)["session"].pk]),
        {
            "anonymous": LOGIN,
            "participant": 404,
            "trainer": 200,
            "national_staff": 200,
            "superuser": 200,
        },
    ),
    "competencies:national_growth": Case("/competenties/groei/", staff_only(200)),
    "competencies:national_growth_csv": Case("/competenties/groei.csv", staff_only(200)),
}
