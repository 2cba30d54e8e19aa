"""Who gets what at the national overview (see tests/permissions/matrix.py): national staff."""

from tests.permissions.matrix import Case, staff_only

CASES = {
    "overview:index": Case("/overzicht/", staff_only(200)),
    # The API: the session is the log-in here; anyone but staff gets a 404 (401 without log-in).
    "api:overview_figures": Case("/api/overzicht/", {**staff_only(200), "anonymous": 401}),
}
