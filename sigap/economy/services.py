"""Every write to the cooperative: setting it up, members joining, savings in and out, and
reversals. Only Pengurus Koperasi write. Each money movement is one balanced journal entry built
by the pure ``ledger`` module; nothing is ever updated or deleted."""

from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max, Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from sigap.core.models import Village
from sigap.core.roles import Cap
from sigap.economy import ledger
from sigap.economy.ledger import Account, Line
from sigap.economy.models import Cooperative, JournalEntry, JournalLine, Member
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
                    "Saldo simpanan sukarela hanya Rp %(balance)s; penarikan tidak boleh "
                    "melebihinya."
                )
                % {"balance": f"{available:,}".replace(",", ".")}
            }
        )
    label = _("Penarikan simpanan sukarela anggota %(number)s") % {"number": member.number}
    entry = ledger.Entry(
        label, (Line(Account.SIMPANAN_SUKARELA, debit=amount), Line(Account.CASH, credit=amount))
    )
    return _post(actor=actor, cooperative=member.cooperative, on=on, entry=entry, member=member)


@transaction.atomic
def entry_reverse(*, actor, entry: JournalEntry, reason: str) -> JournalEntry:
    """Correct a mistake: a new entry with debit and credit swapped, dated today."""
    _require(actor)
    reason = " ".join((reason or "").split())
    if not reason:
        raise ValidationError({"reason": _("Tulis alasan koreksi.")})
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
