from django.core.management import call_command
from django.db.models import Sum

from sigap.economy import selectors
from sigap.economy.models import Cooperative, JournalLine, Member


def test_the_demo_cooperative_balances_and_no_savings_go_negative(db):
    call_command("seed_demo", "--seed", "5", "--people", "400")
    coop = Cooperative.objects.get()
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
