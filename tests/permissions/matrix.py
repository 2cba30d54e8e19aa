"""The permission matrix: what each role gets at every URL the project resolves.

Each app lists its URLs in ``tests/<app>/permissions.py`` as ``CASES`` (keyed by URL name, or by
route for unnamed patterns) and may add the objects its URLs need in ``build_world(world)``.
``tests/test_permissions.py`` walks the URL resolver: a pattern without a case fails the test, so
no URL ships without a decision about who may see it.

Expectations per role: an HTTP status (200, 403, 404, 405, ...), ``LOGIN`` (a redirect to the
log-in page), or ``REDIRECT`` (any other redirect).
"""

from collections.abc import Callable
from dataclasses import dataclass, field

ROLES = ("anonymous", "participant", "trainer", "national_staff", "superuser")
LOGIN = "login"
REDIRECT = "redirect"


@dataclass
class Case:
    url: str | Callable[[dict], str]
    expect: dict[str, int | str]
    method: str = "get"
    data: dict = field(default_factory=dict)

    def __post_init__(self):
        missing = set(ROLES) - set(self.expect)
        if missing:
            raise ValueError(f"{self.url}: no expectation for {sorted(missing)}")


def everyone(expect) -> dict[str, int | str]:
    return dict.fromkeys(ROLES, expect)


def logged_in(expect, anonymous=LOGIN) -> dict[str, int | str]:
    return {"anonymous": anonymous, **dict.fromkeys(ROLES[1:], expect)}


def staff_only(expect=200, others=404, anonymous=LOGIN) -> dict[str, int | str]:
    return {
        "anonymous": anonymous,
        "participant": others,
        "trainer": others,
        "national_staff": expect,
        "superuser": expect,
    }


def trainers_only(expect=200, others=404, anonymous=LOGIN) -> dict[str, int | str]:
    return {
        "anonymous": anonymous,
        "participant": others,
        "trainer": expect,
        "national_staff": others,
        "superuser": others,
    }
