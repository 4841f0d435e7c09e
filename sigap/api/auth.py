from ninja.security import HttpBearer, SessionAuth


class TokenAuth(HttpBearer):
    """Bearer tokens issued by Admin Desa (resolved by ``ApiTokenMiddleware``)."""

    def authenticate(self, request, token):
        return getattr(request, "api_token_user", None)


class ActiveSessionAuth(SessionAuth):
    """The logged-in browser session (with Django's CSRF check on unsafe methods)."""

    def authenticate(self, request, key):
        user = super().authenticate(request, key)
        return user if user is not None and user.is_active else None
