"""Reads of the cooperative: members, passbooks, arrears, loans and the portfolio at risk, the trial
balance and the day's cash."""

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from django.db.models import Count, Q, QuerySet, Sum
from django.utils import timezone

from sigap.economy import ledger, schedules, services
from sigap.economy.ledger import DEBIT_NORMAL, Account
from sigap.economy.models import (
    SHU_PARTS,
    Cooperative,
    Instalment,
    JournalEntry,
    JournalLine,
    Loan,
    LoanProduct,
    Member,
    ShuShare,
    YearEnd,
)
from sigap.economy.services import SAVINGS
from sigap.registry.selectors import name_filters


def cooperative_of_village(village_id: int | None = None) -> Cooperative | None:
    cooperatives = Cooperative.objects.order_by("pk")
    if village_id:
        cooperatives = cooperatives.filter(village_id=village_id)
    return cooperatives.first()


def member_list(*, cooperative: Cooperative, q: str = "") -> QuerySet[Member]:
    members = Member.objects.filter(cooperative=cooperative).select_related(
        "resident", "resident__dusun"
    )
    query = q.strip()
    if query.isdigit():
        members = members.filter(number=f"{int(query):04d}")
    elif query:
        words = name_filters(query, field="resident_id")
        members = members.filter(*words) if words else members.none()
    return members.order_by("number")


balances = services.balances  # the member's savings by kind (one query)


def wajib_arrears(member: Member, today: date | None = None, *, paid: int | None = None) -> int:
    """Simpanan wajib due since joining (one per started month) minus what was paid (``paid``
    when the caller already has the balance). A member who has left owes nothing more."""
    if member.status != Member.Status.ACTIVE:
        return 0
    today = today or timezone.localdate()
    months = (today.year - member.joined_on.year) * 12 + today.month - member.joined_on.month + 1
    due = max(months, 0) * member.cooperative.simpanan_wajib
    return max(due - (balances(member)["wajib"] if paid is None else paid), 0)


@dataclass
class PassbookLine:
    entry: JournalEntry
    kind: str
    amount: int  # positive in, negative out
    balance: int  # the running balance of that kind of savings


def passbook(member: Member) -> list[PassbookLine]:
    """Every savings movement of the member, oldest first, with running balances per kind."""
    lines = (
        JournalLine.objects.filter(member=member)
        .select_related("entry")
        .order_by("entry_date", "entry_id", "pk")
    )
    kinds = {account.value: kind for kind, account in SAVINGS.items()}
    running = dict.fromkeys(SAVINGS, 0)
    book = []
    for line in lines:
        kind = kinds[line.account]
        amount = line.credit - line.debit
        running[kind] += amount
        book.append(PassbookLine(line.entry, kind, amount, running[kind]))
    return book


def trial_balance(*, cooperative: Cooperative, until: date | None = None) -> dict:
    """Each account's debit and credit totals and its balance on its normal side; the totals
    of both columns are equal for any set of balanced entries."""
    lines = JournalLine.objects.filter(cooperative=cooperative)
    if until:
        lines = lines.filter(entry_date__lte=until)
    rows = {
        row["account"]: row
        for row in lines.values("account").annotate(debit=Sum("debit"), credit=Sum("credit"))
    }
    accounts = []
    for account in Account:
        row = rows.get(account.value, {"debit": 0, "credit": 0})
        debit, credit = row["debit"] or 0, row["credit"] or 0
        accounts.append(
            {
                "account": account.value,
                "debit": debit,
                "credit": credit,
                "balance": debit - credit if account in DEBIT_NORMAL else credit - debit,
            }
        )
    return {
        "accounts": accounts,
        "debit": sum(a["debit"] for a in accounts),
        "credit": sum(a["credit"] for a in accounts),
    }


