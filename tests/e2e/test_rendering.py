"""The rendering check: every page of the journeys on the demo data, as people see them.

The participant's, the trainer's, a trainer candidate's and national staff's pages are visited
in Dutch and English, on a phone (390x844) with normal and with large text, and on a laptop
(1280x800). Each page is checked by ``tests/e2e/rendering.py``: no "None"/"True"/"False", raw
codes or template syntax in visible text; every number in an SVG attribute parses as a number;
no sideways scrolling on the phone; no browser console error; axe with zero violations of any
impact (phone and laptop). Screenshots of every step land in ``var/screens/<journey>/`` for a
person to look at.

All problems of a journey are collected and reported together, so one run shows them all.
"""

import pytest
from django.conf import settings
from django.core.management import call_command
from django.test import Client

from accounts.models import User
from tests.e2e.rendering import Findings, check_page

pytestmark = pytest.mark.e2e

PHONE = {"width": 390, "height": 844}
LAPTOP = {"width": 1280, "height": 800}
# language, name, viewport, large text, run axe. English gets the large-text phone (the widest
# text) and the laptop; Dutch, the language of the site, gets all three.
VIEWS = (
    ("nl", "phone", PHONE, False, True),
    ("nl", "phone-large", PHONE, True, False),
    ("nl", "laptop", LAPTOP, False, True),
    ("en", "phone-large", PHONE, True, True),
    ("en", "laptop", LAPTOP, False, True),
)


