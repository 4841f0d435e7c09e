"""Every write to the cooperative: setting it up, members joining, savings in and out, loans
from application to the last repayment, and reversals. Only Pengurus Koperasi write. Each money
movement is one balanced journal entry built by the pure ``ledger`` module; nothing is ever
updated or deleted."""

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max, Q, Sum
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from sigap.core.formatting import rupiah
from sigap.core.models import Village
from sigap.core.roles import Cap
from sigap.economy import ledger, schedules, shu
from sigap.economy.ledger import Account, Line
from sigap.economy.models import (
    SHU_PARTS,
    Cooperative,
    Instalment,
    JournalEntry,
    JournalLine,
    Loan,
    LoanProduct,
    Member,
    Repayment,
    ShuShare,
    YearEnd,
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
    *,
    actor,
    cooperative: Cooperative,
    on: date,
    entry: ledger.Entry,
    member=None,
    reverses=None,
    line_members: list | None = None,
    closing: bool = False,
) -> JournalEntry:
    """Write a balanced entry; lines on savings accounts carry the member (``line_members``
    gives one per line when an entry concerns many). Nothing may be dated in a closed year,
    except the entry that closes it."""
    if not closing and YearEnd.objects.filter(cooperative=cooperative, year__gte=on.year).exists():
        raise ValidationError(
            {
                "on": _("Tahun buku %(year)s sudah ditutup; pakai tanggal sesudahnya.")
                % {"year": on.year}
            }
        )
    _check_cash(cooperative, on, entry)
    row = JournalEntry.objects.create(
        cooperative=cooperative, entry_date=on, memo=entry.memo, created_by=actor, reverses=reverses
    )
    lines = journal_lines(row, entry, member)
    for line, owner in zip(lines, line_members or [], strict=False):
        line.member = owner
    JournalLine.objects.bulk_create(lines)
    return row


def _check_cash(cooperative: Cooperative, on: date, entry: ledger.Entry) -> None:
    """Cash cannot go below zero: an entry that pays out more than the till held on its day (or
    holds now) is refused."""
    out = sum(line.credit - line.debit for line in entry.lines if line.account == Account.CASH)
    if out <= 0:
        return
    # One payout at a time per cooperative, so two cannot both pass the check.
    Cooperative.objects.select_for_update().filter(pk=cooperative.pk).first()
    cash = JournalLine.objects.filter(cooperative=cooperative, account=Account.CASH.value)
    totals = cash.aggregate(
        until=Sum("debit", filter=Q(entry_date__lte=on), default=0)
        - Sum("credit", filter=Q(entry_date__lte=on), default=0),
        now=Sum("debit", default=0) - Sum("credit", default=0),
    )
    available = min(totals["until"], totals["now"])
    if out > available:
        raise ValidationError(
            {
                "amount": _("Kas koperasi hanya %(cash)s; pengeluaran %(out)s tidak dapat dibayar.")
                % {"cash": rupiah(max(available, 0)), "out": rupiah(out)}
            }
        )


