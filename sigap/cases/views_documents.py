"""Printed and exported documents: the referral letter and the case file (PDF), printed by the
case team only; the de-identified HTCDS and CTDC exports for the Koordinator. Each is recorded in
the audit log as an export."""

from collections import Counter

from django.http import Http404, HttpRequest, HttpResponse
from django.utils import timezone
from django.views.decorators.http import require_GET

from sigap.cases import exports, rules, selectors, vocabulary
from sigap.cases.models import Assessment
from sigap.cases.views import STEP_TEXT, _team_case_or_404
from sigap.core import audit
from sigap.core.access import require_capability
from sigap.core.models import Village
from sigap.core.pdf import pdf_response, render_pdf
from sigap.core.roles import Cap
from sigap.core.spreadsheets import write_csv, write_xlsx
from sigap.partners.models import NeedArea


def _village(resident):
    return Village.objects.filter(pk=resident.village_id).first()


@require_capability(Cap.WORK_CASES)
def referral_letter(request: HttpRequest, referral_id: int) -> HttpResponse:
    referral, part = selectors.referral_visible_to(user=request.user, pk=referral_id)
    if referral is None or part != "team" or not rules.on_team(request.user, referral.case):
        raise Http404
    resident = referral.case.resident
    context = {
        "referral": referral,
        "case": referral.case,
        "resident": resident,
        "village": _village(resident),
        "title": referral.code,
        "footer": referral.code,
    }
    content = render_pdf("cases/referral_letter.html", context, request)
    audit.log_export(actor=request.user, obj=referral, what="referral_letter", rows=1, filters={})
    return pdf_response(content, f"surat-rujukan-{referral.code}.pdf")


@require_capability(Cap.WORK_CASES)
def case_file(request: HttpRequest, case_id: int) -> HttpResponse:
    case = _team_case_or_404(request, case_id)
    listing = selectors.case_page(case, limit=None)
    assessment = Assessment.objects.filter(case=case).first()
    answers = dict(vocabulary.Answer.choices)
    context = {
        "case": case,
        "resident": case.resident,
        "village": _village(case.resident),
        "assessment": assessment,
        "printed_at": timezone.localtime(),
        "printed_by": request.user,
        "title": case.code,
        "footer": case.code,
        **listing,
        "steps": [(s, STEP_TEXT.get(s.action, s.action)) for s in listing["steps"]],
    }
    if assessment:
        channels = dict(vocabulary.RecruitmentChannel.choices)
        exploitation = dict(vocabulary.Exploitation.choices)
        controls = dict(vocabulary.MeansOfControl.choices)
        needs = dict(NeedArea.choices)
        context |= {
            "channels": [channels[c] for c in assessment.recruitment_channels if c in channels],
            "exploitation": [exploitation[e] for e in assessment.exploitation if e in exploitation],
            "controls": [
                (controls[k], answers.get(v, v))
                for k, v in assessment.means_of_control.items()
                if k in controls
            ],
            "needs": [
                (needs[k], answers.get(v, v)) for k, v in assessment.needs.items() if k in needs
            ],
        }
    content = render_pdf("cases/case_file.html", context, request)
    audit.log_export(actor=request.user, obj=case, what="case_file", rows=1, filters={})
    return pdf_response(content, f"berkas-{case.code}.pdf")


EXPORTS = {"htcds": exports.htcds_table, "ctdc": exports.ctdc_table}
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@require_GET
@require_capability(Cap.SUPERVISE_CASES)
def case_export(request: HttpRequest) -> HttpResponse:
    """The Koordinator's cases whose consent allows reporting, de-identified, in HTCDS or CTDC
    columns, as XLSX or CSV."""
    standard = request.GET.get("standard", "htcds")
    if standard not in EXPORTS:
        raise Http404
    cases = selectors.case_list_visible_to(user=request.user, with_break_glass=False)
    protected: Counter = Counter()
    header, rows = EXPORTS[standard](cases, summary=protected)
    rows = list(rows)
    kind = "csv" if request.GET.get("format") == "csv" else "xlsx"
    audit.log_export(
        actor=request.user,
        obj=request.user,
        what=f"kasus {standard} ({kind})",
        rows=len(rows),
        filters={"standard": standard, "k": exports.K, **protected},
    )
    stamp = timezone.localtime().strftime("%Y%m%d")
    name = f"kasus-{standard}-{stamp}.{kind}"
    if kind == "csv":
        response = HttpResponse(write_csv(header, rows), content_type="text/csv; charset=utf-8")
    else:
        response = HttpResponse(write_xlsx(header, rows, sheet=standard.upper()), content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response
