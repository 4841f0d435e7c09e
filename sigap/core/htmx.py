def is_htmx(request) -> bool:
    """True for a request htmx sent (it answers with a fragment instead of a whole page)."""
    return request.headers.get("HX-Request") == "true" and not request.headers.get(
        "HX-History-Restore-Request"
    )
