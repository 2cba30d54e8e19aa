"""Browser tests: Playwright (sync API) driving the system Chromium against the live server.

Fixtures for every journey:

- ``page``: a fresh browser context (Dutch locale) on pytest-django's ``live_server``; the
  database is transactional and restored to its migrated state before each test (see
  ``tests/conftest.py``: role groups, regions, the Wagtail home page and site are there).
- ``browser_context_factory``: make other contexts (JavaScript off, phone viewport, ...).
- ``axe_check(page)``: run axe-core in the page and fail on any WCAG 2.x A/AA violation, of any
  impact (minor and moderate too), listed readably. Call it on every page a journey visits.
- ``axe_violations(page)``: the same violations as a list, for checks that collect problems.
- ``mail_link(pattern)``: the first link matching ``pattern`` in the e-mails sent so far.
- ``hard_timeout``: fail a test that runs longer than its module's ``HARD_TIMEOUT`` seconds
  (``pytestmark = pytest.mark.usefixtures("hard_timeout")``), so a stuck browser step can never
  hang CI. Playwright bounds each step (15 s, 30 s for a navigation); this bounds the test.

Outbox mail is sent on commit by the eager Celery task inside the live server's thread, so by
the time the browser has the response, the mail is in ``django.core.mail.outbox``.
"""

import os
import re
import signal
import threading
import time

import pytest
from django.core import mail

from tests.conftest import AXE, CHROMIUM

# Playwright's sync API runs an event loop in this thread; Django would refuse ORM calls here.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
# WCAG 2.x A/AA plus axe's best practices (landmarks, headings, regions): zero of any impact.
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]
PHONE_VIEWPORT = {"width": 375, "height": 740}

# axe is started without awaiting it, and Python polls for the result with a deadline: a page
# whose timers never run can then fail the test with a message instead of hanging it (Playwright's
# ``evaluate`` has no timeout of its own).
_START_AXE = """(tags) => {
  window.__lkAxe = {done: false};
  axe.run(document, {
    runOnly: {type: "tag", values: tags},
    resultTypes: ["violations"],
  }).then(
    (results) => {
      window.__lkAxe = {done: true, violations: results.violations.map((v) => ({
        id: v.id,
        impact: v.impact,
        help: v.help,
        helpUrl: v.helpUrl,
        nodes: v.nodes.map((n) => ({target: n.target.join(" "), summary: n.failureSummary})),
      }))};
    },
    (error) => { window.__lkAxe = {done: true, error: String(error)}; },
  );
}"""
# With JavaScript off (``java_script_enabled=False``) Chromium runs what the DevTools protocol
# evaluates, and its promise jobs, but never a timer callback; axe yields with setTimeout(0) between
# rules, so it would wait forever. In such a page (no script of its own runs) short timers become
# promise jobs; the long ones are axe's give-up timers (frames, preloading), which need not fire.
_TIMERS_WITHOUT_JAVASCRIPT = """() => {
  if (window.__lkTimers) return;
  window.__lkTimers = true;
  let next = 1;
  const cleared = new Set();
  window.setTimeout = (callback, delay = 0, ...args) => {
    const id = next++;
    if (delay <= 1) {
      Promise.resolve().then(() => { if (!cleared.has(id)) callback(...args); });
    }
    return id;
  };
  window.clearTimeout = (id) => cleared.add(id);
}"""
AXE_SECONDS = 60


@pytest.fixture(scope="session")
def _playwright():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        yield playwright


@pytest.fixture(scope="session")
def browser(_playwright):
    browser = _playwright.chromium.launch(
        executable_path=CHROMIUM, headless=True, args=CHROMIUM_FLAGS
    )
    yield browser
    browser.close()


@pytest.fixture
def browser_context_factory(browser, live_server):
    """``browser_context_factory(**options)`` -> a new context on the live server (closed after)."""
    contexts = []

    def make(**options):
        options = {"base_url": live_server.url, "locale": "nl-NL", **options}
        context = browser.new_context(**options)
        context.set_default_timeout(15_000)
        context.set_default_navigation_timeout(30_000)
        # Read by ``axe_violations``: timers do not run in a page with JavaScript off.
        context.lk_javascript_off = options.get("java_script_enabled") is False
        contexts.append(context)
        return context

    yield make
    for context in contexts:
        context.close()


