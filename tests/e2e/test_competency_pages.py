"""What people see on the competency pages, in a real Chromium, on a phone and a laptop.

The results page and the growth pages in Dutch and English: every SVG number parses, nothing is
wider than the screen, the score table fits a 390 px phone (or scrolls in a focusable, named
region), and axe finds no violation of any impact. Answers are saved as they are given.
"""

import re

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse
from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import expect

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 390, "height": 844}
LAPTOP = {"width": 1280, "height": 800}
SCREENS = settings.BASE_DIR / "var" / "screens-e2e"

# Every SVG attribute that holds a number, as the browser parses it: NaN means dropped.
SVG_NUMBERS = """() => {
  const bad = [];
  const names = ['x', 'y', 'x1', 'x2', 'y1', 'y2', 'cx', 'cy', 'r', 'width', 'height'];
  document.querySelectorAll('svg, svg *').forEach((el) => {
    for (const name of names) {
      const value = el.getAttribute(name);
      if (value !== null && !/^-?\\d+(\\.\\d+)?$/.test(value.trim())) {
        bad.push(el.tagName + ' ' + name + '=' + value);
      }
    }
    for (const name of ['points', 'viewBox']) {
      const value = el.getAttribute(name);
      if (value !== null && !/^[-\\d. ,]+$/.test(value)) {
        bad.push(el.tagName + ' ' + name + '=' + value);
      }
    }
  });
  return bad;
}"""

# The landmark around "Grote letters" (.reading-tools) is base.html's, fixed outside this app.
_OTHER_SCOPE = {"region": ".reading-tools"}


def _logged_in_page(browser_context_factory, live_server, user, *, viewport, language="nl"):
    client = Client()
    client.force_login(user)
    cookie = client.cookies[settings.SESSION_COOKIE_NAME]
    context = browser_context_factory(viewport=viewport)
    context.add_cookies(
        [
            {"name": settings.SESSION_COOKIE_NAME, "value": cookie.value, "url": live_server.url},
            {"name": settings.LANGUAGE_COOKIE_NAME, "value": language, "url": live_server.url},
        ]
    )
    return context.new_page()


def _all_violations(axe_check, page):
    violations = axe_check(page)
    return [
        v
        for v in violations
        if not (
            v["id"] in _OTHER_SCOPE
            and all(n["target"] == _OTHER_SCOPE[v["id"]] for n in v["nodes"])
        )
    ]


def _look(page, name, axe_check):
    """The checks every competency page passes; a screenshot for a person to look at."""
    SCREENS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENS / f"{name}.png"), full_page=True)
    assert page.evaluate(SVG_NUMBERS) == []
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= page.viewport_size["width"], f"{name}: page is {width}px wide"
    text = page.inner_text("main")
    for word in ("None", "True", "False"):
        assert not re.search(rf"\b{word}\b", text), f"{name}: {word!r} on the page"
    assert _all_violations(axe_check, page) == []


def _table_fits_or_scrolls_accessibly(page):
    for wrap in page.locator(".table-wrap").all():
        fits = wrap.evaluate("(el) => el.scrollWidth <= el.clientWidth")
        assert fits or (
            wrap.get_attribute("tabindex") == "0" and wrap.get_attribute("role") == "region"
        )


def _course_with_lists(participants):
    from tests.competencies.test_growth import _run_course

    return _run_course(participants, seed=7, follow_up=False)


@pytest.mark.parametrize("language", ["nl", "en"])
@pytest.mark.parametrize(("device", "viewport"), [("phone", PHONE), ("laptop", LAPTOP)])
def test_results_page_on_phone_and_laptop(
    browser_context_factory, live_server, axe_check, language, device, viewport
):
    _session, enrolments = _course_with_lists(1)
    enrolment = enrolments[0]
    post = enrolment.self_assessments.get(moment="post")
    page = _logged_in_page(
        browser_context_factory, live_server, enrolment.user, viewport=viewport, language=language
    )
    page.goto(live_server.url + reverse("competencies:results", args=[post.pk]))
    _look(page, f"results-{device}-{language}", axe_check)
    table = page.locator(".table-wrap table").first
    # The last column ("Na de cursus") is on the screen, not cut off.
    last = table.locator("tbody tr").first.locator("td").last
    box = last.bounding_box()
    assert box["x"] + box["width"] <= viewport["width"]
    _table_fits_or_scrolls_accessibly(page)
    wrap = page.locator(".table-wrap").first
    assert wrap.get_attribute("tabindex") == "0"
    assert wrap.get_attribute("role") == "region"
    assert page.get_by_role("region", name=re.compile("tabel|table", re.I)).count() >= 1