def cash_day(*, cooperative: Cooperative, day: date) -> dict:
    """Cash in and out on ``day`` and the closing cash balance (for the daily cash count)."""
    cash = JournalLine.objects.filter(cooperative=cooperative, account=Account.CASH.value)
    # The day's entries first (a few rows by the entry index), not every cash line joined.
    days_entries = JournalEntry.objects.filter(cooperative=cooperative, entry_date=day)
    today = JournalLine.objects.filter(
        entry_id__in=days_entries.values("pk"), account=Account.CASH.value
    ).aggregate(inn=Sum("debit"), out=Sum("credit"))
    closing = cash.filter(entry_date__lte=day).aggregate(d=Sum("debit"), c=Sum("credit"))
    return {
        "in": today["inn"] or 0,
        "out": today["out"] or 0,
        "closing": (closing["d"] or 0) - (closing["c"] or 0),
    }


def recent_entries(*, cooperative: Cooperative) -> QuerySet[JournalEntry]:
    return (
        JournalEntry.objects.filter(cooperative=cooperative)
        .select_related("created_by", "reverses")
        .prefetch_related("lines")
    )


# --- Loans -------------------------------------------------------------------------------------

PAR_DAYS = 30


def products(*, cooperative: Cooperative, active_only: bool = False) -> QuerySet[LoanProduct]:
    rows = LoanProduct.objects.filter(cooperative=cooperative)
    return rows.filter(active=True) if active_only else rows


def loan_list(
    *, cooperative: Cooperative, status: str = "", late: bool = False, q: str = ""
) -> QuerySet[Loan]:
    """Loans, newest application first; ``late`` keeps those with an instalment past due."""
    loans = Loan.objects.filter(cooperative=cooperative).select_related(
        "member", "member__resident", "product"
    )
    if status:
        loans = loans.filter(status=status)
    if late:
        loans = loans.filter(
            status=Loan.Status.ACTIVE, oldest_unpaid_due__lt=timezone.localdate()
        ).order_by("oldest_unpaid_due", "pk")
    query = q.strip()
    if query.isdigit():
        loans = loans.filter(member__number=f"{int(query):04d}")
    elif query:
        words = name_filters(query, field="member__resident_id")
        loans = loans.filter(*words) if words else loans.none()
    return loans


@dataclass
class Portfolio:
    active: int
    outstanding: int
    late: int  # loans with an instalment past due
    at_risk: int  # outstanding principal of loans more than PAR_DAYS past due
    awaiting_approval: int
    awaiting_disbursement: int

    @property
    def par(self) -> Decimal:
        """PAR 30 as a fraction (0 for an empty portfolio)."""
        return Decimal(self.at_risk) / self.outstanding if self.outstanding else Decimal(0)


def portfolio(*, cooperative: Cooperative, today: date | None = None) -> Portfolio:
    """The loan book in two indexed aggregates (the counters are kept by the services)."""
    today = today or timezone.localdate()
    active = Loan.objects.filter(cooperative=cooperative, status=Loan.Status.ACTIVE).aggregate(
        count=Count("pk"),
        outstanding=Sum("outstanding_principal"),
        late=Count("pk", filter=Q(oldest_unpaid_due__lt=today)),
        at_risk=Sum(
            "outstanding_principal",
            filter=Q(oldest_unpaid_due__lt=today - timedelta(days=PAR_DAYS)),
        ),
    )
    waiting = Loan.objects.filter(
        cooperative=cooperative, status__in=[Loan.Status.APPLIED, Loan.Status.APPROVED]
    ).aggregate(
        applied=Count("pk", filter=Q(status=Loan.Status.APPLIED)),
        approved=Count("pk", filter=Q(status=Loan.Status.APPROVED)),
    )
    return Portfolio(
        active=active["count"],
        outstanding=active["outstanding"] or 0,
        late=active["late"],
        at_risk=active["at_risk"] or 0,
        awaiting_approval=waiting["applied"],
        awaiting_disbursement=waiting["approved"],
    )


@dataclass
class LoanPosition:
    instalments: list[Instalment]
    paid: int
    arrears: int  # fallen due before today and unpaid
    days_past_due: int
    next_due: Instalment | None
    payoff: int  # settles the loan today
    payoff_waived: int


