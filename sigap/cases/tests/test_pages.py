"""Case pages: forms refuse bad input with the message beside the field (400) and write
nothing; good input goes through the services and redirects back to the case."""

import re

import pytest
from django.urls import reverse

from conftest import login_client
from sigap.cases.models import Assessment, Case, Consent, Referral, Session
from sigap.cases.tests.conftest import consent_all

pytestmark = pytest.mark.django_db


def _html(response) -> str:
    return response.content.decode()


def test_opening_a_case_from_the_person_page(personas, people):
    client = login_client(personas["pendamping"])
    url = reverse("cases:case_open", args=[people[2].pk])
    assert client.get(url).status_code == 200
    bad = client.post(url, {"case_type": "korban", "intake_source": "laporan"})
    assert bad.status_code == 400 and "Bidang ini tidak boleh kosong" in _html(bad)
    assert not Case.objects.exists()
    good = client.post(
        url,
        {
            "case_type": "berisiko",
            "intake_source": "skrining",
            "risk_level": "sedang",
            "supervisor": personas["koordinator"].pk,
            "opened_on": "2026-11-01",
            "summary": "Rencana berangkat dengan visa ziarah.",
        },
    )
    case = Case.objects.get()
    assert good.status_code == 302 and good["Location"].endswith(f"/kasus/{case.pk}/")
    assert case.workers.get().user == personas["pendamping"]  # the opener joins the team
    page = _html(client.get(good["Location"]))
    assert "Mulai asesmen" in page and "Rencana berangkat" in page


def test_the_case_page_shows_the_next_step_and_the_allowed_actions(case, personas):
    worker_page = _html(login_client(personas["pendamping"]).get(f"/kasus/{case.pk}/"))
    assert 'data-action="mulai_asesmen"' in worker_page
    assert 'data-action="setujui"' not in worker_page


def test_consent_form_errors_are_shown_and_nothing_is_written(case, personas):
    client = login_client(personas["pendamping"])
    url = reverse("cases:consent_create", args=[case.pk])
    response = client.post(
        url,
        {
            "purpose": "rujukan",
            "given": "1",
            "method": "lisan_saksi",
            "given_by": "Ibunya",
            "recorded_on": "2026-11-01",
        },
    )
    assert response.status_code == 400
    assert "Persetujuan lisan wajib disertai nama saksi." in _html(response)
    assert not Consent.objects.exists()
    future = client.post(
        url,
        {
            "purpose": "rujukan",
            "given": "1",
            "method": "tanda_tangan",
            "given_by": "Ibunya",
            "recorded_on": "2099-01-01",
        },
    )
    assert future.status_code == 400 and "masa depan" in _html(future)


def test_the_referral_page_refuses_without_consent_and_sends_with_it(case, personas, uptd):
    client = login_client(personas["pendamping"])
    url = reverse("cases:referral_create", args=[case.pk])
    page = _html(client.get(url))
    assert 'data-testid="no-consent"' in page
    data = {"area": "psikososial", "organisation": uptd.pk, "reason": "Perlu konseling"}
    refused = client.post(url, data)
    assert refused.status_code == 400 and "Belum ada persetujuan untuk rujukan" in _html(refused)
    assert not Referral.objects.exists()
    consent_all(case, personas["pendamping"], "rujukan")
    sent = client.post(url, data)
    referral = Referral.objects.get()
    assert sent.status_code == 302 and sent["Location"].endswith(f"/rujukan/{referral.pk}/")


def test_a_service_of_another_organisation_is_refused(case, personas, uptd, lbh):
    consent_all(case, personas["pendamping"], "rujukan")
    response = login_client(personas["pendamping"]).post(
        reverse("cases:referral_create", args=[case.pk]),
        {
            "area": "hukum",
            "organisation": uptd.pk,
            "service": lbh.services.get().pk,
            "reason": "x",
        },
    )
    assert response.status_code == 400
    assert "Layanan ini bukan milik lembaga yang dipilih." in _html(response)


def test_a_session_with_half_a_who5_is_refused(case, personas):
    consent_all(case, personas["pendamping"], "layanan")
    client = login_client(personas["pendamping"])
    response = client.post(
        reverse("cases:session_create", args=[case.pk]),
        {
            "held_on": case.opened_on.isoformat(),
            "place": "Rumah",
            "kind": "individu",
            "who5_1": "3",
            "who5_2": "4",
        },
    )
    assert response.status_code == 400 and "WHO-5" in _html(response)
    assert not Session.objects.exists()
    ok = client.post(
        reverse("cases:session_create", args=[case.pk]),
        {
            "held_on": case.opened_on.isoformat(),
            "place": "Rumah",
            "kind": "individu",
            **{f"who5_{n}": "3" for n in range(1, 6)},
            "notes": "Lebih tenang.",
        },
    )
    assert ok.status_code == 302
    assert Session.objects.get().wellbeing_score == 60


