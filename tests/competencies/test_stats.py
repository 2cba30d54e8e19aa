"""Growth statistics equal an independent numpy/scipy computation (to 1e-9)."""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy import stats as sps

from competencies import stats

pairs_strategy = st.integers(min_value=1, max_value=5).flatmap(
    lambda units: st.tuples(
        st.just(units),
        st.lists(
            st.tuples(
                st.integers(min_value=units, max_value=5 * units),
                st.integers(min_value=units, max_value=5 * units),
            ),
            min_size=2,
            max_size=200,
        ),
    )
)


@settings(max_examples=300, deadline=None)
@given(pairs_strategy)
def test_paired_growth_equals_numpy_and_scipy(data):
    units, pairs = data
    growth = stats.from_pairs(pairs, units=units)
    pre = np.array([p for p, _ in pairs], dtype=float) / units
    post = np.array([q for _, q in pairs], dtype=float) / units
    diff = post - pre
    assert growth.n == len(pairs)
    assert growth.mean_pre == pytest.approx(pre.mean(), abs=1e-9)
    assert growth.mean_post == pytest.approx(post.mean(), abs=1e-9)
    assert growth.mean_change == pytest.approx(diff.mean(), abs=1e-9)
    sd = diff.std(ddof=1)
    assert growth.sd_change == pytest.approx(sd, abs=1e-9)
    assert growth.share_improved == pytest.approx((diff > 0).mean(), abs=1e-12)
    assert growth.share_declined == pytest.approx((diff < 0).mean(), abs=1e-12)
    if sd > 1e-12:
        assert growth.d_z == pytest.approx(diff.mean() / sd, abs=1e-9)
        # d_z is the paired t statistic divided by sqrt(n): tie it to scipy's ttest_rel.
        t = sps.ttest_rel(post, pre).statistic
        assert growth.d_z == pytest.approx(t / np.sqrt(len(pairs)), abs=1e-9)
    else:
        assert growth.d_z is None


def test_group_figures_hidden_below_five():
    assert not stats.from_pairs([(1, 2)] * 4).shown
    assert stats.from_pairs([(1, 2)] * 5).shown
    assert stats.from_pairs([]).n == 0
