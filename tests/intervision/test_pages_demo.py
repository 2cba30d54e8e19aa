"""The intervision demo: what the demo participant and trainer see, loaded twice, at any hour."""

import io
from datetime import datetime, time
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.management import call_command

from intervision.models import Moment, Request, SeriesClosure, TrainerGroup

pytestmark = pytest.mark.django_db
AMS = ZoneInfo("Europe/Amsterdam")


def _state():
    return (
        sorted(Request.objects.values_list("topic", "status")),
        sorted(Moment.objects.values_list("number", "status", "session_id", "group_id"), key=repr),
        TrainerGroup.objects.count(),
        SeriesClosure.objects.count(),
    )


def test_demo_intervision_loads_twice_late_in_the_evening(client):
    # 23:30: "today" and the fixed local times of the demo still agree (see courses' demo test).
    with time_machine.travel(datetime.combine(datetime(2026, 12, 1), time(23, 30), tzinfo=AMS)):
        call_command("load_demo", stdout=io.StringIO())
        first = _state()
        call_command("load_demo", stdout=io.StringIO())
        assert _state() == first
        requests = list(Request.objects.filter(session__notes="demo:competencies"))
        assert len(requests) == 2
        assert sorted(r.supports.count() for r in requests) == [1, 3]
        moments = Moment.objects.filter(session__notes="demo:competencies")
        held = moments.get(status="held")
        assert held.reported_at
        assert held.attendance.filter(status="attended").count() == 5
        assert moments.filter(status="planned").count() == 1
        done = TrainerGroup.objects.get(closure__isnull=False)
        assert done.moments.get().status == "held"

        from accounts.models import User

        sanne = User.objects.get(email="deelnemer@leerkring.nl")
        client.force_login(sanne)
        session = requests[0].session
        page = client.get(f"/intervisie/na-de-cursus/{session.pk}/").content.decode()
        assert "Ik wil dit ook" in page
        assert "Lees het verslag" in page
        assert "Zet in mijn agenda" in page
        mine = client.get("/cursussen/mijn-cursussen/").content.decode()
        assert f"/intervisie/na-de-cursus/{session.pk}/" in mine