def test_the_assessment_form_round_trips(case, personas):
    client = login_client(personas["pendamping"])
    client.post(reverse("cases:case_transition", args=[case.pk]), {"action": "mulai_asesmen"})
    url = reverse("cases:assessment_edit", args=[case.pk])
    response = client.post(
        url,
        {
            "assessed_on": case.opened_on.isoformat(),
            "recruitment_method": "tawaran_kerja",
            "recruitment_channels": ["facebook", "whatsapp"],
            "moc_tahan_dokumen": "ya",
            "moc_ancaman": "menolak",
            "need_hukum": "tidak_tahu",
            "narrative": "Kronologi.",
        },
    )
    assert response.status_code == 302
    assessment = Assessment.objects.get(case=case)
    assert assessment.means_of_control == {"ancaman": "menolak", "tahan_dokumen": "ya"}
    assert assessment.needs == {"hukum": "tidak_tahu"}
    form = _html(client.get(url))
    assert re.search(r'value="facebook"[^>]*checked', form)
    assert not re.search(r'value="tiktok"[^>]*checked', form)


def test_the_caseload_page_counts_for_the_koordinator(case, personas):
    client = login_client(personas["pendamping"])
    client.post(reverse("cases:case_transition", args=[case.pk]), {"action": "mulai_asesmen"})
    page = _html(login_client(personas["koordinator"]).get(reverse("cases:case_list")))
    assert 'data-testid="caseload"' in page and case.code in page


def test_the_home_dashboard_shows_the_cases_panel_to_case_workers_only(case, personas):
    assert 'data-panel="cases"' in _html(login_client(personas["koordinator"]).get("/"))
    assert 'data-panel="cases"' not in _html(login_client(personas["admin_desa"]).get("/"))


def test_the_team_sees_who_broke_the_glass_and_why(case, personas, other_pendamping):
    login_client(other_pendamping).post(
        reverse("cases:break_glass", args=[case.pk]),
        {"reason": "Korban menelepon tengah malam, pendampingnya tidak dapat dihubungi."},
    )
    page = _html(login_client(personas["pendamping"]).get(f"/kasus/{case.pk}/"))
    log = page.split('data-testid="break-glass-log"')[1]
    assert "Hana Pendamping Lain" in log and "tengah malam" in log


def test_the_koordinator_hands_the_case_to_another_and_loses_it(case, personas, admin):
    from conftest import PASSWORD
    from sigap.accounts.services import user_create

    other = user_create(
        actor=admin,
        username="kiki",
        full_name="Kiki Koordinator",
        password=PASSWORD,
        roles=["koordinator"],
    )
    client = login_client(personas["koordinator"])
    url = reverse("cases:case_team", args=[case.pk])
    no_consent = client.post(url, {"operation": "supervisor", "user": other.pk})
    assert no_consent.status_code == 400 and "Belum ada persetujuan" in _html(no_consent)
    consent_all(case, personas["pendamping"], "rujukan")
    refused = client.post(url, {"operation": "supervisor", "user": personas["pendamping"].pk})
    assert refused.status_code == 400 and "peran Koordinator" in _html(refused)
    response = client.post(url, {"operation": "supervisor", "user": other.pk})
    assert response.status_code == 302 and response["Location"] == reverse("cases:case_list")
    case.refresh_from_db()
    assert case.supervisor == other
    assert client.get(f"/kasus/{case.pk}/").status_code == 404
    assert login_client(other).get(f"/kasus/{case.pk}/").status_code == 200
    assert case.steps.first().action == "ganti_koordinator"


def test_the_mitra_reads_back_their_decline_reason(case, personas, uptd):
    from sigap.cases import services

    consent_all(case, personas["pendamping"])
    referral = services.referral_send(
        actor=personas["pendamping"], case=case, organisation=uptd, area="hukum", reason="x"
    )
    client = login_client(personas["mitra"])
    response = client.post(
        reverse("cases:referral_decline", args=[referral.pk]),
        {"reason": "Layanan hukum tidak ada di lembaga kami."},
    )
    assert response.status_code == 302
    page = _html(client.get(reverse("cases:referral_detail", args=[referral.pk])))
    assert "Layanan hukum tidak ada di lembaga kami." in page
    assert case.resident.name not in page