@pytest.mark.parametrize("language", ["nl", "en"])
@pytest.mark.parametrize(("device", "viewport"), [("phone", PHONE), ("laptop", LAPTOP)])
def test_growth_pages_on_phone_and_laptop(
    browser_context_factory, live_server, axe_check, language, device, viewport
):
    from tests.accounts.factories import UserFactory
    from tests.courses.factories import AssignmentFactory

    session, _ = _course_with_lists(5)
    trainer = UserFactory(role="trainer")
    AssignmentFactory(session=session, trainer=trainer)
    page = _logged_in_page(
        browser_context_factory, live_server, trainer, viewport=viewport, language=language
    )
    page.goto(live_server.url + reverse("competencies:session_growth", args=[session.pk]))
    _look(page, f"session-growth-{device}-{language}", axe_check)
    _table_fits_or_scrolls_accessibly(page)
    staff = UserFactory(role="national_staff", with_mfa=True)
    page = _logged_in_page(
        browser_context_factory, live_server, staff, viewport=viewport, language=language
    )
    page.goto(live_server.url + reverse("competencies:national_growth"))
    _look(page, f"national-growth-{device}-{language}", axe_check)
    _table_fits_or_scrolls_accessibly(page)


def test_each_answer_is_saved_as_it_is_given_and_leaving_unsaved_warns(
    browser_context_factory, live_server, axe_check
):
    from competencies import services
    from competencies.models import Answer
    from tests.accounts.factories import UserFactory
    from tests.competencies.factories import movisie

    user = UserFactory(role="participant")
    services.consent_give(user=user)
    assessment = services.assessment_start(user=user, framework=movisie())
    page = _logged_in_page(browser_context_factory, live_server, user, viewport=PHONE)
    page.goto(live_server.url + reverse("competencies:fill", args=[assessment.pk]) + "?c=1")
    status = page.get_by_role("status")
    first = page.locator("fieldset.statement").first
    first.get_by_text("Meestal waar", exact=True).click()
    expect(status).to_contain_text("Bewaard")
    assert "1 van de 48 vragen beantwoord" in page.inner_text("main")
    _look(page, "autosave-phone-nl", axe_check)
    # Leave without "Volgende": the answer is kept.
    page.get_by_role("link", name="Overzicht van alle competenties").click()
    page.wait_for_url("**/overzicht/")
    assert list(Answer.objects.filter(assessment=assessment).values_list("value", flat=True)) == [3]
    assert "1 van 4 vragen" in page.inner_text("main")

    # When saving fails, leaving the screen asks first.
    page.goto(live_server.url + reverse("competencies:fill", args=[assessment.pk]) + "?c=1")
    page.route("**/antwoord/", lambda route: route.abort())
    page.locator("fieldset.statement").nth(1).get_by_text("Zeer waar", exact=True).click()
    expect(status).to_contain_text("Niet bewaard")
    dialogs = []

    def on_dialog(dialog):
        dialogs.append(dialog.type)
        dialog.dismiss()

    page.on("dialog", on_dialog)
    # Staying on the page (the dialog dismissed) cancels the navigation.
    with pytest.raises(PlaywrightError, match="ERR_ABORTED"):
        page.goto(live_server.url + reverse("competencies:index"))
    assert dialogs == ["beforeunload"]
    assert "/lijst/" in page.url
    assert Answer.objects.filter(assessment=assessment).count() == 1
