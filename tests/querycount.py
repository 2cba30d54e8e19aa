"""Query counts that do not grow with the data: the N+1 guard for every list view."""

from collections.abc import Callable

from django.db import connection
from django.test.utils import CaptureQueriesContext


def count_queries(action: Callable[[], object]) -> tuple[int, object, list[str]]:
    with CaptureQueriesContext(connection) as ctx:
        result = action()
    return len(ctx.captured_queries), result, [q["sql"] for q in ctx.captured_queries]


def assert_constant_queries(
    *,
    grow: Callable[[int], object],
    action: Callable[[], object],
    sizes: tuple[int, int] = (2, 12),
    max_queries: int | None = None,
) -> int:
    """Grow the data to ``sizes[0]``, count ``action``'s queries; grow to ``sizes[1]``, count again.

    ``grow(n)`` adds ``n`` more rows of whatever the view lists. The counts must be equal (and at
    most ``max_queries`` when given). Returns the count, so callers can also pin it.
    """
    small, large = sizes
    # The first page of a visit sets up per-session state once (the privacy-notice check);
    # what must not grow is the steady state, so both counts are of a repeat visit. The warm-up
    # runs before the data grows, so an action that writes (a digest) is counted afresh.
    action()
    grow(small)
    first, _, first_sql = count_queries(action)
    grow(large - small)
    second, _, second_sql = count_queries(action)
    assert first == second, (
        f"query count grows with the data: {first} at size {small}, {second} at size {large}\n"
        + "\n".join(second_sql)
    )
    if max_queries is not None:
        assert first <= max_queries, f"{first} queries > {max_queries}:\n" + "\n".join(first_sql)
    return first
