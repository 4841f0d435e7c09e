"""Leaving the cooperative, other cash, and closing a year: savings paid back on exit, the SHU
computed from a closed year and split exactly, nothing dated in a closed year, SHU paid into
members' sukarela. Through the services and the real database."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from sigap.economy import selectors, services
from sigap.economy.ledger import Account
from sigap.economy.models import (
    SHU_DEFAULT_PERCENTAGES,
    JournalEntry,
    JournalLine,
    Member,
    ShuShare,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def eko(personas):
    return personas["pengurus_koperasi"]


def account(tb, which):
    return next(a for a in tb["accounts"] if a["account"] == which.value)["balance"]


def test_a_member_leaving_gets_every_saving_back_in_cash(member, eko, coop):
    services.savings_deposit(actor=eko, member=member, kind="wajib", amount=10_000)
    services.savings_deposit(actor=eko, member=member, kind="sukarela", amount=25_000)
    assert services.balances(member) == {
        "pokok": 50_000,
        "wajib": 10_000,
        "sukarela": 25_000,
    }
    with pytest.raises(ValidationError) as error:
        services.member_exit(actor=eko, member=member, reason="  ")
    assert "reason" in error.value.message_dict
    services.member_exit(actor=eko, member=member, reason="Pindah ke Mataram")
    member.refresh_from_db()
    assert (member.status, member.exit_reason) == (Member.Status.EXITED, "Pindah ke Mataram")
    assert selectors.balances(member) == {"pokok": 0, "wajib": 0, "sukarela": 0}
    assert selectors.wajib_arrears(member) == 0  # a member who has left owes no more wajib
    tb = selectors.trial_balance(cooperative=coop)
    assert account(tb, Account.CASH) == 0
    with pytest.raises(ValidationError, match="tidak dapat dibatalkan"):
        services.entry_reverse(actor=eko, entry=member.exit_entry, reason="salah")
    with pytest.raises(ValidationError, match="sudah keluar"):
        services.member_exit(actor=eko, member=member, reason="lagi")


def test_a_member_with_a_running_loan_cannot_leave(member, eko, treasurer, flat_product):
    loan = services.loan_apply(
        actor=eko, member=member, product=flat_product, principal=100_000, periods=2, purpose="x"
    )
    with pytest.raises(ValidationError, match=str(loan)):
        services.member_exit(actor=eko, member=member, reason="Pindah")
    assert Member.objects.get(pk=member.pk).status == Member.Status.ACTIVE


def test_other_cash_needs_a_memo_and_lands_on_its_account(coop, eko):
    with pytest.raises(ValidationError) as error:
        services.cash_entry(actor=eko, cooperative=coop, kind="biaya", amount=5_000, memo="")
    assert "memo" in error.value.message_dict
    services.cash_entry(
        actor=eko, cooperative=coop, kind="modal", amount=2_000_000, memo="Penyertaan Dana Desa"
    )
    services.cash_entry(actor=eko, cooperative=coop, kind="biaya", amount=75_000, memo="ATK")
    tb = selectors.trial_balance(cooperative=coop)
    assert account(tb, Account.CAPITAL) == 2_000_000
    assert account(tb, Account.OPERATING_COSTS) == 75_000


def test_the_year_plan_splits_the_surplus_exactly(coop, year_2025):
    first, second = year_2025
    plan = services.year_end_plan(cooperative=coop, year=2025, percentages=SHU_DEFAULT_PERCENTAGES)
    assert (sum(plan.income.values()), sum(plan.costs.values()), plan.surplus) == (
        72_000,
        12_000,
        60_000,
    )
    # 40/20/25/5/5/5 of 60.000.
    assert plan.allocation.parts == {
        "cadangan": 24_000,
        "jasa_modal": 12_000,
        "jasa_usaha": 15_000,
        "pengurus": 3_000,
        "pendidikan": 3_000,
        "sosial": 3_000,
    }
    # Jasa modal by pokok + wajib: 50.000 and 200.000 → 2.400 and 9.600. Jasa usaha: only the
    # first paid interest.
    assert plan.savings == {first.pk: 50_000, second.pk: 200_000}
    assert plan.allocation.members[first.pk] == {
        "jasa_modal": 2_400,
        "jasa_usaha": 15_000,
        "total": 17_400,
    }
    assert plan.allocation.members[second.pk]["total"] == 9_600


def test_percentages_must_add_up_to_100(coop, year_2025):
    with pytest.raises(ValidationError, match="100%"):
        services.year_end_plan(
            cooperative=coop, year=2025, percentages={**SHU_DEFAULT_PERCENTAGES, "sosial": 6}
        )


def test_closing_a_year_then_paying_the_shu(coop, year_2025, eko):
    first, second = year_2025
    with pytest.raises(ValidationError) as error:
        services.year_end_close(
            actor=eko, cooperative=coop, year=2026, percentages=SHU_DEFAULT_PERCENTAGES
        )
    assert "year" in error.value.message_dict
    year_end = services.year_end_close(
        actor=eko, cooperative=coop, year=2025, percentages=SHU_DEFAULT_PERCENTAGES
    )
    assert year_end.surplus == 60_000
    assert sum(s.total for s in ShuShare.objects.all()) == 27_000  # jasa modal + jasa usaha
    tb = selectors.trial_balance(cooperative=coop)
    assert tb["debit"] == tb["credit"]
    assert account(tb, Account.INTEREST_INCOME) == 0
    assert account(tb, Account.OPERATING_COSTS) == 0
    assert account(tb, Account.RESERVES) == 24_000
    assert account(tb, Account.SHU_PAYABLE) == 27_000
    # Nothing may be dated in the closed year any more.
    with pytest.raises(ValidationError) as error:
        services.savings_deposit(
            actor=eko, member=first, kind="sukarela", amount=1_000, on=date(2025, 12, 30)
        )
    assert "2025" in error.value.message_dict["on"][0]
    with pytest.raises(ValidationError, match="sudah ditutup"):
        services.year_end_close(
            actor=eko, cooperative=coop, year=2025, percentages=SHU_DEFAULT_PERCENTAGES
        )
    services.shu_pay(actor=eko, year_end=year_end)
    assert selectors.balances(first)["sukarela"] == 17_400
    assert selectors.balances(second)["sukarela"] == 9_600
    tb = selectors.trial_balance(cooperative=coop)
    assert account(tb, Account.SHU_PAYABLE) == 0
    with pytest.raises(ValidationError, match="sudah dibagikan"):
        services.shu_pay(actor=eko, year_end=year_end)


def test_years_close_in_order(coop, member, eko):
    JournalEntry.objects.update(entry_date=date(2024, 3, 1))
    JournalLine.objects.update(entry_date=date(2024, 3, 1))
    with pytest.raises(ValidationError, match="2024"):
        services.year_end_close(
            actor=eko, cooperative=coop, year=2025, percentages=SHU_DEFAULT_PERCENTAGES
        )
    services.year_end_close(
        actor=eko, cooperative=coop, year=2024, percentages=SHU_DEFAULT_PERCENTAGES
    )
    assert Decimal(coop.years.get().percentages["cadangan"]) == 40
