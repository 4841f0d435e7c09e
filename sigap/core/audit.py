"""Audit wiring over django-auditlog.

* ``register(model)`` logs every create, update and delete of a domain record with actor, time
  and diff. Encrypted fields are always masked with a constant (auditlog's default mask keeps
  half of the text, which would leak it).
* ``log_view(actor=..., obj=...)`` records that someone looked at a record (cases, people).
"""

from datetime import UTC

from auditlog.models import LogEntry
from auditlog.registry import auditlog
from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from sigap.core.fields import encrypted_field_names

MASK = "••••••"


def mask_secret(value: str) -> str:
    """Mask callable for auditlog: never reveals any part of the value (an empty value stays
    empty, so that a blank encrypted field does not look filled in)."""
    return MASK if value not in EMPTY else value


_confidential: set[type[models.Model]] = set()


def register(
    model: type[models.Model],
    *,
    exclude_fields: list[str] | None = None,
    mask_fields: list[str] | None = None,
    confidential: bool = False,
) -> None:
    """Log every create, update and delete of ``model``; encrypted fields are always masked.

    A ``confidential`` model's entries (cases) never appear on the general audit page: the
    people who read that page may not know that the records exist. They stay in the log (the
    case page shows who viewed the case).
    """
    if confidential:
        _confidential.add(model)
    if auditlog.contains(model):
        return
    masked = sorted(set(mask_fields or []) | set(encrypted_field_names(model)))
    auditlog.register(
        model,
        exclude_fields=exclude_fields or [],
        mask_fields=masked,
        mask_callable="sigap.core.audit.mask_secret",
    )


def confidential_models() -> set[type[models.Model]]:
    return set(_confidential)


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


def log_export(*, actor, obj: models.Model, what: str, rows: int, filters: dict) -> LogEntry:
    """Record that ``actor`` exported ``rows`` records (``what``) with ``filters``; ``obj`` is the
    record the entry hangs on in the log (the exporting user, for a list export)."""
    return LogEntry.objects.log_create(
        obj,
        force_log=True,
        action=LogEntry.Action.ACCESS,
        actor=actor,
        changes={},
        additional_data={"export": what, "rows": rows, "filters": filters},
    )


def changes_for_display(entries: list[LogEntry]) -> dict[int, list[tuple[str, str, str]]]:
    """Each entry's diff as (field label, old, new), with foreign keys shown by name.

    auditlog's own ``changes_display_dict`` runs one query per foreign-key value; on a page of
    50 entries that is hundreds of queries. Here the related objects are fetched in one query per
    related model for the whole page.
    """
    wanted: dict[type[models.Model], set] = {}
    plans: dict[int, list[tuple[str, models.Field | None, list]]] = {}
    for entry in entries:
        model = entry.content_type.model_class() if entry.content_type_id else None
        rows = []
        for name, values in (entry.changes_dict or {}).items():
            field = _field_or_none(model, name)
            if field is None and model is not None and _is_relation_name(model, name):
                continue  # reverse relations and many-to-many: shown by their own entries
            if entry.action == LogEntry.Action.CREATE and values and values[-1] in EMPTY:
                continue  # a new record: only the fields that were filled in
            if isinstance(field, models.ForeignKey):
                for value in values:
                    if value not in (None, "None", ""):
                        wanted.setdefault(field.related_model, set()).add(str(value))
            rows.append((name, field, list(values) + [None, None]))
        plans[entry.pk] = rows

    names: dict[tuple[type[models.Model], str], str] = {}
    for related, pks in wanted.items():
        valid = [pk for pk in pks if pk.isdigit()]
        for obj in related._base_manager.filter(pk__in=valid):
            names[(related, str(obj.pk))] = str(obj)

    result: dict[int, list[tuple[str, str, str]]] = {}
    for pk, rows in plans.items():
        shown = []
        for name, field, values in rows:
            label = str(field.verbose_name) if field is not None else name
            old, new = (_display(field, v, names) for v in values[:2])
            shown.append((label, old, new))
        result[pk] = shown
    return result


def _field_or_none(model, name: str):
    if model is None:
        return None
    try:
        field = model._meta.get_field(name)
    except FieldDoesNotExist:  # a field that no longer exists is shown by its stored name
        return None
    return field if getattr(field, "concrete", False) else None


EMPTY = (None, "None", "", "[]", "{}")


def _is_relation_name(model, name: str) -> bool:
    try:
        field = model._meta.get_field(name)
    except FieldDoesNotExist:
        return name.endswith(("_set", "_assignments", "_tokens"))
    return not getattr(field, "concrete", False)


def _display(field, value, names) -> str:
    if value in EMPTY:
        return "–"
    value = str(value)
    if value == MASK:
        return MASK
    if isinstance(field, models.BooleanField) or value in ("True", "False"):
        return _("Ya") if value == "True" else _("Tidak") if value == "False" else value
    if isinstance(field, models.DateTimeField):
        moment = parse_datetime(value)
        if moment is not None:
            if timezone.is_naive(moment):
                moment = timezone.make_aware(moment, UTC)
            return date_format(timezone.localtime(moment), "DATETIME_FORMAT")
    if isinstance(field, models.ForeignKey):
        return names.get((field.related_model, value), f"#{value}")
    choices = getattr(field, "choices", None)
    if choices:
        return str(dict(choices).get(value, value))
    return value
