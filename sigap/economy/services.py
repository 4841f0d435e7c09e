"""Every write to the cooperative: setting it up, members joining, savings in and out, loans
from application to the last repayment, and reversals. Only Pengurus Koperasi write. Each money
movement is one balanced journal entry built by the pure ``ledger`` module; nothing is ever
updated or deleted."""

from datetime import date, timedelta
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max, Sum
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from sigap.core.formatting import rupiah
from sigap.core.models import Village
from sigap.core.roles import Cap
from sigap.economy import ledger, schedules
from sigap.economy.ledger import Account, Line
from sigap.economy.models import (
    Cooperative,
    Instalment,
    JournalEntry,
    JournalLine,
    Loan,
    LoanProduct,
    Member,
    Repayment,
)
from sigap.registry.models import Resident

SAVINGS = {
    "pokok": Account.SIMPANAN_POKOK,
    "wajib": Account.SIMPANAN_WAJIB,
    "sukarela": Account.SIMPANAN_SUKARELA,
}


def _require(actor) -> None:
    if actor is None or not actor.can(Cap.MANAGE_COOPERATIVE):
        raise PermissionDenied


def _amount(value, field: str) -> int:
    if not isinstance(value, int) or isinstance(value, bool) or value <= 0:
        raise ValidationError({field: _("Jumlah harus rupiah bulat lebih dari nol.")})
    return value


def _day(value: date | None, field: str) -> date:
    today = timezone.localdate()
    value = value or today
    if value > today:
        raise ValidationError({field: _("Tanggal tidak boleh di masa depan.")})
    return value


def _post(
    *, actor, cooperative: Cooperative, on: date, entry: ledger.Entry, member=None, reverses=None
) -> JournalEntry:
    """Write a balanced entry; lines on savings accounts carry the member."""
    row = JournalEntry.objects.create(
        cooperative=cooperative, entry_date=on, memo=entry.memo, created_by=actor, reverses=reverses
    )
    JournalLine.objects.bulk_create(journal_lines(row, entry, member))
    return row


def journal_lines(row: JournalEntry, entry: ledger.Entry, member=None) -> list[JournalLine]:
    """The rows of a balanced entry; lines on savings accounts carry the member (the passbook)."""
    return [
        JournalLine(
            entry=row,
            account=line.account.value,
            debit=line.debit,
            credit=line.credit,
            member=member if line.account in SAVINGS.values() else None,
        )
        for line in entry.lines
    ]


@transaction.atomic
def cooperative_create(
    *,
    actor,
    village: Village,
    name: str,
    simpanan_pokok: int,
    simpanan_wajib: int,
    registration_number: str = "",
) -> Cooperative:
    _require(actor)
    name = " ".join((name or "").split())
    if not name:
        raise ValidationError({"name": _("Nama koperasi wajib diisi.")})
    if Cooperative.objects.filter(name__iexact=name).exists():
        raise ValidationError({"name": _("Nama koperasi ini sudah dipakai.")})
    return Cooperative.objects.create(
        village=village,
        name=name,
        registration_number=registration_number.strip(),
        simpanan_pokok=_amount(simpanan_pokok, "simpanan_pokok"),
        simpanan_wajib=_amount(simpanan_wajib, "simpanan_wajib"),
    )


