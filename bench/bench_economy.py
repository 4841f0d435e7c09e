"""Cooperative benchmark at district scale: a member's page with the passbook, a loan's page, the
loan book with its PAR 30 panel, the trial balance and the overview, on the district written by
``generate_economy.py`` (100 village cooperatives, 20,000 members, 100,000 loans, about
2,000,000 journal lines).

    export SIGAP_VAR_DIR=bench/out-economy
    .venv/bin/python bench/generate_registry.py --residents 300000 --villages 100
    .venv/bin/python bench/generate_economy.py
    .venv/bin/python bench/bench_economy.py
PostgreSQL: set DATABASE_URL for all three.

Pages are timed server-side through Django's test client, logged in as a Pengurus Koperasi. They
show the first cooperative (``selectors.cooperative_of_village``), which the generator makes
the biggest and oldest. The selectors behind the targets (passbook, trial balance, PAR 30, a
loan's position) are also timed on their own, and the trial balance and PAR 30 of every
cooperative one after another, as a district report would read them.
"""

import argparse
import os
import random
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("SIGAP_VAR_DIR", str(ROOT / "bench" / "out-economy"))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
os.environ.setdefault("ALLOWED_HOSTS", "testserver")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import transaction  # noqa: E402
from django.db.models import Count, Q  # noqa: E402
from django.test import Client  # noqa: E402
from django.urls import NoReverseMatch, reverse  # noqa: E402
from django.utils import timezone  # noqa: E402

from bench.harness import measure, record  # noqa: E402
from sigap.accounts.models import User, UserRole  # noqa: E402
from sigap.economy import ledger, selectors, services  # noqa: E402
from sigap.economy.models import (  # noqa: E402
    SHU_DEFAULT_PERCENTAGES,
    Cooperative,
    Instalment,
    JournalEntry,
    JournalLine,
    Loan,
    Member,
    Repayment,
)


def url(name: str, *args) -> str | None:
    """The page's address, or None while the page does not exist yet."""
    try:
        return reverse(f"economy:{name}", args=args)
    except NoReverseMatch:
        return None


def _span(low: int, high: int) -> str:
    return str(low) if low == high else f"{low}-{high}"


