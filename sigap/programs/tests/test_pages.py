"""The programme pages: planning, targeting against known registry data, invitations, sessions
with the facilitator's qualification, attendance (idempotent, Kader scope, self check-in), the
printed invitation list, the calendar and the analytics."""

import io
import json
from datetime import date, datetime, time
from zoneinfo import ZoneInfo

import pytest
from auditlog.models import LogEntry
from django.test import Client
from django.urls import reverse
from pypdf import PdfReader

from conftest import login_client
from sigap.programs import selectors, services
from sigap.programs.models import Attendance, Invitation, Programme, Session, StaffTraining
from sigap.registry.tests.factories import household as make_household
from sigap.registry.tests.factories import resident as make_resident

WITA = ZoneInfo("Asia/Makassar")


@pytest.fixture
def migrant_home(admin, other_dusun):
    """A poor household in the other dusun whose son works in Malaysia."""
    home = make_household(admin, other_dusun, kk_number="5201012003180004", income_band=1)
    mother = make_resident(
        admin,
        home,
        "Inaq Rahmah",
        sex="P",
        nik="5201016003750005",
        birth_date=date(1975, 3, 20),
        relationship=1,
        phone="081234567890",
    )
    son = make_resident(
        admin,
        home,
        "Lalu Ahmad Fauzi",
        nik="5201011204000006",
        birth_date=date(2000, 4, 12),
        whereabouts="luar_negeri",
        abroad_country="Malaysia",
    )
    return home, mother, son


def _names(residents) -> set[str]:
    return {r.name for r in residents}


def test_targeting_filters_against_known_registry_data(koordinator, kader, household, migrant_home):
    _home, father, mother, daughter = household
    _m, inaq, son = migrant_home
    every = selectors.TargetFilters()
    assert _names(selectors.targets(user=koordinator, filters=every)) == {
        father.name,
        mother.name,
        daughter.name,
        inaq.name,
        son.name,
    }
    women = selectors.TargetFilters(sex="P")
    today = date(2026, 6, 1)
    assert _names(selectors.targets(user=koordinator, filters=women, today=today)) == {
        mother.name,
        daughter.name,
        inaq.name,
    }
    adult_women = selectors.TargetFilters(sex="P", age_band="25-39")
    assert _names(selectors.targets(user=koordinator, filters=adult_women, today=today)) == {
        mother.name
    }
    # The household factors: only the Inaq's family is poor and has a member away.
    for flag in ("at_risk", "low_income", "migrant_family"):
        result = selectors.targets(
            user=koordinator, filters=selectors.TargetFilters(**{flag: True})
        )
        assert _names(result) == {inaq.name, son.name}, flag
    abroad = selectors.TargetFilters(whereabouts="luar_negeri")
    assert _names(selectors.targets(user=koordinator, filters=abroad)) == {son.name}
    kader_view = selectors.targets(user=kader, filters=every)
    assert inaq.name not in _names(kader_view)  # a Kader sees their own dusun only


def test_never_reached_excludes_anyone_who_came_to_any_session(
    koordinator, household, migrant_home, programme, session
):
    _home, father, mother, daughter = household
    services.attendance_mark(actor=koordinator, session=session, resident=mother)
    never = selectors.TargetFilters(never_reached=True)
    names = _names(selectors.targets(user=koordinator, filters=never))
    assert mother.name not in names
    assert {father.name, daughter.name, migrant_home[1].name} <= names
    coverage = selectors.target_coverage(user=koordinator, programme=programme)
    assert coverage["total"] == 5
    assert coverage["came"] == 1
    assert coverage["never_reached"] == 4


def test_invite_from_the_targeting_page_is_idempotent(koordinator, household, programme):
    client = login_client(koordinator)
    url = reverse("programs:targeting", args=[programme.pk])
    response = client.get(url)
    assert response.status_code == 200
    assert "3 orang cocok" in response.content.decode()
    data = {"sex": "P", "not_invited": "on", "invite": "all"}
    response = client.post(url, data)
    assert response.status_code == 302
    assert Invitation.objects.filter(programme=programme).count() == 2
    response = client.post(url, {"sex": "P", "invite": "all"})
    assert Invitation.objects.filter(programme=programme).count() == 2  # no one twice
    # Ticking one person invites that person only.
    father = household[1]
    client.post(url, {"invite": "chosen", "resident": [father.pk], "sex": ""})
    assert Invitation.objects.filter(programme=programme).count() == 3


def test_an_empty_choice_is_refused_with_a_message(koordinator, household, programme):
    client = login_client(koordinator)
    response = client.post(
        reverse("programs:targeting", args=[programme.pk]), {"invite": "chosen", "sex": ""}
    )
    assert response.status_code == 400
    assert "Belum ada orang yang dipilih" in response.content.decode()
    assert not Invitation.objects.exists()


