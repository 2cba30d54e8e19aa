"""The train-the-trainer programme in Chromium, keyboard only, axe on every page.

A participant who attended a course applies from "Mijn cursussen"; national staff accept; the
lead trainer signs off the internship; the candidate attends the train-the-trainer course; staff
record the course and the intervision, certify, and look at the pool dashboard.
"""

import pytest
from django.conf import settings
from django.test import Client
from playwright.sync_api import expect

from courses.models import Course
from tests.accounts.factories import PASSWORD, UserFactory
from tests.courses.factories import CourseFactory, region
from tests.trainers.factories import attended, internship

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def keyboard_log_in(page, user, next_url):
    page.goto(f"/account/login/?next={next_url}")
    page.get_by_label("E-mail").focus()
    page.keyboard.type(user.email)
    page.get_by_label("Wachtwoord").focus()
    page.keyboard.type(PASSWORD)
    with page.expect_navigation():
        page.keyboard.press("Enter")


def logged_in_page(browser_context_factory, live_server, user):
    """Staff log in with a second factor; the session cookie stands in for that step here."""
    client = Client()
    client.force_login(user)
    cookie = client.cookies[settings.SESSION_COOKIE_NAME]
    context = browser_context_factory()
    context.add_cookies(
        [{"name": settings.SESSION_COOKIE_NAME, "value": cookie.value, "url": live_server.url}]
    )
    return context.new_page()


def activate(page, locator):
    """Follow a link or press a button with the keyboard, and wait for the next page."""
    locator.focus()
    with page.expect_navigation():
        page.keyboard.press("Enter")


def type_into(page, locator, text):
    locator.focus()
    page.keyboard.type(text)


def clean(axe_check, page):
    assert axe_check(page) == [], page.url


def test_candidate_journey_and_staff_dashboard(browser_context_factory, live_server, axe_check):
    candidate = UserFactory(role="participant", display_name="Anouk Jacobs")
    attended(candidate)
    staff = UserFactory(role="national_staff", display_name="Ineke Bos", with_mfa=True)
    course = CourseFactory(title="Lokale belangenbehartiging")

    # The participant applies from "Mijn cursussen".
    page = browser_context_factory().new_page()
    keyboard_log_in(page, candidate, "/cursussen/mijn-cursussen/")
    clean(axe_check, page)
    activate(page, page.get_by_role("link", name="Word trainer"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Word trainer")
    clean(axe_check, page)
    type_into(page, page.get_by_label("Waarom wil je trainer worden?"), "Ik wil helpen.")
    page.get_by_label("In welke regio wil je cursussen geven?").select_option(
        str(region("walcheren").pk)
    )
    activate(page, page.get_by_role("button", name="Aanmelden"))
    expect(page.get_by_text("We hebben je aanmelding", exact=False).first).to_be_visible()
    clean(axe_check, page)

    # Staff accept.
    staff_page = logged_in_page(browser_context_factory, live_server, staff)
    staff_page.goto("/trainers/beheer/aanmeldingen/")
    expect(staff_page.get_by_role("heading", level=1)).to_have_text("Aanmeldingen als trainer")
    clean(axe_check, staff_page)
    activate(staff_page, staff_page.get_by_role("button", name="Aannemen"))
    expect(staff_page.get_by_role("heading", level=1)).to_have_text("Anouk Jacobs")
    clean(axe_check, staff_page)
    detail_url = staff_page.url

    # The internship: the lead signs it off after the session.
    assignment, lead = internship(candidate)
    lead_page = browser_context_factory().new_page()
    keyboard_log_in(lead_page, lead, f"/trainers/stage/{assignment.pk}/aftekenen/")
    clean(axe_check, lead_page)
    lead_page.get_by_label("Gehaald", exact=True).focus()
    lead_page.keyboard.press("Space")
    type_into(lead_page, lead_page.get_by_label("Toelichting"), "Goed gedaan.")
    activate(lead_page, lead_page.get_by_role("button", name="Aftekenen"))

    # The candidate sees progress.
    page.goto("/trainers/mijn-traject/")
    expect(page.get_by_text("Klaar: gehaald.")).to_have_count(1)
    clean(axe_check, page)

    # The course attended; staff record it and the intervision, then certify.
    attended(candidate, kind=Course.Kind.TRAIN_THE_TRAINER)
    staff_page.goto(detail_url)
    activate(
        staff_page, staff_page.get_by_role("button", name="Cursus ophalen uit de inschrijvingen")
    )
    staff_page.get_by_label("Gehaald", exact=True).focus()
    staff_page.keyboard.press("Space")
    activate(staff_page, staff_page.get_by_role("button", name="Intervisie vastleggen"))
    expect(staff_page.get_by_text("klaar voor certificering")).to_be_visible()
    clean(axe_check, staff_page)
    staff_page.get_by_label(course.title, exact=True).focus()
    staff_page.keyboard.press("Space")
    activate(staff_page, staff_page.get_by_role("button", name="Certificeren"))
    expect(staff_page.get_by_text("Gecertificeerd").first).to_be_visible()

    page.goto("/trainers/mijn-traject/")
    expect(page.get_by_text("Je bent trainer. Gefeliciteerd!")).to_be_visible()
    clean(axe_check, page)

    # The pool dashboard.
    staff_page.goto("/trainers/beheer/")
    expect(staff_page.get_by_role("heading", name="Trainers per regio en status")).to_be_visible()
    expect(staff_page.locator("figure.region-map svg[role=img] > title")).to_have_count(1)
    clean(axe_check, staff_page)
