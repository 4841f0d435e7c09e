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
