"""Audit wiring over django-auditlog.

* ``register(model)`` logs every create, update and delete of a domain record with actor, time
  and diff. Encrypted fields are always masked with a constant (auditlog's default mask keeps
  half of the text, which would leak it).
* ``log_view(actor=..., obj=...)`` records that someone looked at a record (cases, people).
"""

from auditlog.models import LogEntry
from auditlog.registry import auditlog
from django.db import models

from sigap.core.fields import encrypted_field_names

MASK = "••••••"


def mask_secret(value: str) -> str:
    """Mask callable for auditlog: never reveals any part of the value."""
    return MASK


def register(
    model: type[models.Model],
    *,
    exclude_fields: list[str] | None = None,
    mask_fields: list[str] | None = None,
) -> None:
    """Log every create, update and delete of ``model``; encrypted fields are always masked."""
    if auditlog.contains(model):
        return
    masked = sorted(set(mask_fields or []) | set(encrypted_field_names(model)))
    auditlog.register(
        model,
        exclude_fields=exclude_fields or [],
        mask_fields=masked,
        mask_callable="sigap.core.audit.mask_secret",
    )


def log_view(*, actor, obj: models.Model, reason: str = "") -> LogEntry:
    """Record that ``actor`` viewed ``obj``. ``reason`` is kept for break-glass views."""
    additional = {"reason": reason} if reason else None
    return LogEntry.objects.log_create(
        obj,
        force_log=True,
        action=LogEntry.Action.ACCESS,
        actor=actor if getattr(actor, "is_authenticated", False) else None,
        changes={},
        additional_data=additional,
    )