@transaction.atomic
def member_join(
    *, actor, cooperative: Cooperative, resident: Resident, joined_on: date | None = None
) -> Member:
    """A resident joins and pays the simpanan pokok (one entry: cash in, savings up)."""
    _require(actor)
    joined_on = _day(joined_on, "joined_on")
    if resident.basic_status != 1:
        raise ValidationError(
            {
                "resident": _(
                    "Hanya penduduk yang masih hidup dan tinggal tercatat dapat menjadi anggota."
                )
            }
        )
    if Member.objects.filter(
        cooperative=cooperative, resident=resident, status=Member.Status.ACTIVE
    ).exists():
        raise ValidationError(
            {"resident": _("%(name)s sudah menjadi anggota.") % {"name": resident.name}}
        )
    last = Member.objects.filter(cooperative=cooperative).aggregate(n=Max("number"))["n"]
    member = Member.objects.create(
        cooperative=cooperative,
        resident=resident,
        number=f"{int(last or 0) + 1:04d}",
        joined_on=joined_on,
    )
    pokok = cooperative.simpanan_pokok
    entry = ledger.Entry(
        _("Simpanan pokok anggota %(number)s") % {"number": member.number},
        (Line(Account.CASH, debit=pokok), Line(Account.SIMPANAN_POKOK, credit=pokok)),
    )
    _post(actor=actor, cooperative=cooperative, on=joined_on, entry=entry, member=member)
    return member


def balance(member: Member, kind: str) -> int:
    """The member's balance of one kind of savings (credit minus debit of its lines)."""
    totals = JournalLine.objects.filter(member=member, account=SAVINGS[kind].value).aggregate(
        debit=Sum("debit"), credit=Sum("credit")
    )
    return (totals["credit"] or 0) - (totals["debit"] or 0)


@transaction.atomic
def savings_deposit(
    *, actor, member: Member, kind: str, amount: int, on: date | None = None
) -> JournalEntry:
    _require(actor)
    if kind not in ("wajib", "sukarela"):
        raise ValidationError({"kind": _("Setoran hanya untuk simpanan wajib atau sukarela.")})
    if member.status != Member.Status.ACTIVE:
        raise ValidationError(_("Anggota ini sudah keluar."))
    amount = _amount(amount, "amount")
    on = _day(on, "on")
    label = _("Setoran simpanan %(kind)s anggota %(number)s") % {
        "kind": kind,
        "number": member.number,
    }
    entry = ledger.Entry(
        label, (Line(Account.CASH, debit=amount), Line(SAVINGS[kind], credit=amount))
    )
    return _post(actor=actor, cooperative=member.cooperative, on=on, entry=entry, member=member)


@transaction.atomic
def savings_withdraw(*, actor, member: Member, amount: int, on: date | None = None) -> JournalEntry:
    """Take out simpanan sukarela; never below zero. (Pokok and wajib come back only when the
    member leaves.)"""
    _require(actor)
    Member.objects.select_for_update().filter(pk=member.pk).first()  # one withdrawal at a time
    amount = _amount(amount, "amount")
    on = _day(on, "on")
    available = balance(member, "sukarela")
    if amount > available:
        raise ValidationError(
            {
                "amount": _(
                    "Saldo simpanan sukarela hanya %(balance)s; penarikan tidak boleh melebihinya."
                )
                % {"balance": rupiah(available)}
            }
        )
    label = _("Penarikan simpanan sukarela anggota %(number)s") % {"number": member.number}
    entry = ledger.Entry(
        label, (Line(Account.SIMPANAN_SUKARELA, debit=amount), Line(Account.CASH, credit=amount))
    )
    return _post(actor=actor, cooperative=member.cooperative, on=on, entry=entry, member=member)


@transaction.atomic
def entry_reverse(*, actor, entry: JournalEntry, reason: str) -> JournalEntry:
    """Correct a mistake: a new entry with debit and credit swapped, dated today. Loan entries
    are corrected on the loan's page (the schedule must follow)."""
    _require(actor)
    reason = " ".join((reason or "").split())
    if not reason:
        raise ValidationError({"reason": _("Tulis alasan koreksi.")})
    if (
        Loan.objects.filter(disbursement=entry).exists()
        or Repayment.objects.filter(entry=entry).exists()
    ):
        raise ValidationError(_("Jurnal pinjaman dikoreksi dari halaman pinjamannya."))
    return _reverse_entry(actor, entry, reason)


