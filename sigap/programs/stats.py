"""Learning measured by knowledge tests: scores, gains and item analysis. Pure module.

* A person's score is the percentage of items answered correctly (0–100).
* Gain = post − pre (percentage points). Normalised gain (Hake) = (post − pre) / (100 − pre):
  the share of what could still be learnt that was learnt; undefined when the pre-test was 100.
* The class's normalised gain is Hake's ⟨g⟩ = (mean post − mean pre) / (100 − mean pre).
* McNemar's test per item compares, for the same people, correct before vs after: only the
  discordant pairs count (b = wrong→right, c = right→wrong). With b + c < 25 the exact two-sided
  binomial p-value is used, otherwise the χ² statistic with continuity correction (1 df).
"""

import math
from dataclasses import dataclass
from statistics import mean


def score(correct: int, items: int) -> float:
    if items <= 0:
        raise ValueError("a test needs at least one item")
    if not 0 <= correct <= items:
        raise ValueError("correct answers must be between 0 and the number of items")
    return 100 * correct / items


def normalised_gain(pre: float, post: float) -> float | None:
    """(post − pre) / (100 − pre); None when the pre-test was already 100."""
    if pre >= 100:
        return None
    return (post - pre) / (100 - pre)


@dataclass(frozen=True)
class ClassResult:
    people: int
    mean_pre: float
    mean_post: float
    mean_gain: float
    normalised_gain: float | None  # Hake's ⟨g⟩ on the class means
    share_passing_post: float  # 0–1, post-test score at or above the pass mark


def class_result(pairs: list[tuple[float, float]], *, pass_mark: float = 70) -> ClassResult:
    """Results for the people who took both tests: ``pairs`` of (pre, post) scores."""
    if not pairs:
        raise ValueError("no one took both tests")
    pre, post = mean(p for p, _ in pairs), mean(q for _, q in pairs)
    return ClassResult(
        people=len(pairs),
        mean_pre=pre,
        mean_post=post,
        mean_gain=post - pre,
        normalised_gain=normalised_gain(pre, post),
        share_passing_post=sum(1 for _, q in pairs if q >= pass_mark) / len(pairs),
    )


@dataclass(frozen=True)
class McNemar:
    wrong_to_right: int  # b
    right_to_wrong: int  # c
    statistic: float | None  # χ² with continuity correction, when the normal approximation is used
    p_value: float
    exact: bool


def mcnemar(before: list[bool], after: list[bool]) -> McNemar:
    """McNemar's test for one item: ``before[i]``/``after[i]`` say whether person i was right."""
    if len(before) != len(after):
        raise ValueError("the same people must answer before and after")
    b = sum(1 for x, y in zip(before, after, strict=True) if not x and y)
    c = sum(1 for x, y in zip(before, after, strict=True) if x and not y)
    n = b + c
    if n == 0:
        return McNemar(b, c, None, 1.0, True)
    if n < 25:
        k = min(b, c)
        tail = sum(math.comb(n, i) for i in range(k + 1)) / 2**n
        return McNemar(b, c, None, min(1.0, 2 * tail), True)
    statistic = (abs(b - c) - 1) ** 2 / n
    return McNemar(b, c, statistic, math.erfc(math.sqrt(statistic / 2)), False)
