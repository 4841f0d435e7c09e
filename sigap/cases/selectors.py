"""Reads of cases and referrals, with the access rules of ``rules`` applied in SQL."""

from dataclasses import dataclass
from datetime import date, timedelta

from auditlog.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.db.models import (
    CharField,
    Count,
    ExpressionWrapper,
    F,
    IntegerField,
    Q,
    QuerySet,
    Sum,
)
from django.db.models.functions import Cast
from django.utils import timezone

from sigap.cases import workflow
from sigap.cases.models import (
    Assessment,
    BreakGlass,
    Case,
    CaseStep,
    CaseWorker,
    Consent,
    Goal,
    PlanAction,
    Referral,
    Session,
    StageChoices,
    TraffickingEvent,
)
from sigap.cases.rules import organisation_id_of
from sigap.core.roles import Cap
from sigap.registry.selectors import name_filters

# The case's own records: each has a ``case`` foreign key and is registered with the audit log.
CASE_RECORDS = (
    CaseWorker,
    BreakGlass,
    CaseStep,
    Consent,
    Assessment,
    TraffickingEvent,
    Session,
    Goal,
    PlanAction,
    Referral,
)
WAITING_REFERRAL = (Referral.Status.SENT,)


def _team_filter(user, *, with_break_glass: bool = True) -> Q | None:
    """The cases the user works, as ``id IN (…)`` subqueries on the assignment indexes: both
    databases answer them from an index, where a correlated EXISTS made them test every case
    (ten times slower on SQLite at 50,000 cases)."""
    if not getattr(user, "is_authenticated", False) or not user.can(Cap.WORK_CASES):
        return None
    team = Q(pk__in=CaseWorker.objects.filter(user=user, ended_at__isnull=True).values("case_id"))
    if user.can(Cap.SUPERVISE_CASES):
        team |= Q(supervisor=user)
    if with_break_glass:
        team |= Q(
            pk__in=BreakGlass.objects.filter(user=user, expires_at__gt=timezone.now()).values(
                "case_id"
            )
        )
    return team


def case_list_visible_to(*, user, with_break_glass: bool = True) -> QuerySet[Case]:
    """Every case the user may open: on its team, or with an unexpired break-glass grant."""
    team = _team_filter(user, with_break_glass=with_break_glass)
    if team is None:
        return Case.objects.none()
    return Case.objects.filter(team)


def case_visible_to(*, user, pk: int) -> Case | None:
    return (
        case_list_visible_to(user=user)
        .select_related("resident", "resident__dusun", "supervisor", "status_decided_by")
        .filter(pk=pk)
        .first()
    )


@dataclass
class CaseFilters:
    q: str = ""
    stage: str = ""
    case_type: str = ""
    risk_level: str = ""
    overdue: bool = False


def case_search(*, user, filters: CaseFilters, now=None) -> QuerySet[Case]:
    """The caseload list: the cases the user works (not those opened by break-glass), searched
    by case code or the person's name."""
    now = now or timezone.now()
    cases = case_list_visible_to(user=user, with_break_glass=False)
    query = filters.q.strip()
    if query:
        code = query.upper().removeprefix("KS-").lstrip("0")
        if code.isdigit():
            cases = cases.filter(pk=int(code))
        else:
            words = name_filters(query, field="resident_id")
            cases = cases.filter(*words) if words else cases.none()
    if filters.stage:
        if filters.stage == "open":
            cases = cases.exclude(stage=workflow.Stage.CLOSED)
        else:
            cases = cases.filter(stage=filters.stage)
    if filters.case_type:
        cases = cases.filter(case_type=filters.case_type)
    if filters.risk_level:
        cases = cases.filter(risk_level=filters.risk_level)
    if filters.overdue:
        cases = cases.filter(_overdue_q(now))
    return cases.select_related("resident", "resident__dusun").order_by("-stage_since", "-pk")


def _overdue_q(now) -> Q:
    """Cases whose stage or waiting submission is past its limit, as in ``workflow``."""
    pending = ~Q(pending="") & Q(stage_since__lt=now - timedelta(days=workflow.APPROVAL_LIMIT_DAYS))
    by_stage = Q(pending="") & _or(
        Q(stage=stage.value, stage_since__lt=now - timedelta(days=days))
        for stage, days in workflow.STAGE_LIMIT_DAYS.items()
    )
    return pending | by_stage


