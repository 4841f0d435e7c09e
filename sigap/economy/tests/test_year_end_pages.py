"""The year-end pages: the SHU preview and the close through the form, refused percentages,
paying the SHU, the RAT report as a real PDF (opened and read), leaving, and other cash."""

from io import BytesIO

import pytest
from django.urls import reverse
from pypdf import PdfReader

from conftest import login_client
from sigap.economy import selectors
from sigap.economy.models import SHU_DEFAULT_PERCENTAGES, JournalEntry, Member, YearEnd

pytestmark = pytest.mark.django_db


@pytest.fixture
def eko_client(personas):
    return login_client(personas["pengurus_koperasi"])


def form_data(**changes):
    return {"year": "2025", **{k: str(v) for k, v in SHU_DEFAULT_PERCENTAGES.items()}, **changes}


def test_preview_close_pay_and_print_the_rat_report(eko_client, year_2025):
    url = reverse("economy:year_end_list")
    response = eko_client.post(url, {**form_data(cadangan="50"), "preview": "1"})
    assert response.status_code == 400
    assert "harus berjumlah 100%, bukan 110%" in response.content.decode()
    html = eko_client.post(url, {**form_data(), "preview": "1"}).content.decode()
    assert "Rp 60.000" in html and "Rp 24.000" in html  # surplus and 40% reserves
    assert not YearEnd.objects.exists()
    response = eko_client.post(url, {**form_data(), "close": "1"})
    assert response.url == reverse("economy:year_end_detail", args=[2025])
    detail = eko_client.get(response.url).content.decode()
    assert "Rp 17.400" in detail  # the borrower's share: 2.400 jasa modal + 15.000 jasa usaha
    eko_client.post(reverse("economy:shu_pay", args=[2025]), {"on": "2026-01-20"})
    assert YearEnd.objects.get().payout_id is not None

    response = eko_client.get(reverse("economy:rat_pdf", args=[2025]))
    assert response["Content-Type"] == "application/pdf"
    text = " ".join(p.extract_text() for p in PdfReader(BytesIO(response.content)).pages)
    assert "Rapat Anggota Tahunan" in text
    borrower, _saver = year_2025
    assert borrower.resident.name in text
    assert "Rp 17.400" in text
    assert "Rp 60.000" in text
    report = selectors.rat_report(YearEnd.objects.get())
    assert report["assets"]["total"] == report["claims"] > 0  # the balance sheet balances


def test_a_member_leaves_through_the_page(eko_client, member):
    url = reverse("economy:member_exit", args=[member.pk])
    page = eko_client.get(url).content.decode()
    assert "Rp 50.000" in page  # the simpanan pokok comes back
    response = eko_client.post(url, {"on": "2026-03-01", "reason": ""})
    assert response.status_code == 400
    assert Member.objects.get(pk=member.pk).status == Member.Status.ACTIVE
    response = eko_client.post(url, {"on": "2026-03-01", "reason": "Pindah ke Malaysia"})
    assert response.status_code == 302
    assert Member.objects.get(pk=member.pk).status == Member.Status.EXITED
    assert eko_client.get(url).status_code == 404


def test_other_cash_refuses_a_missing_memo(eko_client, coop):
    url = reverse("economy:cash_entry")
    data = {"kind": "modal", "amount": "500000", "memo": "", "on": "2026-03-01"}
    response = eko_client.post(url, data)
    assert response.status_code == 400
    assert not JournalEntry.objects.exists()
    assert eko_client.post(url, {**data, "memo": "Hibah BAZNAS"}).status_code == 302
    costs = {**data, "kind": "biaya", "memo": "Sewa kantor Maret"}
    response = eko_client.post(url, {**costs, "amount": "500001"})
    assert response.status_code == 400
    assert "Kas koperasi hanya Rp 500.000" in response.content.decode()
    assert eko_client.post(url, costs).status_code == 302
    assert JournalEntry.objects.filter(memo="Sewa kantor Maret").exists()