def test_programme_form_refuses_bad_input_and_writes_nothing(koordinator, organiser):
    client = login_client(koordinator)
    data = {
        "title": "Pelatihan menjahit",
        "kind": "keterampilan",
        "topic": "menjahit",
        "organiser": organiser.pk,
        "target_group": "Perempuan muda",
        "funding_source": "dana_desa",
        "budget_amount": "-5",
        "starts_on": "2026-03-01",
        "ends_on": "2026-02-01",
        "pass_mark": "70",
        "coordinator": koordinator.pk,
    }
    response = client.post(reverse("programs:programme_create"), data)
    assert response.status_code == 400
    assert not Programme.objects.exists()
    data["budget_amount"] = "12000000"
    response = client.post(reverse("programs:programme_create"), data)
    assert response.status_code == 400
    assert "Tanggal selesai tidak boleh sebelum tanggal mulai." in response.content.decode()
    data["ends_on"] = "2026-05-30"
    response = client.post(reverse("programs:programme_create"), data)
    assert response.status_code == 302
    assert Programme.objects.get().budget_amount == 12_000_000


def test_session_form_warns_when_the_facilitator_is_not_qualified(koordinator, programme):
    client = login_client(koordinator)
    url = reverse("programs:session_create", args=[programme.pk])
    data = {
        "day": "2026-01-17",
        "start_time": "09:00",
        "end_time": "11:00",
        "place": "Berugak Dusun Bermi",
        "topic": "Jalur resmi bekerja ke luar negeri",
        "facilitator": koordinator.pk,
        "capacity": "40",
    }
    response = client.post(url, data)
    assert response.status_code == 400
    assert "belum tercatat pernah dilatih" in response.content.decode()
    assert not Session.objects.filter(date=date(2026, 1, 17)).exists()
    response = client.post(url, {**data, "confirm_unqualified": "on"})
    assert response.status_code == 302
    # Once trained on the topic, no warning at all.
    services.staff_training_add(
        actor=koordinator,
        user=koordinator,
        title="ToT Migrasi Aman",
        organiser="BP3MI NTB",
        completed_on=date(2025, 11, 3),
        qualifies_for="migrasi_aman",
    )
    response = client.post(url, {**data, "day": "2026-01-24"})
    assert response.status_code == 302
    assert StaffTraining.objects.count() == 1


def test_session_refuses_end_before_start_and_a_date_outside_the_programme(koordinator, programme):
    client = login_client(koordinator)
    url = reverse("programs:session_create", args=[programme.pk])
    data = {
        "day": "2025-12-01",
        "start_time": "11:00",
        "end_time": "09:00",
        "place": "Aula",
        "topic": "x",
        "guest_facilitator": "LBH",
        "capacity": "30",
    }
    response = client.post(url, data)
    assert response.status_code == 400
    assert "Tanggal sesi harus di dalam masa program." in response.content.decode()
    response = client.post(url, {**data, "day": "2026-02-01"})
    assert "Jam selesai harus sesudah jam mulai." in response.content.decode()
    assert programme.sessions.count() == 0


def _tick(client, session, resident, present="1", method="daftar"):
    return client.post(
        reverse("programs:attendance_mark", args=[session.pk]),
        {"resident": resident.pk, "present": present, "method": method},
        HTTP_ACCEPT="application/json",
    )


def test_attendance_is_idempotent(koordinator, household, programme, session):
    mother = household[2]
    services.invite(actor=koordinator, programme=programme, resident_ids=[mother.pk])
    client = login_client(koordinator)
    for _ in range(3):  # a double tap and a retry after a lost connection
        response = _tick(client, session, mother)
        assert response.status_code == 200
        assert json.loads(response.content) == {"ok": True, "present": True, "count": 1}
    assert Attendance.objects.filter(session=session).count() == 1
    attendance = Attendance.objects.get()
    assert attendance.programme_id == programme.pk
    assert attendance.recorded_by == koordinator
    response = _tick(client, session, mother, present="0")
    assert json.loads(response.content)["count"] == 0
    response = _tick(client, session, mother, present="0")
    assert response.status_code == 200
    assert not Attendance.objects.exists()


def test_attendance_for_a_future_session_is_refused(koordinator, household, programme):
    future = services.session_create(
        actor=koordinator,
        programme=programme,
        day=date(2099, 1, 1),
        start_time=time(9),
        end_time=time(10),
        place="Aula",
        topic="Nanti",
        guest_facilitator="LBH",
    )
    response = _tick(login_client(koordinator), future, household[1])
    assert response.status_code == 400
    assert "belum berlangsung" in json.loads(response.content)["error"]
    assert not Attendance.objects.exists()


