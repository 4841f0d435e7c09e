"""Reads of the entrepreneurship groups, and the at-risk households that neither the cooperative
nor any group has reached yet."""

from dataclasses import dataclass
from datetime import date

from django.db.models import Count, Exists, F, OuterRef, Q, QuerySet, Sum
from django.utils import timezone
from django.utils.formats import date_format

from sigap.core.charts import LineChart, line_chart
from sigap.economy.models import Member
from sigap.enterprise.models import (
    Funding,
    Group,
    GroupMember,
    HouseholdIncome,
    MentoringVisit,
    MonthlyFigure,
)
from sigap.enterprise.services import is_adult
from sigap.registry.codes import BasicStatus
from sigap.registry.models import Household, Resident
from sigap.registry.rules import ALL, registry_scope
from sigap.registry.selectors import vulnerable_households

CHART_MONTHS = 12


def group_list(*, q: str = "", kind: str = "", stage: str = "", ended: bool = False):
    """The village's groups (running ones, or those that stopped), with their active members
    counted in the same query, by name."""
    groups = Group.objects.filter(ended_on__isnull=not ended)
    if q.strip():
        groups = groups.filter(name__icontains=q.strip())
    if kind in Group.Kind.values:
        groups = groups.filter(kind=kind)
    if stage in Group.Stage.values:
        groups = groups.filter(stage=stage)
    return (
        groups.select_related("facilitator")
        .annotate(member_count=Count("members", filter=Q(members__left_on=None)))
        .order_by("name", "pk")
    )


def group_or_none(pk: int) -> Group | None:
    return Group.objects.select_related("facilitator", "village").filter(pk=pk).first()


def group_members(group: Group) -> list[GroupMember]:
    """Current members first (chair, secretary, treasurer, then by name), then those who left."""
    order = {p: i for i, p in enumerate(GroupMember.Position.values)}
    members = list(
        GroupMember.objects.filter(group=group).select_related(
            "resident", "resident__household", "resident__dusun"
        )
    )
    return sorted(
        members,
        key=lambda m: (m.left_on is not None, order[m.position], m.resident.name.lower()),
    )


@dataclass
class IncomeSummary:
    rows: list[HouseholdIncome]
    rose: int
    same: int
    fell: int
    waiting: int  # no later band yet


def household_incomes(group: Group) -> IncomeSummary:
    """Each member household's band before → after, and how many rose, stayed or fell."""
    rows = list(
        HouseholdIncome.objects.filter(group=group)
        .select_related("household", "household__head")
        .order_by("household__head__name", "pk")
    )
    changes = [row.change for row in rows]
    return IncomeSummary(
        rows=rows,
        rose=sum(1 for c in changes if c is not None and c > 0),
        same=sum(1 for c in changes if c == 0),
        fell=sum(1 for c in changes if c is not None and c < 0),
        waiting=sum(1 for c in changes if c is None),
    )


def funding_totals(group: Group) -> dict:
    rows = group.fundings.values("kind").annotate(total=Sum("amount")).order_by()
    totals = {row["kind"]: row["total"] for row in rows}
    return {"hibah": totals.get("hibah", 0), "pinjaman": totals.get("pinjaman", 0)}


def _months_back(today: date, count: int) -> list[date]:
    """The first days of the last ``count`` months, oldest first, ending with this month."""
    months, year, month = [], today.year, today.month
    for _ in range(count):
        months.append(date(year, month, 1))
        year, month = (year - 1, 12) if month == 1 else (year, month - 1)
    return months[::-1]


@dataclass
class FigureChart:
    turnover: LineChart
    profit: LineChart
    zero_y: float | None  # where the zero line is drawn when a month made a loss
    high: int
    low: int

    @property
    def first_label(self) -> str:
        return self.turnover.points[0].label

    @property
    def last_label(self) -> str:
        return self.turnover.points[-1].label


def recent_figures(group: Group, today: date | None = None) -> list[MonthlyFigure]:
    """The figures of the last 12 months (this one included), newest first."""
    first = _months_back(today or timezone.localdate(), CHART_MONTHS)[0]
    return list(group.figures.filter(month__gte=first).order_by("-month"))


def figures_chart(figures: list[MonthlyFigure]) -> FigureChart | None:
    """Turnover and profit of the recorded months as two lines on one scale (from the lowest
    loss or zero to the highest turnover). None with fewer than two months."""
    rows = sorted(figures, key=lambda f: f.month)
    if len(rows) < 2:
        return None
    high = max(f.turnover for f in rows) or 1
    low = min(0, *(f.profit for f in rows))

    def label(f):
        return date_format(f.month, "YEAR_MONTH_FORMAT")

    turnover = line_chart([(label(f), f.turnover) for f in rows], low=low, high=high)
    profit = line_chart([(label(f), f.profit) for f in rows], low=low, high=high)
    zero = line_chart([("", 0), ("", 0)], low=low, high=high) if low < 0 else None
    return FigureChart(
        turnover=turnover,
        profit=profit,
        zero_y=zero.points[0].y if zero else None,
        high=high,
        low=low,
    )


