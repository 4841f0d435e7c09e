from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sigap.economy.ledger import (
    Account,
    Entry,
    Line,
    UnbalancedEntry,
    balances,
    loan_disbursement,
    loan_repayment,
    trial_balance,
)
from sigap.economy.shu import distribute, split_exactly

amounts = st.integers(min_value=1, max_value=10**12)


@st.composite
def entries(draw):
    kind = draw(st.sampled_from(["disburse", "repay", "savings"]))
    if kind == "disburse":
        return loan_disbursement(draw(amounts))
    if kind == "repay":
        return loan_repayment(
            principal=draw(amounts),
            interest=draw(st.integers(0, 10**9)),
            fee=draw(st.integers(0, 10**6)),
        )
    amount = draw(amounts)
    return Entry(
        "Setoran simpanan",
        (Line(Account.CASH, debit=amount), Line(Account.SIMPANAN_SUKARELA, credit=amount)),
    )


@given(st.lists(entries(), min_size=1, max_size=40))
def test_the_ledger_always_balances_and_a_reversal_nets_to_zero(book):
    debit, credit = trial_balance(book)
    assert debit == credit
    with_reversals = book + [entry.reversal() for entry in book]
    assert all(value == 0 for value in balances(with_reversals).values())


def test_an_unbalanced_entry_is_refused_with_the_amounts():
    with pytest.raises(UnbalancedEntry, match=r"debit Rp 100\.000 ≠ kredit Rp 90\.000"):
        Entry(
            "salah",
            (Line(Account.CASH, debit=100_000), Line(Account.SIMPANAN_WAJIB, credit=90_000)),
        )
    with pytest.raises(UnbalancedEntry):
        Line(Account.CASH, debit=5, credit=5)


def test_a_repayment_books_cash_against_principal_interest_and_fee():
    entry = loan_repayment(principal=84_000, interest=15_000, fee=1_000)
    book = balances([loan_disbursement(1_000_000), entry])
    assert book[Account.CASH] == -1_000_000 + 100_000
    assert book[Account.LOANS_RECEIVABLE] == 916_000
    assert book[Account.INTEREST_INCOME] == 15_000 and book[Account.FEE_INCOME] == 1_000


def test_split_exactly_by_largest_remainder():
    # 100 in three equal parts: 33.33 each → 34, 33, 33 (the first takes the extra rupiah).
    assert split_exactly(100, {"a": 1, "b": 1, "c": 1}) == {"a": 34, "b": 33, "c": 33}
    assert split_exactly(0, {"a": 1}) == {"a": 0}


def test_shu_distribution_sums_exactly_and_follows_savings_and_transactions():
    percentages = {
        "cadangan": Decimal(30),
        "jasa_modal": Decimal(25),
        "jasa_usaha": Decimal(25),
        "pengurus": Decimal(10),
        "pendidikan": Decimal(5),
        "sosial": Decimal(5),
    }
    result = distribute(
        10_000_001,
        percentages,
        savings={"Siti": 1_000_000, "Saleh": 2_000_000, "Aminah": 0},
        transactions={"Siti": 300_000, "Saleh": 0, "Aminah": 100_000},
    )
    assert sum(result.parts.values()) == 10_000_001
    # jasa modal 25 % = 2,500,000.25 → 2,500,000; Siti 1/3 → 833,333, Saleh 2/3 → 1,666,667.
    assert result.members["Siti"]["jasa_modal"] == 833_333
    assert result.members["Saleh"]["jasa_modal"] == 1_666_667
    assert result.members["Aminah"]["jasa_usaha"] == result.parts["jasa_usaha"] // 4
    total_members = sum(m["total"] for m in result.members.values())
    assert total_members == result.parts["jasa_modal"] + result.parts["jasa_usaha"]


@given(
    surplus=st.integers(0, 10**10),
    savings=st.dictionaries(st.text(min_size=1, max_size=5), st.integers(0, 10**8), min_size=1),
)
def test_member_shares_always_sum_to_their_part(surplus, savings):
    result = distribute(
        surplus,
        {"jasa_modal": Decimal(40), "jasa_usaha": Decimal(40), "cadangan": Decimal(20)},
        savings=savings,
        transactions=savings,
    )
    assert sum(result.parts.values()) == surplus
    if sum(savings.values()):
        assert sum(m["jasa_modal"] for m in result.members.values()) == result.parts["jasa_modal"]


def test_percentages_must_add_up_to_100():
    with pytest.raises(ValueError, match="berjumlah 100%, bukan 95%"):
        distribute(
            1000,
            {"jasa_modal": Decimal(50), "jasa_usaha": Decimal(45)},
            savings={},
            transactions={},
        )


def test_closing_a_year_empties_income_and_costs_into_the_parts():
    from sigap.economy.ledger import year_end_closing

    entry = year_end_closing(
        "Tutup buku 2025",
        income={Account.INTEREST_INCOME: 900_000, Account.FEE_INCOME: 100_000},
        costs={Account.OPERATING_COSTS: 200_000},
        parts={Account.RESERVES: 320_000, Account.SHU_PAYABLE: 480_000},
    )
    assert balances([entry]) == {
        Account.INTEREST_INCOME: -900_000,
        Account.FEE_INCOME: -100_000,
        Account.OPERATING_COSTS: -200_000,
        Account.RESERVES: 320_000,
        Account.SHU_PAYABLE: 480_000,
    }
    with pytest.raises(UnbalancedEntry):
        year_end_closing(
            "x",
            income={Account.INTEREST_INCOME: 100},
            costs={},
            parts={Account.RESERVES: 99},
        )


def test_a_loss_is_taken_from_the_reserves():
    from sigap.economy.ledger import year_end_closing

    entry = year_end_closing(
        "Tutup buku",
        income={Account.INTEREST_INCOME: 100_000},
        costs={Account.OPERATING_COSTS: 150_000},
        parts={},
    )
    assert balances([entry])[Account.RESERVES] == -50_000
