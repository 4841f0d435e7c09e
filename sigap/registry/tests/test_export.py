import csv
import io

from auditlog.models import LogEntry
from django.urls import reverse
from openpyxl import load_workbook

from conftest import login_client
from sigap.core.spreadsheets import neutralise
from sigap.registry.tests.factories import family, household, resident


def test_dangerous_cells_are_neutralised():
    assert neutralise('=HYPERLINK("http://x")') == '\'=HYPERLINK("http://x")'
    for start in "=+-@":
        assert neutralise(start + "1").startswith("'")
    assert neutralise("Siti") == "Siti"
    assert neutralise(-5) == -5


def test_the_xlsx_opens_and_masks_nik_for_the_koordinator(personas, admin, dusun):
    home, father, *_ = family(admin, dusun)
    resident(admin, home, "=CMD|' /C calc'!A0", relationship=4)
    response = login_client(personas["koordinator"]).get(reverse("registry:resident_export"))
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith('attachment; filename="penduduk-')
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:3] == ("NIK", "Nomor sementara", "Nama")
    by_name = {row[2]: row for row in rows[1:]}
    assert by_name["Lalu Muhammad Saleh"][0] == "5201**********01"
    assert by_name["Lalu Muhammad Saleh"][11] == "5201**********03"  # No. KK masked too
    assert "'=CMD|' /C calc'!A0" in by_name
    assert len(rows) == 5


def test_the_admin_gets_full_numbers_in_csv_and_the_export_is_audited(admin, dusun):
    family(admin, dusun)
    response = login_client(admin).get(
        reverse("registry:resident_export"), {"format": "csv", "sex": "P"}
    )
    text = response.content.decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text)))
    assert {row[0] for row in rows[1:]} == {"5201014708920002", "5201015505150003"}
    entry = LogEntry.objects.filter(action=LogEntry.Action.ACCESS, actor=admin).get()
    assert entry.additional_data["rows"] == 2
    assert entry.additional_data["filters"] == {"sex": "P"}


def test_a_kader_cannot_export(personas, admin, dusun):
    household(admin, dusun)
    response = login_client(personas["kader"]).get(reverse("registry:resident_export"))
    assert response.status_code == 404
