"""What the cooperative adds to other pages: the registry's resident page and the dashboard (for
Pengurus Koperasi only)."""

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


def panel(request) -> dict:
    """The Pengurus Koperasi's dashboard card: the loan book and PAR 30."""
    cooperative = selectors.cooperative_of_village()
    book = selectors.portfolio(cooperative=cooperative) if cooperative else None
    return {"cooperative": cooperative, "book": book}
