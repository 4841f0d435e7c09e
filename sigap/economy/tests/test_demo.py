"""The demo cooperative: savings that balance, and loans written through the services in every
state a Pengurus Koperasi meets (waiting, decided, running, late, repaid, settled early)."""

import random

import pytest
from django.contrib.auth import authenticate
from django.core.management import call_command
from django.db.models import Sum
from django.test import RequestFactory
from django.utils import timezone

from sigap.accounts.models import User
from sigap.core.demo import DEMO_USERNAMES, DemoContext, demo_password
from sigap.core.models import Village
from sigap.core.roles import Role
from sigap.core.tests.test_seed_demo import wipe_demo
from sigap.economy import demo, selectors, services
from sigap.economy.ledger import Account
from sigap.economy.models import (
    Cooperative,
    JournalEntry,
    JournalLine,
    Loan,
    LoanProduct,
    Member,
    Repayment,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def coop():
    call_command("seed_demo", "--seed", "5", "--people", "400")
    return Cooperative.objects.get()


def loans_snapshot() -> list[tuple]:
    return list(
        Loan.objects.order_by("pk").values_list(
            "member__number", "product__name", "principal", "periods", "status", "disbursed_on"
        )
    ) + list(Repayment.objects.order_by("pk").values_list("paid_on", "amount", "settles"))


def test_the_demo_cooperative_balances_and_no_savings_go_negative(coop):
    members = Member.objects.filter(cooperative=coop)
    assert 10 <= members.count() <= 300
    tb = selectors.trial_balance(cooperative=coop)
    assert tb["debit"] == tb["credit"] > 0
    for member in members:
        balances = selectors.balances(member)
        assert balances["pokok"] == coop.simpanan_pokok
        assert balances["sukarela"] >= 0
    # Some members are behind on simpanan wajib, as in a real cooperative.
    assert any(selectors.wajib_arrears(m) > coop.simpanan_wajib for m in members)
    # Running it again changes nothing.
    lines = JournalLine.objects.aggregate(total=Sum("debit"))["total"]
    call_command("seed_demo", "--seed", "5", "--people", "400", "--if-empty")
    assert JournalLine.objects.aggregate(total=Sum("debit"))["total"] == lines


def test_the_demo_loans_are_in_every_state_some_late_and_the_books_match_them(coop):
    today = timezone.localdate()
    assert set(Loan.objects.values_list("status", flat=True)) == set(Loan.Status.values)
    assert LoanProduct.objects.filter(cooperative=coop).count() == 3
    assert Repayment.objects.filter(settles=True, loan__status=Loan.Status.CLOSED).exists()
    assert Loan.objects.get(status=Loan.Status.REJECTED).decision_note
    book = selectors.portfolio(cooperative=coop, today=today)
    assert 0 < book.par < 1
    late = [loan.days_past_due(today) for loan in Loan.objects.filter(status=Loan.Status.ACTIVE)]
    assert any(1 <= days <= 30 for days in late)
    assert any(days > 30 for days in late)
    # Nothing is dated in the future, and every loan was decided before it was paid out.
    for loan in Loan.objects.exclude(decided_on=None):
        assert loan.applied_on <= loan.decided_on <= (loan.disbursed_on or today) <= today
    # The journal, the loans' counters and their instalments tell the same story.
    tb = selectors.trial_balance(cooperative=coop)
    assert tb["debit"] == tb["credit"]
    accounts = {row["account"]: row["balance"] for row in tb["accounts"]}
    outstanding = Loan.objects.aggregate(total=Sum("outstanding_principal"))["total"]
    assert accounts[Account.LOANS_RECEIVABLE.value] == outstanding > 0
    assert accounts[Account.INTEREST_INCOME.value] > 0
    assert accounts[Account.CASH.value] > 0
    for loan in Loan.objects.exclude(disbursed_on=None).prefetch_related("instalments"):
        instalments = list(loan.instalments.all())
        paid = loan.repayments.aggregate(total=Sum("amount"), principal=Sum("principal"))
        assert (paid["total"] or 0) == sum(i.paid for i in instalments)
        assert loan.principal - (paid["principal"] or 0) == loan.outstanding_principal


def test_applications_wait_for_the_main_demo_pengurus_who_may_approve_them(coop):
    manager = User.objects.get(username=DEMO_USERNAMES[Role.PENGURUS_KOPERASI])
    treasurer = User.objects.get(username=demo.TREASURER[0])
    assert treasurer.role_names == {Role.PENGURUS_KOPERASI.value}
    request = RequestFactory().post("/akun/masuk/")
    assert authenticate(request, username=treasurer.username, password=demo_password())
    waiting = Loan.objects.filter(status=Loan.Status.APPLIED)
    assert waiting.count() >= 3
    assert set(waiting.values_list("applied_by", flat=True)) == {treasurer.pk}
    services.loan_decide(actor=manager, loan=waiting.first(), approve=True)
    assert Loan.objects.filter(status=Loan.Status.APPROVED, decided_by=manager).exists()


def test_the_same_seed_writes_the_same_loans_and_only_once(coop):
    first = (loans_snapshot(), JournalEntry.objects.count(), User.objects.count())
    ctx = DemoContext(seed=5, rng=random.Random(5), password=demo_password())
    ctx.village = Village.objects.get()
    demo.build_cooperative(ctx)  # the step again, on the built village: nothing new
    assert (loans_snapshot(), JournalEntry.objects.count(), User.objects.count()) == first
    assert ("Pengurus Koperasi", demo.TREASURER[0], demo_password()) in ctx.logins
    wipe_demo()
    call_command("seed_demo", "--seed", "5", "--people", "400")
    assert loans_snapshot() == first[0]
