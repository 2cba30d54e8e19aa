"""Paired growth statistics, from per-person values or from running sums.

Both paths give the same numbers: the summary table stores integer totals, so the sums path is
exact up to the final division. Cohen's d_z = mean change / sample SD of the changes (ddof=1).
"""

import math
from dataclasses import dataclass

MIN_GROUP = 5


@dataclass(frozen=True)
class Growth:
    n: int
    mean_pre: float | None
    mean_post: float | None
    mean_change: float | None
    sd_change: float | None
    share_improved: float | None
    share_declined: float | None
    d_z: float | None

    @property
    def shown(self) -> bool:
        """Group figures are shown only for groups of at least ``MIN_GROUP`` people."""
        return self.n >= MIN_GROUP


EMPTY = Growth(0, None, None, None, None, None, None, None)


def from_sums(
    *,
    n: int,
    sum_pre: int,
    sum_change: int,
    sum_sq_change: int,
    n_improved: int,
    n_declined: int,
    units: int,
) -> Growth:
    """Figures from integer sums of totals (a score = total / ``units``)."""
    if n == 0:
        return EMPTY
    mean_pre = sum_pre / (n * units)
    mean_change = sum_change / (n * units)
    sd = None
    d_z = None
    if n >= 2:
        # n * SS - S^2 is an exact integer: no cancellation error in the variance.
        numerator = n * sum_sq_change - sum_change * sum_change
        sd = math.sqrt(numerator / (n * (n - 1))) / units
        if sd > 0:
            d_z = mean_change / sd
    return Growth(
        n=n,
        mean_pre=mean_pre,
        mean_post=(sum_pre + sum_change) / (n * units),
        mean_change=mean_change,
        sd_change=sd,
        share_improved=n_improved / n,
        share_declined=n_declined / n,
        d_z=d_z,
    )


def from_pairs(pairs: list[tuple[int, int]], *, units: int = 1) -> Growth:
    """Figures from (pre total, post total) per person."""
    changes = [post - pre for pre, post in pairs]
    return from_sums(
        n=len(pairs),
        sum_pre=sum(pre for pre, _ in pairs),
        sum_change=sum(changes),
        sum_sq_change=sum(c * c for c in changes),
        n_improved=sum(1 for c in changes if c > 0),
        n_declined=sum(1 for c in changes if c < 0),
        units=units,
    )
