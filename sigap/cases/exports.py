"""De-identified case exports for reporting to the district: one in HTCDS field names and one in
CTDC-style columns (1 = yes, 0 = no, -99 = not recorded).

Only cases whose consent allows reporting are exported. No names, NIKs, places below the
country, dates finer than the year, or free text ever leave: the person is a pseudonymous id
(a keyed hash, stable between exports and useless without the server's key), an age band and a
sex. CTDC publishes only k-anonymised data (k = 11); these files are for the district's
protected reporting, not for publication.
"""

import functools
from collections.abc import Iterator
from datetime import date

from django.db.models import Count, Q, QuerySet
from django.utils.crypto import salted_hmac

from sigap.cases import vocabulary as v
from sigap.cases.models import Assessment, Case, Referral, TraffickingEvent
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


def pseudonym(case_id: int) -> str:
    """A stable id for a case that says nothing without the server's key."""
    return salted_hmac("sigap.cases.export", str(case_id)).hexdigest()[:12]


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


def _person(case: Case) -> list:
    birth = case.resident.birth_date
    band = age_band(birth, case.opened_on)
    minor = "" if birth is None else ("Minor" if band in ("0--8", "9--17") else "Adult")
    return [
        pseudonym(case.pk),
        case.opened_on.year,
        SEX.get(case.resident.sex, ""),
        band,
        minor,
    ]


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


def htcds_table(cases: QuerySet[Case]) -> tuple[list[str], Iterator[list]]:
    def rows():
        for case, assessment, extra in _rows(cases):
            a = assessment
            yield [
                *_person(case),
                CASE_TYPE.get(case.case_type, ""),
                HTCDS_STATUS.get(case.trafficking_status, ""),
                case.status_decided_by.get_kind_display() if case.status_decided_by else "",
                RECRUITMENT.get(a.recruitment_method, "") if a else "",
                ";".join(CHANNEL[c] for c in a.recruitment_channels if c in CHANNEL) if a else "",
                ";".join(
                    MEANS_OF_CONTROL[k] for k, ans in a.means_of_control.items() if ans == "ya"
                )
                if a
                else "",
                ";".join(EXPLOITATION[e].removeprefix("is") for e in a.exploitation) if a else "",
                LABOUR.get(a.labour_sector, "") if a else "",
                RELATION.get(a.trafficker_relation, "") if a else "",
                ";".join(extra["countries"]),
                ";".join(NEED[k] for k, ans in a.needs.items() if ans == "ya" and k in NEED)
                if a
                else "",
                STAGE.get(case.stage, ""),
                case.referrals_total,
                case.referrals_completed,
            ]

    return HTCDS_HEADER, rows()


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


def ctdc_table(cases: QuerySet[Case]) -> tuple[list[str], Iterator[list]]:
    def rows():
        for case, a, _extra in _rows(cases):
            yield [
                *_person(case),
                *(_chosen(a, a is not None and code in a.exploitation) for code in EXPLOITATION),
                *(
                    _answer(a.means_of_control.get(code) if a else None)
                    for code in MEANS_OF_CONTROL
                ),
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

    return CTDC_HEADER, rows()
