"""De-identified case exports for reporting to the district: one in HTCDS field names and one in
CTDC-style columns (1 = yes, 0 = no, -99 = not recorded).

Only cases whose consent allows reporting are exported. No names, NIKs, places below the
country, dates finer than the year, or free text ever leave: the person is a pseudonymous id
(a keyed hash, stable between exports and useless without the field-encryption key), an age band
and a sex.

Like CTDC's public data, every file is k-anonymous (``K`` = 11, ADR 0011): each row's combination
of year of registration, gender, age band, majority status and countries of exploitation is shared
by at least ``K`` rows. Rows in smaller groups are generalised step by step (age band → minor or
adult, year → a three-year range, country → "Other"); rows still in groups smaller than ``K`` have
those columns blanked, and if fewer than ``K`` rows are blanked they are left out. These files are
for the district's protected reporting, not for publication.
"""

import base64
import functools
import hashlib
import hmac
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from datetime import date

from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from django.conf import settings
from django.db.models import Count, Q, QuerySet

from sigap.cases import vocabulary as v
from sigap.cases.models import Assessment, Case, Referral, TraffickingEvent
from sigap.core.fields import get_multifernet
from sigap.partners.models import NeedArea

NOT_RECORDED = -99
# CTDC's broad age bands.
AGE_BANDS = [(0, 8), (9, 17), (18, 20), (21, 23), (24, 26), (27, 29), (30, 38), (39, 47)]

