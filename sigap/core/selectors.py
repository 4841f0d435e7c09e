"""Reads for core pages: the village summary and the audit log."""

from datetime import date, datetime, time

from auditlog.models import LogEntry
from auditlog.registry import auditlog
from django.contrib.contenttypes.models import ContentType
from django.db.models import Count, Prefetch, QuerySet
from django.utils import timezone

from sigap.core import audit
from sigap.core.models import Dusun, RukunTetangga, RukunWarga, Village


def village_summary() -> dict:
    village = Village.objects.order_by("code").first()
    return {
        "village": village,
        "dusun_count": Dusun.objects.count(),
        "rw_count": RukunWarga.objects.count(),
        "rt_count": RukunTetangga.objects.count(),
        "dusun_list": Dusun.objects.annotate(rt_total=Count("rw_set__rt_set")).order_by("name"),
    }


def audited_content_types() -> QuerySet[ContentType]:
    """Record types that are audited (for the filter's choices): from the registry, not from a
    scan of the log, which grows to millions of rows."""
    shown = [m for m in auditlog.get_models() if m not in audit.confidential_models()]
    types = ContentType.objects.get_for_models(*shown, for_concrete_models=False)
    return ContentType.objects.filter(pk__in=[ct.pk for ct in types.values()]).order_by(
        "app_label", "model"
    )


def _confidential_type_ids() -> list[int]:
    models = audit.confidential_models()
    if not models:
        return []
    types = ContentType.objects.get_for_models(*models, for_concrete_models=False)
    return [ct.pk for ct in types.values()]


def audit_log_list(
    *,
    actor_id: int | None = None,
    content_type_id: int | None = None,
    object_id: str = "",
    action: int | None = None,
    date_from: date | None = None,
    date_to: date | None = None,
) -> QuerySet[LogEntry]:
    """Audit entries, newest first, filtered by person, record and date (days in WITA).
    Entries of confidential records (cases) are never listed here."""
    entries = LogEntry.objects.select_related("actor", "content_type").order_by("-timestamp", "-pk")
    hidden = _confidential_type_ids()
    if hidden:
        entries = entries.exclude(content_type_id__in=hidden)
    if actor_id:
        entries = entries.filter(actor_id=actor_id)
    if content_type_id:
        entries = entries.filter(content_type_id=content_type_id)
    if object_id:
        entries = entries.filter(object_pk=object_id)
    if action is not None:
        entries = entries.filter(action=action)
    tz = timezone.get_current_timezone()
    if date_from:
        entries = entries.filter(timestamp__gte=datetime.combine(date_from, time.min, tzinfo=tz))
    if date_to:
        entries = entries.filter(timestamp__lte=datetime.combine(date_to, time.max, tzinfo=tz))
    return entries


def village_list() -> QuerySet[Village]:
    return Village.objects.order_by("name")


def territory_of(village: Village) -> QuerySet[Dusun]:
    """A village's dusun with their RW and RT, in three queries whatever its size."""
    return village.dusun_set.order_by("name").prefetch_related(
        Prefetch("rw_set", queryset=RukunWarga.objects.order_by("number")),
        Prefetch("rw_set__rt_set", queryset=RukunTetangga.objects.order_by("number")),
    )
