"""Loan schedules of a village savings-and-loan cooperative. Pure module: no Django.

Money is whole rupiah (``int``); rates are ``Decimal``. Three methods, as village cooperatives
use them (the reference for the ledger side is Apache Fineract / Mifos):

* ``FLAT``: interest each period on the *original* principal ("bunga flat 1,5% per bulan");
* ``ANNUITY``: declining balance with equal instalments;
* ``EQUAL_PRINCIPAL``: declining balance with equal principal parts (instalments fall).

Options: monthly or weekly repayments (a weekly rate is the monthly rate × 12 / 52); a grace
period on principal (interest only for the first periods, principal spread over the rest); a
fee per instalment; and rounding of every instalment *up* to a multiple (Rp 100, Rp 1.000), the
last instalment taking the remainder.

Guarantees, for every schedule: the principal parts sum exactly to the principal, no balance is
ever negative, every instalment but the last is a multiple of the rounding, and interest is
rounded half-up to the rupiah each period.
"""

import calendar
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import ROUND_CEILING, ROUND_HALF_UP, Decimal
from enum import StrEnum


class Method(StrEnum):
    FLAT = "flat"
    ANNUITY = "anuitas"
    EQUAL_PRINCIPAL = "pokok_tetap"


class Frequency(StrEnum):
    MONTHLY = "bulanan"
    WEEKLY = "mingguan"


@dataclass(frozen=True)
class Terms:
    principal: int
    monthly_rate: Decimal  # 0.015 for 1.5 % per month
    periods: int
    method: Method
    frequency: Frequency = Frequency.MONTHLY
    grace_periods: int = 0  # interest only, principal not yet due
    rounding: int = 1  # instalments are rounded up to a multiple of this
    fee_per_instalment: int = 0

    def check(self) -> None:
        """Raise ValueError (message in Bahasa Indonesia, naming the term) for impossible terms."""
        if self.principal <= 0:
            raise ValueError("Pokok pinjaman harus lebih dari nol.")
        if self.monthly_rate < 0 or self.monthly_rate > Decimal("0.1"):
            raise ValueError("Bunga per bulan harus antara 0% dan 10%.")
        if not 1 <= self.periods <= 520:
            raise ValueError("Jumlah angsuran harus 1 sampai 520.")
        if not 0 <= self.grace_periods < self.periods:
            raise ValueError("Masa tenggang harus lebih pendek dari jumlah angsuran.")
        if self.rounding < 1:
            raise ValueError("Pembulatan paling kecil Rp 1.")
        if self.fee_per_instalment < 0:
            raise ValueError("Biaya tidak boleh negatif.")

    @property
    def period_rate(self) -> Decimal:
        if self.frequency == Frequency.WEEKLY:
            return self.monthly_rate * 12 / 52
        return self.monthly_rate


@dataclass(frozen=True)
class Instalment:
    number: int
    due: date
    principal: int
    interest: int
    fee: int
    balance_after: int  # principal still owed after this instalment

    @property
    def total(self) -> int:
        return self.principal + self.interest + self.fee


def rupiah(value: Decimal) -> int:
    """Half-up to the whole rupiah."""
    return int(value.quantize(Decimal(1), rounding=ROUND_HALF_UP))


def round_up(value: Decimal | int, multiple: int) -> int:
    """Up to the next multiple (cooperatives round instalments up, never down)."""
    steps = (Decimal(value) / multiple).to_integral_value(rounding=ROUND_CEILING)
    return int(steps) * multiple


