"""Members and savings on the append-only journal: only Pengurus Koperasi write, the ledger always
balances, sukarela never goes below zero, a reversal nets to zero, and the pages refuse bad
input with the field named."""

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from conftest import login_client
from sigap.economy import selectors, services
from sigap.economy.models import JournalEntry, JournalLine, Member

pytestmark = pytest.mark.django_db


def test_joining_pays_the_simpanan_pokok(member, coop):
    assert member.number == "0001"
    assert selectors.balances(member) == {"pokok": 50_000, "wajib": 0, "sukarela": 0}
    assert selectors.cash_day(cooperative=coop, day=date(2026, 1, 10))["in"] == 50_000


def test_only_pengurus_koperasi_write(coop, member, personas):
    for who in ("admin_desa", "koordinator", "kader"):
        with pytest.raises(PermissionDenied):
            services.savings_deposit(
                actor=personas[who], member=member, kind="sukarela", amount=1_000
            )


def test_sukarela_never_goes_below_zero_and_nothing_is_written(member, personas):
    actor = personas["pengurus_koperasi"]
    services.savings_deposit(actor=actor, member=member, kind="sukarela", amount=30_000)
    entries = JournalEntry.objects.count()
    with pytest.raises(ValidationError) as error:
        services.savings_withdraw(actor=actor, member=member, amount=30_001)
    assert "amount" in error.value.message_dict and "30.000" in str(error.value)
    assert JournalEntry.objects.count() == entries
    services.savings_withdraw(actor=actor, member=member, amount=30_000)
    assert selectors.balances(member)["sukarela"] == 0


def test_a_reversal_nets_to_zero_and_the_trial_balance_always_balances(member, coop, personas):
    actor = personas["pengurus_koperasi"]
    wrong = services.savings_deposit(actor=actor, member=member, kind="wajib", amount=100_000)
    services.entry_reverse(actor=actor, entry=wrong, reason="Salah ketik, seharusnya 10.000")
    services.savings_deposit(actor=actor, member=member, kind="wajib", amount=10_000)
    assert selectors.balances(member)["wajib"] == 10_000
    tb = selectors.trial_balance(cooperative=coop)
    assert tb["debit"] == tb["credit"] == 50_000 + 100_000 * 2 + 10_000
    with pytest.raises(ValidationError, match="sudah dikoreksi"):
        services.entry_reverse(actor=actor, entry=wrong, reason="lagi")
    # Append-only: the wrong entry is still there, cancelled by its reversal.
    assert JournalEntry.objects.filter(pk=wrong.pk).exists()
    assert wrong.reversed_by.lines.count() == 2


def test_a_database_line_is_one_sided():
    from django.db import IntegrityError, transaction

    entry_count = JournalLine.objects.count()
    with pytest.raises(IntegrityError), transaction.atomic():
        JournalLine.objects.create(entry_id=1, account="101 Kas", debit=1, credit=1)
    assert JournalLine.objects.count() == entry_count


def test_wajib_arrears_count_started_months(member):
    # Joined 10 Jan 2026; by 5 Mar 2026 three months are due (Jan, Feb, Mar): 30,000.
    assert selectors.wajib_arrears(member, date(2026, 3, 5)) == 30_000


def test_joining_twice_is_refused(member, coop, personas):
    with pytest.raises(ValidationError, match="sudah menjadi anggota"):
        services.member_join(
            actor=personas["pengurus_koperasi"], cooperative=coop, resident=member.resident
        )
    assert Member.objects.count() == 1


def test_the_pages_for_pengurus_koperasi(member, personas):
    client = login_client(personas["pengurus_koperasi"])
    page = client.get(reverse("economy:member_detail", args=[member.pk])).content.decode()
    assert member.resident.name in page and "Rp 50.000" in page
    bad = client.post(
        reverse("economy:withdraw", args=[member.pk]), {"amount": "5000", "on": "2026-02-01"}
    )
    assert bad.status_code == 400 and "Saldo simpanan sukarela hanya Rp 0" in bad.content.decode()
    ok = client.post(
        reverse("economy:deposit", args=[member.pk]),
        {"kind": "sukarela", "amount": "25000", "on": "2026-02-01"},
    )
    assert ok.status_code == 302
    tb = client.get(reverse("economy:trial_balance")).content.decode()
    assert "seimbang" in tb and "Rp 75.000" in tb


@pytest.mark.parametrize("who", ["admin_desa", "koordinator", "pendamping", "kader", "mitra"])
def test_balances_are_not_shown_to_other_roles(who, member, personas):
    client = login_client(personas[who])
    assert client.get(reverse("economy:member_detail", args=[member.pk])).status_code == 404
    page = client.get(reverse("registry:resident_detail", args=[member.resident_id]))
    assert 'data-section="resident-cooperative"' not in page.content.decode()


def test_the_setup_form_refuses_zero_savings(personas, village):
    client = login_client(personas["pengurus_koperasi"])
    response = client.post(
        reverse("economy:overview"),
        {"name": "Koperasi", "simpanan_pokok": "0", "simpanan_wajib": "10000"},
    )
    assert response.status_code == 400
    assert "Simpanan pokok" in response.content.decode()


def test_a_passbook_row_is_corrected_on_its_own_page(member, personas):
    entry = services.savings_deposit(
        actor=personas["pengurus_koperasi"], member=member, kind="sukarela", amount=7_000
    )
    client = login_client(personas["pengurus_koperasi"])
    passbook = client.get(reverse("economy:member_detail", args=[member.pk])).content.decode()
    url = reverse("economy:entry_reverse", args=[entry.pk])
    assert url in passbook
    assert "Rp 7.000" in client.get(url).content.decode()
    response = client.post(url, {"reason": ""})
    assert response.status_code == 400
    assert not JournalEntry.objects.filter(reverses=entry).exists()
    response = client.post(url, {"reason": "Salah anggota"})
    assert response.url == reverse("economy:member_detail", args=[member.pk])
    assert selectors.balances(member)["sukarela"] == 0