def loan_position(loan: Loan, today: date | None = None) -> LoanPosition:
    """Where a loan stands today, from its instalments (one query)."""
    today = today or timezone.localdate()
    instalments = list(loan.instalments.all())
    dues = services.instalment_dues(instalments)
    payoff, waived = schedules.payoff(dues, today)
    return LoanPosition(
        instalments=instalments,
        paid=sum(i.paid for i in instalments),
        arrears=sum(d.total for d in dues if d.due < today),
        days_past_due=schedules.days_past_due(dues, today),
        next_due=next((i for i in instalments if i.unpaid > 0), None),
        payoff=payoff,
        payoff_waived=waived,
    )


def member_loans(member: Member) -> QuerySet[Loan]:
    return member.loans.select_related("product").order_by("-applied_on", "-pk")


# --- Year end and the members' meeting (RAT) ---------------------------------------------------


def closable_years(cooperative: Cooperative) -> list[int]:
    """The one year that may be closed next (years close in order), if it has ended."""
    first = JournalEntry.objects.filter(cooperative=cooperative).order_by("entry_date").first()
    if first is None:
        return []
    last = YearEnd.objects.filter(cooperative=cooperative).order_by("-year").first()
    year = last.year + 1 if last else first.entry_date.year
    return [year] if year < timezone.localdate().year else []


def year_ends(cooperative: Cooperative) -> QuerySet[YearEnd]:
    return YearEnd.objects.filter(cooperative=cooperative).select_related("closed_by", "payout")


def year_end_of(cooperative: Cooperative, year: int) -> YearEnd | None:
    return year_ends(cooperative).filter(year=year).first()


def shu_shares(year_end: YearEnd) -> QuerySet[ShuShare]:
    return year_end.shares.select_related("member", "member__resident").order_by("member__number")


def _statement(balances: dict[str, int], accounts) -> dict:
    rows = [{"account": a.value, "amount": balances.get(a.value, 0)} for a in accounts]
    return {"rows": rows, "total": sum(row["amount"] for row in rows)}


def rat_report(year_end: YearEnd) -> dict:
    """The annual members' meeting report: the balance sheet at 31 December (after closing),
    the year's income statement, the SHU split and the membership over the year."""
    cooperative, year = year_end.cooperative, year_end.year
    end = date(year, 12, 31)
    tb = trial_balance(cooperative=cooperative, until=end)
    closing = {a["account"]: a["balance"] for a in tb["accounts"]}
    in_year = (
        JournalLine.objects.filter(
            cooperative=cooperative, entry_date__range=(date(year, 1, 1), end)
        )
        .exclude(entry=year_end.closing_id)
        .filter(account__in=[a.value for a in (*ledger.INCOME, *ledger.COSTS)])
        .values("account")
        .annotate(debit=Sum("debit"), credit=Sum("credit"))
    )
    flows = {
        row["account"]: (row["debit"] - row["credit"])
        if Account(row["account"]) in DEBIT_NORMAL
        else (row["credit"] - row["debit"])
        for row in in_year
    }
    liabilities, equity = (
        _statement(closing, ledger.LIABILITIES),
        _statement(closing, ledger.EQUITY),
    )
    members = Member.objects.filter(cooperative=cooperative)
    start = date(year, 1, 1)
    at_start = members.filter(joined_on__lt=start).exclude(exited_on__lt=start).count()
    joined = members.filter(joined_on__range=(start, end)).count()
    left = members.filter(exited_on__range=(start, end)).count()
    return {
        "assets": _statement(closing, ledger.ASSETS),
        "liabilities": liabilities,
        "equity": equity,
        "claims": liabilities["total"] + equity["total"],  # equals the assets after closing
        "income": _statement(flows, ledger.INCOME),
        "costs": _statement(flows, ledger.COSTS),
        "parts": [
            {
                "key": key,
                "label": label,
                "percent": year_end.percentages.get(key),
                "amount": year_end.parts.get(key, 0),
            }
            for key, label in SHU_PARTS.items()
        ],
        "shares": shu_shares(year_end),
        "membership": {
            "start": at_start,
            "joined": joined,
            "left": left,
            "end": at_start + joined - left,
        },
    }
