import pytest
from django.core.management import call_command

from courses.models import Enrolment, Session

pytestmark = pytest.mark.django_db


def test_demo_courses_load_twice_without_change(django_capture_on_commit_callbacks):
    call_command("load_demo")
    counts = (Session.objects.count(), Enrolment.objects.count())
    call_command("load_demo")
    assert (Session.objects.count(), Enrolment.objects.count()) == counts
    regions = set(Session.objects.values_list("region__slug", flat=True))
    assert {"amsterdam", "walcheren", "bossche-ommelanden", "friesland-zuid"} <= regions
    assert Enrolment.objects.filter(status="waitlisted").exists()
    assert Enrolment.objects.filter(user__email="deelnemer@leerkring.nl").count() >= 2
    assert Session.objects.filter(status="completed").exists()
    assert Enrolment.objects.filter(status="attended").exists()
    assert Session.objects.filter(assignments__trainer__email="trainer@leerkring.nl").count() >= 3
