"""Write a district's village cooperatives over a registry written by ``generate_registry.py``:
by default 100 cooperatives with 20,000 members, 100,000 loans (most repaid, some running, some
in arrears, a few waiting for approval or disbursement) with their schedules and repayments, and
about 2,000,000 journal lines of savings and loans.

What the district looks like: one Koperasi Desa per village, on the villages with the most adults,
sizes skewed as real ones are (the biggest about 1,400 members, the smallest about 90), founded
two to seven years ago. The biggest and oldest is written first, so it is the one the pages show
(``selectors.cooperative_of_village`` takes the first). Members pay simpanan wajib monthly,
quarterly, or stopped some months ago; some save and withdraw sukarela, a few every month (the
long passbooks). Loans follow one another through a membership; members pay one to three
instalments a visit, on time or ahead, some late; a few settle early and a few stop paying.
Each cooperative gets Dana Desa capital on its founding day, just enough that its cash never
goes below zero (the services refuse a payout the till cannot cover).

Every money movement is a balanced ``ledger.Entry`` turned into rows by
``services.journal_lines``. Schedules come from ``schedules.schedule`` with the services' terms,
repayments are split by the services' own allocation (``services._apply``: fees, interest,
principal, oldest first; early settlement waives what is not yet due), and each loan's counters
(outstanding principal, oldest unpaid due date, status) are set as ``services._refresh`` sets
them. So the books balance and the loan pages agree with the ledger as if entered by hand.

Rows get explicit ids in date order across the district (as a live system would number them)
and go in through ``core.bulk.insert_rows`` (COPY on PostgreSQL) in a few large transactions;
no audit rows (test data, not user work). Dates are relative to ``--today`` (default: today),
so arrears and PAR 30 are current when the benchmark runs; the seed makes the rest repeatable.

Refuses to run when a cooperative exists; ``--wipe`` first deletes every row of the cooperative
tables (all cooperatives, not only generated ones).

    export SIGAP_VAR_DIR=bench/out-economy
    .venv/bin/python bench/generate_registry.py --residents 300000 --villages 100
    .venv/bin/python bench/generate_economy.py
PostgreSQL: set DATABASE_URL for both.
"""

import argparse
import os
import random
import sys
import time
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("SIGAP_VAR_DIR", str(ROOT / "bench" / "out-economy"))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

import django  # noqa: E402

django.setup()

from django.apps import apps  # noqa: E402
from django.core.management.color import no_style  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.db.models import Count, Max, Sum  # noqa: E402
from django.utils import timezone  # noqa: E402

from sigap.accounts.models import User, UserRole  # noqa: E402
from sigap.core.bulk import insert_rows, refresh_statistics  # noqa: E402
from sigap.core.regions import name_of  # noqa: E402
from sigap.economy import ledger, schedules, services  # noqa: E402
from sigap.economy.ledger import Account, Line  # noqa: E402
from sigap.economy.models import (  # noqa: E402
    Cooperative,
    Instalment,
    JournalEntry,
    JournalLine,
    Loan,
    LoanProduct,
    Member,
    Repayment,
)
from sigap.registry.models import Resident  # noqa: E402

TABLES = [Cooperative, LoanProduct, Member, JournalEntry, JournalLine, Loan, Instalment, Repayment]
WRITE_BATCH = 250_000  # rows per transaction
CAPITAL_STEP = 10_000_000
SIZE_SKEW = 0.6  # cooperative of rank r has about r ** -0.6 of the members of the biggest
PRODUCTS = [
    # name, method, % per month, rounding, fee per instalment, max principal, max periods, weight
    ("Pinjaman usaha", "flat", "1.50", 1_000, 0, 10_000_000, 12, 60),
    ("Pinjaman musiman", "anuitas", "1.25", 500, 2_000, 5_000_000, 12, 25),
    ("Pinjaman darurat", "pokok_tetap", "1.00", 100, 0, 2_000_000, 6, 15),
]
PERIODS = [3, 4, 5, 6, 8, 10, 12]
PRINCIPALS = [500_000, 1_000_000, 1_500_000, 2_000_000, 3_000_000, 5_000_000]
PRINCIPAL_WEIGHTS = [20, 30, 15, 15, 12, 8]
WAJIB_PATTERNS, WAJIB_WEIGHTS = ["monthly", "quarterly", "behind"], [30, 50, 20]
SUKARELA_RATES, SUKARELA_WEIGHTS = [0.0, 0.1, 0.3, 0.8], [45, 35, 15, 5]
# Repayment behaviour of a disbursed loan and its share: on time (one to three instalments a
# visit, paid on or before the first one's due date), late (10-75 days after the last one),
# settled early, and stopped paying (the loans that make PAR 30).
BEHAVIOURS, BEHAVIOUR_WEIGHTS = ["on_time", "late", "settles", "stops"], [870, 50, 72, 8]