@pytest.fixture
def demo(live_server, settings):
    settings.LEERKRING_REQUIRE_STAFF_MFA = False
    call_command("load_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115


def _context(browser_context_factory, live_server, *, user, language, viewport, large):
    context = browser_context_factory(viewport=viewport)
    cookies = [
        {"name": settings.LANGUAGE_COOKIE_NAME, "value": language, "url": live_server.url},
    ]
    if large:
        cookies.append({"name": "tekstgrootte", "value": "groot", "url": live_server.url})
    if user is not None:
        client = Client()
        client.force_login(user)
        session = client.cookies[settings.SESSION_COOKIE_NAME].value
        cookies.append(
            {"name": settings.SESSION_COOKIE_NAME, "value": session, "url": live_server.url}
        )
    context.add_cookies(cookies)
    return context


def _walk(browser_context_factory, live_server, run_axe, *, journey, user, urls) -> Findings:
    findings = Findings()
    for language, view, viewport, large, axe in VIEWS:
        context = _context(
            browser_context_factory,
            live_server,
            user=user,
            language=language,
            viewport=viewport,
            large=large,
        )
        page = context.new_page()
        console: list[str] = []
        page.on("console", lambda m, out=console: out.append(m.text) if m.type == "error" else 0)
        page.on("pageerror", lambda error, out=console: out.append(str(error)))
        for index, (name, url, *expected) in enumerate(urls):
            label = f"{journey} {language} {view} {name}"
            expected_status = expected[0] if expected else 200
            console.clear()
            response = page.goto(url)
            if response is None or response.status != expected_status:
                findings.add(f"[{label}] {url}", f"answered {response and response.status}")
                continue
            check_page(
                page,
                findings=findings,
                label=label,
                run_axe=run_axe,
                axe=axe,
                phone=viewport is PHONE,
                shot=f"{journey}/{language}-{view}-{index:02d}-{name}",
            )
            for error in console:
                if expected_status != 200 and str(expected_status) in error:
                    continue  # the browser logs the expected status of the page itself
                findings.add(f"[{label}] {page.url}", f"console error: {error[:200]}")
        context.close()
    return findings


def _participant_urls():
    from cms.models import CoursePage, ModulePage
    from competencies import services as competency_services
    from competencies.models import SelfAssessment
    from competencies.selectors import default_framework
    from courses.models import Enrolment, Session

    user = User.objects.get(email="deelnemer@leerkring.nl")
    course_page = CoursePage.objects.live().first()
    modules = ModulePage.objects.live().descendant_of(course_page).order_by("path")
    mine = Enrolment.objects.filter(user=user).values_list("session_id", flat=True)
    upcoming = Session.objects.filter(status=Session.Status.PUBLISHED).order_by("starts_at")
    other = upcoming.exclude(pk__in=mine).first()
    post = (
        SelfAssessment.objects.filter(user=user, completed_at__isnull=False)
        .order_by("-completed_at")
        .first()
    )
    running = competency_services.assessment_start(user=user, framework=default_framework())
    urls = [
        ("home", "/"),
        ("catalogue", "/cursussen/"),
        ("course", course_page.url),
        *[(f"module-{m.slug}", m.url) for m in modules],
        ("rugzak", course_page.url + "rugzak/"),
        ("session", other.get_absolute_url()),
        ("enrol", f"/cursussen/sessie/{other.pk}/inschrijven/"),
        ("my-courses", "/cursussen/mijn-cursussen/"),
        ("dashboard", "/mijn/"),
        ("profile", "/mijn/profiel/"),
        ("consents", "/mijn/toestemmingen/"),
        ("representative", "/mijn/toestemmingen/vertegenwoordiger/"),
        ("privacy-notice", "/privacy/"),
        ("logout-everywhere", "/mijn/uitloggen-overal/"),
        ("my-data", "/mijn/gegevens/"),
        ("competencies", "/competenties/"),
        ("fill", f"/competenties/lijst/{running.pk}/?c=1"),
        ("overview", f"/competenties/lijst/{running.pk}/overzicht/"),
        ("results", f"/competenties/lijst/{post.pk}/uitslag/"),
        ("peer-invite", "/competenties/reactie-vragen/"),
        ("search", "/zoeken/?q=netwerken"),
        ("become-trainer", "/trainers/aanmelden/"),
        *_intervision_participant_urls(),
    ]
    return user, urls


def _intervision_participant_urls():
    """ "Na de cursus" of the demo course: questions, the planned and the held moment."""
    from intervision.models import Moment

    moments = Moment.objects.filter(session__notes="demo:competencies")
    held = moments.get(status=Moment.Status.HELD)
    planned = moments.get(status=Moment.Status.PLANNED)
    session = held.session_id
    return [
        ("iv-after-course", f"/intervisie/na-de-cursus/{session}/"),
        ("iv-ask", f"/intervisie/na-de-cursus/{session}/vragen/"),
        ("iv-planned", f"/intervisie/moment/{planned.pk}/"),
        ("iv-report", f"/intervisie/moment/{held.pk}/"),
    ]


def _intervision_trainer_urls():
    """The demo trainer's intervision: the session, planning, attendance, report, groups."""
    from intervision.models import Moment, TrainerGroup

    moments = Moment.objects.filter(session__notes="demo:competencies")
    held = moments.get(status=Moment.Status.HELD)
    planned = moments.get(status=Moment.Status.PLANNED)
    session = held.session_id
    group = TrainerGroup.objects.filter(closure__isnull=True).order_by("pk").first()
    return [
        ("iv-session", f"/intervisie/mijn-sessies/{session}/"),
        ("iv-schedule", f"/intervisie/mijn-sessies/{session}/plannen/"),
        ("iv-edit", f"/intervisie/moment/{planned.pk}/wijzigen/"),
        ("iv-cancel", f"/intervisie/moment/{planned.pk}/afzeggen/"),
        ("iv-attendance", f"/intervisie/moment/{held.pk}/aanwezig/"),
        ("iv-report", f"/intervisie/moment/{held.pk}/verslag/"),
        ("iv-close", f"/intervisie/mijn-sessies/{session}/afsluiten/"),
        ("iv-groups", "/intervisie/trainersgroepen/"),
        ("iv-group", f"/intervisie/trainersgroepen/{group.pk}/"),
        ("iv-group-schedule", f"/intervisie/trainersgroepen/{group.pk}/plannen/"),
    ]


def _trainer_urls():
    from competencies.models import ResultSharing
    from courses.models import Session

    user = User.objects.get(email="trainer@leerkring.nl")
    sessions = Session.objects.filter(assignments__trainer=user).order_by("starts_at")
    published = sessions.filter(status=Session.Status.PUBLISHED).first()
    completed = sessions.filter(status=Session.Status.COMPLETED).first()
    shared = ResultSharing.objects.filter(enrolment__session=completed).first()
    urls = [
        ("my-sessions", "/cursussen/mijn-sessies/"),
        ("new-session", "/cursussen/mijn-sessies/nieuw/"),
        ("session", f"/cursussen/mijn-sessies/{published.pk}/"),
        ("edit", f"/cursussen/mijn-sessies/{published.pk}/wijzigen/"),
        ("signin-sheet", f"/cursussen/mijn-sessies/{published.pk}/tekenlijst/"),
        ("completed", f"/cursussen/mijn-sessies/{completed.pk}/"),
        ("attendance", f"/cursussen/mijn-sessies/{completed.pk}/aanwezig/"),
        ("growth", f"/competenties/sessie/{completed.pk}/groei/"),
        ("dashboard", "/mijn/"),
        ("availability", "/trainers/beschikbaarheid/"),
        ("my-programme", "/trainers/mijn-traject/"),
        ("suggest", f"/trainers/voorstel/{published.pk}/"),
        *_intervision_trainer_urls(),
    ]
    if shared:
        urls.append(("shared-results", f"/competenties/deelnemer/{shared.enrolment_id}/"))
    urls.append(("my-data", "/mijn/gegevens/"))
    return user, urls


def _staff_urls():
    from accounts.models import Region
    from accounts.services import export_job_request
    from trainers.models import TrainerProfile

    user = User.objects.get(email="staf@leerkring.nl")
    participant = User.objects.get(email="deelnemer@leerkring.nl")
    candidate = TrainerProfile.objects.get(user__email="kandidaat@leerkring.nl")
    job = export_job_request(user=user, kind="trainers.pool", params={"format": "csv"})
    region = Region.objects.order_by("name").first()
    urls = [
        ("overview", "/overzicht/"),
        ("overview-region", f"/overzicht/?region={region.pk}&date_from=2026-01-01"),
        ("export-job", f"/mijn/exports/{job.pk}/"),
        ("trainer-pool", "/trainers/beheer/"),
        ("trainer-applications", "/trainers/beheer/aanmeldingen/"),
        ("trainer-candidate", f"/trainers/beheer/trainer/{candidate.pk}/"),
        ("dashboard", "/mijn/"),
        ("person-data", f"/mijn/beheer/personen/{participant.pk}/"),
        ("national-growth", "/competenties/groei/"),
        ("iv-groups", "/intervisie/trainersgroepen/"),
        ("iv-group-new", "/intervisie/trainersgroepen/nieuw/"),
        ("cms", "/beheer/"),
        ("audit-log", "/beheer/logboek/"),
        ("sessions-admin", "/beheer/courses/session/"),
        ("enrolments-admin", "/beheer/courses/enrolment/"),
    ]
    return user, urls


def _candidate_urls():
    """Someone on the way to becoming a trainer: their traject and availability."""
    user = User.objects.get(email="kandidaat@leerkring.nl")
    return user, [
        ("dashboard", "/mijn/"),
        ("my-programme", "/trainers/mijn-traject/"),
        ("become-trainer", "/trainers/aanmelden/"),
        ("availability", "/trainers/beschikbaarheid/"),
    ]


def _anonymous_urls():
    from courses.models import Session

    session = Session.objects.filter(status=Session.Status.PUBLISHED).order_by("starts_at").first()
    return None, [
        ("home", "/"),
        ("login", "/account/login/"),
        ("signup", "/account/signup/"),
        ("password-reset", "/account/password/reset/"),
        ("privacy-notice", "/privacy/"),
        ("session", session.get_absolute_url()),
        ("enrol-signup", f"/cursussen/sessie/{session.pk}/inschrijven/"),
        ("not-found", "/bestaat-niet/", 404),
    ]


JOURNEYS = {
    "participant": _participant_urls,
    "trainer": _trainer_urls,
    "staff": _staff_urls,
    "candidate": _candidate_urls,
    "anonymous": _anonymous_urls,
}


@pytest.mark.parametrize("journey", list(JOURNEYS))
def test_every_page_of_the_journey_renders_right(
    journey, demo, browser_context_factory, live_server, axe_violations
):
    user, urls = JOURNEYS[journey]()
    findings = _walk(
        browser_context_factory,
        live_server,
        axe_violations,
        journey=journey,
        user=user,
        urls=urls,
    )
    assert findings.pages
    assert not findings.problems, findings.report()
