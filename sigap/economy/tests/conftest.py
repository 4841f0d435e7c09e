"""The cooperative's fixtures: one cooperative, a member, a second Pengurus Koperasi (approvals
need two people) and a flat loan product."""

from datetime import date
from decimal import Decimal

import pytest

from conftest import PASSWORD
from sigap.accounts import services as accounts
from sigap.economy import services
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
