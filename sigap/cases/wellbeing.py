"""The WHO-5 Well-Being Index, the simple standard scale of the psychosocial sessions.

Five statements about the last two weeks, each answered 0 (never) to 5 (all of the time). The
raw score (0–25) times four is the percentage score (0–100). A percentage of 50 or less suggests
poor wellbeing and 28 or less likely depression: both are shown to the Pendamping as a prompt to
discuss further support, never as a diagnosis. A change of 10 points is a meaningful change.
"""

from dataclasses import dataclass
from enum import StrEnum

ITEM_COUNT = 5
MAX_ANSWER = 5
POOR_AT_MOST = 50
LOW_AT_MOST = 28
MEANINGFUL_CHANGE = 10


class Band(StrEnum):
    GOOD = "baik"
    POOR = "rendah"
    VERY_LOW = "sangat_rendah"


@dataclass(frozen=True)
class Result:
    raw: int
    percent: int
    band: Band


def score(answers: list[int]) -> Result:
    """Score five answers 0–5; raises ValueError for anything else."""
    if len(answers) != ITEM_COUNT:
        raise ValueError(f"WHO-5 needs {ITEM_COUNT} answers, got {len(answers)}")
    for answer in answers:
        if not isinstance(answer, int) or isinstance(answer, bool) or not 0 <= answer <= MAX_ANSWER:
            raise ValueError(f"WHO-5 answers are whole numbers 0–{MAX_ANSWER}, got {answer!r}")
    raw = sum(answers)
    percent = raw * 4
    if percent <= LOW_AT_MOST:
        band = Band.VERY_LOW
    elif percent <= POOR_AT_MOST:
        band = Band.POOR
    else:
        band = Band.GOOD
    return Result(raw=raw, percent=percent, band=band)


def change(before: int, after: int) -> int:
    """The change in percentage points between two scores (positive = better)."""
    return after - before


def is_meaningful(before: int, after: int) -> bool:
    return abs(change(before, after)) >= MEANINGFUL_CHANGE
