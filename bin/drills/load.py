"""A small HTTP load generator for the drills and bench/load.py: threads, urllib, cookies.

One ``Participant`` walks the journey with its own session cookie: the catalogue, a session page,
the enrolment form (for its CSRF token) and the enrolment itself, and the competency pages.
Every response is recorded (status, seconds, path); nothing raises, so a load run always ends
with the full tally.
"""

import http.cookiejar
import re
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass, field

CSRF_RE = re.compile(rb'name="csrfmiddlewaretoken" value="([^"]+)"')


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


@dataclass
class Tally:
    #: (monotonic time, status, seconds, path) per response
    results: list[tuple[float, int, float, str]] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def add(self, status: int, seconds: float, path: str) -> None:
        with self.lock:
            self.results.append((time.monotonic(), status, seconds, path))

    def statuses(self) -> dict[int, int]:
        counts: dict[int, int] = {}
        for _, status, _, _ in self.results:
            counts[status] = counts.get(status, 0) + 1
        return counts

    def errors(self) -> list[tuple[float, int, float, str]]:
        return [r for r in self.results if not (200 <= r[1] < 400)]

    def percentile(self, q: float) -> float:
        times = sorted(r[2] for r in self.results)
        if not times:
            return 0.0
        return times[min(len(times) - 1, int(q * len(times)))]


class Participant:
    def __init__(self, base: str, *, cookie_name: str = "", cookie: str = "", tally: Tally):
        self.base = base
        self.tally = tally
        self.jar = http.cookiejar.CookieJar()
        if cookie:
            self.set_cookie(cookie_name, cookie)
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(self.jar), _NoRedirect()
        )

    def set_cookie(self, cookie_name: str, cookie: str) -> None:
        self.jar.set_cookie(
            http.cookiejar.Cookie(
                0, cookie_name, cookie, None, False, "127.0.0.1", False, False, "/", True,
                False, None, False, None, None, {},
            )
        )  # fmt: skip

    def request(self, path: str, data: dict | None = None, timeout: float = 30):
        body = urllib.parse.urlencode(data).encode() if data is not None else None
        request = urllib.request.Request(self.base + path, data=body)  # noqa: S310 - http only
        request.add_header("Accept-Language", "nl")
        if data is not None:
            request.add_header("Referer", self.base + path)
        started = time.monotonic()
        try:
            with self.opener.open(request, timeout=timeout) as response:
                status, content = response.status, response.read()
        except urllib.error.HTTPError as error:
            status, content = error.code, error.read()
        except Exception:  # connection refused, timeout: counted as a failure
            status, content = 599, b""
        self.tally.add(status, time.monotonic() - started, path)
        return status, content

    def log_in(self, email: str, password: str) -> int:
        """The real log-in form (allauth); answers the POST's status (302 when logged in)."""
        status, page = self.request("/account/login/")
        match = CSRF_RE.search(page)
        if status != 200 or not match:
            return status
        status, _ = self.request(
            "/account/login/",
            {"csrfmiddlewaretoken": match.group(1).decode(), "login": email, "password": password},
        )
        return status

    def enrol(self, session: int) -> int:
        """GET the form, POST it; answers the POST's status (302 when enrolled)."""
        status, page = self.request(f"/cursussen/sessie/{session}/inschrijven/")
        match = CSRF_RE.search(page)
        if status != 200 or not match:
            return status
        status, _ = self.request(
            f"/cursussen/sessie/{session}/inschrijven/",
            {"csrfmiddlewaretoken": match.group(1).decode(), "same_course_ok": "1"},
        )
        return status

    def journey(self, session: int, *, enrol: bool, catalogue: str = "/cursussen/") -> None:
        self.request(catalogue)
        self.request(f"/cursussen/sessie/{session}/")
        if enrol:
            self.enrol(session)
        self.request("/cursussen/mijn-cursussen/")
        self.request("/competenties/")


def run_threads(count: int, target, *args) -> list[threading.Thread]:
    threads = [threading.Thread(target=target, args=(i, *args), daemon=True) for i in range(count)]
    for thread in threads:
        thread.start()
    return threads
