from datetime import datetime, timedelta

import pytest
from django.db import IntegrityError, transaction
from django.utils import timezone

from courses.models import Assignment
from tests.courses.factories import (
    AssignmentFactory,
    CourseFactory,
    QualificationFactory,
    SessionFactory,
    region,
)
from tests.trainers.factories import ProfileFactory
from trainers.availability import availability_set, part_of_day, trainers_suggest
from trainers.models import Availability

pytestmark = pytest.mark.django_db


def local(y, m, d, h):
    return timezone.make_aware(datetime(y, m, d, h, 0))


MEETING = (local(2031, 3, 4, 19), local(2031, 3, 4, 21))


def qualified(course, *, status="active", slug="amsterdam"):
    profile = ProfileFactory(status=status, regions=[region(slug)])
    QualificationFactory(trainer=profile.user, course=course)
    return profile


def test_part_of_day_in_local_time():
    assert part_of_day(local(2031, 3, 4, 9)) == "ochtend"
    assert part_of_day(local(2031, 3, 4, 13)) == "middag"
    assert part_of_day(local(2031, 3, 4, 19)) == "avond"


def test_one_mark_per_slot_and_a_second_replaces_it():
    profile = ProfileFactory(status="active")
    day = MEETING[0].date()
    availability_set(actor=profile.user, profile=profile, day=day, part="avond", available=True)
    availability_set(actor=profile.user, profile=profile, day=day, part="avond", available=False)
    assert list(Availability.objects.values_list("available", flat=True)) == [False]
    with pytest.raises(IntegrityError), transaction.atomic():
        Availability.objects.create(profile=profile, day=day, part="avond")


def test_suggestions_are_qualified_in_region_free_and_not_unavailable():
    course = CourseFactory()
    marked = qualified(course)
    plain = qualified(course)
    cannot = qualified(course)
    booked = qualified(course)
    qualified(course, slug="walcheren")  # other region
    qualified(course, status="candidate")  # not certified
    ProfileFactory(status="active")  # not qualified
    day = MEETING[0].date()
    availability_set(
        actor=None, profile=marked.user.trainer_profile, day=day, part="avond", available=True
    )
    availability_set(actor=None, profile=cannot, day=day, part="avond", available=False)
    other = SessionFactory(starts_in=timedelta(days=1))
    other.meetings.update(
        starts_at=MEETING[0] + timedelta(hours=1), ends_at=MEETING[1] + timedelta(hours=1)
    )
    AssignmentFactory(session=other, trainer=booked.user, role=Assignment.Role.INTERN)
    suggestions = trainers_suggest(course=course, region=region(), meetings=[MEETING])
    assert [(s.profile, s.marked_available) for s in suggestions] == [
        (marked, True),
        (plain, False),
    ]


def test_availability_page_marks_and_removes_own_only(client):
    profile = ProfileFactory(status="active")
    client.force_login(profile.user)
    response = client.post(
        "/trainers/beschikbaarheid/", {"day": "2031-03-04", "part": "avond", "available": "0"}
    )
    assert response.status_code == 302
    mark = Availability.objects.get(profile=profile)
    assert mark.available is False
    assert client.post("/trainers/beschikbaarheid/", {"day": "morgen"}).status_code == 400
    other = ProfileFactory(status="active")
    theirs = availability_set(
        actor=None, profile=other, day=MEETING[0].date(), part="avond", available=True
    )
    assert client.post(f"/trainers/beschikbaarheid/{theirs.pk}/verwijderen/").status_code == 404
    client.post(f"/trainers/beschikbaarheid/{mark.pk}/verwijderen/")
    assert not Availability.objects.filter(profile=profile).exists()


def test_portal_links_to_suggestions_which_leave_out_the_session_staff(client):
    course = CourseFactory()
    lead = qualified(course)
    other = qualified(course)
    session = SessionFactory(course=course, region=region())
    AssignmentFactory(session=session, trainer=lead.user)
    client.force_login(lead.user)
    assert (
        f"/trainers/voorstel/{session.pk}/"
        in client.get(f"/cursussen/mijn-sessies/{session.pk}/").content.decode()
    )
    response = client.get(f"/trainers/voorstel/{session.pk}/")
    assert [s.profile for s in response.context["suggestions"]] == [other]
