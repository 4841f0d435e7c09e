"""Cases API: the same selectors and rules as the pages. A case someone may not see is 404;
reading a case is audited like opening its page. Notes and narratives are not served here.

Case data answers the browser session only, never an API token: tokens are issued by Admin Desa
in another user's name, and Admin Desa must not be able to read cases through one."""

from datetime import date, datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from ninja import Query, Router, Schema, Status

from sigap.cases import rules, selectors, services
from sigap.core import audit
from sigap.core.pagination import paginate
from sigap.core.roles import Cap

router = Router(tags=["kasus"])


class CaseOut(Schema):
    id: int
    code: str
    resident_id: int
    resident_name: str
    case_type: str
    intake_source: str
    risk_level: str
    trafficking_status: str
    stage: str
    pending: str
    stage_since: datetime
    opened_on: date
    closed_on: date | None
    consent_services: bool
    consent_referral: bool
    consent_reporting: bool


class CasePage(Schema):
    page: int
    has_next: bool
    results: list[CaseOut]


class CaseQuery(Schema):
    q: str = ""
    stage: str = ""
    case_type: str = ""
    risk_level: str = ""
    page: int = 1


class ReferralOut(Schema):
    id: int
    code: str
    organisation: str
    area: str
    urgent: bool
    status: str
    sent_at: datetime
    responded_at: datetime | None
    completed_at: datetime | None
    # Only once the receiving organisation has accepted (or for the case team).
    resident_name: str | None
    reason: str | None


def _referral_out(r) -> dict:
    identity = rules.mitra_sees_identity(r)
    return {
        "id": r.pk,
        "code": r.code,
        "organisation": r.organisation.name,
        "area": r.area,
        "urgent": r.urgent,
        "status": r.status,
        "sent_at": r.sent_at,
        "responded_at": r.responded_at,
        "completed_at": r.completed_at,
        "resident_name": r.case.resident.name if identity else None,
        "reason": r.reason if identity else None,
    }


def _case_out(case) -> dict:
    return {
        "id": case.pk,
        "code": case.code,
        "resident_id": case.resident_id,
        "resident_name": case.resident.name,
        **{
            name: getattr(case, name)
            for name in (
                "case_type",
                "intake_source",
                "risk_level",
                "trafficking_status",
                "stage",
                "pending",
                "stage_since",
                "opened_on",
                "closed_on",
                "consent_services",
                "consent_referral",
                "consent_reporting",
            )
        },
    }


def _require(request, cap: Cap) -> None:
    if getattr(request, "api_token_user", None) is not None or not request.auth.can(cap):
        raise Http404


@router.get("/", response=CasePage, summary="Kasus yang boleh Anda lihat")
def case_search(request, query: Query[CaseQuery]):
    _require(request, Cap.WORK_CASES)
    filters = selectors.CaseFilters(
        q=query.q, stage=query.stage, case_type=query.case_type, risk_level=query.risk_level
    )
    page = paginate(
        selectors.case_search(user=request.auth, filters=filters), str(query.page), per_page=50
    )
    return {"page": page.number, "has_next": page.has_next, "results": [_case_out(c) for c in page]}


@router.get("/{case_id}", response=CaseOut, summary="Satu kasus (dicatat di log)")
def case_get(request, case_id: int):
    _require(request, Cap.WORK_CASES)
    case = selectors.case_visible_to(user=request.auth, pk=case_id)
    if case is None:
        raise Http404
    audit.log_view(actor=request.auth, obj=case)
    return _case_out(case)


@router.get("/referrals/inbox", response=list[ReferralOut], summary="Rujukan untuk lembaga Anda")
def referral_inbox(request, status: str = ""):
    _require(request, Cap.RECEIVE_REFERRALS)
    referrals = list(selectors.referral_inbox(user=request.auth, status=status)[:200])
    for referral in referrals:
        if rules.mitra_sees_identity(referral):
            audit.log_view(actor=request.auth, obj=referral)
    return [_referral_out(r) for r in referrals]


class ReferralAnswer(Schema):
    reason: str = ""


class ReferralOutcome(Schema):
    outcome: str


class Problem(Schema):
    detail: str
    errors: dict[str, list[str]] = {}


def _referral_for(request, referral_id: int):
    _require(request, Cap.RECEIVE_REFERRALS)
    referral, part = selectors.referral_visible_to(user=request.auth, pk=referral_id)
    if referral is None or part != "mitra":
        raise Http404
    return referral


def _answer(request, write) -> Status:
    try:
        referral = write()
    except PermissionDenied:
        raise Http404 from None
    except ValidationError as exc:
        errors = exc.message_dict if hasattr(exc, "error_dict") else {}
        return Status(400, {"detail": " ".join(exc.messages), "errors": errors})
    return Status(200, _referral_out(referral))


@router.post(
    "/referrals/{referral_id}/accept",
    response={200: ReferralOut, 400: Problem},
    summary="Terima rujukan (staf lembaga tujuan)",
)
def referral_accept(request, referral_id: int):
    referral = _referral_for(request, referral_id)
    return _answer(
        request,
        lambda: services.referral_respond(actor=request.auth, referral=referral, accept=True),
    )


@router.post(
    "/referrals/{referral_id}/decline",
    response={200: ReferralOut, 400: Problem},
    summary="Tolak rujukan dengan alasan",
)
def referral_decline(request, referral_id: int, body: ReferralAnswer):
    referral = _referral_for(request, referral_id)
    return _answer(
        request,
        lambda: services.referral_respond(
            actor=request.auth, referral=referral, accept=False, reason=body.reason
        ),
    )


@router.post(
    "/referrals/{referral_id}/complete",
    response={200: ReferralOut, 400: Problem},
    summary="Catat layanan selesai",
)
def referral_complete(request, referral_id: int, body: ReferralOutcome):
    referral = _referral_for(request, referral_id)
    return _answer(
        request,
        lambda: services.referral_complete(
            actor=request.auth, referral=referral, outcome=body.outcome
        ),
    )