HTCDS_STATUS = {
    v.TraffickingStatus.POSSIBLE: "Possible",
    v.TraffickingStatus.ACTUAL: "Actual",
    v.TraffickingStatus.NOT_VICTIM: "Not a victim",
}
# SIGAP's code → the CTDC/HTCDS suffix used in column names.
MEANS_OF_CONTROL = {
    v.MeansOfControl.DEBT_BONDAGE: "DebtBondage",
    v.MeansOfControl.TAKES_EARNINGS: "TakesEarnings",
    v.MeansOfControl.RESTRICTS_FINANCIAL_ACCESS: "RestrictsFinancialAccess",
    v.MeansOfControl.THREATS: "Threats",
    v.MeansOfControl.PSYCHOLOGICAL_ABUSE: "PsychologicalAbuse",
    v.MeansOfControl.PHYSICAL_ABUSE: "PhysicalAbuse",
    v.MeansOfControl.SEXUAL_ABUSE: "SexualAbuse",
    v.MeansOfControl.FALSE_PROMISES: "FalsePromises",
    v.MeansOfControl.PSYCHOACTIVE_SUBSTANCES: "PsychoactiveSubstances",
    v.MeansOfControl.RESTRICTS_MOVEMENT: "RestrictsMovement",
    v.MeansOfControl.RESTRICTS_MEDICAL_CARE: "RestrictsMedicalCare",
    v.MeansOfControl.EXCESSIVE_WORKING_HOURS: "ExcessiveWorkingHours",
    v.MeansOfControl.USES_CHILDREN: "UsesChildren",
    v.MeansOfControl.THREAT_OF_LAW_ENFORCEMENT: "ThreatOfLawEnforcement",
    v.MeansOfControl.WITHHOLDS_NECESSITIES: "WithholdsNecessities",
    v.MeansOfControl.WITHHOLDS_DOCUMENTS: "WithholdsDocuments",
    v.MeansOfControl.OTHER: "Other",
}
EXPLOITATION = {
    v.Exploitation.FORCED_LABOUR: "isForcedLabour",
    v.Exploitation.SEXUAL: "isSexualExploit",
    v.Exploitation.FORCED_CRIMINALITY: "isForcedCriminality",
    v.Exploitation.FORCED_MARRIAGE: "isForcedMarriage",
    v.Exploitation.SLAVERY: "isSlaveryAndPractices",
    v.Exploitation.ORGAN_REMOVAL: "isOrganRemoval",
    v.Exploitation.OTHER: "isOtherExploit",
}
LABOUR = {
    v.LabourSector.AGRICULTURE: "Agriculture",
    v.LabourSector.FISHING: "Fishing",
    v.LabourSector.CONSTRUCTION: "Construction",
    v.LabourSector.DOMESTIC_WORK: "DomesticWork",
    v.LabourSector.CARE: "Care",
    v.LabourSector.HOSPITALITY: "Hospitality",
    v.LabourSector.MANUFACTURING: "Manufacturing",
    v.LabourSector.ONLINE_SCAM: "OnlineScam",
    v.LabourSector.BEGGING: "Begging",
    v.LabourSector.OTHER: "Other",
}
RELATION = {
    v.TraffickerRelation.PARTNER: "IntimatePartner",
    v.TraffickerRelation.FAMILY: "Family",
    v.TraffickerRelation.FRIEND: "Friend",
    v.TraffickerRelation.EMPLOYER: "Employer",
    v.TraffickerRelation.RECRUITER: "Recruiter",
    v.TraffickerRelation.STRANGER: "Stranger",
    v.TraffickerRelation.OTHER: "Other",
}
RECRUITMENT = {
    v.RecruitmentMethod.JOB_OFFER: "Job offer",
    v.RecruitmentMethod.MARRIAGE: "Marriage or relationship",
    v.RecruitmentMethod.EDUCATION: "Education offer",
    v.RecruitmentMethod.TRAVEL: "Travel offer",
    v.RecruitmentMethod.FAMILY_SOLD: "Sold by family",
    v.RecruitmentMethod.ABDUCTION: "Abduction",
    v.RecruitmentMethod.DEBT: "Loan or debt",
    v.RecruitmentMethod.OTHER: "Other",
}
SEX = {"L": "Male", "P": "Female"}
CASE_TYPE = {
    v.CaseType.VICTIM: "Victim",
    v.CaseType.AT_RISK: "At risk",
    v.CaseType.RETURNEE: "Returnee",
    v.CaseType.FAMILY: "Family of victim",
}
CHANNEL = {
    v.RecruitmentChannel.IN_PERSON: "In person",
    v.RecruitmentChannel.SPONSOR: "Individual broker",
    v.RecruitmentChannel.AGENCY: "Recruitment agency",
    v.RecruitmentChannel.FAMILY_FRIEND: "Family or friend",
    v.RecruitmentChannel.FACEBOOK: "Facebook",
    v.RecruitmentChannel.WHATSAPP: "WhatsApp",
    v.RecruitmentChannel.TIKTOK: "TikTok",
    v.RecruitmentChannel.TELEGRAM: "Telegram",
    v.RecruitmentChannel.INSTAGRAM: "Instagram",
    v.RecruitmentChannel.OTHER_ONLINE: "Other online",
}
NEED = {
    NeedArea.SAFETY: "Safety",
    NeedArea.HEALTH: "Health",
    NeedArea.PSYCHOSOCIAL: "Psychosocial",
    NeedArea.LEGAL: "Legal",
    NeedArea.ECONOMIC: "Economic",
    NeedArea.DOCUMENTS: "Documents",
    NeedArea.FAMILY: "Family",
    NeedArea.EDUCATION: "Education",
    NeedArea.REPATRIATION: "Repatriation",
}
STAGE = {
    "baru": "New",
    "asesmen": "Assessment",
    "rencana": "Case plan",
    "layanan": "Services",
    "pemantauan": "Follow-up",
    "ditutup": "Closed",
}


@functools.cache
def _countries() -> dict[str, str]:
    """Country names in Indonesian and English (from CLDR, via Babel) → the English name."""
    from babel import Locale

    english = Locale("en").territories
    names = {}
    for locale in ("id", "en"):
        for code, name in Locale(locale).territories.items():
            if len(code) == 2 and code.isalpha():
                names[name.casefold()] = english.get(code, name)
    return names


def country(value: str) -> str:
    """The English name of a country typed in Indonesian or English; "Other" for anything else
    (the field is free text, and free text never leaves in an export)."""
    value = " ".join((value or "").split()).casefold()
    return _countries().get(value, "Other") if value else ""


PSEUDONYM_LABEL = b"sigap.cases.export.pseudonym"
PSEUDONYM_LENGTH = 16  # hex characters: 64 bits


@functools.lru_cache(maxsize=8)
def _derive_pseudonym_key(field_key: str) -> bytes:
    return HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=PSEUDONYM_LABEL).derive(
        base64.urlsafe_b64decode(field_key.encode("ascii"))
    )