def add_months(day: date, months: int) -> date:
    """The same day ``months`` later, or the month's last day (31 Jan + 1 month = 28/29 Feb)."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def due_dates(first_due: date, count: int, frequency: Frequency) -> list[date]:
    if frequency == Frequency.WEEKLY:
        return [first_due + timedelta(weeks=i) for i in range(count)]
    return [add_months(first_due, i) for i in range(count)]


def annuity_payment(principal: int | Decimal, rate: Decimal, periods: int) -> Decimal:
    """The equal instalment that repays ``principal`` in ``periods`` at ``rate`` per period."""
    if rate == 0:
        return Decimal(principal) / periods
    return Decimal(principal) * rate / (1 - (1 + rate) ** -periods)


def schedule(terms: Terms, first_due: date) -> list[Instalment]:
    """The repayment schedule. See the module docstring for what it guarantees."""
    terms.check()
    rate = terms.period_rate
    dates = due_dates(first_due, terms.periods, terms.frequency)
    amortising = terms.periods - terms.grace_periods
    balance = terms.principal
    flat_interest = rupiah(terms.principal * rate)
    level = annuity_payment(terms.principal, rate, amortising)
    equal_part = Decimal(terms.principal) / amortising
    rows: list[Instalment] = []
    for number, due in enumerate(dates, start=1):
        interest = flat_interest if terms.method == Method.FLAT else rupiah(balance * rate)
        if number <= terms.grace_periods:
            principal = 0
        elif number == terms.periods:
            principal = balance  # the last instalment takes the remainder
        else:
            if terms.method == Method.ANNUITY:
                ideal = level
            elif terms.method == Method.FLAT:
                ideal = equal_part + flat_interest
            else:  # equal principal
                ideal = equal_part + interest
            total = round_up(ideal, terms.rounding) if terms.rounding > 1 else rupiah(ideal)
            principal = min(max(total - interest, 0), balance)
        balance -= principal
        rows.append(Instalment(number, due, principal, interest, terms.fee_per_instalment, balance))
    return rows


@dataclass(frozen=True)
class Allocation:
    fee: int
    interest: int
    principal: int
    left_over: int  # paid beyond what was due (kept as credit or returned)


def allocate(payment: int, *, fee_due: int, interest_due: int, principal_due: int) -> Allocation:
    """Split a repayment: fees first, then interest, then principal (the cooperative's order)."""
    if payment < 0:
        raise ValueError("Jumlah pembayaran tidak boleh negatif.")
    fee = min(payment, fee_due)
    interest = min(payment - fee, interest_due)
    principal = min(payment - fee - interest, principal_due)
    return Allocation(fee, interest, principal, payment - fee - interest - principal)


@dataclass(frozen=True)
class LoanPosition:
    outstanding_principal: int
    days_past_due: int


def portfolio_at_risk(loans: list[LoanPosition], *, days: int = 30) -> Decimal:
    """PAR: the share of outstanding principal in loans more than ``days`` past due (0 when the
    portfolio is empty). PAR 30 is the usual measure of a cooperative's loan quality."""
    total = sum(loan.outstanding_principal for loan in loans)
    if total == 0:
        return Decimal(0)
    at_risk = sum(loan.outstanding_principal for loan in loans if loan.days_past_due > days)
    return Decimal(at_risk) / Decimal(total)


@dataclass(frozen=True)
class Due:
    """What is still unpaid of one instalment."""

    number: int
    due: date
    fee: int
    interest: int
    principal: int

    @property
    def total(self) -> int:
        return self.fee + self.interest + self.principal


def allocate_over(payment: int, dues: list[Due]) -> tuple[list[tuple[int, Allocation]], int]:
    """Split a repayment over the unpaid instalments, oldest due first, and within each one fees,
    then interest, then principal. Money beyond what has fallen due pays the next instalments in
    the same way (paying ahead). Returns the parts per instalment number and what is left over
    when the payment exceeds everything still owed."""
    if payment < 0:
        raise ValueError("Jumlah pembayaran tidak boleh negatif.")
    parts: list[tuple[int, Allocation]] = []
    left = payment
    for due in sorted(dues, key=lambda d: (d.due, d.number)):
        if left == 0:
            break
        if due.total == 0:
            continue
        part = allocate(
            left, fee_due=due.fee, interest_due=due.interest, principal_due=due.principal
        )
        parts.append((due.number, Allocation(part.fee, part.interest, part.principal, 0)))
        left = part.left_over
    return parts, left


def payoff(dues: list[Due], on: date) -> tuple[int, int]:
    """Early repayment (pelunasan dipercepat): what settles the loan on ``on`` — everything fallen
    due, plus the principal of the instalments not yet due, whose interest and fees are waived.
    Returns (amount to pay, interest and fees waived)."""
    amount = waived = 0
    for due in dues:
        if due.due <= on:
            amount += due.total
        else:
            amount += due.principal
            waived += due.fee + due.interest
    return amount, waived


def days_past_due(dues: list[Due], on: date) -> int:
    """Days since the oldest instalment that fell due before ``on`` and is still unpaid."""
    late = [due.due for due in dues if due.total > 0 and due.due < on]
    return (on - min(late)).days if late else 0