def test_a_kader_ticks_invitees_of_any_dusun_but_finds_walk_ins_in_their_own(
    koordinator, kader, household, migrant_home, programme, session
):
    inaq = migrant_home[1]  # the other dusun
    client = login_client(kader)
    assert _tick(client, session, inaq).status_code == 404  # not invited, not in her dusun
    services.invite(actor=koordinator, programme=programme, resident_ids=[inaq.pk])
    assert _tick(client, session, inaq).status_code == 200
    # Walk-ins from her own dusun: found and added.
    father = household[1]
    search = client.get(reverse("programs:walk_in_search", args=[session.pk]), {"q": "saleh"})
    assert father.name in search.content.decode()
    assert _tick(client, session, father, method="datang_langsung").status_code == 200
    search = client.get(reverse("programs:walk_in_search", args=[session.pk]), {"q": "fauzi"})
    assert "Lalu Ahmad Fauzi" not in search.content.decode()
    assert Attendance.objects.get(resident=father).method == "datang_langsung"
    page = client.get(reverse("programs:session_detail", args=[session.pk])).content.decode()
    assert "Inaq Rahmah" in page and "Lalu Muhammad Saleh" in page


def test_self_checkin_with_the_session_qr_code(koordinator, household, session, monkeypatch):
    mother = household[2]
    url = reverse("programs:checkin", args=[session.checkin_token])
    during = datetime(2026, 1, 10, 8, 30, tzinfo=WITA)
    monkeypatch.setattr("django.utils.timezone.now", lambda: during)
    client = Client()  # anonymous: the participant's own phone
    page = client.get(url)
    assert page.status_code == 200
    assert "Penyuluhan migrasi aman 2026" in page.content.decode()
    wrong = client.post(url, {"nik": "5201014708920002", "birth_date": "1992-08-08"})
    assert wrong.status_code == 400
    assert "tidak ditemukan" in wrong.content.decode()
    assert not Attendance.objects.exists()
    for _ in range(2):
        ok = client.post(url, {"nik": "5201 0147 0892 0002", "birth_date": "1992-08-07"})
        assert ok.status_code == 200
        assert "Terima kasih, Baiq" in ok.content.decode()
        assert "Aminah" not in ok.content.decode()  # the first name only
    attendance = Attendance.objects.get()
    assert (attendance.resident, attendance.method, attendance.recorded_by) == (mother, "qr", None)
    monkeypatch.setattr("django.utils.timezone.now", lambda: datetime(2026, 1, 11, 9, tzinfo=WITA))
    late = client.post(url, {"nik": "5201010706900001", "birth_date": "1990-06-07"})
    assert late.status_code == 400
    assert "hanya berlaku pada hari sesi" in late.content.decode()
    assert client.get(reverse("programs:checkin", args=["bukan-token"])).status_code == 404


def test_self_checkin_stops_guessing(household, session, monkeypatch):
    monkeypatch.setattr("django.utils.timezone.now", lambda: datetime(2026, 1, 10, 9, tzinfo=WITA))
    url = reverse("programs:checkin", args=[session.checkin_token])
    client = Client()
    for day in range(1, 21):
        client.post(url, {"nik": "5201014708920002", "birth_date": f"1992-01-{day:02d}"})
    right = client.post(url, {"nik": "5201014708920002", "birth_date": "1992-08-07"})
    assert "Terlalu banyak percobaan" in right.content.decode()
    assert not Attendance.objects.exists()


def test_the_printed_invitation_list_names_the_invitees(koordinator, household, programme, session):
    services.invite(actor=koordinator, programme=programme, resident_ids=[household[2].pk])
    response = login_client(koordinator).get(
        reverse("programs:invitation_print", args=[programme.pk])
    )
    assert response["Content-Type"] == "application/pdf"
    pages = PdfReader(io.BytesIO(response.content)).pages
    text = " ".join(" ".join(page.extract_text() for page in pages).split())
    assert "Baiq Siti Aminah" in text
    assert "Penyuluhan migrasi aman 2026" in text
    assert LogEntry.objects.filter(additional_data__export="programme_invitations").exists()


def test_the_session_attendance_list_prints_who_came(koordinator, household, session):
    services.attendance_mark(actor=koordinator, session=session, resident=household[1])
    response = login_client(koordinator).get(
        reverse("programs:session_attendance_pdf", args=[session.pk])
    )
    pages = PdfReader(io.BytesIO(response.content)).pages
    text = " ".join(" ".join(page.extract_text() for page in pages).split())
    assert "Lalu Muhammad Saleh" in text
    assert "Baiq Siti Aminah" not in text  # not present
    assert "Disnaker Lombok Barat" in text
    assert LogEntry.objects.filter(additional_data__export="session_attendance").exists()


