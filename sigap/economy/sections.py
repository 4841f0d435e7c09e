"""What the cooperative adds to the registry's resident page (for Pengurus Koperasi only)."""

from sigap.economy import selectors
from sigap.economy.models import Member


def resident_membership(request, resident) -> dict | None:
    cooperative = selectors.cooperative_of_village()
    if cooperative is None:
        return None
    member = (
        Member.objects.filter(cooperative=cooperative, resident=resident)
        .order_by("-joined_on")
        .first()
    )
    return {"cooperative": cooperative, "member": member, "resident": resident}