def pseudonym_key() -> bytes:
    """The export's own key, derived by HKDF-SHA256 from the newest field-encryption key (the
    first of ``SIGAP_FIELD_KEYS``) under the label ``sigap.cases.export.pseudonym``: independent of
    ``SECRET_KEY`` and of the key's use for encryption. Missing or malformed keys raise
    ``FieldKeyError``, as they do for encrypted fields."""
    get_multifernet()  # validates the keys exactly as the encrypted fields do
    keys = tuple(getattr(settings, "SIGAP_FIELD_KEYS", ()) or ())
    return _derive_pseudonym_key(keys[0])


def pseudonym(case_id: int, *, key: bytes | None = None) -> str:
    """A stable id for a case that says nothing without the field-encryption key. Rotating the
    field keys changes every pseudonym (ADR 0011)."""
    key = key if key is not None else pseudonym_key()
    digest = hmac.new(key, str(case_id).encode("ascii"), hashlib.sha256).hexdigest()
    return digest[:PSEUDONYM_LENGTH]


def age_band(birth: date | None, on: date) -> str:
    if birth is None:
        return ""
    age = on.year - birth.year - ((on.month, on.day) < (birth.month, birth.day))
    for low, high in AGE_BANDS:
        if low <= age <= high:
            return f"{low}--{high}"
    return "48+"


def reportable(cases: QuerySet[Case]) -> QuerySet[Case]:
    """The cases a report may count: the person agreed to de-identified reporting."""
    return cases.filter(consent_reporting=True)


def _rows(cases: QuerySet[Case]) -> Iterator[tuple[Case, Assessment | None, dict]]:
    """Each case with its assessment and its referral and event facts, in a fixed number of
    queries per 1,000 cases."""
    cases = (
        reportable(cases)
        .select_related("resident", "status_decided_by")
        .annotate(
            referrals_total=Count("referrals", distinct=True),
            referrals_completed=Count(
                "referrals",
                filter=Q(referrals__status=Referral.Status.COMPLETED),
                distinct=True,
            ),
        )
        .order_by("pk")
    )
    for chunk in _chunks(cases, 1000):
        ids = [case.pk for case in chunk]
        assessments = {a.case_id: a for a in Assessment.objects.filter(case_id__in=ids)}
        countries: dict[int, set[str]] = {}
        for case_id, place in TraffickingEvent.objects.filter(
            case_id__in=ids, kind=v.EventKind.EXPLOITATION
        ).values_list("case_id", "country"):
            if place:
                countries.setdefault(case_id, set()).add(country(place))
        for case in chunk:
            yield case, assessments.get(case.pk), {"countries": sorted(countries.get(case.pk, ()))}


def _chunks(queryset, size: int):
    chunk = []
    for item in queryset.iterator(chunk_size=size):
        chunk.append(item)
        if len(chunk) == size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def _person(case: Case, key: bytes) -> list:
    birth = case.resident.birth_date
    band = age_band(birth, case.opened_on)
    minor = "" if birth is None else ("Minor" if band in ("0--8", "9--17") else "Adult")
    return [
        pseudonym(case.pk, key=key),
        case.opened_on.year,
        SEX.get(case.resident.sex, ""),
        band,
        minor,
    ]


# Small-cell protection (ADR 0011) ---------------------------------------------------------------

K = 11  # as CTDC: every combination of quasi-identifiers is shared by at least K rows
QUASI_IDENTIFIERS = (
    "yearOfRegistration",
    "gender",
    "ageBroad",
    "majorityStatus",
    "countriesOfExploitation",
)
YEAR, GENDER, AGE, MAJORITY, COUNTRIES = range(len(QUASI_IDENTIFIERS))
# Year ranges have fixed edges (2021--2023, 2024--2026, 2027--2029 …), never edges chosen from
# the data, so that the same year always falls in the same range from one export to the next.
YEAR_SPAN = 3
YEAR_ORIGIN = 2024
SUPPRESSED = ("",) * len(QUASI_IDENTIFIERS)