def _reverse_entry(actor, entry: JournalEntry, reason: str) -> JournalEntry:
    if entry.reverses_id is not None:
        raise ValidationError(_("Jurnal koreksi tidak dapat dikoreksi lagi; catat jurnal baru."))
    if JournalEntry.objects.filter(reverses=entry).exists():
        raise ValidationError(_("Jurnal ini sudah dikoreksi."))
    lines = list(entry.lines.all())
    pure = ledger.Entry(
        entry.memo, tuple(Line(Account(line.account), line.debit, line.credit) for line in lines)
    ).reversal(_("Koreksi %(code)s: %(reason)s") % {"code": entry, "reason": reason})
    member = next((line.member for line in lines if line.member_id), None)
    if member is not None and any(
        line.account == Account.SIMPANAN_SUKARELA.value and line.credit for line in lines
    ):
        # Reversing a deposit takes the money back out: not below zero.
        deposited = sum(
            line.credit for line in lines if line.account == Account.SIMPANAN_SUKARELA.value
        )
        if deposited > balance(member, "sukarela"):
            raise ValidationError(
                _("Saldo sukarela anggota sudah terpakai; koreksi akan membuatnya minus.")
            )
    return _post(
        actor=actor,
        cooperative=entry.cooperative,
        on=timezone.localdate(),
        entry=pure,
        member=member,
        reverses=entry,
    )


# --- Loans -------------------------------------------------------------------------------------
# Application → approval by a second person → disbursement → repayments → closed. Terms are
# copied from the product at application; the schedule is fixed at disbursement. Interest and
# fees are income when received (cash basis, as village cooperatives keep their books).

TERM_FIELDS = ("method", "frequency", "monthly_rate", "grace_periods", "rounding")


def _terms(principal: int, periods: int, source) -> schedules.Terms:
    return schedules.Terms(
        principal=principal,
        monthly_rate=Decimal(source.monthly_rate) / 100,
        periods=periods,
        method=schedules.Method(source.method),
        frequency=schedules.Frequency(source.frequency),
        grace_periods=source.grace_periods,
        rounding=source.rounding,
        fee_per_instalment=source.fee_per_instalment,
    )


def _check_terms(terms: schedules.Terms) -> None:
    try:
        terms.check()
    except ValueError as exc:
        raise ValidationError(str(exc)) from exc


def first_due_after(day: date, frequency: str) -> date:
    """The first instalment falls one period after disbursement."""
    if frequency == schedules.Frequency.WEEKLY:
        return day + timedelta(weeks=1)
    return schedules.add_months(day, 1)


def tentative_schedule(loan: Loan, disbursed_on: date | None = None) -> list[schedules.Instalment]:
    """The schedule a loan not yet disbursed would have if paid out on ``disbursed_on`` (today)."""
    day = disbursed_on or timezone.localdate()
    return schedules.schedule(
        _terms(loan.principal, loan.periods, loan), first_due_after(day, loan.frequency)
    )


@transaction.atomic
def product_create(*, actor, cooperative: Cooperative, **fields) -> LoanProduct:
    _require(actor)
    name = " ".join((fields.pop("name", "") or "").split())
    if not name:
        raise ValidationError({"name": _("Nama produk wajib diisi.")})
    if LoanProduct.objects.filter(cooperative=cooperative, name__iexact=name).exists():
        raise ValidationError({"name": _("Nama produk ini sudah dipakai.")})
    product = LoanProduct(cooperative=cooperative, name=name, **fields)
    _amount(product.max_principal, "max_principal")
    if product.fee_per_instalment < 0:
        raise ValidationError({"fee_per_instalment": _("Biaya tidak boleh negatif.")})
    if product.grace_periods >= product.max_periods:
        raise ValidationError(
            {"grace_periods": _("Masa tenggang harus lebih pendek dari jumlah angsuran.")}
        )
    _check_terms(_terms(product.max_principal, product.max_periods, product))
    product.save()
    return product