def _or(parts) -> Q:
    result = Q(pk__in=[])
    for part in parts:
        result |= part
    return result


def caseload_summary(*, user, today: date | None = None) -> dict:
    """The numbers of the caseload page and the dashboard panel, in one aggregate query over the
    user's open cases: by stage, overdue, waiting for approval, and the counters the services
    keep on each case (nearest due action, referrals waiting)."""
    today = today or timezone.localdate()
    now = timezone.now()
    team = case_list_visible_to(user=user, with_break_glass=False)
    waiting = ~Q(pending="")
    rows = (
        team.exclude(stage=workflow.Stage.CLOSED)
        .values("stage")
        .annotate(
            n=Count("pk"),
            overdue=Count("pk", filter=_overdue_q(now)),
            mine_to_approve=Count("pk", filter=waiting & Q(supervisor=user)),
            submitted=Count("pk", filter=waiting & ~Q(supervisor=user)),
            actions_overdue=Count("pk", filter=Q(next_action_due__lt=today)),
            actions_due=Count(
                "pk",
                filter=Q(
                    next_action_due__gte=today,
                    next_action_due__lte=today + timedelta(days=7),
                ),
            ),
            referrals=Sum("referrals_waiting"),
        )
    )
    by_stage = {row["stage"]: row for row in rows}
    keys = ("n", "overdue", "mine_to_approve", "submitted", "actions_overdue", "actions_due")
    total = {key: sum(row[key] for row in by_stage.values()) for key in keys}
    return {
        "by_stage": [
            (value, label, by_stage.get(value, {}).get("n", 0)) for value, label in _open_stages()
        ],
        "open_total": total["n"],
        "overdue_cases": total["overdue"],
        "awaiting_approval": total["mine_to_approve"] if user.can(Cap.SUPERVISE_CASES) else 0,
        "awaiting_my_submissions": total["submitted"],
        "cases_actions_overdue": total["actions_overdue"],
        "cases_actions_due": total["actions_due"],
        "referrals_waiting": sum(row["referrals"] or 0 for row in by_stage.values()),
    }


def _open_stages():
    return [
        (value, label) for value, label in StageChoices.choices if value != workflow.Stage.CLOSED
    ]


def cases_with_overdue_actions(*, user, today: date) -> QuerySet[Case]:
    """The user's open cases with an open plan action past its due date, oldest first."""
    return (
        case_list_visible_to(user=user, with_break_glass=False)
        .filter(next_action_due__lt=today)
        .exclude(stage=workflow.Stage.CLOSED)
        .select_related("resident")
        .order_by("next_action_due", "pk")
    )


def awaiting_approval(*, user) -> QuerySet[Case]:
    if not user.can(Cap.SUPERVISE_CASES):
        return Case.objects.none()
    return (
        case_list_visible_to(user=user, with_break_glass=False)
        .filter(supervisor=user)
        .exclude(pending="")
        .select_related("resident")
        .order_by("stage_since", "pk")
    )


def case_page(case: Case, *, limit: int | None = 50) -> dict:
    """Everything the case page lists, each in one query; the printed case file asks for all
    of it (``limit=None``)."""
    end = slice(None, limit)
    return {
        "workers": list(
            CaseWorker.objects.filter(case=case).select_related("user").order_by("-created_at")
        ),
        "consents": list(Consent.objects.filter(case=case).select_related("recorded_by")),
        "sessions": list(Session.objects.filter(case=case).select_related("facilitator")[end]),
        "goals": list(case.goals.prefetch_related("actions__owner")),
        "referrals": list(
            Referral.objects.filter(case=case).select_related("organisation", "service")
        ),
        "events": list(case.events.all()),
        "steps": list(case.steps.select_related("actor")[end]),
        "break_glass": list(
            BreakGlass.objects.filter(case=case).select_related("user").order_by("-created_at")[end]
        ),
    }