def _in_transaction(func, *args):
    """Services run inside a transaction (the cash check locks the cooperative row)."""
    with transaction.atomic():
        func(*args)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=40)
    parser.add_argument("--district-runs", type=int, default=5)
    args = parser.parse_args()
    call_command("collectstatic", "--noinput", verbosity=0)
    rng = random.Random(17)  # noqa: S311
    pengurus, _ = User.objects.get_or_create(
        username="bench-koperasi", defaults={"full_name": "bench-koperasi"}
    )
    UserRole.objects.get_or_create(user=pengurus, role="pengurus_koperasi")
    client = Client()
    client.force_login(pengurus, backend="sigap.accounts.backends.PasswordBackend")
    coop = selectors.cooperative_of_village()
    assert coop is not None, "no cooperative: run generate_economy.py first"
    coops = list(Cooperative.objects.order_by("pk"))
    # Members with the longest passbooks in the district, and ordinary members of the
    # cooperative the pages show.
    longest = list(
        JournalLine.objects.exclude(member=None)
        .values_list("member")
        .annotate(n=Count("pk"))
        .order_by("-n")[:40]
    )
    long_ids = [pk for pk, _n in longest]
    members = list(Member.objects.filter(cooperative=coop).values_list("pk", flat=True))
    typical_ids = rng.sample(members, min(200, len(members)))
    running = list(
        Loan.objects.filter(cooperative=coop, status=Loan.Status.ACTIVE).values_list(
            "pk", flat=True
        )
    )
    running_sample = rng.sample(running, min(200, len(running)))
    long_loans = list(
        Loan.objects.filter(status=Loan.Status.ACTIVE)
        .order_by("-periods", "pk")
        .values_list("pk", "periods")[:200]
    )

    def get(url_fn):
        def call():
            address = url_fn()
            response = client.get(address)
            assert response.status_code == 200, (address, response.status_code)

        return call

    runs, district_runs = args.runs, args.district_runs
    coop_lines = JournalLine.objects.filter(entry__cooperative=coop).count()
    coop_members = coop.members.count()
    coop_loans = coop.loans.count()
    here = f"biggest cooperative: {coop_members:,} members, {coop_lines:,} lines"
    timings = [
        measure(
            f"member page, longest passbooks ({_span(longest[-1][1], longest[0][1])} lines)",
            get(lambda: url("member_detail", rng.choice(long_ids))),
            runs=runs,
        ),
        measure(
            "member page, a member of the biggest cooperative",
            get(lambda: url("member_detail", rng.choice(typical_ids))),
            runs=runs,
        ),
        measure(f"overview ({here})", get(lambda: url("overview")), runs=runs),
        measure(f"trial balance page ({here})", get(lambda: url("trial_balance")), runs=runs),
    ]
    if url("loan_list"):
        timings += [
            measure(
                f"loan book with PAR 30 panel ({coop_loans:,} loans)",
                get(lambda: url("loan_list")),
                runs=runs,
            ),
            measure("late loans (?late=1)", get(lambda: url("loan_list") + "?late=1"), runs=runs),
        ]
    else:
        print("economy:loan_list does not exist yet: not measured")
    if url("loan_detail", 1):
        timings += [
            measure(
                "loan page, running loans of the biggest cooperative",
                get(lambda: url("loan_detail", rng.choice(running_sample))),
                runs=runs,
            ),
            measure(
                f"loan page, running loans of {_span(long_loans[-1][1], long_loans[0][1])} "
                "instalments",
                get(lambda: url("loan_detail", rng.choice(long_loans)[0])),
                runs=runs,
            ),
        ]
    else:
        print("economy:loan_detail does not exist yet: not measured")
    timings += [
        measure("home dashboard, Pengurus Koperasi", get(lambda: "/"), runs=runs),
        measure(
            "selector: passbook, longest",
            lambda: selectors.passbook(Member.objects.get(pk=rng.choice(long_ids))),
            runs=runs,
        ),
        measure(
            "selector: trial balance, biggest cooperative",
            lambda: selectors.trial_balance(cooperative=coop),
            runs=runs,
        ),
        measure(
            "selector: portfolio (PAR 30), biggest cooperative",
            lambda: selectors.portfolio(cooperative=coop),
            runs=runs,
        ),
        measure(
            "selector: loan position, running loan",
            lambda: selectors.loan_position(Loan.objects.get(pk=rng.choice(running_sample))),
            runs=runs,
        ),
    ]
    if hasattr(services, "year_end_plan"):
        last_year = timezone.localdate().year - 1
        timings.append(
            measure(
                f"service: year-end preview {last_year} (SHU split), biggest cooperative",
                lambda: services.year_end_plan(
                    cooperative=coop, year=last_year, percentages=SHU_DEFAULT_PERCENTAGES
                ),
                runs=runs,
            )
        )
    if hasattr(services, "_check_cash"):
        payout = ledger.Entry(
            "Penarikan",
            (
                ledger.Line(ledger.Account.SIMPANAN_SUKARELA, debit=10_000),
                ledger.Line(ledger.Account.CASH, credit=10_000),
            ),
        )
        timings.append(
            measure(
                "service: cash check before any payout, biggest cooperative",
                lambda: _in_transaction(services._check_cash, coop, timezone.localdate(), payout),
                runs=runs,
            )
        )
    timings += [
        measure(
            f"district: trial balance of all {len(coops)} cooperatives",
            lambda: [selectors.trial_balance(cooperative=c) for c in coops],
            runs=district_runs,
            warmup=1,
        ),
        measure(
            f"district: PAR 30 of all {len(coops)} cooperatives",
            lambda: [selectors.portfolio(cooperative=c) for c in coops],
            runs=district_runs,
            warmup=1,
        ),
    ]
    book = selectors.portfolio(cooperative=coop)
    outstanding = at_risk = 0
    for c in coops:
        p = selectors.portfolio(cooperative=c)
        outstanding, at_risk = outstanding + p.outstanding, at_risk + p.at_risk
    print(
        f"PAR 30: biggest cooperative {book.par:.1%} ({book.active:,} running, {book.late:,} "
        f"late); district {at_risk / outstanding:.1%}"
    )
    engine = settings.DATABASES["default"]["ENGINE"].rsplit(".", 1)[-1]
    loans = Loan.objects.aggregate(
        n=Count("pk"), running=Count("pk", filter=Q(status=Loan.Status.ACTIVE))
    )
    size = (
        f"{len(coops)} cooperatives, {Member.objects.count():,} members, {loans['n']:,} loans "
        f"({loans['running']:,} running), {Instalment.objects.count():,} instalments, "
        f"{Repayment.objects.count():,} repayments, {JournalEntry.objects.count():,} journal "
        f"entries, {JournalLine.objects.count():,} journal lines; the pages' cooperative "
        f"{coop_members:,} members, {coop_loans:,} loans, {coop_lines:,} lines"
    )
    print(record("Cooperative: passbook, loans, trial balance, PAR 30", engine, size, timings))


if __name__ == "__main__":
    main()
