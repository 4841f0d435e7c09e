import pytest

from sigap.cases import wellbeing
from sigap.cases.forms import WHO5_ITEMS


def test_scores_and_bands_by_hand():
    # 3+3+3+3+3 = 15 raw, x4 = 60: above 50 is good.
    assert wellbeing.score([3, 3, 3, 3, 3]) == wellbeing.Result(15, 60, wellbeing.Band.GOOD)
    # 2+3+2+3+2 = 12 raw = 48: 50 or less is poor.
    assert wellbeing.score([2, 3, 2, 3, 2]).band == wellbeing.Band.POOR
    # 7 raw = 28: 28 or less is very low.
    assert wellbeing.score([1, 2, 1, 2, 1]) == wellbeing.Result(7, 28, wellbeing.Band.VERY_LOW)
    assert wellbeing.score([5] * 5).percent == 100
    assert wellbeing.score([0] * 5).percent == 0


@pytest.mark.parametrize("answers", [[3, 3, 3, 3], [3, 3, 3, 3, 6], [3, 3, 3, 3, -1], [3] * 6])
def test_bad_answers_are_refused(answers):
    with pytest.raises(ValueError):
        wellbeing.score(answers)


def test_meaningful_change_is_ten_points():
    assert wellbeing.is_meaningful(40, 52)
    assert not wellbeing.is_meaningful(40, 48)


def test_the_form_asks_the_five_items():
    assert len(WHO5_ITEMS) == wellbeing.ITEM_COUNT
