"""Cooperative pages, for Pengurus Koperasi only (everyone else gets 404: members' balances are
not shown to other roles)."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from sigap.core.access import require_capability
from sigap.core.forms import add_service_errors
from sigap.core.models import Village
from sigap.core.pagination import paginate
from sigap.core.roles import Cap
from sigap.economy import forms as f
from sigap.economy import selectors, services
from sigap.economy.models import JournalEntry, Member
from sigap.registry.selectors import resident_visible_to

MANAGE = (Cap.MANAGE_COOPERATIVE,)


@require_capability(*MANAGE)
def overview(request: HttpRequest) -> HttpResponse:
    cooperative = selectors.cooperative_of_village()
    if cooperative is None:
        return _setup(request)
    form = f.MemberSearchForm(request.GET or None)
    q = form.cleaned_data["q"] if form.is_valid() else ""
    page = paginate(selectors.member_list(cooperative=cooperative, q=q), request.GET.get("page"))
    context = {
        "cooperative": cooperative,
        "form": form,
        "page": page,
        "cash": selectors.cash_day(cooperative=cooperative, day=timezone.localdate()),
        "members_total": cooperative.members.filter(status=Member.Status.ACTIVE).count(),
        "book": selectors.portfolio(cooperative=cooperative),
        "title": cooperative.name,
    }
    return render(request, "economy/overview.html", context)


def _setup(request):
    form = f.CooperativeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        village = Village.objects.order_by("code").first()
        try:
            if village is None:
                raise ValidationError(_("Atur data desa dulu di halaman Wilayah."))
            services.cooperative_create(actor=request.user, village=village, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Koperasi dibuat."))
            return redirect("economy:overview")
    status = 400 if form.errors else 200
    return render(
        request, "economy/setup.html", {"form": form, "title": _("Koperasi")}, status=status
    )


@require_capability(*MANAGE)
def member_join(request: HttpRequest, resident_id: int) -> HttpResponse:
    cooperative = selectors.cooperative_of_village()
    resident = resident_visible_to(user=request.user, pk=resident_id)
    if cooperative is None or resident is None:
        raise Http404
    form = f.JoinForm(request.POST or None, initial={"joined_on": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        try:
            member = services.member_join(
                actor=request.user,
                cooperative=cooperative,
                resident=resident,
                joined_on=form.cleaned_data["joined_on"],
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(
                request,
                _("%(name)s menjadi anggota nomor %(number)s.")
                % {"name": resident.name, "number": member.number},
            )
            return redirect("economy:member_detail", member_id=member.pk)
    context = {
        "form": form,
        "resident": resident,
        "cooperative": cooperative,
        "title": _("Anggota baru"),
    }
    return render(request, "economy/member_join.html", context, status=400 if form.errors else 200)


def cooperative_or_404():
    cooperative = selectors.cooperative_of_village()
    if cooperative is None:
        raise Http404
    return cooperative


def member_or_404(pk: int) -> Member:
    member = (
        Member.objects.select_related("resident", "resident__dusun", "cooperative")
        .filter(pk=pk)
        .first()
    )
    if member is None:
        raise Http404
    return member


@require_capability(*MANAGE)
def member_detail(request: HttpRequest, member_id: int) -> HttpResponse:
    return _member_page(request, member_or_404(member_id))


def _member_page(request, member, *, bound=None, status=200):
    bound = bound or {}
    today = timezone.localdate()
    savings = selectors.balances(member)
    context = {
        "member": member,
        "balances": savings,
        "arrears": selectors.wajib_arrears(member, today, paid=savings["wajib"]),
        "passbook": selectors.passbook(member),
        "loans": selectors.member_loans(member),
        "deposit_form": bound.get("deposit") or f.DepositForm(initial={"on": today}),
        "withdraw_form": bound.get("withdraw") or f.WithdrawForm(initial={"on": today}),
        "title": str(member),
    }
    return render(request, "economy/member_detail.html", context, status=status)


def write_from_page(request, form, write, done: str, *, success, failure) -> HttpResponse:
    """Run a service write posted from a record's page: on success a message and the
    ``success`` redirect; refused, ``failure(form)`` shows the page again with the errors beside
    the fields (400)."""
    if form.is_valid():
        try:
            write(form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, done)
            return success
    return failure(form)


def _money(request, member, form, name, write, done):
    return write_from_page(
        request,
        form,
        write,
        done,
        success=redirect("economy:member_detail", member_id=member.pk),
        failure=lambda bound: _member_page(request, member, bound={name: bound}, status=400),
    )


@require_POST
@require_capability(*MANAGE)
def deposit(request: HttpRequest, member_id: int) -> HttpResponse:
    member = member_or_404(member_id)
    return _money(
        request,
        member,
        f.DepositForm(request.POST),
        "deposit",
        lambda d: services.savings_deposit(
            actor=request.user, member=member, kind=d["kind"], amount=d["amount"], on=d["on"]
        ),
        _("Setoran dicatat."),
    )


@require_POST
@require_capability(*MANAGE)
def withdraw(request: HttpRequest, member_id: int) -> HttpResponse:
    member = member_or_404(member_id)
    return _money(
        request,
        member,
        f.WithdrawForm(request.POST),
        "withdraw",
        lambda d: services.savings_withdraw(
            actor=request.user, member=member, amount=d["amount"], on=d["on"]
        ),
        _("Penarikan dicatat."),
    )


@require_capability(*MANAGE)
def entry_reverse(request: HttpRequest, entry_id: int) -> HttpResponse:
    """Confirm and record the reversal of one journal entry (from a passbook row or the journal)."""
    entry = (
        JournalEntry.objects.select_related("created_by", "cooperative")
        .prefetch_related("lines")
        .filter(pk=entry_id)
        .first()
    )
    if entry is None:
        raise Http404
    member_id = entry.lines.exclude(member=None).values_list("member_id", flat=True).first()
    back = (
        redirect("economy:member_detail", member_id=member_id)
        if member_id
        else redirect("economy:trial_balance")
    )
    form = f.ReverseForm(request.POST or None)
    if request.method == "POST":
        return write_from_page(
            request,
            form,
            lambda d: services.entry_reverse(actor=request.user, entry=entry, reason=d["reason"]),
            _("Jurnal %(code)s dikoreksi.") % {"code": entry},
            success=back,
            failure=lambda bound: _reverse_page(request, entry, bound, back, status=400),
        )
    return _reverse_page(request, entry, form, back)


def _reverse_page(request, entry, form, back, status=200):
    context = {"entry": entry, "form": form, "back": back.url, "title": _("Koreksi jurnal")}
    return render(request, "economy/entry_reverse.html", context, status=status)


@require_capability(*MANAGE)
def trial_balance(request: HttpRequest) -> HttpResponse:
    cooperative = cooperative_or_404()
    context = {
        "cooperative": cooperative,
        "tb": selectors.trial_balance(cooperative=cooperative),
        "entries": paginate(
            selectors.recent_entries(cooperative=cooperative), request.GET.get("page")
        ),
        "title": _("Neraca saldo"),
    }
    return render(request, "economy/trial_balance.html", context)
