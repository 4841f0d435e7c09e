"""The loan pages: bad input is refused in place with the field named and nothing written; the
application previews its schedule; the second Pengurus decides; disbursement and repayments
through the forms land in the journal."""

from datetime import date

import pytest
from django.urls import reverse
from django.utils import timezone

from conftest import login_client
from sigap.economy import services
from sigap.economy.models import JournalEntry, Loan, LoanProduct, Repayment

pytestmark = pytest.mark.django_db

PRODUCT = {
    "name": "Pinjaman tani",
    "method": "anuitas",
    "frequency": "bulanan",
    "monthly_rate": "1.00",
    "max_principal": "3000000",
    "max_periods": "12",
    "grace_periods": "0",
    "rounding": "100",
    "fee_per_instalment": "0",
}


@pytest.fixture
def eko_client(personas):
    return login_client(personas["pengurus_koperasi"])


def test_a_product_with_impossible_terms_is_refused_with_the_field_named(eko_client, coop):
    url = reverse("economy:product_list")
    response = eko_client.post(url, {**PRODUCT, "grace_periods": "12"})
    assert response.status_code == 400
    assert "Masa tenggang harus lebih pendek" in response.content.decode()
    response = eko_client.post(url, {**PRODUCT, "monthly_rate": "12"})
    assert response.status_code == 400
    assert not LoanProduct.objects.exists()
    assert eko_client.post(url, PRODUCT).status_code == 302
    assert "Pinjaman tani" in eko_client.get(url).content.decode()
    response = eko_client.post(url, {**PRODUCT, "name": "pinjaman TANI"})
    assert "sudah dipakai" in response.content.decode()


def test_the_application_previews_its_schedule_and_refuses_too_much(
    eko_client, member, flat_product
):
    url = reverse("economy:loan_apply", args=[member.pk])
    data = {
        "product": flat_product.pk,
        "principal": "1200000",
        "periods": "12",
        "purpose": "Modal warung",
        "on": timezone.localdate().isoformat(),
    }
    html = eko_client.post(url, {**data, "preview": "1"}).content.decode()
    assert html.count("Rp 118.000") == 12  # flat 1,5%: 100.000 + 18.000, twelve times
    assert not Loan.objects.exists()
    response = eko_client.post(url, {**data, "principal": "6000000", "apply": "1"})
    assert response.status_code == 400
    assert "paling besar Rp 5.000.000" in response.content.decode()
    response = eko_client.post(url, {**data, "purpose": "", "apply": "1"})
    assert "Tulis keperluan pinjaman" in response.content.decode()
    assert not Loan.objects.exists()
    response = eko_client.post(url, {**data, "apply": "1"})
    loan = Loan.objects.get()
    assert response.url == reverse("economy:loan_detail", args=[loan.pk])
    page = eko_client.get(response.url).content.decode()
    assert "pengurus lain yang memutuskannya" in page
    assert 'data-testid="decide-form"' not in page


def test_decide_disburse_and_repay_through_the_pages(
    eko_client, member, flat_product, treasurer, personas
):
    loan = Loan.objects.create(
        cooperative=member.cooperative,
        member=member,
        product=flat_product,
        principal=1_200_000,
        periods=12,
        purpose="Modal",
        applied_on=date(2026, 1, 5),
        applied_by=personas["pengurus_koperasi"],
        method="flat",
        frequency="bulanan",
        monthly_rate=flat_product.monthly_rate,
        rounding=1000,
    )
    services.cash_entry(
        actor=personas["pengurus_koperasi"],
        cooperative=member.cooperative,
        kind="modal",
        amount=5_000_000,
        memo="Dana Desa",
        on=date(2026, 1, 2),
    )
    treasurer_client = login_client(treasurer)
    detail = reverse("economy:loan_detail", args=[loan.pk])
    response = treasurer_client.post(
        reverse("economy:loan_decide", args=[loan.pk]), {"decision": "tolak", "note": ""}
    )
    assert response.status_code == 400
    assert "Tulis alasan penolakan" in response.content.decode()
    treasurer_client.post(
        reverse("economy:loan_decide", args=[loan.pk]),
        {"decision": "setuju", "note": "", "on": "2026-01-06"},
    )
    response = eko_client.post(
        reverse("economy:loan_disburse", args=[loan.pk]),
        {"on": "2026-01-10", "first_due": "2026-01-09"},
    )
    assert response.status_code == 400
    assert "setelah pencairan" in response.content.decode()
    eko_client.post(
        reverse("economy:loan_disburse", args=[loan.pk]), {"on": "2026-01-10", "first_due": ""}
    )
    loan.refresh_from_db()
    assert loan.status == Loan.Status.ACTIVE
    entries = JournalEntry.objects.count()
    response = eko_client.post(
        reverse("economy:repayment_record", args=[loan.pk]), {"amount": "abc", "on": "2026-02-10"}
    )
    assert response.status_code == 400
    response = eko_client.post(
        reverse("economy:repayment_record", args=[loan.pk]),
        {"amount": "9999999", "on": "2026-02-10"},
    )
    assert "tidak boleh melebihinya" in response.content.decode()
    assert JournalEntry.objects.count() == entries
    eko_client.post(
        reverse("economy:repayment_record", args=[loan.pk]),
        {"amount": "118000", "on": "2026-02-10"},
    )
    repayment = Repayment.objects.get()
    assert (repayment.interest, repayment.principal) == (18_000, 100_000)
    page = eko_client.get(detail).content.decode()
    assert "Rp 1.100.000" in page  # outstanding principal
    assert "Terlambat" in page  # March onwards are past due today
    response = eko_client.post(
        reverse("economy:loan_settle", args=[loan.pk]), {"amount": "1", "on": "2026-02-11"}
    )
    assert response.status_code == 400
    assert "Pelunasan hari itu tepat Rp 1.100.000" in response.content.decode()
    eko_client.post(
        reverse("economy:repayment_reverse", args=[repayment.pk]), {"reason": "Salah catat"}
    )
    loan.refresh_from_db()
    assert loan.outstanding_principal == 1_200_000
    listing = eko_client.get(reverse("economy:loan_list") + "?late=1").content.decode()
    assert str(loan) in listing
    assert 'data-testid="par30"' in listing