def loan_draft(
    *,
    actor,
    member: Member,
    product: LoanProduct,
    principal: int,
    periods: int,
    purpose: str = "",
    on: date | None = None,
) -> Loan:
    """An unsaved application checked against the product (the form's schedule preview uses it;
    ``loan_apply`` saves it)."""
    _require(actor)
    on = _day(on, "on")
    if member.status != Member.Status.ACTIVE:
        raise ValidationError(_("Anggota ini sudah keluar."))
    if not product.active or product.cooperative_id != member.cooperative_id:
        raise ValidationError({"product": _("Produk ini tidak ditawarkan lagi.")})
    principal = _amount(principal, "principal")
    if principal > product.max_principal:
        raise ValidationError(
            {
                "principal": _("Pinjaman produk ini paling besar %(max)s.")
                % {"max": rupiah(product.max_principal)}
            }
        )
    if not isinstance(periods, int) or not 1 <= periods <= product.max_periods:
        raise ValidationError(
            {
                "periods": _("Jumlah angsuran produk ini 1 sampai %(max)s.")
                % {"max": product.max_periods}
            }
        )
    if product.grace_periods >= periods:
        raise ValidationError(
            {
                "periods": _("Jumlah angsuran harus lebih dari masa tenggang (%(grace)s).")
                % {"grace": product.grace_periods}
            }
        )
    loan = Loan(
        cooperative=member.cooperative,
        member=member,
        product=product,
        principal=principal,
        periods=periods,
        purpose=" ".join((purpose or "").split()),
        applied_on=on,
        applied_by=actor,
        fee_per_instalment=product.fee_per_instalment,
        **{name: getattr(product, name) for name in TERM_FIELDS},
    )
    _check_terms(_terms(principal, periods, loan))
    return loan


@transaction.atomic
def loan_apply(*, actor, purpose: str, **draft) -> Loan:
    """Record a member's application; nothing moves in the ledger yet."""
    loan = loan_draft(actor=actor, purpose=purpose, **draft)
    if not loan.purpose:
        raise ValidationError({"purpose": _("Tulis keperluan pinjaman.")})
    loan.save()
    return loan


def _locked(loan: Loan) -> Loan:
    """The loan row, locked for this transaction (one write to a loan at a time)."""
    return Loan.objects.select_for_update().get(pk=loan.pk)


@transaction.atomic
def loan_decide(*, actor, loan: Loan, approve: bool, note: str = "") -> Loan:
    """Approve or reject an application; never by the person who recorded it."""
    _require(actor)
    loan = _locked(loan)
    if loan.status != Loan.Status.APPLIED:
        raise ValidationError(_("Pengajuan ini sudah diputuskan."))
    if loan.applied_by_id == actor.pk:
        raise ValidationError(
            _("Pengajuan harus diputuskan oleh pengurus lain, bukan yang mencatatnya.")
        )
    note = " ".join((note or "").split())
    if not approve and not note:
        raise ValidationError({"note": _("Tulis alasan penolakan.")})
    loan.status = Loan.Status.APPROVED if approve else Loan.Status.REJECTED
    loan.decided_on, loan.decided_by, loan.decision_note = timezone.localdate(), actor, note
    loan.save()
    return loan


@transaction.atomic
def loan_disburse(
    *, actor, loan: Loan, on: date | None = None, first_due: date | None = None
) -> Loan:
    """Pay out an approved loan: fix the schedule and post cash out, receivable in."""
    _require(actor)
    loan = _locked(loan)
    if loan.status != Loan.Status.APPROVED:
        raise ValidationError(_("Hanya pinjaman yang sudah disetujui dapat dicairkan."))
    on = _day(on, "on")
    if on < loan.applied_on:
        raise ValidationError({"on": _("Tanggal pencairan tidak boleh sebelum pengajuan.")})
    first_due = first_due or first_due_after(on, loan.frequency)
    if first_due <= on:
        raise ValidationError(
            {"first_due": _("Angsuran pertama harus jatuh tempo setelah pencairan.")}
        )
    rows = schedules.schedule(_terms(loan.principal, loan.periods, loan), first_due)
    Instalment.objects.bulk_create(
        Instalment(
            loan=loan,
            number=row.number,
            due_date=row.due,
            principal=row.principal,
            interest=row.interest,
            fee=row.fee,
        )
        for row in rows
    )
    entry = ledger.loan_disbursement(loan.principal)
    memo = _("Pencairan pinjaman %(loan)s anggota %(number)s") % {
        "loan": loan,
        "number": loan.member.number,
    }
    loan.disbursement = _post(
        actor=actor,
        cooperative=loan.cooperative,
        on=on,
        entry=ledger.Entry(memo, entry.lines),
    )
    loan.status, loan.disbursed_on = Loan.Status.ACTIVE, on
    _refresh(loan, list(loan.instalments.all()))
    return loan