def test_invitation_page_has_whatsapp_links_with_the_message(koordinator, migrant_home, programme):
    services.invite(actor=koordinator, programme=programme, resident_ids=[migrant_home[1].pk])
    services.session_create(
        actor=koordinator,
        programme=programme,
        day=date(2099, 2, 3),
        start_time=time(9),
        end_time=time(11),
        place="Aula Kantor Desa",
        topic="UU TPPO",
        guest_facilitator="LBH",
    )
    html = (
        login_client(koordinator)
        .get(reverse("programs:invitation_list", args=[programme.pk]))
        .content.decode()
    )
    assert "https://wa.me/6281234567890?text=" in html
    assert "https://wa.me/?text=" in html
    assert "Aula Kantor Desa" in html


def test_participation_against_hand_computed_values(
    koordinator, household, migrant_home, programme
):
    _home, father, mother, daughter = household
    inaq = migrant_home[1]
    sessions = [
        services.session_create(
            actor=koordinator,
            programme=programme,
            day=date(2026, 1, d),
            start_time=time(9),
            end_time=time(11),
            place="Aula",
            topic=f"Sesi {d}",
            guest_facilitator="LBH",
        )
        for d in (6, 7, 8, 9)
    ]
    services.invite(
        actor=koordinator, programme=programme, resident_ids=[father.pk, mother.pk, inaq.pk]
    )
    # Mother came to all 4, father to 2 (of 4: < 75%), Inaq never; the daughter walked in once.
    for s in sessions:
        services.attendance_mark(actor=koordinator, session=s, resident=mother)
    for s in sessions[:2]:
        services.attendance_mark(actor=koordinator, session=s, resident=father)
    services.attendance_mark(actor=koordinator, session=sessions[3], resident=daughter)
    result = selectors.participation(programme, today=date(2026, 2, 1))
    assert result.sessions_held == 4
    assert result.invited == 3
    assert result.reached == 3
    assert result.invited_who_came == 2
    assert result.participation_rate == pytest.approx(2 / 3)
    assert result.retained == 1  # the mother (3 of 4 needed)
    assert result.retention_rate == pytest.approx(1 / 3)
    assert result.attendances == 7
    sexes = dict((label, n) for label, n, _share in result.breakdowns[1].rows)
    assert sexes == {"Laki-laki": 1, "Perempuan": 2}
    assert [r.name for r in selectors.completers(programme, today=date(2026, 2, 1))] == [
        mother.name
    ]
    page = login_client(koordinator).get(reverse("programs:programme_detail", args=[programme.pk]))
    html = page.content.decode()
    assert page.status_code == 200
    assert 'class="bar-chart"' in html
    district = selectors.district_participation(2026, today=date(2026, 2, 1))
    assert (district.reached, district.attendances, district.sessions) == (3, 7, 4)


def test_calendar_and_qr_code(koordinator, kader, session):
    client = login_client(kader)
    html = client.get(reverse("programs:calendar"), {"bulan": "2026-01"}).content.decode()
    assert "Penyuluhan migrasi aman 2026" in html
    assert reverse("programs:session_detail", args=[session.pk]) in html
    svg = client.get(reverse("programs:session_qr", args=[session.pk]))
    assert svg["Content-Type"] == "image/svg+xml"
    assert svg.content.startswith(b"<svg")
    assert client.get(reverse("programs:calendar"), {"bulan": "xx"}).status_code == 200


def test_the_household_and_resident_pages_show_the_programmes(
    koordinator, kader, personas, household, programme, session
):
    home, father, mother, _daughter = household
    services.invite(actor=koordinator, programme=programme, resident_ids=[father.pk, mother.pk])
    services.attendance_mark(actor=koordinator, session=session, resident=mother)
    page = login_client(kader).get(reverse("registry:household_detail", args=[home.pk]))
    html = page.content.decode()
    assert "Penyuluhan migrasi aman 2026 · hadir 1 sesi" in html
    assert "diundang, belum hadir" in html
    resident = login_client(koordinator).get(reverse("registry:resident_detail", args=[mother.pk]))
    assert reverse("programs:programme_detail", args=[programme.pk]) in resident.content.decode()
    # Roles that neither plan programmes nor take attendance do not see the card.
    koperasi = login_client(personas["pengurus_koperasi"])
    html = koperasi.get(reverse("registry:household_detail", args=[home.pk])).content.decode()
    assert 'data-section="programmes"' not in html
