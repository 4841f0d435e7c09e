"""SHU (sisa hasil usaha): sharing a year's surplus, as UU 25/1992 and the cooperative's bylaws
say. Pure module.

The surplus is split by percentages that must add up to exactly 100 (reserves, jasa modal,
jasa usaha, management, education, social). The jasa modal part goes to members by their
savings, the jasa usaha part by their transactions (e.g. interest paid). Every split is rounded
to whole rupiah by the largest-remainder method, so the parts always sum to the whole exactly.
"""

from dataclasses import dataclass
from decimal import Decimal


def split_exactly(total: int, weights: dict[str, int | Decimal]) -> dict[str, int]:
    """Split ``total`` rupiah in proportion to ``weights``: whole rupiah that sum to ``total``
    (largest remainder; ties go to the earlier key)."""
    weight_sum = sum(Decimal(w) for w in weights.values())
    if total == 0 or weight_sum == 0:
        return dict.fromkeys(weights, 0)
    if any(Decimal(w) < 0 for w in weights.values()):
        raise ValueError("weights cannot be negative")
    exact = {key: Decimal(total) * Decimal(w) / weight_sum for key, w in weights.items()}
    shares = {key: int(value) for key, value in exact.items()}  # floors for a positive total
    missing = total - sum(shares.values())
    order = sorted(exact, key=lambda key: -(exact[key] - shares[key]))
    for key in order[:missing]:
        shares[key] += 1
    return shares


@dataclass(frozen=True)
class Allocation:
    parts: dict[str, int]  # the surplus by purpose
    members: dict[str, dict[str, int]]  # member → {"jasa_modal": …, "jasa_usaha": …, "total": …}


def distribute(
    surplus: int,
    percentages: dict[str, Decimal],
    *,
    savings: dict[str, int],
    transactions: dict[str, int],
) -> Allocation:
    """Split ``surplus`` by ``percentages`` (which must include "jasa_modal" and "jasa_usaha" and
    add up to 100), then each of those two parts over the members."""
    if sum(percentages.values()) != 100:
        raise ValueError(
            f"Persentase pembagian SHU harus berjumlah 100%, bukan {sum(percentages.values())}%."
        )
    if surplus < 0:
        raise ValueError("SHU negatif (rugi) tidak dibagikan.")
    parts = split_exactly(surplus, percentages)
    modal = split_exactly(parts.get("jasa_modal", 0), savings)
    usaha = split_exactly(parts.get("jasa_usaha", 0), transactions)
    members = {}
    for member in sorted(set(savings) | set(transactions)):
        m, u = modal.get(member, 0), usaha.get(member, 0)
        members[member] = {"jasa_modal": m, "jasa_usaha": u, "total": m + u}
    return Allocation(parts, members)
