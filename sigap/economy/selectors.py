"""Reads of the cooperative: members, passbooks, arrears, the trial balance and the day's cash."""

from dataclasses import dataclass
from datetime import date

from django.db.models import QuerySet, Sum
from django.utils import timezone

from sigap.economy.ledger import DEBIT_NORMAL, Account
from sigap.economy.models import Cooperative, JournalEntry, JournalLine, Member
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


def balances(member: Member) -> dict[str, int]:
    """The member's savings by kind, in one query."""
    totals = dict.fromkeys(SAVINGS, 0)
    rows = (
        JournalLine.objects.filter(member=member)
        .values("account")
        .annotate(debit=Sum("debit"), credit=Sum("credit"))
    )
    by_account = {account.value: kind for kind, account in SAVINGS.items()}
    for row in rows:
        totals[by_account[row["account"]]] = row["credit"] - row["debit"]
    return totals


def wajib_arrears(member: Member, today: date | None = None) -> int:
    """Simpanan wajib due since joining (one per started month) minus what was paid."""
    today = today or timezone.localdate()
    months = (today.year - member.joined_on.year) * 12 + today.month - member.joined_on.month + 1
    due = max(months, 0) * member.cooperative.simpanan_wajib
    return max(due - balances(member)["wajib"], 0)


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
        .order_by("entry__entry_date", "entry_id", "pk")
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
    lines = JournalLine.objects.filter(entry__cooperative=cooperative)
    if until:
        lines = lines.filter(entry__entry_date__lte=until)
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
    cash = JournalLine.objects.filter(entry__cooperative=cooperative, account=Account.CASH.value)
    today = cash.filter(entry__entry_date=day).aggregate(inn=Sum("debit"), out=Sum("credit"))
    closing = cash.filter(entry__entry_date__lte=day).aggregate(d=Sum("debit"), c=Sum("credit"))
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
