"""A participant's competency journey in a real Chromium, with an axe check on every screen.

Pre list over two visits (leave after 5 competencies, resume), the session is completed, the
post list, results with both moments in the radar chart and the task fit; card mode once; a
keyboard-only pass through one competency screen.
"""

from datetime import timedelta

import pytest
from django.conf import settings
from django.test import Client

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

UNANSWERED_CHECKED = (
    "document.querySelector('input[name=' + document.activeElement.name + ']:checked') !== null"
)


def _logged_in_page(browser_context_factory, live_server, user):
    client = Client()
    client.force_login(user)
    cookie = client.cookies[settings.SESSION_COOKIE_NAME]
    context = browser_context_factory()
    context.add_cookies(
        [{"name": settings.SESSION_COOKIE_NAME, "value": cookie.value, "url": live_server.url}]
    )
    return context.new_page()


def _go(page, control):
    """Click something that loads a new page, and wait until it has loaded.

    A plain click returns before the next page arrives, so reading ``page.content()`` right after
    it can see the old page.
    """
    with page.expect_navigation():
        control.click()


def _answer_screen(page, label):
    for fieldset in page.locator("fieldset.statement").all():
        fieldset.get_by_text(label, exact=True).click()
    _go(page, page.get_by_role("button", name="Volgende"))


def test_participant_pre_and_post_lists_results_and_cards(
    browser_context_factory, live_server, axe_check
):
    from courses.models import Meeting
    from courses.services import session_complete
    from tests.competencies.factories import course_session
    from tests.courses.factories import days_ahead

    session, [enrolment] = course_session(participants=1)
    user = enrolment.user
    page = _logged_in_page(browser_context_factory, live_server, user)
    base = live_server.url

    page.goto(base + "/competenties/")
    axe_check(page)
    _go(page, page.get_by_role("link", name="Lees eerst wat we bewaren"))
    axe_check(page)
    page.get_by_label("Ik heb dit gelezen en ik wil de lijst invullen.").check()
    _go(page, page.get_by_role("button", name="Verder"))
    _go(page, page.get_by_role("button", name="Begin Voor de cursus"))
    assert "competentie 1 van 12" in page.content()
    axe_check(page)
    for _ in range(5):
        _answer_screen(page, "Beetje waar")
    # Leave after five competencies ...
    page.goto(base + "/competenties/")
    _go(page, page.get_by_role("button", name="Verder invullen Voor de cursus"))
    # ... and resume where they stopped.
    assert "competentie 6 van 12" in page.content()
    axe_check(page)
    for _ in range(7):
        _answer_screen(page, "Beetje waar")
    assert "Je hebt alle vragen beantwoord" in page.content()
    axe_check(page)

    # The course is given and the trainer completes the session.
    past = days_ahead(-1)  # yesterday 10:00-13:00, whatever the hour now
    Meeting.objects.filter(session=session).update(
        starts_at=past, ends_at=past + timedelta(hours=3)
    )
    session.starts_at, session.ends_at = past, past + timedelta(hours=3)
    session.save(update_fields=["starts_at", "ends_at"])
    session_complete(actor=None, session=session, attended_enrolment_ids=[enrolment.pk])

    page.goto(base + "/competenties/")
    axe_check(page)
    _go(page, page.get_by_role("button", name="Begin Na de cursus"))
    for position in range(12):
        _answer_screen(page, "Zeer waar" if position % 2 else "Meestal waar")
    _go(page, page.get_by_role("link", name="Bekijk je uitslag"))
    html = page.content()
    assert 'class="series pre"' in html
    assert 'class="series post"' in html
    assert page.locator("svg.radar").is_visible()
    assert "Je scoort nu hoger op Netwerken." in html
    assert "Deze taken passen bij waar je sterk in bent:" in html
    assert "© MOVISIE 2011" in html
    axe_check(page)
    page.get_by_label("Welke taak wil je gaan doen?").select_option(index=2)
    _go(page, page.get_by_role("button", name="Laat zien wat ik nodig heb"))
    assert "Hiervoor heb je nodig:" in page.content()
    axe_check(page)

    # Card mode, once.
    page.goto(base + "/competenties/")
    _go(page, page.get_by_role("button", name="Kies kaartjes (korter)"))
    axe_check(page)
    for name in ("Lef", "Netwerken", "Samenwerken"):
        page.get_by_label(f"Past bij mij: {name}").check()
    for name in ("Creativiteit", "Onderhandelen", "Zelfreflectie"):
        page.get_by_label(f"Hierin wil ik groeien: {name}").check()
    _go(page, page.get_by_role("button", name="Klaar"))
    assert "Hierin wil ik groeien:" in page.content()
    assert "Zelfreflectie" in page.content()
    axe_check(page)


def test_keyboard_only_through_one_competency_screen(
    browser_context_factory, live_server, axe_check
):
    from competencies import services
    from competencies.models import Answer
    from tests.accounts.factories import UserFactory
    from tests.competencies.factories import movisie

    user = UserFactory(role="participant")
    services.consent_give(user=user)
    assessment = services.assessment_start(user=user, framework=movisie())
    page = _logged_in_page(browser_context_factory, live_server, user)
    page.goto(f"{live_server.url}/competenties/lijst/{assessment.pk}/?c=1")
    axe_check(page)
    for _ in range(4):
        for _ in range(40):
            page.keyboard.press("Tab")
            focused = page.evaluate(
                "document.activeElement.type + ':' + document.activeElement.name"
            )
            if focused.startswith("radio:s") and not page.evaluate(UNANSWERED_CHECKED):
                break
        page.keyboard.press("Space")  # "Niet waar"
        page.keyboard.press("ArrowRight")  # "Beetje waar"
        page.keyboard.press("ArrowRight")  # "Meestal waar"
    for _ in range(10):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.textContent.trim()") == "Volgende":
            break
    page.keyboard.press("Enter")
    page.wait_for_url("**?c=2")
    values = list(Answer.objects.filter(assessment=assessment).values_list("value", flat=True))
    assert values == [3, 3, 3, 3]
