"""Demo cooperative: Koperasi Desa Merah Putih Babussalam with a few hundred members (about one
adult in five, up to 300) who joined over the last two years and paid their savings month by
month; some are behind on simpanan wajib, some save and withdraw sukarela. Savings are written in
bulk (demo data, like the benchmark generator) from balanced ``ledger.Entry`` objects, so the
books balance exactly as if entered by hand.

Then three loan products and about 75 loans of the last 18 months, written through the loan
services (application by one Pengurus Koperasi, decision by the other, disbursement, repayments
month by month), so schedules, journal and counters are what the app itself produces: most paid
on time, some stopped paying or paid part of an instalment (PAR 30 above zero), some repaid or
settled early, and a few applications waiting for ``koperasi``. A second Pengurus Koperasi,
``bendahara``, exists because approval needs a second person. Capital from the Dana Desa and
monthly running costs make the SHU real; every finished year is closed and its SHU paid into the
members' sukarela in January. Deterministic by the demo seed (for a given day); each part is
built once."""

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from random import Random

from django.db.models import Sum
from django.utils import timezone

from sigap.accounts.models import User, UserRole
from sigap.core.demo import DEMO_USERNAMES, DemoContext
from sigap.core.roles import Role
from sigap.economy import ledger, selectors, services
from sigap.economy.ledger import Account, Line
from sigap.economy.models import (
    SHU_DEFAULT_PERCENTAGES,
    Cooperative,
    JournalEntry,
    JournalLine,
    Loan,
    LoanProduct,
    Member,
)
from sigap.economy.schedules import Frequency, Method
from sigap.economy.services import journal_lines
from sigap.registry.models import Resident

NAME = "Koperasi Desa Merah Putih Babussalam"
POKOK = 50_000
WAJIB = 10_000
MAX_MEMBERS = 300
CAPITAL = 25_000_000
MONTHLY_COSTS = 75_000
TREASURER = ("bendahara", "Baiq Rahmawati")


def build_cooperative(ctx: DemoContext) -> None:
    if ctx.village is None:
        return
    actor = User.objects.filter(username=DEMO_USERNAMES[Role.PENGURUS_KOPERASI]).first()
    if actor is None:
        return
    treasurer = _treasurer(ctx)
    coop = Cooperative.objects.filter(name=NAME).first()
    if coop is None and not Cooperative.objects.exists():
        coop = _build_savings(ctx, actor)
    if coop is not None and not coop.products.exists():
        _build_loans(ctx, coop, actor, treasurer)
    if coop is not None:
        _close_years(ctx, coop, actor)


def _treasurer(ctx: DemoContext) -> User:
    """The second Pengurus Koperasi: a loan is decided by someone other than its recorder."""
    username, full_name = TREASURER
    user, created = User.objects.get_or_create(username=username, defaults={"full_name": full_name})
    if created:
        user.set_password(ctx.password)
    user.is_active = True
    user.save()
    UserRole.objects.get_or_create(user=user, role=Role.PENGURUS_KOPERASI)
    ctx.logins.append((str(Role.PENGURUS_KOPERASI.label), username, ctx.password))
    return user


