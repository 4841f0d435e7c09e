"""Reads of the registry, scoped to what the user may see (``rules.registry_scope``)."""

from dataclasses import dataclass
from datetime import date

from django.core.cache import cache
from django.db import connection
from django.db.models import BooleanField, Count, Exists, F, Func, OuterRef, Q, QuerySet
from django.db.models.functions import Lower
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
    village_id: int | None = None
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
    query = filters.q.strip()
    few = False
    if query:
        # A common name read in name order only pays off when nothing else thins the list out.
        in_name_order = filters.status is not None and not (
            filters.sex or filters.whereabouts or filters.age_band
        )
        residents, few = _search(residents, query, in_name_order=in_name_order)
    if filters.status is not None:
        if few and connection.vendor == "sqlite":
            # A short list of ids: SQLite would rather walk the whole (status, name) index than
            # look the ids up; "+ 0" keeps it off that index. Not on PostgreSQL: there it hides
            # the column from the planner, which then joined each id to every dusun (50 ms).
            residents = residents.alias(status_plus_0=F("basic_status") + 0).filter(
                status_plus_0=filters.status
            )
        else:
            residents = residents.filter(basic_status=filters.status)
    if filters.village_id:
        residents = residents.filter(village_id=filters.village_id)
    if filters.dusun_id:
        residents = residents.filter(dusun_id=filters.dusun_id)
    if filters.sex in codes.Sex.values:
        residents = residents.filter(sex=filters.sex)
    if filters.whereabouts in codes.Whereabouts.values:
        residents = residents.filter(whereabouts=filters.whereabouts)
    if filters.age_band in AGE_BANDS:
        residents = residents.filter(age_between(*AGE_BANDS[filters.age_band], today=today))
    # A short list of matches (numbers, several name words) is fetched by id and sorted; a long
    # one (a single common name) is read in the order of the name index until the page is full.
    ordering = (Lower("name"), "pk") if few else ("name", "pk")
    return residents.select_related("dusun").order_by(*ordering)


def age_between(low: int, high: int, *, today: date | None) -> Q:
    """Residents aged ``low`` to ``high`` years (inclusive) on ``today``, as a birth-date range
    (the birth-date index answers it); other apps count age bands with it."""
    today = today or timezone.localdate()

    def years_ago(years: int) -> date:
        try:
            return today.replace(year=today.year - years)
        except ValueError:  # 29 February
            return today.replace(year=today.year - years, day=28)

    # age >= low  ⇔ born on or before today-low years; age <= high ⇔ born after today-(high+1)
    return Q(birth_date__lte=years_ago(low), birth_date__gt=years_ago(high + 1))


def _search(residents: QuerySet, query: str, *, in_name_order: bool) -> tuple[QuerySet, bool]:
    """The residents matching ``query``, and whether they are known to be few."""
    digits = nik.normalise_number(query)
    if digits.isdigit() and len(digits) >= 6:
        return residents.filter(pk__in=_ids_by_number(digits)), True
    tokens = names.query_tokens(query)
    if len(tokens) > 1:  # one letter matches half the district: it only narrows nothing
        tokens = [t for t in tokens if len(t) > 1] or tokens[:1]
    if not tokens:
        return residents.none(), True
    if len(tokens) == 1:
        if in_name_order and connection.vendor in CHECK_COMMON_PER_ROW and _common(tokens[0]):
            return residents.filter(_CheckedPerRow(_has_key(tokens[0]))), False
        return residents.filter(pk__in=_keys(tokens[0]).values("resident_id")), False
    ids = _ids_matching_all(tokens)
    return residents.filter(pk__in=ids), isinstance(ids, list)


def name_filters(query: str, field: str = "pk") -> list[Q]:
    """One filter per word of a name query, on ``field`` (a resident id) of another model: for
    searching small sets that link to residents (a caseload) by the person's name. Empty when
    the query has no word to search by."""
    tokens = names.query_tokens(query)
    if len(tokens) > 1:
        tokens = [t for t in tokens if len(t) > 1] or tokens[:1]
    return [Q(**{f"{field}__in": _keys(token).values("resident_id")}) for token in tokens]


INTERSECT_LIMIT = 10_000
COMMON_KEYS = 10_000  # index keys from which a name part counts as common (see ``_common``)
CHECK_COMMON_PER_ROW = {"postgresql"}  # where a common name part is read so (``_CheckedPerRow``)


def _keys(token: str) -> QuerySet[ResidentNameKey]:
    # A range on the (key, resident) index: both databases answer it without a scan.
    return ResidentNameKey.objects.filter(key__gte=token, key__lt=token + "\uffff")


def _has_key(token: str) -> Exists:
    return Exists(_keys(token).filter(resident=OuterRef("pk")))


def _common(token: str) -> bool:
    """Whether more than ``COMMON_KEYS`` index keys start with ``token`` (counted from the
    index, stopping there: about a millisecond)."""
    return _keys(token).order_by()[COMMON_KEYS : COMMON_KEYS + 1].exists()


