class NoStoreMiddleware:
    """Pages for a logged-in user hold personal data: no browser or proxy may keep a copy (a
    shared phone's back button or cache must not show a case to the next person)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and "Cache-Control" not in response:
            response["Cache-Control"] = "no-store, private"
        return response
