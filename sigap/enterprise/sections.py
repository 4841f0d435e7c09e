"""What the groups add to other pages: the card on the registry's household page (its residents'
cooperative and group memberships) and the home dashboard's card of aggregates."""

from sigap.core.roles import Cap
from sigap.enterprise import selectors


def household_links(request, household) -> dict:
    user = request.user
    return {
        **selectors.household_links(household),
        "household": household,
        "can_manage_groups": user.can(Cap.MANAGE_GROUPS),
        "can_manage_cooperative": user.can(Cap.MANAGE_COOPERATIVE),
        "can_plan_outreach": user.can(Cap.PLAN_OUTREACH),
    }


def panel(request) -> dict:
    user = request.user
    return {
        "summary": selectors.programme_summary(),
        "can_manage_groups": user.can(Cap.MANAGE_GROUPS),
        "can_plan_outreach": user.can(Cap.PLAN_OUTREACH),
    }