class _CheckedPerRow(Func):
    """``(EXISTS …) IS TRUE``: the same rows as the EXISTS, read differently by PostgreSQL.

    A bare EXISTS (or IN) becomes a join, and PostgreSQL then fills a page sorted by name either
    by sorting every match (40,000 for "muhamad" at a district) or by walking the name index and
    probing the keys once per resident; its estimate of how far that walk goes is blind to how
    matches cluster by name, and it walked 25,000 residents for the first page (240 ms). Kept as
    a filter, the planner may build the set of matching ids once, in a hash, and test each
    resident of the name index against it (or probe per resident when the set is too large for
    memory): the first page of "muhamad" in 40 ms. Used only for common name parts, where the
    walk is short; for a rare one the join (matches first, then sort) stays the right plan.
    """

    template = "(%(expressions)s) IS TRUE"
    output_field = BooleanField()


def _ids_matching_all(tokens: list[str]):
    """Residents with a key starting with every token.

    The database intersects the tokens' index ranges (SQL INTERSECT), which stays fast when every
    token is common ("muhamad saleh" at a district is two ranges of ~30,000 keys). A result too
    large to pass as a list falls back to nested subqueries.
    """
    combined = _keys(tokens[0]).values_list("resident_id", flat=True)
    for token in tokens[1:]:
        combined = combined.intersection(_keys(token).values_list("resident_id", flat=True))
    ids = list(combined[: INTERSECT_LIMIT + 1])
    if len(ids) <= INTERSECT_LIMIT:
        return ids
    matching = Resident.objects.all()
    for token in tokens:
        matching = matching.filter(pk__in=_keys(token).values("resident_id"))
    return matching.values("pk")


def _ids_by_number(digits: str, limit: int = 500) -> list[int]:
    """Residents whose NIK or temporary number starts with ``digits``, or whose household has
    that No. KK. Three lookups on unique indexes: an OR across them would make both databases
    scan the table. Ranges rather than LIKE 'x%' (SQLite's LIKE is case-insensitive and cannot
    use the index); ':' sorts right after '9'."""
    upper = digits + ":"
    ids = list(
        Resident.objects.filter(nik__gte=digits, nik__lt=upper).values_list("pk", flat=True)[:limit]
    )
    ids += Resident.objects.filter(temp_number__gte=digits, temp_number__lt=upper).values_list(
        "pk", flat=True
    )[:limit]
    if len(digits) == 16:
        household = Household.objects.filter(kk_number=digits).values_list("pk", flat=True).first()
        if household is not None:
            ids += Resident.objects.filter(household_id=household).values_list("pk", flat=True)
    return ids


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


SUMMARY_SECONDS = 300


def registry_summary(*, user) -> dict:
    """Counts for the home dashboard, within what the user may see (their dusun for a Kader).

    Counting a district (a million rows, four times) on every home page would cost seconds on
    SQLite, so the counts are kept for five minutes per scope; a dashboard may lag that much.
    """
    scope = registry_scope(user)
    key = f"registry-summary:{scope}"
    counts = cache.get(key)
    if counts is None:
        residents = _scoped(Resident.objects.filter(basic_status=codes.BasicStatus.ALIVE), user)
        counts = {
            "living": residents.count(),
            "abroad": residents.filter(whereabouts=codes.Whereabouts.ABROAD).count(),
            "without_nik": residents.filter(temp_number__isnull=False).count(),
            "households": _scoped(
                Household.objects.filter(dissolved_at__isnull=True), user
            ).count(),
        }
        cache.set(key, counts, SUMMARY_SECONDS)
    return {"scope_dusun": None if scope == ALL else getattr(user, "dusun", None), **counts}


def vulnerable_households() -> QuerySet[Household]:
    """Households at economic risk of trafficking, from the registry's own facts: the one place
    that says which households the programme should reach first.

    A household is at risk when it still exists (not dissolved) and at least one of these holds:

    * its income is in the lowest band (``IncomeBand.BELOW_1M``, under Rp 1 juta a month);
    * it receives social assistance (PKH, BPNT, BLT…);
    * a living member is away from the village, abroad or elsewhere in Indonesia (migrant work
      is the route into trafficking the programme watches).

    Unknown facts (no income band, assistance not recorded) do not count as risk. Each row is
    annotated with ``member_away`` (bool) so that a page can say why. One query: the "away" test
    is an EXISTS on the resident's household index, and the rest are columns of the household.

    The EXISTS counts the away members (``HAVING COUNT >= 1``) rather than merely testing for a
    row: inside an OR, PostgreSQL would otherwise hash every away resident of the district first
    (a scan of the whole resident table, 0.2–0.4 s at a million residents) even to fill one page;
    with the count it looks each household up in the index as it reads it (page 1 of a
    district's unreached households: 0.4 s → 20 ms). Counting every at-risk household of a
    district still reads them all (about 1–2 s).
    """
    away = (
        Resident.objects.filter(household=OuterRef("pk"), basic_status=codes.BasicStatus.ALIVE)
        .exclude(whereabouts=codes.Whereabouts.VILLAGE)
        .values("household")
        .annotate(away=Count("pk"))
        .filter(away__gte=1)
    )
    return (
        Household.objects.filter(dissolved_at__isnull=True)
        .annotate(member_away=Exists(away))
        .filter(
            Q(income_band=codes.IncomeBand.BELOW_1M)
            | Q(social_assistance=True)
            | Q(member_away=True)
        )
    )
