"""The client's address, as far as it can be trusted.

Behind ``PROXY_COUNT`` reverse proxies, each proxy appends the address it received the request
from to ``X-Forwarded-For``; so the client is the entry ``PROXY_COUNT`` places from the right.
Anything further left was written by the client and can be forged. With no proxy the socket
address (``REMOTE_ADDR``) is the only one to trust.
"""

import ipaddress

from django.conf import settings


def client_ip(request) -> str | None:
    proxies = getattr(settings, "PROXY_COUNT", 0)
    remote = request.META.get("REMOTE_ADDR") or None
    if proxies <= 0:
        return remote
    forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
    forwarded = [part for part in forwarded if part]
    if len(forwarded) < proxies:
        return remote
    candidate = forwarded[-proxies]
    try:
        return str(ipaddress.ip_address(candidate))
    except ValueError:
        return remote
