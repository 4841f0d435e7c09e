from datetime import date

from django.urls import reverse

from conftest import login_client
from sigap.registry.models import Household, LifeEvent, Resident
from sigap.registry.tests.factories import family, household, resident


def test_a_kader_gets_404_for_people_of_another_dusun(personas, admin, other_dusun):
    theirs = household(admin, other_dusun)
    person = resident(admin, theirs, "Warga Lain")
    client = login_client(personas["kader"])
    for url in (
        reverse("registry:resident_detail", args=[person.pk]),
        reverse("registry:resident_edit", args=[person.pk]),
        reverse("registry:household_detail", args=[theirs.pk]),
        reverse("registry:household_edit", args=[theirs.pk]),
        reverse("registry:resident_create", args=[theirs.pk]),
    ):
        assert client.get(url).status_code == 404, url


def test_the_pengurus_koperasi_reads_but_does_not_see_edit_buttons(personas, admin, dusun):
    home, father, *_ = family(admin, dusun)
    html = (
        login_client(personas["pengurus_koperasi"])
        .get(reverse("registry:household_detail", args=[home.pk]))
        .content.decode()
    )
    assert "Lalu Muhammad Saleh" in html
    assert "Tambah anggota" not in html and "Ubah data keluarga" not in html


def test_a_kader_registers_a_family_through_the_forms(personas, dusun):
    client = login_client(personas["kader"])
    response = client.post(
        reverse("registry:household_create"),
        {"dusun": dusun.pk, "kk_number": "5201 0115 0315 0007", "address": "Gang Mawar"},
    )
    home = Household.objects.get(kk_number="5201011503150007")
    assert response["Location"] == reverse("registry:household_detail", args=[home.pk])
    form = {
        "name": "Inaq Sumiati",
        "nik": "5201014706900002",
        "sex": "L",  # the NIK says a woman: a warning to confirm, not a refusal
        "birth_date": "1990-06-07",
        "relationship": 1,
        "citizenship": 1,
        "disability": 0,
        "whereabouts": "desa",
        "in_school": "unknown",
    }
    url = reverse("registry:resident_create", args=[home.pk])
    first = client.post(url, form)
    assert first.status_code == 400
    assert "Jenis kelamin dalam NIK" in first.content.decode()
    assert not Resident.objects.exists()
    second = client.post(url, form | {"confirm_nik_warnings": "on"})
    assert second.status_code == 302
    person = Resident.objects.get()
    assert person.nik_anomaly_confirmed and person.household == home


def test_a_bad_nik_is_named_beside_the_field(personas, admin, dusun):
    home = household(admin, dusun)
    response = login_client(admin).post(
        reverse("registry:resident_create", args=[home.pk]),
        {
            "name": "X",
            "nik": "52010107069",
            "sex": "L",
            "relationship": 4,
            "citizenship": 1,
            "disability": 0,
            "whereabouts": "desa",
        },
    )
    assert response.status_code == 400
    assert "NIK harus 16 angka; yang dimasukkan 11 angka." in response.content.decode()


def test_the_person_page_shows_where_the_nik_was_first_registered_and_the_history(
    personas, admin, dusun
):
    _home, father, *_ = family(admin, dusun)
    client = login_client(personas["pendamping"])
    response = client.post(
        reverse("registry:life_event_create", args=[father.pk]),
        {
            "kind": "ke_luar_negeri",
            "occurred_on": "2025-04-01",
            "country": "Malaysia",
            "place": "Sabah",
        },
    )
    assert response.status_code == 302
    html = client.get(reverse("registry:resident_detail", args=[father.pk])).content.decode()
    assert "Kec. Gerung, Kabupaten Lombok Barat" in html
    assert "Berangkat ke luar negeri" in html and "Malaysia" in html
    assert "5201011503150003" in html  # the KK history
    assert LifeEvent.objects.get().recorded_by == personas["pendamping"]


def test_a_bad_event_shows_the_error_on_the_person_page(personas, admin, dusun):
    _home, father, *_ = family(admin, dusun)
    response = login_client(admin).post(
        reverse("registry:life_event_create", args=[father.pk]),
        {"kind": "ke_luar_negeri", "occurred_on": date(2025, 1, 1).isoformat()},
    )
    assert response.status_code == 400
    assert "Isi negara tujuan." in response.content.decode()


def test_the_dashboard_counts_the_kaders_dusun_only(personas, admin, dusun, other_dusun):
    family(admin, dusun)
    resident(admin, household(admin, other_dusun), "Warga Lain")
    kader_html = login_client(personas["kader"]).get("/").content.decode()
    assert "Penduduk dusun Bermi Karang Dalam Barat" in kader_html
    assert "<dt>Penduduk</dt><dd>3</dd>" in kader_html.replace("\n", "")
    admin_html = login_client(admin).get("/").content.decode()
    assert "<dt>Penduduk</dt><dd>4</dd>" in admin_html.replace("\n", "")
