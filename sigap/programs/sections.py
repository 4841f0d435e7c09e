"""What the programmes add to other pages: the home dashboard's card."""

from sigap.core.roles import Cap
from sigap.programs import selectors


def panel(request) -> dict:
    user = request.user
    return {
        **selectors.dashboard(user=user),
        "can_manage_programs": user.can(Cap.MANAGE_PROGRAMS),
        "can_take_attendance": user.can(Cap.TAKE_ATTENDANCE) or user.can(Cap.MANAGE_PROGRAMS),
        "can_see_analytics": user.can(Cap.MANAGE_PROGRAMS) or user.can(Cap.VIEW_AGGREGATES),
    }


def resident_programmes(request, resident) -> dict | None:
    rows = selectors.programmes_of([resident.pk]).get(resident.pk, [])
    return {
        "people": [{"resident": resident, "programmes": rows}],
        "single": True,
        "can_manage_programs": request.user.can(Cap.MANAGE_PROGRAMS),
    }


def household_programmes(request, household) -> dict | None:
    from sigap.registry.selectors import household_members

    members = list(household_members(household))
    found = selectors.programmes_of([m.pk for m in members])
    return {
        "people": [{"resident": m, "programmes": found.get(m.pk, [])} for m in members],
        "single": False,
        "can_manage_programs": request.user.can(Cap.MANAGE_PROGRAMS),
    }
