from sigap.accounts.services import api_token_authenticate


class ApiTokenMiddleware:
    """Resolve ``Authorization: Bearer sgp_…`` on API requests to the token's user.

    It runs before the audit middleware, so changes made through a token are audited under the
    token's user. A bad token leaves the request anonymous; the API then answers 401.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        header = request.headers.get("Authorization", "")
        if request.path.startswith("/api/") and header[:7].lower() == "bearer ":
            user = api_token_authenticate(header[7:].strip())
            request.api_token_user = user
            if user is not None:
                request.user = user
        return self.get_response(request)
