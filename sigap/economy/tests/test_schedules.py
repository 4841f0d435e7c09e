"""Loan schedules against tables computed by hand (the arithmetic is written out beside them)."""

from datetime import date
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sigap.economy.schedules import (
    Allocation,
    Due,
    Frequency,
    LoanPosition,
    Method,
    Terms,
    add_months,
    allocate,
    allocate_over,
    annuity_payment,
    days_past_due,
    payoff,
    portfolio_at_risk,
    schedule,
)

START = date(2026, 1, 31)


def table(rows):
    return [(r.principal, r.interest, r.total, r.balance_after) for r in rows]


def test_flat_1_5_percent_12_months_rounded_to_rp_1000():
    # 1,000,000 / 12 = 83,333.33 principal + 15,000 flat interest = 98,333.33 → up to 99,000.
    # Principal part 99,000 − 15,000 = 84,000 × 11 = 924,000; the last takes 76,000.
    rows = schedule(Terms(1_000_000, Decimal("0.015"), 12, Method.FLAT, rounding=1000), START)
    assert table(rows)[0] == (84_000, 15_000, 99_000, 916_000)
    assert table(rows)[10] == (84_000, 15_000, 99_000, 76_000)
    assert table(rows)[11] == (76_000, 15_000, 91_000, 0)
    assert sum(r.interest for r in rows) == 180_000


def test_flat_weekly_uses_the_monthly_rate_times_12_over_52():
    # 2 % a month = 0.4615… % a week; 520,000 × 0.02 × 12 / 52 = 2,400 a week.
    rows = schedule(
        Terms(520_000, Decimal("0.02"), 10, Method.FLAT, frequency=Frequency.WEEKLY), START
    )
    assert {(r.principal, r.interest) for r in rows} == {(52_000, 2_400)}
    assert [r.due for r in rows[:3]] == [date(2026, 1, 31), date(2026, 2, 7), date(2026, 2, 14)]


def test_equal_principal_1_percent_12_months():
    # 1,200,000 / 12 = 100,000 principal; interest 1 % of the balance: 12,000, 11,000 … 1,000.
    rows = schedule(Terms(1_200_000, Decimal("0.01"), 12, Method.EQUAL_PRINCIPAL), START)
    assert [r.principal for r in rows] == [100_000] * 12
    assert [r.interest for r in rows] == [12_000 - 1_000 * i for i in range(12)]
    assert rows[0].total == 112_000 and rows[-1].total == 101_000
    assert sum(r.interest for r in rows) == 78_000


def test_equal_principal_with_two_months_of_grace():
    # Months 1–2: interest only (10,000). Then 1,000,000 / 4 = 250,000 with interest on the
    # balance: 10,000, 7,500, 5,000, 2,500.
    rows = schedule(
        Terms(1_000_000, Decimal("0.01"), 6, Method.EQUAL_PRINCIPAL, grace_periods=2), START
    )
    assert table(rows) == [
        (0, 10_000, 10_000, 1_000_000),
        (0, 10_000, 10_000, 1_000_000),
        (250_000, 10_000, 260_000, 750_000),
        (250_000, 7_500, 257_500, 500_000),
        (250_000, 5_000, 255_000, 250_000),
        (250_000, 2_500, 252_500, 0),
    ]


def test_annuity_1_percent_12_months_matches_the_textbook_payment():
    # The textbook payment for 1,000,000 at 1 % a month over 12 months: 88,848.79.
    assert annuity_payment(1_000_000, Decimal("0.01"), 12).quantize(Decimal("0.01")) == Decimal(
        "88848.79"
    )
    rows = schedule(Terms(1_000_000, Decimal("0.01"), 12, Method.ANNUITY, rounding=100), START)
    # Rounded up to Rp 100: 88,900. Month 1: interest 10,000, principal 78,900 → 921,100.
    # Month 2: interest 9,211, principal 79,689 → 841,411. Month 3: interest 8,414 → 80,486.
    assert table(rows)[:3] == [
        (78_900, 10_000, 88_900, 921_100),
        (79_689, 9_211, 88_900, 841_411),
        (80_486, 8_414, 88_900, 760_925),
    ]
    assert all(r.total == 88_900 for r in rows[:-1])
    assert rows[-1].total < 88_900  # rounding up leaves less for the last one
    assert rows[-1].balance_after == 0


def test_annuity_with_grace_pays_interest_only_first():
    rows = schedule(
        Terms(600_000, Decimal("0.02"), 6, Method.ANNUITY, grace_periods=1, rounding=1000), START
    )
    assert (rows[0].principal, rows[0].interest) == (0, 12_000)
    # The remaining 5 periods: 600,000 × 0.02 / (1 − 1.02^−5) = 127,295.05 → 128,000.
    assert rows[1].total == 128_000


def test_fees_ride_on_every_instalment():
    rows = schedule(
        Terms(300_000, Decimal("0.01"), 3, Method.FLAT, fee_per_instalment=2_500), START
    )
    assert [r.total for r in rows] == [105_500, 105_500, 105_500]


