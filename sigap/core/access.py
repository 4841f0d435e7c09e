"""Access checks for views. Someone without access gets 404, never 403: a page that exists must
not be told apart from one that does not.
"""

from collections.abc import Callable
from functools import wraps

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse

from sigap.core.roles import Cap


def require_capability(*caps: Cap) -> Callable:
    """Log-in required; then at least one of ``caps`` or 404."""

    def decorator(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
        @login_required
        @wraps(view)
        def wrapped(request: HttpRequest, *args, **kwargs) -> HttpResponse:
            if not any(request.user.can(cap) for cap in caps):
                raise Http404
            return view(request, *args, **kwargs)

        return wrapped

    return decorator
