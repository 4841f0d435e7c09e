"""Double-entry bookkeeping for the cooperative. Pure module: the rules the ledger models obey.

Every money movement is a journal entry whose lines balance (total debit = total credit, whole
rupiah, no line both or neither). The ledger is append-only: a mistake is corrected by a
reversal, an entry with the same lines and debit and credit swapped, so that the two net to zero.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum


class Account(StrEnum):
    """The small chart of accounts of a village savings-and-loan unit."""

    CASH = "101 Kas"
    LOANS_RECEIVABLE = "111 Piutang pinjaman anggota"
    SIMPANAN_SUKARELA = "211 Simpanan sukarela"
    SHU_PAYABLE = "212 SHU bagian anggota"
    FUND_MANAGEMENT = "213 Dana pengurus dan karyawan"
    FUND_EDUCATION = "214 Dana pendidikan"
    FUND_SOCIAL = "215 Dana sosial"
    SIMPANAN_POKOK = "301 Simpanan pokok"
    SIMPANAN_WAJIB = "302 Simpanan wajib"
    RESERVES = "311 Cadangan"
    CAPITAL = "321 Modal penyertaan dan hibah"
    INTEREST_INCOME = "401 Pendapatan jasa pinjaman"
    FEE_INCOME = "402 Pendapatan administrasi"
    OPERATING_COSTS = "501 Beban operasional"


DEBIT_NORMAL = {Account.CASH, Account.LOANS_RECEIVABLE, Account.OPERATING_COSTS}
ASSETS = (Account.CASH, Account.LOANS_RECEIVABLE)
LIABILITIES = (
    Account.SIMPANAN_SUKARELA,
    Account.SHU_PAYABLE,
    Account.FUND_MANAGEMENT,
    Account.FUND_EDUCATION,
    Account.FUND_SOCIAL,
)
EQUITY = (Account.SIMPANAN_POKOK, Account.SIMPANAN_WAJIB, Account.RESERVES, Account.CAPITAL)
INCOME = (Account.INTEREST_INCOME, Account.FEE_INCOME)
COSTS = (Account.OPERATING_COSTS,)


class UnbalancedEntry(ValueError):
    pass


@dataclass(frozen=True)
class Line:
    account: Account
    debit: int = 0
    credit: int = 0

    def __post_init__(self):
        if self.debit < 0 or self.credit < 0:
            raise UnbalancedEntry("Jumlah debit dan kredit tidak boleh negatif.")
        if (self.debit == 0) == (self.credit == 0):
            raise UnbalancedEntry("Setiap baris jurnal berisi debit atau kredit, tidak keduanya.")


@dataclass(frozen=True)
class Entry:
    memo: str
    lines: tuple[Line, ...]

    def __post_init__(self):
        if len(self.lines) < 2:
            raise UnbalancedEntry("Jurnal perlu paling sedikit dua baris.")
        debit = sum(line.debit for line in self.lines)
        credit = sum(line.credit for line in self.lines)
        if debit != credit:
            raise UnbalancedEntry(
                f"Jurnal tidak seimbang: debit Rp {debit:,} ≠ kredit Rp {credit:,}.".replace(
                    ",", "."
                )
            )

    def reversal(self, memo: str | None = None) -> "Entry":
        """The entry that cancels this one (debit and credit swapped)."""
        return Entry(
            memo or f"Koreksi: {self.memo}",
            tuple(Line(line.account, line.credit, line.debit) for line in self.lines),
        )


def balances(entries: Iterable[Entry]) -> dict[Account, int]:
    """Each account's balance on its normal side (assets and costs debit, the rest credit)."""
    totals: dict[Account, int] = {}
    for entry in entries:
        for line in entry.lines:
            sign = 1 if line.account in DEBIT_NORMAL else -1
            totals[line.account] = totals.get(line.account, 0) + sign * (line.debit - line.credit)
    return totals


def trial_balance(entries: Iterable[Entry]) -> tuple[int, int]:
    """(total debits, total credits) over all lines: equal for any list of valid entries."""
    debit = credit = 0
    for entry in entries:
        for line in entry.lines:
            debit += line.debit
            credit += line.credit
    return debit, credit


def loan_disbursement(amount: int) -> Entry:
    return Entry(
        "Pencairan pinjaman",
        (Line(Account.LOANS_RECEIVABLE, debit=amount), Line(Account.CASH, credit=amount)),
    )


def loan_repayment(*, principal: int, interest: int, fee: int = 0) -> Entry:
    lines = [Line(Account.CASH, debit=principal + interest + fee)]
    if principal:
        lines.append(Line(Account.LOANS_RECEIVABLE, credit=principal))
    if interest:
        lines.append(Line(Account.INTEREST_INCOME, credit=interest))
    if fee:
        lines.append(Line(Account.FEE_INCOME, credit=fee))
    return Entry("Angsuran pinjaman", tuple(lines))


def year_end_closing(
    memo: str, *, income: dict[Account, int], costs: dict[Account, int], parts: dict[Account, int]
) -> Entry:
    """Close a year: the income and cost accounts are emptied into the surplus (SHU), which goes
    to ``parts`` (reserves, members' share, funds). A loss (negative surplus) is taken from the
    reserves. ``parts`` must sum to the surplus."""
    surplus = sum(income.values()) - sum(costs.values())
    lines = [Line(account, debit=amount) for account, amount in income.items() if amount > 0]
    lines += [Line(account, credit=amount) for account, amount in costs.items() if amount > 0]
    if surplus >= 0:
        if sum(parts.values()) != surplus:
            raise UnbalancedEntry("Bagian SHU harus berjumlah sama dengan SHU.")
        lines += [Line(account, credit=amount) for account, amount in parts.items() if amount > 0]
    else:
        lines.append(Line(Account.RESERVES, debit=-surplus))
    return Entry(memo, tuple(lines))