def test_month_ends_stay_month_ends():
    assert add_months(date(2026, 1, 31), 1) == date(2026, 2, 28)
    assert add_months(date(2027, 12, 31), 2) == date(2028, 2, 29)
    rows = schedule(Terms(300_000, Decimal("0.01"), 3, Method.FLAT), START)
    assert [r.due for r in rows] == [date(2026, 1, 31), date(2026, 2, 28), date(2026, 3, 31)]


@pytest.mark.parametrize(
    ("terms", "message"),
    [
        (Terms(0, Decimal("0.01"), 12, Method.FLAT), "Pokok pinjaman"),
        (Terms(100, Decimal("0.2"), 12, Method.FLAT), "Bunga per bulan"),
        (Terms(100, Decimal("0.01"), 0, Method.FLAT), "Jumlah angsuran"),
        (Terms(100, Decimal("0.01"), 3, Method.FLAT, grace_periods=3), "Masa tenggang"),
    ],
)
def test_impossible_terms_are_refused_with_the_term_named(terms, message):
    with pytest.raises(ValueError, match=message):
        schedule(terms, START)


@given(
    principal=st.integers(min_value=10_000, max_value=500_000_000),
    rate=st.decimals(min_value=0, max_value=Decimal("0.05"), places=4),
    periods=st.integers(min_value=1, max_value=60),
    grace=st.integers(min_value=0, max_value=6),
    method=st.sampled_from(list(Method)),
    weekly=st.booleans(),
    rounding=st.sampled_from([1, 100, 500, 1000]),
)
def test_every_schedule_repays_exactly_the_principal(
    principal, rate, periods, grace, method, weekly, rounding
):
    grace = min(grace, periods - 1)
    frequency = Frequency.WEEKLY if weekly else Frequency.MONTHLY
    rows = schedule(Terms(principal, rate, periods, method, frequency, grace, rounding), START)
    assert sum(r.principal for r in rows) == principal
    assert all(r.principal >= 0 and r.balance_after >= 0 for r in rows)
    assert rows[-1].balance_after == 0
    if rounding > 1:
        early = [r for r in rows[grace:-1] if r.balance_after > 0]
        assert all(r.total % rounding == 0 for r in early)


def test_a_partial_repayment_pays_fees_then_interest_then_principal():
    split = allocate(50_000, fee_due=2_500, interest_due=15_000, principal_due=84_000)
    assert (split.fee, split.interest, split.principal, split.left_over) == (
        2_500,
        15_000,
        32_500,
        0,
    )
    short = allocate(10_000, fee_due=2_500, interest_due=15_000, principal_due=84_000)
    assert (short.fee, short.interest, short.principal) == (2_500, 7_500, 0)
    over = allocate(120_000, fee_due=0, interest_due=15_000, principal_due=84_000)
    assert over.left_over == 21_000


def test_par_30_on_a_known_portfolio():
    loans = [
        LoanPosition(1_000_000, 0),
        LoanPosition(500_000, 15),
        LoanPosition(300_000, 31),  # at risk
        LoanPosition(200_000, 90),  # at risk
        LoanPosition(0, 120),  # repaid: nothing outstanding
    ]
    assert portfolio_at_risk(loans) == Decimal("0.25")  # 500,000 / 2,000,000
    assert portfolio_at_risk(loans, days=0) == Decimal("0.5")
    assert portfolio_at_risk([]) == 0


def _dues():
    return [
        Due(1, date(2026, 2, 1), fee=1_000, interest=15_000, principal=100_000),
        Due(2, date(2026, 3, 1), fee=1_000, interest=15_000, principal=100_000),
        Due(3, date(2026, 4, 1), fee=1_000, interest=15_000, principal=100_000),
    ]


def test_a_payment_over_instalments_pays_the_oldest_first_fee_interest_principal():
    # 150.000 pays instalment 1 in full (116.000) and then 1.000 fee + 15.000 interest +
    # 18.000 principal of instalment 2.
    parts, left = allocate_over(150_000, list(reversed(_dues())))
    assert parts == [
        (1, Allocation(fee=1_000, interest=15_000, principal=100_000, left_over=0)),
        (2, Allocation(fee=1_000, interest=15_000, principal=18_000, left_over=0)),
    ]
    assert left == 0


def test_a_payment_beyond_everything_owed_is_left_over():
    parts, left = allocate_over(400_000, _dues())
    assert [number for number, _part in parts] == [1, 2, 3]
    assert left == 400_000 - 3 * 116_000


def test_payoff_waives_the_interest_and_fees_not_yet_due():
    # On 1 March instalments 1 and 2 have fallen due; instalment 3 only owes its principal.
    assert payoff(_dues(), date(2026, 3, 1)) == (2 * 116_000 + 100_000, 16_000)


def test_days_past_due_counts_from_the_oldest_unpaid_instalment():
    dues = _dues()
    assert days_past_due(dues, date(2026, 2, 1)) == 0  # due today is not late yet
    assert days_past_due(dues, date(2026, 3, 3)) == 30
    paid_first = [Due(1, date(2026, 2, 1), 0, 0, 0), *dues[1:]]
    assert days_past_due(paid_first, date(2026, 3, 3)) == 2
