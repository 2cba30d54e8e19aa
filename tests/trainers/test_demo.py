import pytest
from django.core.management import call_command

from trainers import pool, selectors
from trainers.models import Application, TrainerProfile

pytestmark = pytest.mark.django_db


def test_demo_pool_covers_every_status_and_step(client):
    call_command("load_demo")
    call_command("load_demo")
    profiles = selectors.profiles_with_status()
    assert profiles.count() >= 12
    assert set(profiles.values_list("status", flat=True)) == {
        "candidate",
        "in_programme",
        "certified",
        "active",
        "stopped",
    }
    regions = set(profiles.values_list("regions__slug", flat=True))
    assert regions == {"amsterdam", "bossche-ommelanden", "friesland-zuid", "walcheren"}
    assert selectors.inactive_trainers().count() == 1
    data = pool.pool_dashboard()
    assert [r.slug for r, _n in data.demand_without_trainer] == ["amsterdam"]
    days = {stage: d for stage, _n, d in data.funnel}
    # Back-dated steps: each median is the demo's fixed gap between real step dates.
    assert 3 <= days["candidate"] <= 6
    assert 15 <= days["stage"] <= 22
    assert 1 <= days["cursus"] <= 5
    assert 5 <= days["intervisie"] <= 9
    statuses = set(Application.objects.values_list("status", flat=True))
    assert statuses == {"pending", "accepted", "declined"}
    anouk = TrainerProfile.objects.get(user__email="kandidaat@leerkring.nl")
    steps = selectors.programme_state(anouk)["steps"]
    assert [s and s.outcome for s in steps.values()] == ["passed", "passed", None]
    ruud = TrainerProfile.objects.get(user__email="kandidaat2@leerkring.nl")
    assert selectors.programme_state(ruud)["ready"]
    client.force_login(anouk.user)
    assert "Stap 3: Intervisie" in client.get("/trainers/mijn-traject/").content.decode()