def case_viewers(case: Case, limit: int = 20) -> list[LogEntry]:
    """Who opened the case page, newest first (from the audit log)."""
    content_type = ContentType.objects.get_for_model(Case)
    return list(
        LogEntry.objects.annotate(record_type=_unindexed_type())
        .filter(record_type=content_type.pk, object_pk=str(case.pk), action=LogEntry.Action.ACCESS)
        .select_related("actor")
        .order_by("-timestamp", "-pk")[:limit]
    )


def case_history_entries(case: Case, *, changes_only: bool = False) -> QuerySet[LogEntry]:
    """The audit entries of ``case`` and of its records, newest first, as one query.

    ``LogEntry.object_pk`` is a text column, so each record type's ids are cast to text inside
    its subquery (``object_pk IN (SELECT CAST(id AS text) …)``), which reads the same on SQLite
    and PostgreSQL; each branch is answered from the ``object_pk`` index, and the page is a
    single query whatever the number of records. The entries of a record deleted since (the
    app deletes none of them) would not be found: its id is no longer in the subquery.
    """
    types = ContentType.objects.get_for_models(Case, *CASE_RECORDS)
    match = Q(record_type=types[Case].pk, object_pk=str(case.pk))
    for model in CASE_RECORDS:
        ids = model.objects.filter(case=case).values(pk_text=Cast("pk", CharField()))
        match |= Q(record_type=types[model].pk, object_pk__in=ids)
    # ``content_type_id + 0``: the same test, but not one an index can answer, so that the
    # planner reads each branch from the selective ``object_pk`` index. Left to itself, SQLite
    # without statistics picks the ``content_type_id`` index and reads every entry of every
    # session, consent… of the district.
    entries = LogEntry.objects.annotate(record_type=_unindexed_type()).filter(match)
    if changes_only:
        entries = entries.exclude(action=LogEntry.Action.ACCESS)
    return entries.select_related("actor", "content_type").order_by("-timestamp", "-pk")


def _unindexed_type():
    """``content_type_id + 0``: the same value, but not one an index can answer, so that the
    planner reads audit entries from the selective ``object_pk`` index (SQLite, which has no
    statistics here, would otherwise walk every entry of the record type)."""
    return ExpressionWrapper(F("content_type_id") + 0, output_field=IntegerField())


def other_cases_of(*, user, resident) -> QuerySet[Case]:
    """Cases of a resident that the user works, for the person page."""
    return case_list_visible_to(user=user).filter(resident=resident).order_by("-opened_on")


def cases_not_visible_to(*, user, resident) -> QuerySet[Case]:
    """Cases of a resident that a case worker is not on: offered for break-glass access only."""
    if not user.can(Cap.WORK_CASES):
        return Case.objects.none()
    visible = case_list_visible_to(user=user).values("pk")
    return (
        Case.objects.filter(resident=resident)
        .exclude(pk__in=visible)
        .exclude(stage=workflow.Stage.CLOSED)
    )


# Referrals, for the receiving organisation ------------------------------------------------------


def referral_inbox(*, user, status: str = "") -> QuerySet[Referral]:
    """Referrals sent to the user's organisation (a Mitra's inbox), newest first."""
    org = organisation_id_of(user)
    if org is None:
        return Referral.objects.none()
    referrals = Referral.objects.filter(organisation_id=org)
    if status:
        referrals = referrals.filter(status=status)
    return referrals.select_related("service", "organisation", "case__resident").order_by(
        "-sent_at", "-pk"
    )


def referral_visible_to(*, user, pk: int) -> tuple[Referral | None, str]:
    """The referral and the user's part in it: ``"team"`` (works the case), ``"mitra"``
    (staff of the receiving organisation), or (None, "") when they may not see it."""
    referral = (
        Referral.objects.select_related(
            "case", "case__resident", "case__resident__dusun", "organisation", "service"
        )
        .filter(pk=pk)
        .first()
    )
    if referral is None:
        return None, ""
    if case_list_visible_to(user=user).filter(pk=referral.case_id).exists():
        return referral, "team"
    if organisation_id_of(user) == referral.organisation_id:
        return referral, "mitra"
    return None, ""