def year_range(year: int) -> str:
    start = YEAR_ORIGIN + (year - YEAR_ORIGIN) // YEAR_SPAN * YEAR_SPAN
    return f"{start}--{start + YEAR_SPAN - 1}"


def _broader_age(qi: tuple) -> tuple:
    """Age band → "Minor"/"Adult" (blank stays blank: the birth date is unknown)."""
    return qi[:AGE] + (qi[MAJORITY],) + qi[AGE + 1 :]


def _broader_year(qi: tuple) -> tuple:
    year = qi[YEAR]
    return qi[:YEAR] + (year_range(year) if isinstance(year, int) else year,) + qi[YEAR + 1 :]


def _broader_country(qi: tuple) -> tuple:
    """Any country (or list of countries) → "Other"; no country recorded stays blank."""
    return qi[:COUNTRIES] + ("Other" if qi[COUNTRIES] else "",) + qi[COUNTRIES + 1 :]


# In this order: the age band first (majority status still says minor or adult), then the year,
# then the country, the fact a district most needs to keep.
GENERALISATIONS = (_broader_age, _broader_year, _broader_country)


def protect(
    header: Sequence[str],
    rows: Iterable[Sequence],
    *,
    k: int | None = None,
    summary: Counter | None = None,
) -> list[list]:
    """The rows made k-anonymous over ``QUASI_IDENTIFIERS`` (all must be in ``header``).

    Rows whose exact combination is shared by at least ``k`` rows are left as they are. The
    others are generalised one step at a time (``GENERALISATIONS``), each step applied only to
    the rows still in groups smaller than ``k``, and the groups counted again over every row.
    Rows still in small groups after the last step have their quasi-identifiers blanked; they
    form one more group, which is kept if it holds at least ``k`` rows and otherwise left out
    (ADR 0011 explains the choice). Other columns are never changed.

    Rows come back sorted by their published quasi-identifiers and then by ``caseId`` (a keyed
    hash), so that their order, which followed the case number and so the date, does not tell
    where a generalised or blanked row came from. Deterministic; pure Python, no queries.
    ``summary``, if given, counts rows as "exact", "generalised", "suppressed" and "dropped".
    """
    k = K if k is None else k
    if k < 1:
        raise ValueError("k must be at least 1")
    rows = list(rows)
    positions = [header.index(name) for name in QUASI_IDENTIFIERS]
    keys = [tuple(row[p] for p in positions) for row in rows]
    original = list(keys)
    counts = Counter(keys)
    pending = [i for i, key in enumerate(keys) if counts[key] < k]
    for generalise in GENERALISATIONS:
        if not pending:
            break
        for i in pending:
            keys[i] = generalise(keys[i])
        # Counted over every row: a generalised row may join a group already published (it can
        # only make that group bigger, never smaller).
        counts = Counter(keys)
        pending = [i for i in pending if counts[keys[i]] < k]
    dropped = set()
    if pending:
        if len(pending) >= k:
            for i in pending:
                keys[i] = SUPPRESSED
        else:
            dropped = set(pending)
    published = []
    for i, row in enumerate(rows):
        if i in dropped:
            continue
        if keys[i] != original[i]:
            row = list(row)
            for position, value in zip(positions, keys[i], strict=True):
                row[position] = value
        published.append(row)
    if summary is not None:
        for i, key in enumerate(keys):
            if i in dropped:
                summary["dropped"] += 1
            elif key == SUPPRESSED:
                summary["suppressed"] += 1
            elif key != original[i]:
                summary["generalised"] += 1
            else:
                summary["exact"] += 1
    case_id = header.index("caseId") if "caseId" in header else None

    def order(row):
        values = tuple(str(row[p]) for p in positions)
        return (values == SUPPRESSED, values, "" if case_id is None else str(row[case_id]))

    published.sort(key=order)
    return published


HTCDS_HEADER = [
    "caseId",
    "yearOfRegistration",
    "gender",
    "ageBroad",
    "majorityStatus",
    "caseType",
    "traffickingStatus",
    "traffickingStatusDecidedBy",
    "recruitmentMethod",
    "recruitmentChannels",
    "meansOfControl",
    "typeOfExploitation",
    "typeOfLabour",
    "recruiterRelationship",
    "countriesOfExploitation",
    "needs",
    "caseStage",
    "referrals",
    "referralsCompleted",
]


