"""No personal data in the logs: a run over the demo data logs no e-mail address and no name.

The demo is loaded; every page of the participant's, trainer's, staff's and anonymous journeys
(the rendering check's lists) is fetched, a failed and a successful log-in, a password reset, an
enrolment and a sign-up are posted, and the periodic jobs and the outbox run. Every log record
of the run (as production logs them: INFO and up) is captured *before* the formatter's redaction
and searched for the demo users' addresses and names and for any e-mail address at all: code
logs ids, never people (config/logging.py redacts addresses as a second line of defence).
"""

import json
import logging
from datetime import timedelta

import pytest
from django.core.management import call_command

from accounts.demo import DEMO_PASSWORD, DEMO_USERS
from accounts.models import User
from config.logging import EMAIL_RE, REDACTED, JsonFormatter
from tests.e2e.test_rendering import JOURNEYS

pytestmark = pytest.mark.django_db


class Capture(logging.Handler):
    def __init__(self):
        super().__init__(level=logging.INFO)
        self.lines: list[str] = []

    def emit(self, record):
        text = record.getMessage()
        if record.exc_info:
            text += "\n" + logging.Formatter().formatException(record.exc_info)
        self.lines.append(f"{record.name} {record.levelname} {text}")


@pytest.fixture
def captured_logs():
    handler = Capture()
    root = logging.getLogger()
    root.addHandler(handler)
    yield handler.lines
    root.removeHandler(handler)


def _post_run(client):
    from courses.models import Session

    session = Session.objects.filter(status=Session.Status.PUBLISHED).order_by("starts_at").last()
    client.post("/account/login/", {"login": DEMO_USERS["participant"], "password": "wrong-one"})
    client.post("/account/password/reset/", {"email": DEMO_USERS["participant"]})
    client.post(
        f"/cursussen/sessie/{session.pk}/inschrijven/",
        {
            "display_name": "Lotte Logtest",
            "email": "lotte.logtest@example.org",
            "password": "Een-lang-wachtwoord-42",
            "privacy": "on",
        },
    )
    client.post("/account/login/", {"login": DEMO_USERS["participant"], "password": DEMO_PASSWORD})
    client.post(f"/cursussen/sessie/{session.pk}/inschrijven/", {"same_course_ok": "1"})
    client.get("/mijn/")
    client.post("/account/logout/")


def _tasks():
    from competencies.tasks import moment_invitations_send
    from courses.tasks import send_go_no_go_warnings, send_reminders
    from notifications import services as outbox

    send_reminders()
    send_go_no_go_warnings()
    moment_invitations_send()
    outbox.outbox_sweep(older_than=timedelta(0))


def test_a_run_over_the_demo_logs_no_address_and_no_name(client, captured_logs, settings):
    settings.HEALTH_REQUIRE_BEAT = False
    call_command("load_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    people = list(User.objects.values_list("email", "display_name"))
    for journey in JOURNEYS.values():
        user, urls = journey()
        client.logout()
        if user is not None:
            client.force_login(user)
        for _name, url, *_ in urls:
            client.get(url)
    client.logout()
    _post_run(client)
    _tasks()
    client.get("/health/")
    client.get("/bestaat-niet/?email=" + DEMO_USERS["trainer"])

    log = "\n".join(captured_logs)
    assert captured_logs, "the run logged nothing: the capture does not work"
    found = [email for email, _ in people if email and email.lower() in log.lower()]
    found += [name for _, name in people if name and len(name) > 3 and name in log]
    found += ["Lotte Logtest"] * ("Lotte Logtest" in log)
    found += EMAIL_RE.findall(log)
    assert not found, f"personal data in the logs: {sorted(set(found))}\n{log[:3000]}"


def test_the_formatters_redact_addresses_that_slip_through():
    record = logging.LogRecord(
        "django.db", logging.ERROR, __file__, 1, "Key (email)=(%s) already exists", None, None
    )
    record.args = ("sanne.de.vries@example.org",)
    line = JsonFormatter().format(record)
    assert "sanne.de.vries" not in line
    assert json.loads(line)["message"] == f"Key (email)=({REDACTED}) already exists"
    assert json.loads(line)["level"] == "ERROR"
