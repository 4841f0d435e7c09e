"""Knowledge-test statistics against values computed by hand."""

import pytest

from sigap.programs.stats import class_result, mcnemar, normalised_gain, score


def test_scores_gains_and_normalised_gain():
    assert score(7, 10) == 70
    assert normalised_gain(40, 70) == pytest.approx(0.5)  # 30 of the 60 points still open
    assert normalised_gain(80, 70) == pytest.approx(-0.5)  # forgot: negative, not hidden
    assert normalised_gain(100, 100) is None
    with pytest.raises(ValueError):
        score(11, 10)


def test_the_class_result():
    # pre 40, 60, 50 (mean 50); post 70, 80, 65 (mean 71.67); ⟨g⟩ = 21.67 / 50 = 0.4333.
    result = class_result([(40, 70), (60, 80), (50, 65)], pass_mark=70)
    assert result.people == 3
    assert result.mean_gain == pytest.approx(21.6667, abs=1e-4)
    assert result.normalised_gain == pytest.approx(0.43333, abs=1e-5)
    assert result.share_passing_post == pytest.approx(2 / 3)


def test_mcnemar_exact_for_few_discordant_pairs():
    # 10 people: 6 wrong→right, 1 right→wrong, 3 unchanged. Exact two-sided p:
    # 2 × (C(7,0) + C(7,1)) / 2^7 = 2 × 8 / 128 = 0.125.
    before = [False] * 6 + [True] + [True, False, True]
    after = [True] * 6 + [False] + [True, False, True]
    result = mcnemar(before, after)
    assert (result.wrong_to_right, result.right_to_wrong) == (6, 1)
    assert result.exact and result.p_value == pytest.approx(0.125)


def test_mcnemar_chi_square_for_many_discordant_pairs():
    # b = 30, c = 10: χ² = (|30 − 10| − 1)² / 40 = 361 / 40 = 9.025; p = 0.00266 (1 df).
    before = [False] * 30 + [True] * 10 + [True] * 20
    after = [True] * 30 + [False] * 10 + [True] * 20
    result = mcnemar(before, after)
    assert not result.exact
    assert result.statistic == pytest.approx(9.025)
    assert result.p_value == pytest.approx(0.002663, abs=1e-5)


def test_mcnemar_with_no_change_is_p_one():
    assert mcnemar([True, False], [True, False]).p_value == 1.0
