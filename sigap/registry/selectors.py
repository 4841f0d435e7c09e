"""Reads of the registry, scoped to what the user may see (``rules.registry_scope``)."""

from dataclasses import dataclass
from datetime import date

from django.db.models import Q, QuerySet
from django.utils import timezone

from sigap.registry import codes, names, nik
from sigap.registry.models import Household, Resident, ResidentNameKey
from sigap.registry.rules import ALL, registry_scope

AGE_BANDS = {
    "0-5": (0, 5),
    "6-12": (6, 12),
    "13-17": (13, 17),
    "18-24": (18, 24),
    "25-39": (25, 39),
    "40-59": (40, 59),
    "60+": (60, 200),
}


@dataclass
class ResidentFilters:
    q: str = ""
    dusun_id: int | None = None
    sex: str = ""
    age_band: str = ""
    whereabouts: str = ""
    status: int | None = codes.BasicStatus.ALIVE


def _scoped(queryset: QuerySet, user) -> QuerySet:
    scope = registry_scope(user)
    if scope is None:
        return queryset.none()
    if scope == ALL:
        return queryset
    return queryset.filter(dusun_id=scope)


def resident_list_visible_to(*, user, filters: ResidentFilters, today: date | None = None):
    """Residents the user may see, filtered and searched, ordered by name.

    The search takes a NIK (or its start), a No. KK, a temporary number, or a name in any of the
    spellings ``names`` folds; every word of a name query must start one of the person's words.
    """
    residents = _scoped(Resident.objects.all(), user)
    if filters.status is not None:
        residents = residents.filter(basic_status=filters.status)
    if filters.dusun_id:
        residents = residents.filter(dusun_id=filters.dusun_id)
    if filters.sex in codes.Sex.values:
        residents = residents.filter(sex=filters.sex)
    if filters.whereabouts in codes.Whereabouts.values:
        residents = residents.filter(whereabouts=filters.whereabouts)
    if filters.age_band in AGE_BANDS:
        residents = residents.filter(_age_between(*AGE_BANDS[filters.age_band], today=today))
    query = filters.q.strip()
    if query:
        residents = _search(residents, query)
    return residents.select_related("dusun").order_by("name", "pk")


def _age_between(low: int, high: int, *, today: date | None) -> Q:
    today = today or timezone.localdate()

    def years_ago(years: int) -> date:
        try:
            return today.replace(year=today.year - years)
        except ValueError:  # 29 February
            return today.replace(year=today.year - years, day=28)

    # age >= low  ⇔ born on or before today-low years; age <= high ⇔ born after today-(high+1)
    return Q(birth_date__lte=years_ago(low), birth_date__gt=years_ago(high + 1))


def _search(residents: QuerySet, query: str) -> QuerySet:
    digits = nik.normalise_number(query)
    if digits.isdigit() and len(digits) >= 6:
        # Ranges rather than LIKE 'x%': both databases answer them from the unique indexes
        # (SQLite's LIKE is case-insensitive and would scan). ':' sorts right after '9'.
        upper = digits + ":"
        households = Household.objects.filter(kk_number=digits).values("pk")
        return residents.filter(
            Q(nik__gte=digits, nik__lt=upper)
            | Q(temp_number__gte=digits, temp_number__lt=upper)
            | Q(household_id__in=households)
        )
    tokens = names.query_tokens(query)
    if not tokens:
        return residents.none()
    for token in tokens:
        matching = ResidentNameKey.objects.filter(key__gte=token, key__lt=token + "\uffff").values(
            "resident_id"
        )
        residents = residents.filter(pk__in=matching)
    return residents


def resident_visible_to(*, user, pk: int) -> Resident | None:
    return (
        _scoped(Resident.objects.all(), user)
        .select_related("dusun", "village", "household", "household__rt__rw")
        .filter(pk=pk)
        .first()
    )


def household_visible_to(*, user, pk: int) -> Household | None:
    return (
        _scoped(Household.objects.all(), user)
        .select_related("dusun", "village", "rt__rw", "head")
        .filter(pk=pk)
        .first()
    )


def household_members(household: Household) -> QuerySet[Resident]:
    return household.members.order_by("relationship", "birth_date", "pk")


def households_visible_to(*, user, q: str = "") -> QuerySet[Household]:
    households = _scoped(Household.objects.all(), user).select_related("dusun", "head")
    digits = nik.normalise_number(q)
    if digits:
        households = households.filter(kk_number__startswith=digits)
    return households.order_by("-pk")


def resident_export_rows(*, user, filters: ResidentFilters) -> QuerySet[Resident]:
    """The list as exported: the same scope and filters as the page, with what the table needs."""
    return resident_list_visible_to(user=user, filters=filters).select_related(
        "household", "household__rt__rw"
    )