@pytest.fixture
def page(browser_context_factory):
    return browser_context_factory().new_page()


def format_violations(violations: list[dict], url: str) -> str:
    lines = [f"{len(violations)} accessibility violation(s) on {url}:"]
    for violation in violations:
        lines.append(
            f"- [{violation['impact']}] {violation['id']}: {violation['help']} "
            f"({violation['helpUrl']})"
        )
        for node in violation["nodes"][:10]:
            summary = " ".join((node["summary"] or "").split())
            lines.append(f"    at {node['target']}: {summary}")
    return "\n".join(lines)


@pytest.fixture(scope="session")
def _axe_source():
    return AXE.read_text(encoding="utf-8")


@pytest.fixture
def axe_violations(_axe_source):
    """``axe_violations(page)``: every WCAG 2.x A/AA violation axe finds in the page.

    axe is evaluated through the DevTools protocol rather than a ``<script>`` tag, so the
    page's content security policy (nonces, no inline script) does not block it.
    It also runs in a context made with ``java_script_enabled=False`` (where timers never fire;
    see ``_TIMERS_WITHOUT_JAVASCRIPT``), and fails after ``AXE_SECONDS`` instead of waiting on.
    """

    def run(page, *, tags=AXE_TAGS):
        page.wait_for_load_state("load")
        if getattr(page.context, "lk_javascript_off", False):
            page.evaluate(_TIMERS_WITHOUT_JAVASCRIPT)
        if not page.evaluate("() => typeof window.axe !== 'undefined'"):
            page.evaluate(_axe_source)
        page.evaluate(_START_AXE, tags)
        deadline = time.monotonic() + AXE_SECONDS
        while True:
            state = page.evaluate("() => window.__lkAxe")
            if state["done"]:
                break
            if time.monotonic() > deadline:
                message = f"axe did not finish within {AXE_SECONDS}s on {page.url}"
                pytest.fail(message, pytrace=False)
            page.wait_for_timeout(25)
        if "error" in state:
            pytest.fail(f"axe failed on {page.url}: {state['error']}", pytrace=False)
        return state["violations"]

    return run


@pytest.fixture
def axe_check(axe_violations):
    """``axe_check(page)``: fail on any violation, whatever its impact (the goal is zero)."""

    def check(page, *, tags=AXE_TAGS):
        violations = axe_violations(page, tags=tags)
        if violations:
            pytest.fail(format_violations(violations, page.url), pytrace=False)
        return violations

    return check


@pytest.fixture
def mail_link():
    """``mail_link(r"/account/confirm-email/\\S+/")`` -> the path of the first matching link."""

    def find(pattern: str) -> str:
        for message in mail.outbox:
            match = re.search(rf"https?://[^/\s]+({pattern})", message.body)
            if match:
                return match.group(1)
        sent = [(m.to, m.subject) for m in mail.outbox]
        raise AssertionError(f"no link matching {pattern!r} in the mail sent: {sent}")

    return find


@pytest.fixture
def hard_timeout(request):
    """Fail the test after ``HARD_TIMEOUT`` seconds (module constant; 300 if not set).

    pytest-timeout is not a dependency; a SIGALRM in the main thread does the same. The failure
    is raised wherever the test is waiting, also inside Playwright's event loop (the call it
    interrupts is abandoned; later tests get new contexts): the run goes on and reports.
    """
    seconds = getattr(request.module, "HARD_TIMEOUT", 300)
    if not hasattr(signal, "SIGALRM") or threading.current_thread() is not threading.main_thread():
        yield
        return

    def expire(signum, frame):
        pytest.fail(f"{request.node.nodeid} ran longer than {seconds}s (HARD_TIMEOUT)")

    previous = signal.signal(signal.SIGALRM, expire)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)
