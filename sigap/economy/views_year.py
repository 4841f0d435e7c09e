"""Leaving, other cash and the year end, for Pengurus Koperasi only (404 for everyone else):
a member's exit with their savings paid back, operating costs and capital, closing a year with
the SHU split, paying the SHU, and the members' meeting (RAT) report as PDF."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from sigap.core import audit
from sigap.core.access import require_capability
from sigap.core.forms import add_service_errors
from sigap.core.pagination import paginate
from sigap.core.pdf import pdf_response, render_pdf
from sigap.economy import forms as f
from sigap.economy import selectors, services
from sigap.economy.models import SHU_PARTS, Member
from sigap.economy.views import MANAGE, cooperative_or_404, member_or_404, write_from_page


@require_capability(*MANAGE)
def member_exit(request: HttpRequest, member_id: int) -> HttpResponse:
    member = member_or_404(member_id)
    if member.status != Member.Status.ACTIVE:
        raise Http404
    form = f.ExitForm(request.POST or None, initial={"on": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        try:
            services.member_exit(actor=request.user, member=member, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(
                request,
                _("%(name)s keluar dari koperasi; simpanannya dikembalikan.")
                % {"name": member.resident.name},
            )
            return redirect("economy:member_detail", member_id=member.pk)
    settlement = services.balances(member)
    context = {
        "member": member,
        "form": form,
        "settlement": settlement,
        "total": sum(settlement.values()),
        "open_loans": member.loans.filter(status__in=["diajukan", "disetujui", "berjalan"]),
        "title": _("Anggota keluar"),
    }
    return render(request, "economy/member_exit.html", context, status=400 if form.errors else 200)


@require_capability(*MANAGE)
def cash_entry(request: HttpRequest) -> HttpResponse:
    cooperative = cooperative_or_404()
    form = f.CashForm(request.POST or None, initial={"on": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        try:
            entry = services.cash_entry(
                actor=request.user, cooperative=cooperative, **form.cleaned_data
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Transaksi kas %(code)s dicatat.") % {"code": entry})
            return redirect("economy:trial_balance")
    context = {"cooperative": cooperative, "form": form, "title": _("Kas lain")}
    return render(request, "economy/cash_entry.html", context, status=400 if form.errors else 200)


@require_capability(*MANAGE)
def year_end_list(request: HttpRequest) -> HttpResponse:
    cooperative = cooperative_or_404()
    years = selectors.closable_years(cooperative)
    form = f.YearEndForm(request.POST or None, years=years)
    plan = None
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            if "preview" in request.POST:
                plan = services.year_end_plan(
                    cooperative=cooperative, year=data["year"], percentages=form.percentages()
                )
            else:
                year_end = services.year_end_close(
                    actor=request.user,
                    cooperative=cooperative,
                    year=data["year"],
                    percentages=form.percentages(),
                )
        except (ValidationError, ValueError) as exc:
            add_service_errors(
                form, exc if isinstance(exc, ValidationError) else ValidationError(str(exc))
            )
        else:
            if plan is None:
                messages.success(
                    request, _("Tahun buku %(year)s ditutup.") % {"year": year_end.year}
                )
                return redirect("economy:year_end_detail", year=year_end.year)
    context = {
        "cooperative": cooperative,
        "form": form,
        "years": years,
        "plan": plan,
        "summary": _summary(plan) if plan else None,
        "closed": selectors.year_ends(cooperative),
        "title": _("Tutup buku dan SHU"),
    }
    return render(
        request, "economy/year_end_list.html", context, status=400 if form.errors else 200
    )


def _summary(plan: services.YearPlan) -> dict:
    parts = plan.allocation.parts if plan.allocation else {}
    return {
        "income": sum(plan.income.values()),
        "costs": sum(plan.costs.values()),
        "parts": [
            {"label": label, "percent": plan.percentages[key], "amount": parts.get(key, 0)}
            for key, label in SHU_PARTS.items()
        ],
    }


def _year_end_or_404(year: int):
    year_end = selectors.year_end_of(cooperative_or_404(), year)
    if year_end is None:
        raise Http404
    return year_end


@require_capability(*MANAGE)
def year_end_detail(request: HttpRequest, year: int, *, pay_form=None, status=200) -> HttpResponse:
    year_end = _year_end_or_404(year)
    report = selectors.rat_report(year_end)
    context = {
        "year_end": year_end,
        "report": report,
        "shares": paginate(report["shares"], request.GET.get("page")),
        "pay_form": pay_form or f.PayShuForm(initial={"on": timezone.localdate()}),
        "title": _("Tahun buku %(year)s") % {"year": year},
    }
    return render(request, "economy/year_end_detail.html", context, status=status)


@require_POST
@require_capability(*MANAGE)
def shu_pay(request: HttpRequest, year: int) -> HttpResponse:
    year_end = _year_end_or_404(year)
    return write_from_page(
        request,
        f.PayShuForm(request.POST),
        lambda d: services.shu_pay(actor=request.user, year_end=year_end, on=d["on"]),
        _("SHU dibagikan ke simpanan sukarela anggota."),
        success=redirect("economy:year_end_detail", year=year),
        failure=lambda form: year_end_detail(request, year, pay_form=form, status=400),
    )


@require_capability(*MANAGE)
def rat_pdf(request: HttpRequest, year: int) -> HttpResponse:
    year_end = _year_end_or_404(year)
    report = selectors.rat_report(year_end)
    content = render_pdf(
        "economy/rat_report.html",
        {
            "year_end": year_end,
            "cooperative": year_end.cooperative,
            "report": report,
            "printed": timezone.localtime(),
            "title": _("Laporan RAT %(year)s") % {"year": year},
        },
        request,
    )
    audit.log_export(
        actor=request.user, obj=year_end, what="rat_report", rows=len(report["shares"]), filters={}
    )
    return pdf_response(content, f"laporan-rat-{year}.pdf")