def _build_savings(ctx: DemoContext, actor: User) -> Cooperative:
    rng, today = ctx.rng, timezone.localdate()
    coop = Cooperative.objects.create(
        village=ctx.village,
        name=NAME,
        simpanan_pokok=POKOK,
        simpanan_wajib=WAJIB,
    )
    adults = list(
        Resident.objects.filter(
            village=ctx.village, basic_status=1, birth_date__lte=today - timedelta(days=18 * 365)
        )
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    rng.shuffle(adults)
    chosen = sorted(adults[: min(MAX_MEMBERS, len(adults) // 5)])
    members = Member.objects.bulk_create(
        Member(
            cooperative=coop,
            resident_id=resident_id,
            number=f"{number:04d}",
            joined_on=today - timedelta(days=rng.randint(30, 730)),
        )
        for number, resident_id in enumerate(chosen, start=1)
    )
    postings: list[tuple[date, ledger.Entry, Member]] = []
    for member in members:
        postings.append(
            (
                member.joined_on,
                _entry("Simpanan pokok", Account.SIMPANAN_POKOK, POKOK, member),
                member,
            )
        )
        behind = rng.random() < 0.15  # stopped paying wajib some months ago
        stop = today - timedelta(days=rng.randint(60, 180)) if behind else today
        month = date(member.joined_on.year, member.joined_on.month, 5)
        sukarela = 0
        while month <= stop:
            postings.append(
                (
                    month,
                    _entry("Setoran simpanan wajib", Account.SIMPANAN_WAJIB, WAJIB, member),
                    member,
                )
            )
            if rng.random() < 0.25:
                amount = rng.choice([20_000, 50_000, 100_000, 250_000])
                sukarela += amount
                postings.append(
                    (
                        month + timedelta(days=rng.randint(0, 20)),
                        _entry(
                            "Setoran simpanan sukarela", Account.SIMPANAN_SUKARELA, amount, member
                        ),
                        member,
                    )
                )
            elif sukarela >= 50_000 and rng.random() < 0.1:
                amount = rng.randrange(10_000, sukarela + 1, 10_000)
                sukarela -= amount
                withdrawal = ledger.Entry(
                    f"Penarikan simpanan sukarela anggota {member.number}",
                    (
                        Line(Account.SIMPANAN_SUKARELA, debit=amount),
                        Line(Account.CASH, credit=amount),
                    ),
                )
                postings.append((month + timedelta(days=21), withdrawal, member))
            month = _next_month(month)
    postings += _village_cash(today)
    postings = [p for p in postings if p[0] <= today]
    entries = JournalEntry.objects.bulk_create(
        JournalEntry(cooperative=coop, entry_date=on, memo=entry.memo, created_by=actor)
        for on, entry, _member in postings
    )
    JournalLine.objects.bulk_create(
        (
            line
            for row, (_on, entry, member) in zip(entries, postings, strict=True)
            for line in journal_lines(row, entry, member)
        ),
        batch_size=2_000,
    )
    ctx.notes.append(
        f"Demo cooperative: {len(members)} members, {len(entries)} journal entries; "
        f"'{actor.username}' is Pengurus Koperasi."
    )
    return coop


def _village_cash(today: date) -> list[tuple[date, ledger.Entry, None]]:
    """Capital from the village (Dana Desa) when loans began 18 months ago, and the monthly
    running costs (stationery, the bookkeeper's honorarium) since then."""
    start = today - timedelta(days=548)
    postings = [
        (
            start,
            ledger.Entry(
                "Penyertaan modal Dana Desa",
                (Line(Account.CASH, debit=CAPITAL), Line(Account.CAPITAL, credit=CAPITAL)),
            ),
            None,
        )
    ]
    month = date(start.year, start.month, 25)
    while month <= today:
        postings.append(
            (
                month,
                ledger.Entry(
                    "Biaya operasional: ATK dan honor pembukuan",
                    (
                        Line(Account.OPERATING_COSTS, debit=MONTHLY_COSTS),
                        Line(Account.CASH, credit=MONTHLY_COSTS),
                    ),
                ),
                None,
            )
        )
        month = _next_month(month)
    return postings


def _close_years(ctx: DemoContext, coop: Cooperative, actor: User) -> None:
    """Close every finished year (with the usual SHU split) and pay each year's SHU into the
    members' sukarela on 20 January, as the RAT would have decided."""
    while years := selectors.closable_years(coop):
        year_end = services.year_end_close(
            actor=actor, cooperative=coop, year=years[0], percentages=SHU_DEFAULT_PERCENTAGES
        )
        payday = date(year_end.year + 1, 1, 20)
        if year_end.shares.exists() and payday <= timezone.localdate():
            services.shu_pay(actor=actor, year_end=year_end, on=payday)
        ctx.notes.append(
            f"Demo year {year_end.year} closed: SHU Rp {year_end.surplus:,}".replace(",", ".")
        )


def _entry(label: str, account: Account, amount: int, member: Member) -> ledger.Entry:
    return ledger.Entry(
        f"{label} anggota {member.number}",
        (Line(Account.CASH, debit=amount), Line(account, credit=amount)),
    )


def _next_month(day: date) -> date:
    return date(day.year + day.month // 12, day.month % 12 + 1, day.day)


# --- Loans -------------------------------------------------------------------------------------

PRODUCTS = [
    {
        "name": "Pinjaman usaha",
        "method": Method.FLAT.value,
        "frequency": Frequency.MONTHLY.value,
        "monthly_rate": Decimal("1.50"),
        "grace_periods": 0,
        "rounding": 1000,
        "fee_per_instalment": 0,
        "max_principal": 5_000_000,
        "max_periods": 12,
    },
    {
        "name": "Pinjaman musiman tani",  # interest only until the harvest
        "method": Method.ANNUITY.value,
        "frequency": Frequency.MONTHLY.value,
        "monthly_rate": Decimal("1.00"),
        "grace_periods": 2,
        "rounding": 500,
        "fee_per_instalment": 0,
        "max_principal": 4_000_000,
        "max_periods": 8,
    },
    {
        "name": "Pinjaman mingguan pedagang",
        "method": Method.EQUAL_PRINCIPAL.value,
        "frequency": Frequency.WEEKLY.value,
        "monthly_rate": Decimal("2.00"),
        "grace_periods": 0,
        "rounding": 500,
        "fee_per_instalment": 1_000,
        "max_principal": 1_500_000,
        "max_periods": 25,
    },
]
# Per product: weight, principal range and step, the numbers of instalments offered, purposes.
LENDING = {
    "Pinjaman usaha": (
        5,
        (500_000, 5_000_000, 250_000),
        (6, 10, 12),
        (
            "Modal warung kelontong",
            "Tambah stok kios pulsa",
            "Modal jualan sate bulayak",
            "Peralatan bengkel las",
            "Benang untuk tenun songket",
            "Etalase dan rak warung",
        ),
    ),
    "Pinjaman musiman tani": (
        2,
        (1_000_000, 4_000_000, 250_000),
        (6, 8),
        (
            "Bibit dan pupuk padi musim hujan",
            "Pupuk dan obat tembakau",
            "Sewa traktor musim tanam",
            "Bibit jagung dan pupuk",
        ),
    ),
    "Pinjaman mingguan pedagang": (
        2,
        (200_000, 1_500_000, 100_000),
        (8, 10, 12, 16),
        (
            "Modal dagang sayur di Pasar Gerung",
            "Modal jualan ikan",
            "Dagangan kue basah",
            "Modal jualan buah",
        ),
    ),
}
MAX_LOANS = 75
HISTORY_DAYS = 540  # loans of the last 18 months
CASH_RESERVE = 1_000_000  # never lend the till below this
REJECTION = "Usaha belum berjalan; silakan mengajukan lagi setelah tiga bulan berdagang."


@dataclass
class Plan:
    """One demo loan before it is written: who behaves how."""

    kind: str  # waiting, approved, rejected, on_time, repaid, settled, stopped, partial
    product: LoanProduct
    principal: int
    periods: int
    purpose: str
    applied_on: date
    decided_on: date | None = None
    disbursed_on: date | None = None
    stopped_long_ago: bool = False  # a stopped loan: months ago (PAR 30), or at its last due


def _kinds(count: int) -> list[str]:
    """The mix: a few waiting or decided, about 10% stopped paying, about 8% paid only part of
    the last instalment, some repaid and one or two settled early; the rest pay on time."""
    big = count >= 40
    kinds = ["waiting"] * (4 if big else 3) + ["approved"] * (2 if big else 1) + ["rejected"]
    kinds += ["settled"] * (2 if big else 1) + ["repaid"] * max(2, count // 12)
    kinds += ["stopped"] * max(2, round(count * 0.1)) + ["partial"] * max(1, count // 12)
    return kinds + ["on_time"] * max(count - len(kinds), 2)


def _plans(rng: Random, today: date, products: dict[str, LoanProduct], count: int) -> list[Plan]:
    plans = []
    stopped = 0
    for kind in _kinds(count):
        name = rng.choices(list(LENDING), weights=[spec[0] for spec in LENDING.values()])[0]
        stopped += kind == "stopped"
        if kind == "settled":
            name = "Pinjaman usaha"  # a year's loan, settled part way
        elif kind == "stopped" and stopped == 2:
            name = "Pinjaman mingguan pedagang"  # late by days, not months
        _weight, (low, high, step), terms, purposes = LENDING[name]
        periods = 12 if kind == "settled" else rng.choice(terms)
        weekly = products[name].frequency == Frequency.WEEKLY
        length = periods * (7 if weekly else 31)  # days from disbursement to the last instalment
        plan = Plan(
            kind=kind,
            product=products[name],
            principal=rng.randrange(low, high + 1, step),
            periods=periods,
            purpose=rng.choice(purposes),
            applied_on=today,
        )
        if kind in ("waiting", "approved", "rejected"):
            days_ago = rng.randint(0, 40 if kind == "rejected" else 8)
            plan.applied_on = today - timedelta(days=days_ago)
            if kind != "waiting":
                plan.decided_on = min(plan.applied_on + timedelta(days=rng.randint(1, 3)), today)
            plans.append(plan)
            continue
        # The first two stopped loans cover both sides of PAR 30; most others stopped long ago.
        plan.stopped_long_ago = kind == "stopped" and (
            stopped == 1 or (stopped > 2 and rng.random() < 0.6)
        )
        if kind == "repaid":
            days_ago = rng.randint(length + 10, max(length + 10, HISTORY_DAYS))
        elif kind == "settled":
            days_ago = rng.randint(90, 330)
        elif kind == "stopped" and plan.stopped_long_ago:
            days_ago = rng.randint(100, 420)
        elif kind in ("stopped", "partial"):  # still running, behind since the last instalment
            days_ago = rng.randint(45, max(45, min(length - 10, 400)))
        else:  # more recent loans than old ones, as the cooperative grows
            days_ago = 10 + int((HISTORY_DAYS - 10) * rng.random() ** 1.4)
        plan.disbursed_on = today - timedelta(days=days_ago)
        plan.applied_on = plan.disbursed_on - timedelta(days=rng.randint(1, 7))
        plan.decided_on = plan.applied_on + timedelta(
            days=rng.randint(0, (plan.disbursed_on - plan.applied_on).days)
        )
        plans.append(plan)
    return sorted(plans, key=lambda p: (p.disbursed_on or p.applied_on, p.applied_on))


def _build_loans(ctx: DemoContext, coop: Cooperative, manager: User, treasurer: User) -> None:
    rng, today = ctx.rng, timezone.localdate()
    products = {
        spec["name"]: services.product_create(actor=manager, cooperative=coop, **spec)
        for spec in PRODUCTS
    }
    members = list(Member.objects.filter(cooperative=coop).order_by("number"))
    rng.shuffle(members)
    cash = _cash_by_day(coop)
    for plan in _plans(rng, today, products, min(MAX_LOANS, max(len(members) // 4, 20))):
        joined_by = plan.applied_on - timedelta(days=30)  # a member of at least a month
        member = next((m for m in members if m.joined_on <= joined_by), None)  # one loan each
        if member is None:
            continue
        if plan.disbursed_on:
            room = _lowest_cash(cash, plan.disbursed_on, today) - CASH_RESERVE
            plan.principal = min(plan.principal, room // 100_000 * 100_000)
            if plan.principal < 200_000:
                continue  # the till cannot pay it out that day
        members.remove(member)
        _write_loan(rng, today, plan, member, manager, treasurer, cash)
    book = selectors.portfolio(cooperative=coop, today=today)
    ctx.notes.append(
        f"Demo loans: {Loan.objects.filter(cooperative=coop).count()} in {len(products)} "
        f"products, {book.active} running ({book.late} late, PAR 30 {book.par:.1%}), "
        f"{book.awaiting_approval} applications recorded by '{treasurer.username}' await "
        f"'{manager.username}''s approval; '{treasurer.username}' is the second Pengurus Koperasi."
    )


def _write_loan(
    rng: Random,
    today: date,
    plan: Plan,
    member: Member,
    manager: User,
    treasurer: User,
    cash: dict[date, int],
) -> None:
    """Apply, decide, disburse and repay one loan through the services."""
    recorder, decider = (treasurer, manager) if plan.kind == "waiting" else (manager, treasurer)
    if plan.kind not in ("waiting", "approved", "rejected") and rng.random() < 0.5:
        recorder, decider = decider, recorder
    loan = services.loan_apply(
        actor=recorder,
        member=member,
        product=plan.product,
        principal=plan.principal,
        periods=plan.periods,
        purpose=plan.purpose,
        on=plan.applied_on,
    )
    if plan.kind == "waiting":
        return
    rejected = plan.kind == "rejected"
    services.loan_decide(
        actor=decider,
        loan=loan,
        approve=not rejected,
        note=REJECTION if rejected else "",
        on=plan.decided_on,
    )
    if plan.kind in ("approved", "rejected"):
        return
    cashier = rng.choice((manager, treasurer))
    loan = services.loan_disburse(actor=cashier, loan=loan, on=plan.disbursed_on)
    cash[plan.disbursed_on] = cash.get(plan.disbursed_on, 0) - plan.principal
    for on, amount, settle in _payments(rng, today, plan, loan):
        if settle:
            amount = selectors.loan_position(loan, today=on).payoff
        services.repayment_record(actor=cashier, loan=loan, amount=amount, on=on, settle=settle)
        cash[on] = cash.get(on, 0) + amount


def _payments(rng: Random, today: date, plan: Plan, loan: Loan) -> Iterator[tuple[date, int, bool]]:
    """(day, amount, settles) of the member's payments up to today, by the plan's behaviour.
    A settling payment's amount is worked out when it is made."""
    instalments = list(loan.instalments.all())
    fallen = [i for i in instalments if i.due_date < today]
    stop = len(instalments)  # the first instalment left unpaid
    if plan.kind in ("stopped", "partial") and fallen:
        stop = len(fallen) - 1  # the last one that fell due
        if plan.kind == "stopped" and plan.stopped_long_ago:  # paid a while, stopped months ago
            early = [n for n, i in enumerate(fallen) if i.due_date < today - timedelta(days=40)]
            months = [n for n in early if n and fallen[n].due_date >= today - timedelta(days=150)]
            stop = rng.choice(months) if months else early[-1] if early else stop
    elif plan.kind == "settled" and len(fallen) >= 2:
        stop = rng.randint(2, min(len(fallen), len(instalments) - 1))
    weekly = loan.frequency == Frequency.WEEKLY
    last = loan.disbursed_on
    for instalment in instalments[:stop]:
        on = instalment.due_date + timedelta(
            days=rng.choice((-1, 0, 0, 0, 1) if weekly else (-3, -1, 0, 0, 0, 0, 1, 2, 4))
        )
        if on > today:
            return  # due, and will be paid in a few days
        last = max(on, last)
        yield last, instalment.total, False
    if plan.kind == "partial" and stop < len(fallen):
        part = instalments[stop].total * rng.randint(3, 7) // 10 // 1000 * 1000
        on = max(last, min(today, instalments[stop].due_date + timedelta(days=rng.randint(0, 3))))
        yield on, max(part, 1000), False
    elif plan.kind == "settled" and stop < len(instalments):
        on = max(last, min(today, last + timedelta(days=rng.randint(3, 20))))
        yield on, 0, True


def _cash_by_day(coop: Cooperative) -> dict[date, int]:
    """Net cash in (+) or out (−) per day so far."""
    rows = (
        JournalLine.objects.filter(cooperative=coop, account=Account.CASH.value)
        .values("entry_date")
        .annotate(debit=Sum("debit"), credit=Sum("credit"))
    )
    return {row["entry_date"]: row["debit"] - row["credit"] for row in rows}


def _lowest_cash(cash: dict[date, int], since: date, today: date) -> int:
    """The lowest closing cash from ``since`` to today: what could be paid out on ``since``
    without the till ever going below zero later."""
    running = sum(amount for day, amount in cash.items() if day < since)
    lowest = None
    day = since
    while day <= today:
        running += cash.get(day, 0)
        lowest = running if lowest is None else min(lowest, running)
        day += timedelta(days=1)
    return lowest or 0