def instalment_dues(instalments: list[Instalment]) -> list[schedules.Due]:
    return [
        schedules.Due(
            i.number,
            i.due_date,
            i.fee - i.paid_fee - _waived_fee(i),
            i.interest - i.paid_interest - (i.waived - _waived_fee(i)),
            i.principal - i.paid_principal,
        )
        for i in instalments
    ]


def _waived_fee(instalment: Instalment) -> int:
    """Waivers take the unpaid fee first, then interest."""
    return min(instalment.waived, instalment.fee - instalment.paid_fee)


def _apply(
    instalments: list[Instalment], amount: int, on: date, settles: bool
) -> schedules.Allocation:
    """Put one payment on the instalments (in memory); an early settlement first waives the
    interest and fees of the instalments not yet due. Returns the totals by part."""
    if settles:
        for instalment, due in zip(instalments, instalment_dues(instalments), strict=True):
            if due.due > on:
                instalment.waived += due.fee + due.interest
    parts, left = schedules.allocate_over(amount, instalment_dues(instalments))
    by_number = {i.number: i for i in instalments}
    for number, part in parts:
        instalment = by_number[number]
        instalment.paid_fee += part.fee
        instalment.paid_interest += part.interest
        instalment.paid_principal += part.principal
    return schedules.Allocation(
        sum(p.fee for _n, p in parts),
        sum(p.interest for _n, p in parts),
        sum(p.principal for _n, p in parts),
        left,
    )


def _refresh(loan: Loan, instalments: list[Instalment], closed_on: date | None = None) -> None:
    """Save the instalments and the loan's counters (outstanding principal, oldest unpaid due,
    closed when nothing is owed)."""
    Instalment.objects.bulk_update(
        instalments, ["paid_principal", "paid_interest", "paid_fee", "waived"]
    )
    unpaid = [i for i in instalments if i.unpaid > 0]
    loan.outstanding_principal = sum(i.principal - i.paid_principal for i in instalments)
    loan.oldest_unpaid_due = min((i.due_date for i in unpaid), default=None)
    if unpaid:
        loan.status, loan.closed_on = Loan.Status.ACTIVE, None
    else:
        loan.status, loan.closed_on = Loan.Status.CLOSED, closed_on
    loan.save()


def _last_repayment(loan: Loan) -> Repayment | None:
    return loan.repayments.filter(reversal=None).order_by("-paid_on", "-pk").first()


