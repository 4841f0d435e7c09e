"""Loans from application to the last repayment, through the services and the real database:
second-person approval, the schedule fixed at disbursement, repayments split fees → interest →
principal, early settlement, corrections that replay the schedule, and PAR 30 on a known book."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sigap.economy import schedules, selectors, services
from sigap.economy.ledger import Account
from sigap.economy.models import JournalEntry, JournalLine, Loan, Repayment
from sigap.registry.models import Resident

pytestmark = pytest.mark.django_db

DISBURSED = date(2026, 1, 10)


def lines_of(entry):
    return sorted((line.account, line.debit, line.credit) for line in entry.lines.all())


@pytest.fixture
def eko(personas):
    return personas["pengurus_koperasi"]


@pytest.fixture
def make_loan(member, flat_product, eko, treasurer):
    """A loan applied for by Eko, approved by the treasurer and disbursed on 10 Jan 2026 (the
    village put Rp 10.000.000 of capital in the till on 1 January)."""
    services.cash_entry(
        actor=eko,
        cooperative=member.cooperative,
        kind="modal",
        amount=10_000_000,
        memo="Penyertaan Dana Desa",
        on=date(2026, 1, 1),
    )

    def make(principal=1_200_000, periods=12, on=DISBURSED, who=member):
        loan = services.loan_apply(
            actor=eko,
            member=who,
            product=flat_product,
            principal=principal,
            periods=periods,
            purpose="Modal warung",
            on=on,
        )
        services.loan_decide(actor=treasurer, loan=loan, approve=True, on=on)
        return services.loan_disburse(actor=eko, loan=loan, on=on)

    return make


def test_the_person_who_records_an_application_cannot_approve_it(
    member, flat_product, eko, treasurer
):
    loan = services.loan_apply(
        actor=eko,
        member=member,
        product=flat_product,
        principal=1_000_000,
        periods=10,
        purpose="Modal",
        on=DISBURSED,
    )
    with pytest.raises(ValidationError, match="pengurus lain"):
        services.loan_decide(actor=eko, loan=loan, approve=True)
    with pytest.raises(ValidationError) as error:
        services.loan_decide(actor=treasurer, loan=loan, approve=False)
    assert "note" in error.value.message_dict  # a rejection needs its reason
    loan.refresh_from_db()
    assert loan.status == Loan.Status.APPLIED
    services.loan_decide(actor=treasurer, loan=loan, approve=False, note="Usaha belum jelas")
    loan.refresh_from_db()
    assert (loan.status, loan.decided_by) == (Loan.Status.REJECTED, treasurer)
    with pytest.raises(ValidationError, match="dicairkan"):
        services.loan_disburse(actor=eko, loan=loan)


def test_only_pengurus_koperasi_handle_loans(member, flat_product, personas):
    for who in ("admin_desa", "koordinator", "pendamping", "kader", "mitra", "analis"):
        with pytest.raises(PermissionDenied):
            services.loan_apply(
                actor=personas[who],
                member=member,
                product=flat_product,
                principal=100_000,
                periods=2,
                purpose="x",
            )


@pytest.mark.parametrize(
    ("principal", "periods", "purpose", "field"),
    [
        (0, 12, "Modal", "principal"),
        (5_000_001, 12, "Modal", "principal"),
        (1_000_000, 25, "Modal", "periods"),
        (1_000_000, 0, "Modal", "periods"),
        (1_000_000, 12, "  ", "purpose"),
    ],
)
def test_an_application_outside_the_product_is_refused_with_the_field_named(
    member, flat_product, eko, principal, periods, purpose, field
):
    with pytest.raises(ValidationError) as error:
        services.loan_apply(
            actor=eko,
            member=member,
            product=flat_product,
            principal=principal,
            periods=periods,
            purpose=purpose,
        )
    assert field in error.value.message_dict
    assert not Loan.objects.exists()


def test_a_loan_larger_than_the_cash_is_refused_and_nothing_is_written(
    member, flat_product, eko, treasurer
):
    loan = services.loan_apply(
        actor=eko,
        member=member,
        product=flat_product,
        principal=1_000_000,
        periods=10,
        purpose="Modal",
        on=DISBURSED,
    )
    services.loan_decide(actor=treasurer, loan=loan, approve=True, on=DISBURSED)
    entries = JournalEntry.objects.count()
    with pytest.raises(ValidationError, match="Kas koperasi hanya Rp 50.000"):
        services.loan_disburse(actor=eko, loan=loan, on=DISBURSED)
    loan.refresh_from_db()
    assert (loan.status, loan.instalments.count()) == (Loan.Status.APPROVED, 0)
    assert JournalEntry.objects.count() == entries


def test_disbursement_fixes_the_schedule_and_moves_cash_to_the_receivable(make_loan):
    loan = make_loan()
    assert loan.status == Loan.Status.ACTIVE
    # Flat 1,5% of 1.200.000 = 18.000 interest; 100.000 principal; 118.000 a month.
    rows = list(loan.instalments.all())
    assert len(rows) == 12
    assert {(r.principal, r.interest, r.fee) for r in rows} == {(100_000, 18_000, 0)}
    assert rows[0].due_date == date(2026, 2, 10)
    assert rows[-1].due_date == date(2027, 1, 10)
    assert lines_of(loan.disbursement) == [
        (Account.CASH.value, 0, 1_200_000),
        (Account.LOANS_RECEIVABLE.value, 1_200_000, 0),
    ]
    assert loan.outstanding_principal == 1_200_000
    assert loan.oldest_unpaid_due == date(2026, 2, 10)


def test_a_partial_repayment_pays_interest_before_principal(make_loan, eko):
    loan = make_loan()
    repayment = services.repayment_record(actor=eko, loan=loan, amount=50_000, on=date(2026, 2, 10))
    assert (repayment.fee, repayment.interest, repayment.principal) == (0, 18_000, 32_000)
    assert lines_of(repayment.entry) == [
        (Account.CASH.value, 50_000, 0),
        (Account.LOANS_RECEIVABLE.value, 0, 32_000),
        (Account.INTEREST_INCOME.value, 0, 18_000),
    ]
    loan.refresh_from_db()
    assert loan.outstanding_principal == 1_168_000
    assert loan.oldest_unpaid_due == date(2026, 2, 10)  # instalment 1 is not complete
    position = selectors.loan_position(loan, today=date(2026, 3, 15))
    # Still owed from 1 (68.000) and all of 2 (118.000), 33 days after instalment 1 fell due.
    assert position.arrears == 68_000 + 118_000
    assert position.days_past_due == 33


def test_paying_more_than_is_owed_is_refused_and_nothing_is_written(make_loan, eko):
    loan = make_loan(principal=200_000, periods=2)  # 2 × (100.000 + 3.000)
    entries = JournalEntry.objects.count()
    with pytest.raises(ValidationError) as error:
        services.repayment_record(actor=eko, loan=loan, amount=206_001, on=date(2026, 2, 10))
    assert "Rp 206.000" in error.value.message_dict["amount"][0]
    assert JournalEntry.objects.count() == entries
    assert not Repayment.objects.exists()


def test_paying_everything_closes_the_loan(make_loan, eko):
    loan = make_loan(principal=200_000, periods=2)
    services.repayment_record(actor=eko, loan=loan, amount=103_000, on=date(2026, 2, 10))
    services.repayment_record(actor=eko, loan=loan, amount=103_000, on=date(2026, 3, 9))
    loan.refresh_from_db()
    assert (loan.status, loan.closed_on, loan.outstanding_principal) == (
        Loan.Status.CLOSED,
        date(2026, 3, 9),
        0,
    )
    with pytest.raises(ValidationError, match="tidak sedang berjalan"):
        services.repayment_record(actor=eko, loan=loan, amount=1_000)


def test_early_settlement_waives_the_interest_not_yet_due(make_loan, eko):
    loan = make_loan()
    services.repayment_record(actor=eko, loan=loan, amount=118_000, on=date(2026, 2, 10))
    on = date(2026, 3, 12)  # instalment 2 has fallen due; 10 more are not yet due
    position = selectors.loan_position(loan, today=on)
    assert (position.payoff, position.payoff_waived) == (118_000 + 1_000_000, 10 * 18_000)
    with pytest.raises(ValidationError, match="tepat Rp 1.118.000"):
        services.repayment_record(actor=eko, loan=loan, amount=1_000_000, on=on, settle=True)
    repayment = services.repayment_record(
        actor=eko, loan=loan, amount=1_118_000, on=on, settle=True
    )
    assert (repayment.interest, repayment.principal) == (18_000, 1_100_000)
    loan.refresh_from_db()
    assert loan.status == Loan.Status.CLOSED
    assert sum(i.waived for i in loan.instalments.all()) == 180_000


def test_only_the_latest_repayment_is_corrected_and_the_schedule_replays(make_loan, eko):
    loan = make_loan()
    first = services.repayment_record(actor=eko, loan=loan, amount=118_000, on=date(2026, 2, 10))
    second = services.repayment_record(actor=eko, loan=loan, amount=150_000, on=date(2026, 3, 10))
    with pytest.raises(ValidationError, match="terakhir"):
        services.repayment_reverse(actor=eko, repayment=first, reason="salah")
    with pytest.raises(ValidationError) as error:
        services.repayment_reverse(actor=eko, repayment=second, reason=" ")
    assert "reason" in error.value.message_dict
    reversal = services.repayment_reverse(actor=eko, repayment=second, reason="Salah anggota")
    assert reversal.reverses == second.entry
    assert sorted((a, c, d) for a, d, c in lines_of(second.entry)) == lines_of(reversal)
    loan.refresh_from_db()
    assert loan.outstanding_principal == 1_100_000
    assert loan.oldest_unpaid_due == date(2026, 3, 10)
    rows = list(loan.instalments.all())
    assert rows[0].unpaid == 0 and rows[1].paid == 0 and rows[2].paid == 0
    # Now the first is the latest and may be corrected too.
    services.repayment_reverse(actor=eko, repayment=first, reason="Salah pinjaman")
    loan.refresh_from_db()
    assert loan.outstanding_principal == 1_200_000


def test_a_repayment_cannot_be_dated_before_the_last_one(make_loan, eko):
    loan = make_loan()
    services.repayment_record(actor=eko, loan=loan, amount=118_000, on=date(2026, 3, 10))
    with pytest.raises(ValidationError) as error:
        services.repayment_record(actor=eko, loan=loan, amount=118_000, on=date(2026, 3, 1))
    assert "on" in error.value.message_dict


def test_loan_entries_are_corrected_only_from_the_loan(make_loan, eko):
    loan = make_loan()
    with pytest.raises(ValidationError, match="halaman pinjaman"):
        services.entry_reverse(actor=eko, entry=loan.disbursement, reason="salah")
    services.disbursement_reverse(actor=eko, loan=loan, reason="Dicatat dua kali")
    loan.refresh_from_db()
    assert (loan.status, loan.instalments.count(), loan.outstanding_principal) == (
        Loan.Status.APPROVED,
        0,
        0,
    )
    tb = selectors.trial_balance(cooperative=loan.cooperative)
    receivable = next(a for a in tb["accounts"] if a["account"] == Account.LOANS_RECEIVABLE)
    assert receivable["balance"] == 0


def test_par_30_on_a_known_portfolio(make_loan, eko, coop, member):
    others = Resident.objects.exclude(pk=member.resident_id).order_by("pk")[:2]
    members = [member] + [
        services.member_join(actor=eko, cooperative=coop, resident=p, joined_on=DISBURSED)
        for p in others
    ]
    current, late_20, late_45 = (make_loan(who=m) for m in members)
    # Instalments fall due on the 10th. On 25 April: current paid Feb–Apr; late_20 paid Feb and
    # Mar (April's is 15 days late); late_45 paid only Feb (March's is 46 days late).
    for loan, months in ((current, 3), (late_20, 2), (late_45, 1)):
        for month in range(months):
            services.repayment_record(
                actor=eko, loan=loan, amount=118_000, on=date(2026, 2 + month, 10)
            )
    today = date(2026, 4, 25)
    book = selectors.portfolio(cooperative=coop, today=today)
    assert (book.active, book.late) == (3, 2)
    assert book.outstanding == 900_000 + 1_000_000 + 1_100_000
    assert book.at_risk == 1_100_000
    positions = [
        schedules.LoanPosition(loan.outstanding_principal, loan.days_past_due(today))
        for loan in Loan.objects.all()
    ]
    assert book.par == schedules.portfolio_at_risk(positions) == Decimal(1_100_000) / 3_000_000


@settings(
    max_examples=15,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(st.lists(st.one_of(st.integers(1_000, 400_000), st.just("reverse")), min_size=1, max_size=8))
def test_the_books_always_balance_and_match_the_loan(make_loan, eko, steps):
    with transaction.atomic():
        loan = make_loan()
        day = DISBURSED
        for step in steps:
            day += timedelta(days=20)
            loan.refresh_from_db()
            if loan.status != Loan.Status.ACTIVE:
                break
            last = loan.repayments.filter(reversal=None).order_by("-paid_on", "-pk").first()
            if step == "reverse":
                if last is not None:
                    services.repayment_reverse(actor=eko, repayment=last, reason="uji")
                continue
            owed = selectors.loan_position(loan, today=day)
            amount = min(step, sum(i.unpaid for i in owed.instalments))
            services.repayment_record(actor=eko, loan=loan, amount=amount, on=day)
        loan.refresh_from_db()
        tb = selectors.trial_balance(cooperative=loan.cooperative)
        assert tb["debit"] == tb["credit"]
        receivable = next(a for a in tb["accounts"] if a["account"] == Account.LOANS_RECEIVABLE)
        assert receivable["balance"] == loan.outstanding_principal
        live = loan.repayments.filter(reversal=None)
        instalments = list(loan.instalments.all())
        assert sum(r.amount for r in live) == sum(i.paid for i in instalments)
        assert sum(r.principal for r in live) == sum(i.paid_principal for i in instalments)
        assert JournalLine.objects.filter(cooperative=loan.cooperative).count() > 0
        transaction.set_rollback(True)
