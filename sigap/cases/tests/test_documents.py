"""The referral letter and the case file are real PDFs: opened, read and checked; printing is
for the case team only and is audited."""

import io

import pytest
from auditlog.models import LogEntry
from django.urls import reverse
from pypdf import PdfReader

from conftest import login_client
from sigap.cases import services
from sigap.cases.tests.conftest import consent_all

pytestmark = pytest.mark.django_db


def _text(response) -> str:
    assert response["Content-Type"] == "application/pdf"
    reader = PdfReader(io.BytesIO(response.content))
    return "\n".join(page.extract_text() for page in reader.pages)


@pytest.fixture
def referral(case, personas, lbh):
    consent_all(case, personas["pendamping"])
    return services.referral_send(
        actor=personas["pendamping"],
        case=case,
        organisation=lbh,
        area="hukum",
        reason="Pendampingan laporan ke Polres.",
        urgent=True,
    )


def test_the_referral_letter_names_the_person_the_organisation_and_the_reason(referral, personas):
    response = login_client(personas["pendamping"]).get(
        reverse("cases:referral_letter", args=[referral.pk])
    )
    text = _text(response)
    for expected in (
        referral.code,
        "LBH Contoh",
        "Nurul Hidayati",
        "Pendampingan laporan ke Polres.",
        "MENDESAK",
        "telah memberikan persetujuan",
    ):
        assert expected in text, expected
    entry = LogEntry.objects.filter(object_pk=str(referral.pk), additional_data__isnull=False)
    assert entry.get().additional_data["export"] == "referral_letter"


def test_the_case_file_holds_the_whole_case(case, personas, referral):
    worker = personas["pendamping"]
    services.session_record(
        actor=worker,
        case=case,
        held_on=case.opened_on,
        place="Rumah",
        kind="individu",
        wellbeing_answers=[3, 3, 3, 3, 3],
        notes="Sudah mau bercerita.",
    )
    text = _text(login_client(worker).get(reverse("cases:case_file", args=[case.pk])))
    for expected in (case.code, "Nurul Hidayati", "Sudah mau bercerita.", "WHO-5 60/100"):
        assert expected in text, expected
    assert "RAHASIA" in text


@pytest.mark.parametrize("who", ["admin_desa", "kader", "mitra", "analis"])
def test_nobody_else_prints(who, case, personas, referral):
    client = login_client(personas[who])
    assert client.get(reverse("cases:case_file", args=[case.pk])).status_code == 404
    assert client.get(reverse("cases:referral_letter", args=[referral.pk])).status_code == 404


def test_the_mitra_cannot_print_the_letter_even_after_accepting(personas, uptd, case):
    consent_all(case, personas["pendamping"])
    referral = services.referral_send(
        actor=personas["pendamping"], case=case, organisation=uptd, area="hukum", reason="x"
    )
    services.referral_respond(actor=personas["mitra"], referral=referral, accept=True)
    response = login_client(personas["mitra"]).get(
        reverse("cases:referral_letter", args=[referral.pk])
    )
    assert response.status_code == 404
