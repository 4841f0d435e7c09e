"""The de-identified exports: their columns, their 1/0/-99 coding, nothing that names a person,
and only cases whose consent allows reporting."""

import io
from datetime import date

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from conftest import login_client
from sigap.cases import exports, services
from sigap.cases.models import Case
from sigap.cases.tests.conftest import consent_all

pytestmark = pytest.mark.django_db


@pytest.fixture
def assessed(case, personas):
    worker = personas["pendamping"]
    consent_all(case, worker)
    services.case_transition(actor=worker, case=case, action="mulai_asesmen")
    services.assessment_save(
        actor=worker,
        case=case,
        assessed_on=case.opened_on,
        recruitment_method="tawaran_kerja",
        recruitment_channels=["facebook"],
        means_of_control={"tahan_dokumen": "ya", "ancaman": "tidak", "jeratan_utang": "menolak"},
        exploitation=["kerja_paksa"],
        labour_sector="rumah_tangga",
        trafficker_relation="perekrut",
        needs={"hukum": "ya"},
        narrative="Tidak boleh keluar di ekspor.",
    )
    services.event_add(
        actor=worker, case=case, kind="eksploitasi", place="Jeddah", country="Arab Saudi"
    )
    return case


def _sheet(response):
    book = load_workbook(io.BytesIO(response.content), read_only=True)
    rows = list(book.active.iter_rows(values_only=True))
    return rows[0], rows[1:]


def test_the_ctdc_export_codes_yes_no_and_not_recorded(assessed, personas):
    response = login_client(personas["koordinator"]).get(
        reverse("cases:case_export"), {"standard": "ctdc", "format": "xlsx"}
    )
    header, rows = _sheet(response)
    assert list(header) == exports.CTDC_HEADER
    [row] = rows
    cell = dict(zip(header, row, strict=True))
    assert cell["caseId"] == exports.pseudonym(assessed.pk) and len(cell["caseId"]) == 12
    assert (cell["gender"], cell["majorityStatus"]) == ("Female", "Minor")
    assert cell["meansOfControlWithholdsDocuments"] == 1
    assert cell["meansOfControlThreats"] == 0
    assert cell["meansOfControlDebtBondage"] == -99  # declined is not "no"
    assert cell["meansOfControlPhysicalAbuse"] == -99  # never asked
    assert (cell["isForcedLabour"], cell["isSexualExploit"]) == (1, 0)
    assert (cell["typeOfLabourDomesticWork"], cell["typeOfLabourAgriculture"]) == (1, 0)
    assert cell["recruiterRelationRecruiter"] == 1
    assert (cell["needLegal"], cell["needHealth"]) == (1, -99)


def test_the_htcds_export_uses_the_standards_names_and_no_identity(assessed, personas):
    response = login_client(personas["koordinator"]).get(
        reverse("cases:case_export"), {"standard": "htcds", "format": "csv"}
    )
    text = response.content.decode("utf-8-sig")
    header, row = (line.split(",") for line in text.strip().splitlines())
    cell = dict(zip(header, row, strict=True))
    assert cell["traffickingStatus"] == "Possible"
    assert cell["meansOfControl"] == "WithholdsDocuments"
    assert cell["countriesOfExploitation"] == "Saudi Arabia"
    assert (cell["caseType"], cell["caseStage"]) == ("Victim", "Assessment")
    assert (cell["recruitmentChannels"], cell["needs"]) == ("Facebook", "Legal")
    assert cell["yearOfRegistration"] == str(assessed.opened_on.year)
    resident = assessed.resident
    for secret in (resident.name, resident.nik, "Tidak boleh keluar", "Jeddah"):
        assert secret not in text


def test_only_cases_with_reporting_consent_are_exported(case, personas, people):
    services.consent_record(
        actor=personas["pendamping"],
        case=case,
        purpose="pelaporan",
        given=False,
        method="tanda_tangan",
        given_by="Ibunya",
    )
    response = login_client(personas["koordinator"]).get(
        reverse("cases:case_export"), {"standard": "ctdc", "format": "xlsx"}
    )
    _header, rows = _sheet(response)
    assert rows == []
    assert Case.objects.count() == 1


@pytest.mark.parametrize("who", ["pendamping", "admin_desa", "analis", "mitra", "kader"])
def test_only_the_koordinator_exports(who, personas):
    client = login_client(personas[who])
    assert client.get(reverse("cases:case_export"), {"standard": "ctdc"}).status_code == 404


def test_countries_are_named_from_a_fixed_list_and_free_text_never_leaves():
    assert exports.country("Malaysia") == "Malaysia"
    assert exports.country("  arab   saudi ") == "Saudi Arabia"
    assert exports.country("Kamboja") == "Cambodia"
    assert exports.country("Malaysia, kebun sawit Tn. Lim, Tawau") == "Other"
    assert exports.country("") == ""


def test_age_bands_follow_ctdc():
    on = date(2026, 6, 1)
    assert exports.age_band(date(2010, 6, 2), on) == "9--17"
    assert exports.age_band(date(2008, 6, 1), on) == "18--20"
    assert exports.age_band(date(1970, 1, 1), on) == "48+"
    assert exports.age_band(None, on) == ""
