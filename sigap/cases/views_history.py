"""The case's change history: the audit entries of the case and of its records, for the people
who may read the case.

Who reads it: the case team (its active Pendamping and its Koordinator) **and anyone holding an
unexpired break-glass grant**. A break-glass viewer already reads everything the history is made
of on the case page (consents, sessions, plan, referrals, the team's break-glass grants and who
viewed the case); the history adds when and by whom each of those was written, which is what
someone stepping in during an emergency needs to know whom to call. Encrypted fields never reach
the log (they are stored as ``audit.MASK``), so the history shows no notes or narratives. Every
reading of the history is itself logged as a view of the case, so the team sees it under
"Dilihat oleh". Everyone else, Admin Desa included, gets 404, like on the case page.
"""

from auditlog.models import LogEntry
from django.core.exceptions import FieldDoesNotExist
from django.db.models import DateField, DateTimeField
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.dateparse import parse_date
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from sigap.cases import rules, selectors
from sigap.cases.models import (
    BreakGlass,
    Case,
    CaseWorker,
)
from sigap.core import audit
from sigap.core.access import require_capability
from sigap.core.pagination import paginate
from sigap.core.roles import Cap

CHANGES_ONLY = "perubahan"
PER_PAGE = 50


# Fields every entry would repeat: the record's id and timestamps (the entry has its own time),
# and the case itself (every record on the page is of this case).
BOOKKEEPING = {"id", "created_at", "updated_at", "case"}


def _readable(entries: list[LogEntry]) -> list[LogEntry]:
    """The entries with their diffs (in memory only, never saved) trimmed of ``BOOKKEEPING``
    fields, and with dates written as people write them ("29 Nov 2026") instead of ISO."""
    for entry in entries:
        model = entry.content_type.model_class()
        changes = {}
        for name, values in (entry.changes_dict or {}).items():
            if name in BOOKKEEPING:
                continue
            if _is_date(model, name) and isinstance(values, list):
                values = [_date(value) for value in values]
            changes[name] = values
        entry.changes, entry.changes_text = changes, ""
    return entries


def _is_date(model, name: str) -> bool:
    try:
        field = model._meta.get_field(name) if model else None
    except FieldDoesNotExist:
        return False
    return isinstance(field, DateField) and not isinstance(field, DateTimeField)


def _date(value):
    try:
        day = parse_date(value) if isinstance(value, str) else None
    except ValueError:  # shaped like a date, but not one
        day = None
    return date_format(day, "DATE_FORMAT") if day else value


def _subject(entry: LogEntry, case: Case) -> str:
    """Which record of its type the entry is about, without the case code that every record's
    ``__str__`` starts with (the whole page is about that case): a date, a choice's label, a
    referral's code; nothing for the case itself, its assessment and the team's user ids (the
    diff names the user)."""
    model = entry.content_type.model_class()
    if model in (None, Case, CaseWorker, BreakGlass):
        return ""
    text = entry.object_repr.removeprefix(f"{case.code} · ")
    if text.lower() == str(model._meta.verbose_name).lower():
        return ""
    formatted = _date(text)
    if formatted != text:
        return formatted
    for field in model._meta.fields:
        labels = dict(field.flatchoices) if field.choices else {}
        if text in labels:
            return str(labels[text])
    return text


@require_capability(Cap.WORK_CASES)
def case_history(request: HttpRequest, case_id: int) -> HttpResponse:
    """The history page, paginated; ``?jenis=perubahan`` leaves out the views."""
    case = selectors.case_visible_to(user=request.user, pk=case_id)
    if case is None:
        raise Http404
    audit.log_view(actor=request.user, obj=case)
    changes_only = request.GET.get("jenis") == CHANGES_ONLY
    page = paginate(
        selectors.case_history_entries(case, changes_only=changes_only),
        request.GET.get("page"),
        per_page=PER_PAGE,
    )
    changes = audit.changes_for_display(_readable(page.object_list))
    context = {
        "case": case,
        "page": page,
        "rows": [(entry, _subject(entry, case), changes[entry.pk]) for entry in page],
        "changes_only": changes_only,
        "changes_value": CHANGES_ONLY,
        "break_glass_only": not rules.on_team(request.user, case),
        "title": _("Riwayat perubahan %(code)s") % {"code": case.code},
    }
    return render(request, "cases/case_history.html", context)
