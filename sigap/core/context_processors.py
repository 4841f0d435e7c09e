from django.conf import settings

from sigap.core.navigation import nav_for


def navigation(request) -> dict:
    user = getattr(request, "user", None)
    items = nav_for(user) if user is not None and user.is_authenticated else []
    current = getattr(getattr(request, "resolver_match", None), "view_name", "")
    return {"nav_items": items, "nav_current": current, "sigap_production": settings.PRODUCTION}