@dataclass(slots=True)
class Posting:
    """One journal entry to write: its date, cooperative, balanced lines and member (savings)."""

    on: date
    cooperative_id: int
    entry: ledger.Entry
    member: Member | None = None
    pk: int = 0


@dataclass(slots=True)
class LoanPlan:
    cooperative: Cooperative
    member: Member
    product: LoanProduct
    principal: int
    periods: int
    applied_on: date
    loan: Loan | None = None
    instalments: list[Instalment] = field(default_factory=list)
    repayments: list[tuple[Repayment, Posting]] = field(default_factory=list)
    disbursement: Posting | None = None


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--cooperatives", type=int, default=100)
    parser.add_argument("--members", type=int, default=20_000)
    parser.add_argument("--loans", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument("--today", type=date.fromisoformat, default=None)
    parser.add_argument(
        "--wipe", action="store_true", help="delete every cooperative row first (all of them)"
    )
    args = parser.parse_args()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    if Cooperative.objects.exists():
        if not args.wipe:
            sys.exit(
                "Cooperatives exist already: run with --wipe to delete them all and start over."
            )
        wipe()
    generate(
        cooperatives=args.cooperatives,
        members=args.members,
        loans=args.loans,
        seed=args.seed,
        today=args.today or timezone.localdate(),
    )


def wipe() -> None:
    """Delete every row of every cooperative table. PostgreSQL truncates (a DELETE would leave
    two million dead rows for the benchmark to read through until vacuum); elsewhere foreign
    keys are checked at commit, so the order does not matter."""
    start = time.perf_counter()
    quote = connection.ops.quote_name
    tables = [quote(m._meta.db_table) for m in apps.get_app_config("economy").get_models()]
    with transaction.atomic(), connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(f"TRUNCATE {', '.join(tables)}")  # noqa: S608 (model table names)
        else:
            for table in tables:
                cursor.execute(f"DELETE FROM {table}")  # noqa: S608 (model table names)
    print(f"wiped the cooperative tables in {time.perf_counter() - start:.0f} s", flush=True)


def generate(*, cooperatives: int, members: int, loans: int, seed: int, today: date) -> None:
    rng = random.Random(seed)  # noqa: S311 (test data)
    start = time.perf_counter()
    clerk, manager = staff()
    coops, products = setup(rng, cooperatives, members, today)
    people = enrol(rng, coops, members, today)
    print(f"  {len(people):,} members chosen ({time.perf_counter() - start:.0f} s)", flush=True)
    postings: list[Posting] = []
    for member in people:
        postings.extend(savings(rng, member, coops[member.cooperative_id], today))
    print(f"  {len(postings):,} savings entries ({time.perf_counter() - start:.0f} s)", flush=True)
    plans = loan_plans(rng, people, coops, products, loans, today)
    next_loan = (Loan.objects.aggregate(n=Max("pk"))["n"] or 0) + 1
    for number, plan in enumerate(plans):
        lend(rng, plan, next_loan + number, clerk, manager, today, postings)
    print(
        f"  {len(plans):,} loans, {len(postings):,} entries ({time.perf_counter() - start:.0f} s)",
        flush=True,
    )
    fund(coops, postings)
    write(people, postings, plans, clerk)
    counts = {
        "cooperatives": Cooperative.objects.count(),
        "members": Member.objects.count(),
        "entries": JournalEntry.objects.count(),
        "lines": JournalLine.objects.count(),
        "loans": Loan.objects.count(),
        "instalments": Instalment.objects.count(),
        "repayments": Repayment.objects.count(),
    }
    statuses = dict(Loan.objects.values_list("status").annotate(n=Count("pk")))
    print(f"  {counts}\n  loans by status {statuses}", flush=True)
    check()
    print(f"done in {time.perf_counter() - start:.0f} s", flush=True)


def check() -> None:
    """The books balance across the district and the loans' counters agree with the ledger
    (receivable = outstanding principal); stops with an error otherwise."""
    total = JournalLine.objects.aggregate(debit=Sum("debit"), credit=Sum("credit"))
    receivable = JournalLine.objects.filter(account=Account.LOANS_RECEIVABLE.value).aggregate(
        debit=Sum("debit"), credit=Sum("credit")
    )
    outstanding = Loan.objects.aggregate(n=Sum("outstanding_principal"))["n"] or 0
    print(
        f"  debit {total['debit']:,} credit {total['credit']:,}; receivable "
        f"{receivable['debit'] - receivable['credit']:,} outstanding {outstanding:,}",
        flush=True,
    )
    if total["debit"] != total["credit"] or receivable["debit"] - receivable["credit"] != (
        outstanding
    ):
        sys.exit("The generated books do not agree.")


def staff() -> tuple[User, User]:
    """Two Pengurus Koperasi: one records, the other approves (a loan needs a second person)."""
    users = []
    for username in ("bench-koperasi", "bench-koperasi-2"):
        user, _ = User.objects.get_or_create(username=username, defaults={"full_name": username})
        UserRole.objects.get_or_create(user=user, role="pengurus_koperasi")
        users.append(user)
    return users[0], users[1]


def _adults(today: date):
    return Resident.objects.filter(basic_status=1, birth_date__lte=today - timedelta(days=18 * 366))


def sizes(total: int, count: int) -> list[int]:
    """``total`` split over ``count`` cooperatives, rank r getting a share of r ** -SIZE_SKEW
    (largest remainders, so the sizes add up exactly), biggest first."""
    weights = [(rank + 1) ** -SIZE_SKEW for rank in range(count)]
    exact = [total * w / sum(weights) for w in weights]
    result = [int(x) for x in exact]
    by_remainder = sorted(range(count), key=lambda i: exact[i] - result[i], reverse=True)
    for i in by_remainder[: total - sum(result)]:
        result[i] += 1
    return result


def setup(
    rng: random.Random, count: int, members: int, today: date
) -> tuple[dict[int, Cooperative], dict[int, list[tuple[LoanProduct, int]]]]:
    """The cooperatives (biggest first, on the villages with the most adults) and their loan
    products."""
    villages = list(
        _adults(today)
        .values("village", "village__name", "village__code")
        .annotate(n=Count("pk"))
        .order_by("-n", "village")[:count]
    )
    if len(villages) < count:
        sys.exit(f"Only {len(villages)} villages with residents; generate a registry first.")
    wanted = sizes(members, count)
    for size, village in zip(wanted, villages, strict=True):
        if size > village["n"]:
            sys.exit(
                f"{village['village__name']} has {village['n']} adults for {size} members: "
                "generate a bigger registry (generate_registry.py --residents)."
            )
    coops: dict[int, Cooperative] = {}
    products: dict[int, list[tuple[LoanProduct, int]]] = {}
    names: set[str] = set()
    with transaction.atomic():
        for rank, (size, village) in enumerate(zip(wanted, villages, strict=True)):
            place = name_of(village["village__code"]) or village["village__name"]
            name = f"Koperasi Desa Merah Putih {place}"
            if name in names:
                name += f" ({village['village__code']})"
            names.add(name)
            coop = Cooperative.objects.create(
                village_id=village["village"],
                name=name,
                registration_number=f"AHU-BENCH-{rank + 1:04d}",
                simpanan_pokok=rng.choice([50_000, 100_000]),
                simpanan_wajib=rng.choice([10_000, 20_000, 25_000]),
            )
            # The biggest is the oldest (seven years): the longest histories are on its pages.
            coop.founded = today - timedelta(days=2555 if rank == 0 else rng.randint(730, 2555))
            coop.size = size
            coops[coop.pk] = coop
            products[coop.pk] = [
                (
                    LoanProduct.objects.create(
                        cooperative=coop,
                        name=name,
                        method=method,
                        frequency=schedules.Frequency.MONTHLY.value,
                        monthly_rate=Decimal(rate),
                        rounding=rounding,
                        fee_per_instalment=fee,
                        max_principal=max_principal,
                        max_periods=max_periods,
                    ),
                    weight,
                )
                for name, method, rate, rounding, fee, max_principal, max_periods, weight in (
                    PRODUCTS
                )
            ]
    return coops, products


def enrol(
    rng: random.Random, coops: dict[int, Cooperative], total: int, today: date
) -> list[Member]:
    """Members (unsaved, with ids): adults of the cooperative's village, numbered in the order
    they joined; a quarter joined in the first two months, the rest any day since."""
    next_pk = (Member.objects.aggregate(n=Max("pk"))["n"] or 0) + 1
    people = []
    for coop in coops.values():
        adults = list(
            _adults(today)
            .filter(village_id=coop.village_id)
            .order_by("pk")
            .values_list("pk", flat=True)
        )
        span = (today - coop.founded).days
        joined = []
        for resident_id in sorted(rng.sample(adults, coop.size)):
            days = rng.randint(0, 60) if rng.random() < 0.25 else rng.randint(0, span - 1)
            joined.append((coop.founded + timedelta(days=days), resident_id))
        joined.sort()
        for number, (joined_on, resident_id) in enumerate(joined, start=1):
            people.append(
                Member(
                    pk=next_pk,
                    cooperative_id=coop.pk,
                    resident_id=resident_id,
                    number=f"{number:04d}",
                    joined_on=joined_on,
                    status=Member.Status.ACTIVE.value,
                )
            )
            next_pk += 1
    assert len(people) == total
    return people


def _month_day(month: date, day: int, earliest: date, today: date) -> date | None:
    """``day`` of ``month``, not before ``earliest``; None when after today."""
    on = max(month.replace(day=day), earliest)
    return on if on <= today else None


def _next_month(month: date) -> date:
    return date(month.year + month.month // 12, month.month % 12 + 1, 1)


def _saving(memo: str, account: Account, amount: int) -> ledger.Entry:
    return ledger.Entry(memo, (Line(Account.CASH, debit=amount), Line(account, credit=amount)))


def savings(rng: random.Random, member: Member, coop: Cooperative, today: date) -> list[Posting]:
    """The member's savings from joining to today: pokok, wajib by their pattern, sukarela in
    and out (never below zero)."""
    number, joined = member.number, member.joined_on
    rows = [
        Posting(
            joined,
            coop.pk,
            _saving(
                f"Simpanan pokok anggota {number}", Account.SIMPANAN_POKOK, coop.simpanan_pokok
            ),
            member,
        )
    ]
    pattern = rng.choices(WAJIB_PATTERNS, WAJIB_WEIGHTS)[0]
    rate = rng.choices(SUKARELA_RATES, SUKARELA_WEIGHTS)[0]
    stop = today - timedelta(days=rng.randint(60, 720)) if pattern == "behind" else today
    wajib_memo = f"Setoran simpanan wajib anggota {number}"
    month, index, sukarela = joined.replace(day=1), 0, 0
    while month <= today:
        on = _month_day(month, rng.randint(1, 25), joined, today)
        months = 3 if pattern == "quarterly" else 1
        if on and on <= stop and index % months == 0:
            amount = coop.simpanan_wajib * months
            entry = _saving(wajib_memo, Account.SIMPANAN_WAJIB, amount)
            rows.append(Posting(on, coop.pk, entry, member))
        if rate and rng.random() < rate:
            on = _month_day(month, rng.randint(1, 20), joined, today)
            if on:
                amount = rng.choice([20_000, 50_000, 100_000, 250_000, 500_000])
                sukarela += amount
                memo = f"Setoran simpanan sukarela anggota {number}"
                entry = _saving(memo, Account.SIMPANAN_SUKARELA, amount)
                rows.append(Posting(on, coop.pk, entry, member))
        if index and sukarela >= 50_000 and rng.random() < rate / 3:
            on = _month_day(month, rng.randint(21, 28), joined, today)
            if on:
                amount = rng.randrange(10_000, sukarela + 1, 10_000)
                sukarela -= amount
                entry = ledger.Entry(
                    f"Penarikan simpanan sukarela anggota {number}",
                    (
                        Line(Account.SIMPANAN_SUKARELA, debit=amount),
                        Line(Account.CASH, credit=amount),
                    ),
                )
                rows.append(Posting(on, coop.pk, entry, member))
        month, index = _next_month(month), index + 1
    return rows


def loan_plans(
    rng: random.Random,
    people: list[Member],
    coops: dict[int, Cooperative],
    products: dict[int, list[tuple[LoanProduct, int]]],
    total: int,
    today: date,
) -> list[LoanPlan]:
    """``total`` loans shared over the members by how long they have been members and how
    often they borrow (largest remainders), one after another through each membership; sorted
    by application date so that ids follow time."""
    days = [max((today - m.joined_on).days - 14, 0) for m in people]
    # Some members borrow rarely (longer, bigger loans), some one loan after another.
    weights = [d * rng.choices([0.4, 1.0, 1.8], [30, 45, 25])[0] for d in days]
    exact = [total * w / sum(weights) for w in weights]
    counts = [int(x) for x in exact]
    by_remainder = sorted(range(len(people)), key=lambda i: exact[i] - counts[i], reverse=True)
    for i in by_remainder[: total - sum(counts)]:
        counts[i] += 1
    plans = []
    for member, span, count in zip(people, days, counts, strict=True):
        if not count:
            continue
        slot = span / count
        choices = products[member.cooperative_id]
        for k in range(count):
            product = rng.choices([p for p, _w in choices], [w for _p, w in choices])[0]
            fits = max(2, int(slot // 30) - 1)
            periods = rng.choice([p for p in PERIODS if p <= min(fits, product.max_periods)] or [2])
            # Each loan is applied for in its slot of the membership, early enough to end in it.
            room = max(0, int(slot) - periods * 30 - 7)
            applied = member.joined_on + timedelta(days=int(k * slot) + 7 + rng.randint(0, room))
            last = k == count - 1 and rng.random()
            if last and last < 0.03:
                applied = today - timedelta(days=rng.randint(0, 6))  # waiting for a decision
            elif last and last < 0.6:
                applied = today - timedelta(days=rng.randint(7, periods * 30 - 10))  # running
            applied = max(applied, member.joined_on + timedelta(days=7))
            if periods >= 8:  # the longer loans are the bigger ones
                principal = rng.choices(PRINCIPALS[2:], PRINCIPAL_WEIGHTS[2:])[0]
            else:
                principal = rng.choices(PRINCIPALS[:4], PRINCIPAL_WEIGHTS[:4])[0]
            plans.append(
                LoanPlan(
                    cooperative=coops[member.cooperative_id],
                    member=member,
                    product=product,
                    principal=min(principal, product.max_principal),
                    periods=periods,
                    applied_on=min(applied, today),
                )
            )
    plans.sort(key=lambda p: p.applied_on)
    return plans


def lend(
    rng: random.Random,
    plan: LoanPlan,
    pk: int,
    clerk: User,
    manager: User,
    today: date,
    postings: list[Posting],
) -> None:
    """The loan from application to today: decision, disbursement with its schedule, and the
    repayments its behaviour gives, each split as ``services.repayment_record`` splits it."""
    product, member = plan.product, plan.member
    decided = plan.applied_on + timedelta(days=rng.randint(0, 3))
    disbursed = decided + timedelta(days=rng.randint(0, 3))
    loan = Loan(
        pk=pk,
        cooperative_id=plan.cooperative.pk,
        member_id=member.pk,
        product_id=product.pk,
        principal=plan.principal,
        periods=plan.periods,
        purpose=rng.choice(["Modal warung", "Pupuk dan bibit", "Ternak", "Biaya sekolah"]),
        applied_on=plan.applied_on,
        applied_by_id=clerk.pk,
        fee_per_instalment=product.fee_per_instalment,
        **{name: getattr(product, name) for name in services.TERM_FIELDS},
    )
    plan.loan = loan
    if decided > today:
        loan.status = Loan.Status.APPLIED.value
        return
    loan.decided_on, loan.decided_by_id = decided, manager.pk
    if rng.random() < 0.02:
        loan.status, loan.decision_note = Loan.Status.REJECTED.value, "Angsuran lama belum lunas."
        return
    if disbursed > today:
        loan.status = Loan.Status.APPROVED.value
        return
    terms = services._terms(plan.principal, plan.periods, loan)
    rows = schedules.schedule(terms, services.first_due_after(disbursed, loan.frequency))
    plan.instalments = services.instalment_rows(pk, rows)
    memo = f"Pencairan pinjaman {loan} anggota {member.number}"
    plan.disbursement = Posting(
        disbursed,
        plan.cooperative.pk,
        ledger.Entry(memo, ledger.loan_disbursement(plan.principal).lines),
    )
    postings.append(plan.disbursement)
    loan.disbursed_on = disbursed
    _repay(rng, plan, today, postings)
    # The counters, as services._refresh keeps them.
    instalments = plan.instalments
    unpaid = [i for i in instalments if i.unpaid > 0]
    loan.outstanding_principal = sum(i.principal - i.paid_principal for i in instalments)
    loan.oldest_unpaid_due = min((i.due_date for i in unpaid), default=None)
    if unpaid:
        loan.status = Loan.Status.ACTIVE.value
    else:
        loan.status, loan.closed_on = Loan.Status.CLOSED.value, plan.repayments[-1][0].paid_on


def _repay(rng: random.Random, plan: LoanPlan, today: date, postings: list[Posting]) -> None:
    instalments, loan = plan.instalments, plan.loan
    behaviour = rng.choices(BEHAVIOURS, BEHAVIOUR_WEIGHTS)[0]
    per_visit = rng.choices([1, 2, 3], [30, 45, 25])[0]
    groups = [instalments[i : i + per_visit] for i in range(0, len(instalments), per_visit)]
    stop_at = rng.randrange(len(groups)) if behaviour == "stops" else len(groups)
    settle_at = (
        rng.randrange(1, len(groups)) if behaviour == "settles" and len(groups) > 1 else None
    )
    last = loan.disbursed_on
    memo = f"Angsuran pinjaman {loan} anggota {plan.member.number}"
    for index, group in enumerate(groups[:stop_at]):
        settles = index == settle_at
        if settles:
            on = group[0].due_date - timedelta(days=rng.randint(1, 20))
        elif behaviour == "late":
            on = group[-1].due_date + timedelta(days=rng.randint(10, 75))
        else:
            on = group[0].due_date - timedelta(days=rng.randint(0, 5))
        on = max(on, last)
        if on > today:
            break
        dues = services.instalment_dues(instalments)
        if settles:
            amount, _waived = schedules.payoff(dues, on)
        else:
            numbers = {i.number for i in group}
            amount = sum(d.total for d in dues if d.number in numbers)
        if amount <= 0:
            continue
        split = services._apply(instalments, amount, on, settles)
        pure = ledger.loan_repayment(
            principal=split.principal, interest=split.interest, fee=split.fee
        )
        posting = Posting(on, plan.cooperative.pk, ledger.Entry(memo, pure.lines))
        postings.append(posting)
        repayment = Repayment(
            loan_id=loan.pk,
            paid_on=on,
            amount=amount,
            principal=split.principal,
            interest=split.interest,
            fee=split.fee,
            settles=settles,
        )
        plan.repayments.append((repayment, posting))
        last = on
        if settles:
            break


def fund(coops: dict[int, Cooperative], postings: list[Posting]) -> None:
    """Capital (Dana Desa) on each cooperative's founding day, enough that its cash never goes
    below zero at any entry (the services refuse a payout the till cannot cover), in whole
    Rp 10 million."""
    by_coop: dict[int, list[Posting]] = {}
    for posting in postings:
        by_coop.setdefault(posting.cooperative_id, []).append(posting)
    total = 0
    for pk, rows in by_coop.items():
        rows.sort(key=lambda p: p.on)  # the order write() gives them
        balance = lowest = 0
        for posting in rows:
            balance += sum(
                line.debit - line.credit
                for line in posting.entry.lines
                if line.account == Account.CASH
            )
            lowest = min(lowest, balance)
        if lowest < 0:
            amount = -(lowest // CAPITAL_STEP) * CAPITAL_STEP
            total += amount
            entry = ledger.Entry(
                "Modal penyertaan Dana Desa",
                (Line(Account.CASH, debit=amount), Line(Account.CAPITAL, credit=amount)),
            )
            postings.append(Posting(coops[pk].founded, pk, entry))
    print(f"  capital so that cash never goes below zero: Rp {total:,}", flush=True)


def _stamp(day: date) -> datetime:
    return datetime(day.year, day.month, day.day, 2, tzinfo=UTC)  # 10:00 WITA


def _write(model, columns: list[str], rows) -> None:
    """Insert ``rows`` (tuples in the order of ``columns``) in transactions of WRITE_BATCH."""
    batch: list = []
    written = 0
    start = time.perf_counter()

    def flush():
        nonlocal written
        with transaction.atomic():
            insert_rows(model, columns, batch)
        written += len(batch)
        batch.clear()

    for row in rows:
        batch.append(row)
        if len(batch) >= WRITE_BATCH:
            flush()
    if batch:
        flush()
    name = model._meta.model_name
    print(f"  wrote {written:,} {name} rows in {time.perf_counter() - start:.0f} s", flush=True)


def _write_objects(model, objects) -> None:
    """Insert unsaved instances (ids set) with every column, so fields added to the model later
    are written with their defaults."""
    columns = [f.attname for f in model._meta.concrete_fields]
    _write(model, columns, (tuple(getattr(obj, c) for c in columns) for obj in objects))


def write(
    people: list[Member], postings: list[Posting], plans: list[LoanPlan], clerk: User
) -> None:
    """Everything in date order: entry ids follow their dates across the district. The two big
    tables go in as plain tuples (building two million model instances costs more than the
    database's own work)."""
    postings.sort(key=lambda p: p.on)  # stable: ties keep the order they were made in
    next_entry = (JournalEntry.objects.aggregate(n=Max("pk"))["n"] or 0) + 1
    for offset, posting in enumerate(postings):
        posting.pk = next_entry + offset
    for member in people:
        member.created_at = member.updated_at = _stamp(member.joined_on)
    _write_objects(Member, people)
    _write(
        JournalEntry,
        ["id", "cooperative_id", "entry_date", "memo", "created_by_id", "created_at"],
        ((p.pk, p.cooperative_id, p.on, p.entry.memo, clerk.pk, _stamp(p.on)) for p in postings),
    )
    next_line = (JournalLine.objects.aggregate(n=Max("pk"))["n"] or 0) + 1

    def lines():
        pk = next_line
        for p in postings:
            row = JournalEntry(pk=p.pk, cooperative_id=p.cooperative_id, entry_date=p.on)
            for line in services.journal_lines(row, p.entry, p.member):
                yield (
                    pk,
                    p.pk,
                    line.cooperative_id,
                    line.entry_date,
                    line.account,
                    line.debit,
                    line.credit,
                    line.member_id,
                )
                pk += 1

    columns = ["id", "entry_id", "cooperative_id", "entry_date", "account", "debit", "credit"]
    _write(JournalLine, [*columns, "member_id"], lines())
    for plan in plans:
        loan = plan.loan
        loan.created_at = loan.updated_at = _stamp(plan.applied_on)
        if plan.disbursement is not None:
            loan.disbursement_id = plan.disbursement.pk
    _write_objects(Loan, (plan.loan for plan in plans))
    instalments = [i for plan in plans for i in plan.instalments]
    next_instalment = (Instalment.objects.aggregate(n=Max("pk"))["n"] or 0) + 1
    for offset, instalment in enumerate(instalments):
        instalment.pk = next_instalment + offset
    _write_objects(Instalment, instalments)
    repayments = []
    next_repayment = (Repayment.objects.aggregate(n=Max("pk"))["n"] or 0) + 1
    for plan in plans:
        for repayment, posting in plan.repayments:
            repayment.pk, repayment.entry_id = next_repayment + len(repayments), posting.pk
            repayment.created_by_id = clerk.pk
            repayments.append(repayment)
    _write_objects(Repayment, repayments)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            for sql in connection.ops.sequence_reset_sql(no_style(), TABLES):
                cursor.execute(sql)
    refresh_statistics(*TABLES)


if __name__ == "__main__":
    main()