def htcds_table(
    cases: QuerySet[Case], *, k: int | None = None, summary: Counter | None = None
) -> tuple[list[str], Iterator[list]]:
    """The HTCDS export, k-anonymous (``protect``); ``k`` defaults to ``K``."""

    def rows():
        key = pseudonym_key()
        built = [_htcds_row(case, a, extra, key) for case, a, extra in _rows(cases)]
        yield from protect(HTCDS_HEADER, built, k=k, summary=summary)

    return HTCDS_HEADER, rows()


def _htcds_row(case: Case, a: Assessment | None, extra: dict, key: bytes) -> list:
    return [
        *_person(case, key),
        CASE_TYPE.get(case.case_type, ""),
        HTCDS_STATUS.get(case.trafficking_status, ""),
        case.status_decided_by.get_kind_display() if case.status_decided_by else "",
        RECRUITMENT.get(a.recruitment_method, "") if a else "",
        ";".join(CHANNEL[c] for c in a.recruitment_channels if c in CHANNEL) if a else "",
        ";".join(MEANS_OF_CONTROL[k] for k, ans in a.means_of_control.items() if ans == "ya")
        if a
        else "",
        ";".join(EXPLOITATION[e].removeprefix("is") for e in a.exploitation) if a else "",
        LABOUR.get(a.labour_sector, "") if a else "",
        RELATION.get(a.trafficker_relation, "") if a else "",
        ";".join(extra["countries"]),
        ";".join(NEED[k] for k, ans in a.needs.items() if ans == "ya" and k in NEED) if a else "",
        STAGE.get(case.stage, ""),
        case.referrals_total,
        case.referrals_completed,
    ]


CTDC_HEADER = [
    "caseId",
    "yearOfRegistration",
    "gender",
    "ageBroad",
    "majorityStatus",
    *EXPLOITATION.values(),
    *(f"meansOfControl{name}" for name in MEANS_OF_CONTROL.values()),
    *(f"typeOfLabour{name}" for name in LABOUR.values()),
    *(f"recruiterRelation{name}" for name in RELATION.values()),
    *(f"need{name}" for name in NEED.values()),
]


def _answer(value: str | None) -> int:
    return {"ya": 1, "tidak": 0}.get(value or "", NOT_RECORDED)


def _chosen(assessment: Assessment | None, chosen: bool) -> int:
    if assessment is None:
        return NOT_RECORDED
    return 1 if chosen else 0


# The CTDC file has no country column, but it is protected over the same quasi-identifiers as the
# HTCDS file (the countries ride along in a last column that is cut off): both files then publish
# the same year, gender and age for a case, and joining them on caseId reveals nothing more.
_CTDC_PROTECTED_HEADER = [*CTDC_HEADER, "countriesOfExploitation"]


def ctdc_table(
    cases: QuerySet[Case], *, k: int | None = None, summary: Counter | None = None
) -> tuple[list[str], Iterator[list]]:
    """The CTDC export, k-anonymous (``protect``); ``k`` defaults to ``K``."""

    def rows():
        key = pseudonym_key()
        built = [
            [*_ctdc_row(case, a, key), ";".join(extra["countries"])]
            for case, a, extra in _rows(cases)
        ]
        for row in protect(_CTDC_PROTECTED_HEADER, built, k=k, summary=summary):
            yield row[:-1]

    return CTDC_HEADER, rows()


def _ctdc_row(case: Case, a: Assessment | None, key: bytes) -> list:
    return [
        *_person(case, key),
        *(_chosen(a, a is not None and code in a.exploitation) for code in EXPLOITATION),
        *(_answer(a.means_of_control.get(code) if a else None) for code in MEANS_OF_CONTROL),
        *(
            _chosen(a if a and a.labour_sector else None, a and a.labour_sector == code)
            for code in LABOUR
        ),
        *(
            _chosen(
                a if a and a.trafficker_relation else None,
                a and a.trafficker_relation == code,
            )
            for code in RELATION
        ),
        *(_answer(a.needs.get(area) if a else None) for area in NEED),
    ]