def journal_lines(row: JournalEntry, entry: ledger.Entry, member=None) -> list[JournalLine]:
    """The rows of a balanced entry; lines on savings accounts carry the member (the passbook)."""
    return [
        JournalLine(
            entry=row,
            cooperative_id=row.cooperative_id,
            entry_date=row.entry_date,
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


def balances(member: Member) -> dict[str, int]:
    """The member's savings by kind (credit minus debit of their lines), in one query: what a
    withdrawal may take and what a leaving member gets back."""
    totals = dict.fromkeys(SAVINGS, 0)
    kinds = {account.value: kind for kind, account in SAVINGS.items()}
    rows = (
        JournalLine.objects.filter(member=member)
        .values("account")
        .annotate(debit=Sum("debit"), credit=Sum("credit"))
    )
    for row in rows:
        totals[kinds[row["account"]]] = row["credit"] - row["debit"]
    return totals


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
    available = balances(member)["sukarela"]
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
    are corrected on the loan's page (the schedule must follow); year-end and exit entries are
    final."""
    _require(actor)
    reason = " ".join((reason or "").split())
    if not reason:
        raise ValidationError({"reason": _("Tulis alasan koreksi.")})
    if (
        Loan.objects.filter(disbursement=entry).exists()
        or Repayment.objects.filter(entry=entry).exists()
    ):
        raise ValidationError(_("Jurnal pinjaman dikoreksi dari halaman pinjamannya."))
    if (
        YearEnd.objects.filter(Q(closing=entry) | Q(payout=entry)).exists()
        or Member.objects.filter(exit_entry=entry).exists()
    ):
        raise ValidationError(
            _("Jurnal tutup buku dan pengembalian simpanan anggota keluar tidak dapat dibatalkan.")
        )
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
        if deposited > balances(member)["sukarela"]:
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
    if on < member.joined_on:
        raise ValidationError({"on": _("Tanggal pengajuan tidak boleh sebelum tanggal masuk.")})
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
def loan_decide(
    *, actor, loan: Loan, approve: bool, note: str = "", on: date | None = None
) -> Loan:
    """Approve or reject an application; never by the person who recorded it."""
    _require(actor)
    loan = _locked(loan)
    on = _day(on, "on")
    if on < loan.applied_on:
        raise ValidationError({"on": _("Tanggal keputusan tidak boleh sebelum pengajuan.")})
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
    loan.decided_on, loan.decided_by, loan.decision_note = on, actor, note
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
    if on < loan.decided_on:
        raise ValidationError({"on": _("Tanggal pencairan tidak boleh sebelum persetujuan.")})
    first_due = first_due or first_due_after(on, loan.frequency)
    if first_due <= on:
        raise ValidationError(
            {"first_due": _("Angsuran pertama harus jatuh tempo setelah pencairan.")}
        )
    rows = schedules.schedule(_terms(loan.principal, loan.periods, loan), first_due)
    Instalment.objects.bulk_create(instalment_rows(loan.pk, rows))
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


def instalment_rows(loan_id: int, rows: list[schedules.Instalment]) -> list[Instalment]:
    """The schedule's lines as unsaved ``Instalment`` rows of a loan (nothing paid yet)."""
    return [
        Instalment(
            loan_id=loan_id,
            number=row.number,
            due_date=row.due,
            principal=row.principal,
            interest=row.interest,
            fee=row.fee,
        )
        for row in rows
    ]


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


PAID_FIELDS = ("paid_principal", "paid_interest", "paid_fee", "waived")


def _paid(instalments: list[Instalment]) -> dict[int, tuple]:
    """What has been paid and waived of each instalment (to save only those a payment moved)."""
    return {i.pk: tuple(getattr(i, name) for name in PAID_FIELDS) for i in instalments}


def _refresh(
    loan: Loan,
    instalments: list[Instalment],
    *,
    before: dict[int, tuple] | None = None,
    closed_on: date | None = None,
) -> None:
    """Save the instalments that changed since ``before`` and the loan's counters (outstanding
    principal, oldest unpaid due, closed when nothing is owed)."""
    if before is not None:
        after = _paid(instalments)
        changed = [i for i in instalments if after[i.pk] != before[i.pk]]
        Instalment.objects.bulk_update(changed, PAID_FIELDS)
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
    before = _paid(instalments)
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
    _refresh(loan, instalments, before=before, closed_on=on)
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
    before = _paid(instalments)
    for instalment in instalments:
        instalment.paid_principal = instalment.paid_interest = instalment.paid_fee = 0
        instalment.waived = 0
    remaining = list(loan.repayments.filter(reversal=None).order_by("paid_on", "pk"))
    for earlier in remaining:
        _apply(instalments, earlier.amount, earlier.paid_on, earlier.settles)
    closed_on = remaining[-1].paid_on if remaining else None
    _refresh(loan, instalments, before=before, closed_on=closed_on)
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


# --- Leaving, other cash, and the year end -----------------------------------------------------


@transaction.atomic
def member_exit(*, actor, member: Member, reason: str, on: date | None = None) -> Member:
    """A member leaves: their savings (pokok, wajib, sukarela) are paid back in cash in one
    entry. Refused while they have a loan that is applied for, approved or running."""
    _require(actor)
    member = Member.objects.select_for_update().get(pk=member.pk)
    if member.status != Member.Status.ACTIVE:
        raise ValidationError(_("Anggota ini sudah keluar."))
    on = _day(on, "on")
    if on < member.joined_on:
        raise ValidationError({"on": _("Tanggal keluar tidak boleh sebelum tanggal masuk.")})
    reason = " ".join((reason or "").split())
    if not reason:
        raise ValidationError({"reason": _("Tulis alasan keluar.")})
    open_loan = member.loans.filter(
        status__in=[Loan.Status.APPLIED, Loan.Status.APPROVED, Loan.Status.ACTIVE]
    ).first()
    if open_loan is not None:
        raise ValidationError(
            _("Pinjaman %(loan)s masih %(status)s; selesaikan dulu sebelum anggota keluar.")
            % {"loan": open_loan, "status": open_loan.get_status_display().lower()}
        )
    settlement = balances(member)
    lines = [Line(SAVINGS[kind], debit=amount) for kind, amount in settlement.items() if amount > 0]
    if lines:
        total = sum(line.debit for line in lines)
        entry = ledger.Entry(
            _("Pengembalian simpanan anggota %(number)s yang keluar") % {"number": member.number},
            (*lines, Line(Account.CASH, credit=total)),
        )
        member.exit_entry = _post(
            actor=actor, cooperative=member.cooperative, on=on, entry=entry, member=member
        )
    member.status, member.exited_on, member.exit_reason = Member.Status.EXITED, on, reason
    member.save()
    return member


CASH_KINDS = {
    "biaya": Account.OPERATING_COSTS,  # cash out: rent, stationery, honoraria
    "modal": Account.CAPITAL,  # cash in: Dana Desa capital, grants
}


@transaction.atomic
def cash_entry(
    *, actor, cooperative: Cooperative, kind: str, amount: int, memo: str, on: date | None = None
) -> JournalEntry:
    """Cash that is not a member's: an operating cost paid, or capital or a grant received."""
    _require(actor)
    if kind not in CASH_KINDS:
        raise ValidationError({"kind": _("Pilih jenis transaksi kas.")})
    amount = _amount(amount, "amount")
    on = _day(on, "on")
    memo = " ".join((memo or "").split())
    if not memo:
        raise ValidationError({"memo": _("Tulis keterangan transaksi.")})
    if kind == "biaya":
        lines = (Line(Account.OPERATING_COSTS, debit=amount), Line(Account.CASH, credit=amount))
    else:
        lines = (Line(Account.CASH, debit=amount), Line(Account.CAPITAL, credit=amount))
    return _post(actor=actor, cooperative=cooperative, on=on, entry=ledger.Entry(memo[:200], lines))


SHU_ACCOUNTS = {
    "cadangan": Account.RESERVES,
    "jasa_modal": Account.SHU_PAYABLE,
    "jasa_usaha": Account.SHU_PAYABLE,
    "pengurus": Account.FUND_MANAGEMENT,
    "pendidikan": Account.FUND_EDUCATION,
    "sosial": Account.FUND_SOCIAL,
}


@dataclass
class YearPlan:
    """What closing a year would do (the page's preview, and what ``year_end_close`` writes)."""

    year: int
    income: dict[Account, int]
    costs: dict[Account, int]
    surplus: int
    percentages: dict[str, int]
    allocation: shu.Allocation | None  # None for a loss
    savings: dict[int, int]  # member pk → pokok + wajib at the year's end
    transactions: dict[int, int]  # member pk → interest and fees paid in the year


def _check_percentages(percentages: dict) -> dict[str, Decimal]:
    if set(percentages) != set(SHU_PARTS):
        raise ValidationError(_("Isi persentase untuk setiap bagian SHU."))
    values = {}
    for key, value in percentages.items():
        value = Decimal(value)
        if value < 0:
            raise ValidationError({key: _("Persentase tidak boleh negatif.")})
        values[key] = value
    total = sum(values.values())
    if total != 100:
        raise ValidationError(
            _("Persentase pembagian SHU harus berjumlah 100%%, bukan %(total)s%%.")
            % {"total": f"{total:g}"}
        )
    return values


def year_end_plan(*, cooperative: Cooperative, year: int, percentages: dict) -> YearPlan:
    """The year's income, costs and surplus from its entries, and the SHU split: jasa modal by
    each member's simpanan pokok and wajib at 31 December, jasa usaha by the interest and fees
    they paid that year (members still in the cooperative at the year's end)."""
    values = _check_percentages(percentages)
    start, end = date(year, 1, 1), date(year, 12, 31)
    in_year = JournalLine.objects.filter(cooperative=cooperative, entry_date__range=(start, end))
    totals = {
        row["account"]: (row["credit"] or 0) - (row["debit"] or 0)
        for row in in_year.filter(account__in=[a.value for a in (*ledger.INCOME, *ledger.COSTS)])
        .values("account")
        .annotate(debit=Sum("debit"), credit=Sum("credit"))
    }
    income = {account: totals.get(account.value, 0) for account in ledger.INCOME}
    costs = {account: -totals.get(account.value, 0) for account in ledger.COSTS}
    surplus = sum(income.values()) - sum(costs.values())
    members = Member.objects.filter(cooperative=cooperative, joined_on__lte=end).filter(
        Q(status=Member.Status.ACTIVE) | Q(exited_on__gt=end)
    )
    savings = {
        row["member"]: row["credit"] - row["debit"]
        for row in JournalLine.objects.filter(
            member__in=members,
            account__in=[Account.SIMPANAN_POKOK.value, Account.SIMPANAN_WAJIB.value],
            entry_date__lte=end,
        )
        .values("member")
        .annotate(debit=Sum("debit"), credit=Sum("credit"))
    }
    transactions = {
        row["loan__member"]: row["interest"] + row["fee"]
        for row in Repayment.objects.filter(
            loan__member__in=members, reversal=None, paid_on__range=(start, end)
        )
        .values("loan__member")
        .annotate(interest=Sum("interest"), fee=Sum("fee"))
    }
    savings = {pk: amount for pk, amount in savings.items() if amount > 0}
    transactions = {pk: amount for pk, amount in transactions.items() if amount > 0}
    allocation = None
    if surplus >= 0:
        allocation = shu.distribute(surplus, values, savings=savings, transactions=transactions)
    return YearPlan(
        year=year,
        income=income,
        costs=costs,
        surplus=surplus,
        percentages={key: format(value.normalize(), "f") for key, value in values.items()},
        allocation=allocation,
        savings=savings,
        transactions=transactions,
    )


@transaction.atomic
def year_end_close(*, actor, cooperative: Cooperative, year: int, percentages: dict) -> YearEnd:
    """Close a finished year: the closing entry (dated 31 December) and each member's share.
    Years close in order; afterwards nothing may be dated in the closed year."""
    _require(actor)
    Cooperative.objects.select_for_update().filter(pk=cooperative.pk).first()
    if year >= timezone.localdate().year:
        raise ValidationError({"year": _("Hanya tahun yang sudah berakhir yang dapat ditutup.")})
    if YearEnd.objects.filter(cooperative=cooperative, year__gte=year).exists():
        raise ValidationError({"year": _("Tahun buku %(year)s sudah ditutup.") % {"year": year}})
    first = JournalEntry.objects.filter(cooperative=cooperative).order_by("entry_date").first()
    if first is None or first.entry_date.year > year:
        raise ValidationError(
            {"year": _("Belum ada transaksi pada tahun %(year)s.") % {"year": year}}
        )
    earlier = YearEnd.objects.filter(cooperative=cooperative).order_by("-year").first()
    expected = earlier.year + 1 if earlier else first.entry_date.year
    if year != expected:
        raise ValidationError({"year": _("Tutup dulu tahun buku %(year)s.") % {"year": expected}})
    plan = year_end_plan(cooperative=cooperative, year=year, percentages=percentages)
    parts: dict[Account, int] = {}
    if plan.allocation is not None:
        for key, amount in plan.allocation.parts.items():
            parts[SHU_ACCOUNTS[key]] = parts.get(SHU_ACCOUNTS[key], 0) + amount
    memo = _("Tutup buku tahun %(year)s") % {"year": year}
    if any(plan.income.values()) or any(plan.costs.values()):
        entry = ledger.year_end_closing(memo, income=plan.income, costs=plan.costs, parts=parts)
        closing = _post(
            actor=actor, cooperative=cooperative, on=date(year, 12, 31), entry=entry, closing=True
        )
    else:  # a year without income or costs: an entry without lines still marks it closed
        closing = JournalEntry.objects.create(
            cooperative=cooperative, entry_date=date(year, 12, 31), memo=memo, created_by=actor
        )
    year_end = YearEnd.objects.create(
        cooperative=cooperative,
        year=year,
        income=sum(plan.income.values()),
        costs=sum(plan.costs.values()),
        surplus=plan.surplus,
        percentages=plan.percentages,
        parts=plan.allocation.parts if plan.allocation else {},
        closing=closing,
        closed_by=actor,
    )
    if plan.allocation is not None:
        ShuShare.objects.bulk_create(
            ShuShare(
                year_end=year_end,
                member_id=int(pk),
                savings=plan.savings.get(int(pk), 0),
                transactions=plan.transactions.get(int(pk), 0),
                jasa_modal=share["jasa_modal"],
                jasa_usaha=share["jasa_usaha"],
                total=share["total"],
            )
            for pk, share in plan.allocation.members.items()
            if share["total"] > 0
        )
    return year_end


@transaction.atomic
def shu_pay(*, actor, year_end: YearEnd, on: date | None = None) -> JournalEntry:
    """Pay the members' SHU: credited to the simpanan sukarela of those still members, in cash
    to those who have left. One entry; the SHU payable account goes back to zero."""
    _require(actor)
    year_end = YearEnd.objects.select_for_update().get(pk=year_end.pk)
    if year_end.payout_id:
        raise ValidationError(_("SHU tahun ini sudah dibagikan."))
    on = _day(on, "on")
    shares = list(year_end.shares.select_related("member").filter(total__gt=0))
    if not shares:
        raise ValidationError(_("Tidak ada bagian SHU anggota untuk dibagikan."))
    total = sum(share.total for share in shares)
    lines, owners, cash = [Line(Account.SHU_PAYABLE, debit=total)], [None], 0
    for share in shares:
        if share.member.status == Member.Status.ACTIVE:
            lines.append(Line(Account.SIMPANAN_SUKARELA, credit=share.total))
            owners.append(share.member)
        else:
            cash += share.total
    if cash:
        lines.append(Line(Account.CASH, credit=cash))
        owners.append(None)
    entry = ledger.Entry(_("Pembagian SHU tahun %(year)s") % {"year": year_end.year}, tuple(lines))
    year_end.payout = _post(
        actor=actor, cooperative=year_end.cooperative, on=on, entry=entry, line_members=owners
    )
    year_end.save(update_fields=["payout"])
    return year_end.payout
