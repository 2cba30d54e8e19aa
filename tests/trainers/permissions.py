"""Who gets what at every trainer-pool URL (see tests/permissions/matrix.py).

A person reaches only their own traject; only the session's lead reaches an intern's sign-off;
the pool's staff pages are for national staff. Everyone else gets a 404.
"""

from datetime import date

from tests.permissions.matrix import REDIRECT, Case, logged_in, staff_only, trainers_only


def build_world(world):
    from .factories import ApplicationFactory, ProfileFactory, internship

    trainer = world["users"]["trainer"]
    profile = ProfileFactory(user=trainer, status="in_programme")
    intern = ProfileFactory(status="candidate")
    assignment, _lead = internship(intern.user, lead=trainer)
    from trainers.availability import availability_set

    mark = availability_set(
        actor=trainer, profile=profile, day=date(2031, 3, 4), part="avond", available=True
    )
    world["trainers"] = {
        "mark": mark,
        "profile": profile,
        "internship": assignment,
        "application": ApplicationFactory(),
    }


def _t(world):
    return world["trainers"]


CASES = {
    "trainers:apply": Case("/trainers/aanmelden/", logged_in(200)),
    "trainers:my_programme": Case("/trainers/mijn-traject/", trainers_only(200)),
    "trainers:my_availability": Case("/trainers/beschikbaarheid/", trainers_only(200)),
    "trainers:availability_remove": Case(
        lambda w: f"/trainers/beschikbaarheid/{_t(w)['mark'].pk}/verwijderen/",
        {**trainers_only(REDIRECT)},
        method="post",
    ),
    # The session being planned: its own trainers and national staff.
    "trainers:suggest": Case(
        lambda w: f"/trainers/voorstel/{w['courses']['mine'].pk}/",
        {**staff_only(200), "trainer": 200},
    ),
    "trainers:sign_off": Case(
        lambda w: f"/trainers/stage/{_t(w)['internship'].pk}/aftekenen/", trainers_only(200)
    ),
    "trainers:applications": Case("/trainers/beheer/aanmeldingen/", staff_only(200)),
    "trainers:application_decide": Case(
        lambda w: f"/trainers/beheer/aanmeldingen/{_t(w)['application'].pk}/besluit/",
        staff_only(REDIRECT),
        method="post",
        data={"decision": "decline", "message": "Nu niet, dank je wel."},
    ),
    "trainers:trainer_detail": Case(
        lambda w: f"/trainers/beheer/trainer/{_t(w)['profile'].pk}/", staff_only(200)
    ),
    "trainers:dashboard": Case("/trainers/beheer/", staff_only(200)),
}

# The staff API: the session cookie is the log-in; anyone else gets a 404 (401 without log-in).
API = {**staff_only(200, others=404), "anonymous": 401}
CASES.update(
    {
        "api:trainer_pool_counts": Case("/api/trainers/pool", API),
        "api:trainer_list": Case("/api/trainers/", API),
    }
)
