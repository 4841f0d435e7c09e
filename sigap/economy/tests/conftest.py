"""The cooperative's fixtures: one cooperative, a member, a second Pengurus Koperasi (approvals
need two people), a flat loan product, and a finished year 2025 with a surplus."""

from datetime import date
from decimal import Decimal

import pytest

from conftest import PASSWORD
from sigap.accounts import services as accounts
from sigap.economy import services
from sigap.economy.models import JournalEntry, JournalLine, Member
from sigap.registry.models import Resident
from sigap.registry.tests.factories import family


@pytest.fixture
def coop(personas, village):
    return services.cooperative_create(
        actor=personas["pengurus_koperasi"],
        village=village,
        name="Koperasi Desa Merah Putih Babussalam",
        simpanan_pokok=50_000,
        simpanan_wajib=10_000,
    )


@pytest.fixture
def member(coop, personas, admin):
    _home, father, _mother, _daughter = family(admin, personas["kader"].dusun)
    return services.member_join(
        actor=personas["pengurus_koperasi"],
        cooperative=coop,
        resident=father,
        joined_on=date(2026, 1, 10),
    )


@pytest.fixture
def treasurer(admin):
    return accounts.user_create(
        actor=admin,
        username="bendahara",
        full_name="Baiq Bendahara",
        password=PASSWORD,
        roles=["pengurus_koperasi"],
    )


@pytest.fixture
def flat_product(coop, personas):
    """1,5% flat per month, monthly, instalments rounded up to Rp 1.000."""
    return services.product_create(
        actor=personas["pengurus_koperasi"],
        cooperative=coop,
        name="Pinjaman usaha",
        method="flat",
        frequency="bulanan",
        monthly_rate=Decimal("1.50"),
        grace_periods=0,
        rounding=1000,
        fee_per_instalment=0,
        max_principal=5_000_000,
        max_periods=24,
    )


@pytest.fixture
def year_2025(coop, member, personas, treasurer, flat_product):
    """2025: two members; the first borrows 1.200.000 (flat 1,5%) and pays four instalments
    (72.000 interest); 12.000 of costs. Surplus 60.000."""
    eko = personas["pengurus_koperasi"]
    mother = Resident.objects.exclude(pk=member.resident_id).order_by("pk").first()
    Member.objects.filter(pk=member.pk).update(joined_on=date(2025, 1, 10))
    JournalEntry.objects.update(entry_date=date(2025, 1, 10))
    JournalLine.objects.update(entry_date=date(2025, 1, 10))
    member.refresh_from_db()
    second = services.member_join(
        actor=eko, cooperative=coop, resident=mother, joined_on=date(2025, 1, 15)
    )
    services.savings_deposit(
        actor=eko, member=second, kind="wajib", amount=150_000, on=date(2025, 3, 1)
    )
    services.cash_entry(
        actor=eko,
        cooperative=coop,
        kind="modal",
        amount=2_000_000,
        memo="Dana Desa",
        on=date(2025, 1, 5),
    )
    loan = services.loan_apply(
        actor=eko,
        member=member,
        product=flat_product,
        principal=1_200_000,
        periods=12,
        purpose="Modal",
        on=date(2025, 2, 1),
    )
    services.loan_decide(actor=treasurer, loan=loan, approve=True, on=date(2025, 2, 1))
    services.loan_disburse(actor=eko, loan=loan, on=date(2025, 2, 1))
    for month in range(3, 7):
        services.repayment_record(actor=eko, loan=loan, amount=118_000, on=date(2025, month, 1))
    services.cash_entry(
        actor=eko, cooperative=coop, kind="biaya", amount=12_000, memo="ATK", on=date(2025, 7, 1)
    )
    return member, second