@transaction.atomic
def repayment_record(
    *, actor, loan: Loan, amount: int, on: date | None = None, settle: bool = False
) -> Repayment:
    """Money received: fees, then interest, then principal, oldest instalment first. With
    ``settle`` the amount must be the payoff (``selectors.loan_position``), and the interest and
    fees not yet due are waived."""
    _require(actor)
    loan = _locked(loan)
    if loan.status != Loan.Status.ACTIVE:
        raise ValidationError(_("Pinjaman ini tidak sedang berjalan."))
    amount = _amount(amount, "amount")
    on = _day(on, "on")
    last = _last_repayment(loan)
    earliest = last.paid_on if last else loan.disbursed_on
    if on < earliest:
        raise ValidationError(
            {
                "on": _("Tanggal bayar tidak boleh sebelum %(date)s (pembayaran terakhir).")
                % {"date": date_format(earliest, "SHORT_DATE_FORMAT")}
            }
        )
    instalments = list(loan.instalments.all())
    dues = instalment_dues(instalments)
    if settle:
        payoff, _waived = schedules.payoff(dues, on)
        if amount != payoff:
            raise ValidationError(
                {"amount": _("Pelunasan hari itu tepat %(amount)s.") % {"amount": rupiah(payoff)}}
            )
    owed = sum(d.total for d in dues)
    if not settle and amount > owed:
        raise ValidationError(
            {
                "amount": _(
                    "Sisa seluruh kewajiban hanya %(amount)s; pembayaran tidak boleh melebihinya."
                )
                % {"amount": rupiah(owed)}
            }
        )
    split = _apply(instalments, amount, on, settle)
    memo = _("Angsuran pinjaman %(loan)s anggota %(number)s") % {
        "loan": loan,
        "number": loan.member.number,
    }
    pure = ledger.loan_repayment(principal=split.principal, interest=split.interest, fee=split.fee)
    entry = _post(
        actor=actor, cooperative=loan.cooperative, on=on, entry=ledger.Entry(memo, pure.lines)
    )
    repayment = Repayment.objects.create(
        loan=loan,
        paid_on=on,
        amount=amount,
        principal=split.principal,
        interest=split.interest,
        fee=split.fee,
        settles=settle,
        entry=entry,
        created_by=actor,
    )
    _refresh(loan, instalments, closed_on=on)
    return repayment


@transaction.atomic
def repayment_reverse(*, actor, repayment: Repayment, reason: str) -> JournalEntry:
    """Correct the loan's latest repayment: a reversing journal entry, and the instalments are
    put back as the remaining repayments left them (replayed in order)."""
    _require(actor)
    loan = _locked(repayment.loan)
    reason = " ".join((reason or "").split())
    if not reason:
        raise ValidationError({"reason": _("Tulis alasan koreksi.")})
    last = _last_repayment(loan)
    if repayment.reversal_id or last is None or last.pk != repayment.pk:
        raise ValidationError(_("Hanya pembayaran terakhir yang belum dikoreksi dapat dikoreksi."))
    reversal = _reverse_entry(actor, repayment.entry, reason)
    repayment.reversal = reversal
    repayment.save(update_fields=["reversal"])
    instalments = list(loan.instalments.all())
    for instalment in instalments:
        instalment.paid_principal = instalment.paid_interest = instalment.paid_fee = 0
        instalment.waived = 0
    remaining = list(loan.repayments.filter(reversal=None).order_by("paid_on", "pk"))
    for earlier in remaining:
        _apply(instalments, earlier.amount, earlier.paid_on, earlier.settles)
    _refresh(loan, instalments, closed_on=remaining[-1].paid_on if remaining else None)
    return reversal


@transaction.atomic
def disbursement_reverse(*, actor, loan: Loan, reason: str) -> JournalEntry:
    """Undo a disbursement recorded by mistake (before any repayment): the loan is approved
    again and its schedule is removed."""
    _require(actor)
    loan = _locked(loan)
    reason = " ".join((reason or "").split())
    if not reason:
        raise ValidationError({"reason": _("Tulis alasan koreksi.")})
    if loan.status != Loan.Status.ACTIVE or loan.repayments.filter(reversal=None).exists():
        raise ValidationError(
            _("Pencairan hanya dapat dibatalkan sebelum ada pembayaran angsuran.")
        )
    reversal = _reverse_entry(actor, loan.disbursement, reason)
    loan.instalments.all().delete()
    loan.status, loan.disbursed_on, loan.disbursement = Loan.Status.APPROVED, None, None
    loan.outstanding_principal, loan.oldest_unpaid_due = 0, None
    loan.save()
    return reversal
