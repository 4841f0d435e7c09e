"""Loan pages, for Pengurus Koperasi only (404 for everyone else): products, the application
with a schedule preview, approval by a second person, disbursement, repayments, early
settlement and corrections, and the loan book with PAR 30."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from sigap.core.access import require_capability
from sigap.core.forms import add_service_errors
from sigap.core.pagination import paginate
from sigap.economy import forms as f
from sigap.economy import selectors, services
from sigap.economy.models import Loan, Member, Repayment
from sigap.economy.views import MANAGE, cooperative_or_404, member_or_404, write_from_page


@require_capability(*MANAGE)
def product_list(request: HttpRequest) -> HttpResponse:
    cooperative = cooperative_or_404()
    form = f.ProductForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.product_create(
                actor=request.user, cooperative=cooperative, **form.cleaned_data
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Produk pinjaman disimpan."))
            return redirect("economy:product_list")
    context = {
        "cooperative": cooperative,
        "products": selectors.products(cooperative=cooperative),
        "form": form,
        "title": _("Produk pinjaman"),
    }
    return render(request, "economy/product_list.html", context, status=400 if form.errors else 200)


@require_capability(*MANAGE)
def loan_list(request: HttpRequest) -> HttpResponse:
    cooperative = cooperative_or_404()
    status = request.GET.get("status", "")
    if status not in Loan.Status.values:
        status = ""
    late = request.GET.get("late") == "1"
    q = request.GET.get("q", "")[:100]
    loans = selectors.loan_list(cooperative=cooperative, status=status, late=late, q=q)
    today = timezone.localdate()
    page = paginate(loans, request.GET.get("page"))
    for loan in page:
        loan.dpd = loan.days_past_due(today)
    context = {
        "cooperative": cooperative,
        "book": selectors.portfolio(cooperative=cooperative, today=today),
        "page": page,
        "statuses": Loan.Status.choices,
        "status": status,
        "late": late,
        "q": q,
        "title": _("Pinjaman"),
    }
    return render(request, "economy/loan_list.html", context)


@require_capability(*MANAGE)
def loan_apply(request: HttpRequest, member_id: int) -> HttpResponse:
    member = member_or_404(member_id)
    if member.status != Member.Status.ACTIVE:
        raise Http404
    products = selectors.products(cooperative=member.cooperative, active_only=True)
    form = f.LoanApplyForm(
        request.POST or None, products=products, initial={"on": timezone.localdate()}
    )
    preview = draft = None
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            if "preview" in request.POST:
                draft = services.loan_draft(actor=request.user, member=member, **data)
                preview = services.tentative_schedule(draft)
            else:
                loan = services.loan_apply(actor=request.user, member=member, **data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            if preview is None:
                messages.success(
                    request,
                    _("Pengajuan %(loan)s dicatat; pengurus lain yang memutuskannya.")
                    % {"loan": loan},
                )
                return redirect("economy:loan_detail", loan_id=loan.pk)
    context = {
        "member": member,
        "form": form,
        "products": products,
        "preview": preview,
        "show_fee": bool(draft and draft.fee_per_instalment),
        "title": _("Pengajuan pinjaman"),
    }
    return render(request, "economy/loan_apply.html", context, status=400 if form.errors else 200)


def _loan_or_404(pk: int) -> Loan:
    loan = (
        Loan.objects.select_related(
            "member", "member__resident", "product", "cooperative", "applied_by", "decided_by"
        )
        .filter(pk=pk)
        .first()
    )
    if loan is None:
        raise Http404
    return loan


@require_capability(*MANAGE)
def loan_detail(request: HttpRequest, loan_id: int) -> HttpResponse:
    return _loan_page(request, _loan_or_404(loan_id))


def _loan_page(request, loan, *, bound=None, status=200):
    bound = bound or {}
    today = timezone.localdate()
    position = selectors.loan_position(loan, today) if loan.disbursed_on else None
    repayments = list(loan.repayments.select_related("created_by", "reversal"))
    latest = next((r for r in reversed(repayments) if r.reversal_id is None), None)
    context = {
        "loan": loan,
        "position": position,
        "schedule": None if loan.disbursed_on else services.tentative_schedule(loan),
        "repayments": repayments,
        "latest": latest,
        "today": today,
        "decide_form": bound.get("decide") or f.DecideForm(),
        "disburse_form": bound.get("disburse") or f.DisburseForm(initial={"on": today}),
        "repay_form": bound.get("repay")
        or f.RepaymentForm(initial={"on": today, "amount": _suggested(position)}),
        "settle_form": bound.get("settle")
        or f.SettleForm(initial={"on": today, "amount": position and position.payoff}),
        "reverse_form": f.ReverseForm(),
        "title": str(loan),
    }
    return render(request, "economy/loan_detail.html", context, status=status)


def _suggested(position) -> int | None:
    """What the member is expected to pay today: the arrears, or else the next instalment."""
    if position is None or position.next_due is None:
        return None
    return position.arrears or position.next_due.unpaid


def _act(request, loan, name, form, write, done):
    return write_from_page(
        request,
        form,
        write,
        done,
        success=redirect("economy:loan_detail", loan_id=loan.pk),
        failure=lambda bound: _loan_page(request, loan, bound={name: bound}, status=400),
    )


@require_POST
@require_capability(*MANAGE)
def loan_decide(request: HttpRequest, loan_id: int) -> HttpResponse:
    loan = _loan_or_404(loan_id)
    form = f.DecideForm(request.POST)
    approve = request.POST.get("decision") == "setuju"
    return _act(
        request,
        loan,
        "decide",
        form,
        lambda d: services.loan_decide(
            actor=request.user, loan=loan, approve=approve, note=d["note"], on=d["on"]
        ),
        _("Pengajuan disetujui.") if approve else _("Pengajuan ditolak."),
    )


@require_POST
@require_capability(*MANAGE)
def loan_disburse(request: HttpRequest, loan_id: int) -> HttpResponse:
    loan = _loan_or_404(loan_id)
    return _act(
        request,
        loan,
        "disburse",
        f.DisburseForm(request.POST),
        lambda d: services.loan_disburse(
            actor=request.user, loan=loan, on=d["on"], first_due=d["first_due"]
        ),
        _("Pinjaman dicairkan; jadwal angsuran sudah tetap."),
    )


@require_POST
@require_capability(*MANAGE)
def repayment_record(request: HttpRequest, loan_id: int, settle: bool = False) -> HttpResponse:
    """A repayment, or with ``settle`` the early settlement (the payoff of that day)."""
    loan = _loan_or_404(loan_id)
    form = (f.SettleForm if settle else f.RepaymentForm)(request.POST)
    return _act(
        request,
        loan,
        "settle" if settle else "repay",
        form,
        lambda d: services.repayment_record(
            actor=request.user, loan=loan, amount=d["amount"], on=d["on"], settle=settle
        ),
        _("Pinjaman dilunasi.") if settle else _("Pembayaran angsuran dicatat."),
    )


def _correct(request, loan, write, done):
    form = f.ReverseForm(request.POST)
    try:
        if not form.is_valid():
            raise ValidationError(_("Tulis alasan koreksi."))
        write(form.cleaned_data["reason"])
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, done)
    return redirect("economy:loan_detail", loan_id=loan.pk)


@require_POST
@require_capability(*MANAGE)
def repayment_reverse(request: HttpRequest, repayment_id: int) -> HttpResponse:
    repayment = Repayment.objects.select_related("loan").filter(pk=repayment_id).first()
    if repayment is None:
        raise Http404
    return _correct(
        request,
        repayment.loan,
        lambda reason: services.repayment_reverse(
            actor=request.user, repayment=repayment, reason=reason
        ),
        _("Pembayaran dikoreksi; jadwal angsuran dihitung ulang."),
    )


@require_POST
@require_capability(*MANAGE)
def disbursement_reverse(request: HttpRequest, loan_id: int) -> HttpResponse:
    loan = _loan_or_404(loan_id)
    return _correct(
        request,
        loan,
        lambda reason: services.disbursement_reverse(actor=request.user, loan=loan, reason=reason),
        _("Pencairan dibatalkan; pinjaman kembali menunggu pencairan."),
    )
