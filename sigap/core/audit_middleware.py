from auditlog.middleware import AuditlogMiddleware

from sigap.core.net import client_ip


class AuditMiddleware(AuditlogMiddleware):
    """django-auditlog's middleware, recording the client address that ``core.net`` trusts
    (auditlog's own takes the first X-Forwarded-For entry, which a client can forge)."""

    @staticmethod
    def _get_remote_addr(request):
        return client_ip(request)

    @staticmethod
    def _get_remote_port(request):
        return None