def group_visits(group: Group) -> list[MentoringVisit]:
    return list(group.visits.select_related("facilitator").order_by("-visited_on", "-pk"))


def open_groups_for(resident: Resident) -> QuerySet[Group]:
    """Running groups the resident is not an active member of (to join one)."""
    return Group.objects.filter(ended_on=None).exclude(
        pk__in=GroupMember.objects.filter(resident=resident, left_on=None).values("group_id")
    )


def resident_by_identity(*, user, number: str) -> Resident | None:
    """The resident with this NIK or temporary number, within what the user may see of the
    registry. Two lookups on unique indexes (an OR across them would scan)."""
    scope = registry_scope(user)
    if scope is None or not number:
        return None
    residents = Resident.objects.select_related("household")
    if scope != ALL:
        residents = residents.filter(dusun_id=scope)
    return residents.filter(nik=number).first() or residents.filter(temp_number=number).first()


# --- Links to prevention ---------------------------------------------------------------------


def _in_cooperative():
    return Member.objects.filter(resident__household=OuterRef("pk"), status=Member.Status.ACTIVE)


def _in_group():
    return GroupMember.objects.filter(
        resident__household=OuterRef("pk"), left_on=None, group__ended_on=None
    )


def unreached_households(*, user, dusun_id: int | None = None) -> QuerySet[Household]:
    """At-risk households (``registry.selectors.vulnerable_households``) of which no resident
    is an active member of the cooperative or of a running group, within the user's
    registry scope, newest household first.

    One query: the risk test and two NOT EXISTS subqueries, each reaching the household's
    residents through the resident's household index and the membership through its resident
    index. It reads households in the order of an index (the primary key, or (dusun, id) when a
    dusun is chosen) and stops when a page is full, so a page costs the same at 250,000
    households as at 2,500 (``core.pagination.paginate`` does not count).
    """
    scope = registry_scope(user)
    if scope is None:
        return Household.objects.none()
    households = vulnerable_households().filter(~Exists(_in_cooperative()), ~Exists(_in_group()))
    if scope != ALL:
        households = households.filter(dusun_id=scope)
    if dusun_id:
        households = households.filter(dusun_id=dusun_id)
    return households.select_related("dusun", "head", "rt__rw").order_by("-pk")


def household_links(household: Household, today: date | None = None) -> dict:
    """Each living resident of the household with their cooperative memberships and running
    groups (three queries), and whether the household is at risk and reached by neither."""
    residents = list(
        household.members.filter(basic_status=BasicStatus.ALIVE).order_by(
            "relationship", "birth_date", "pk"
        )
    )
    cooperative = list(
        Member.objects.filter(resident__household=household)
        .select_related("cooperative")
        .order_by("status", "-joined_on")
    )
    groups = list(
        GroupMember.objects.filter(
            resident__household=household, left_on=None, group__ended_on=None
        )
        .select_related("group")
        .order_by("group__name")
    )
    people = [
        {
            "resident": resident,
            "adult": is_adult(resident, today),
            "cooperative": [m for m in cooperative if m.resident_id == resident.pk],
            "groups": [m for m in groups if m.resident_id == resident.pk],
        }
        for resident in residents
    ]
    reached = any(m.status == Member.Status.ACTIVE for m in cooperative) or bool(groups)
    at_risk = vulnerable_households().filter(pk=household.pk).exists()
    return {"people": people, "at_risk": at_risk, "unreached": at_risk and not reached}


# --- Aggregates -------------------------------------------------------------------------------


def programme_summary(today: date | None = None) -> dict:
    """The programme's counts for the home card (no names): running groups by stage, their
    active members, member households whose income band rose, funds received by kind, and how
    many groups that started at least 12 months ago are still running."""
    today = today or timezone.localdate()
    try:
        year_ago = today.replace(year=today.year - 1)
    except ValueError:  # 29 February
        year_ago = today.replace(year=today.year - 1, day=28)
    stages = dict(
        Group.objects.filter(ended_on=None).values_list("stage").annotate(n=Count("pk")).order_by()
    )
    old = Group.objects.filter(started_on__lte=year_ago).aggregate(
        started=Count("pk"), running=Count("pk", filter=Q(ended_on=None))
    )
    incomes = HouseholdIncome.objects.aggregate(
        measured=Count("pk", filter=Q(after__isnull=False)),
        rose=Count("pk", filter=Q(after__gt=F("before"))),
    )
    funds = dict(Funding.objects.values_list("kind").annotate(total=Sum("amount")).order_by())
    return {
        "stages": [(stage, label, stages.get(stage, 0)) for stage, label in Group.Stage.choices],
        "groups": sum(stages.values()),
        "members": GroupMember.objects.filter(left_on=None, group__ended_on=None).count(),
        "measured": incomes["measured"],
        "rose": incomes["rose"],
        "grants": funds.get("hibah", 0),
        "loans": funds.get("pinjaman", 0),
        "started_year_ago": old["started"],
        "running_year_ago": old["running"],
    }
