import pytest
from django.db.models import ProtectedError
from django.urls import reverse

from conftest import login_client
from sigap.partners import services
from sigap.partners.models import ContactPoint, Organisation, Service, Staff
from sigap.partners.tests.factories import organisation, service

READERS = ["admin_desa", "koordinator", "pendamping", "kader", "pengurus_koperasi", "mitra"]


@pytest.fixture
def uptd(admin, personas):
    """An organisation with a service, a contact, and the Mitra persona as staff."""
    found = organisation(
        admin,
        name="UPTD PPA Lombok Barat",
        phone="0370-555-0121",
        opening_hours="Senin–Jumat 08.00–16.00 WITA",
    )
    service(admin, found, name="Konseling psikologis", area="psikososial")
    services.contact_add(
        actor=admin, organisation=found, name="Petugas piket", phone="0812-0000-0121"
    )
    services.staff_add(actor=admin, organisation=found, user=personas["mitra"])
    return found


def detail_url(organisation) -> str:
    return reverse("partners:organisation_detail", args=[organisation.pk])


@pytest.mark.parametrize("who", READERS)
def test_the_directory_pages_render_for_every_reader(who, personas, uptd):
    client = login_client(personas[who])
    listing = client.get(reverse("partners:organisation_list"))
    assert listing.status_code == 200
    assert "UPTD PPA Lombok Barat" in listing.content.decode()
    page = client.get(detail_url(uptd))
    assert page.status_code == 200
    assert "Konseling psikologis" in page.content.decode()


def test_the_analis_gets_404(personas, uptd):
    client = login_client(personas["analis"])
    assert client.get(reverse("partners:organisation_list")).status_code == 404
    assert client.get(detail_url(uptd)).status_code == 404


def test_the_list_filters_by_area_and_answers_htmx_with_the_results_only(admin, uptd):
    organisation(admin, name="Polsek Gerung", kind="kepolisian")
    client = login_client(admin)
    html = client.get(reverse("partners:organisation_list"), {"area": "psikososial"}).content
    assert b"UPTD PPA Lombok Barat" in html and b"Polsek Gerung" not in html
    fragment = client.get(
        reverse("partners:organisation_list"), {"q": "polsek"}, headers={"HX-Request": "true"}
    ).content.decode()
    assert "<html" not in fragment
    assert "Polsek Gerung" in fragment and "UPTD PPA" not in fragment
    none = client.get(reverse("partners:organisation_list"), {"q": "tidak ada"}).content.decode()
    assert "Tidak ada lembaga yang cocok." in none


def test_inactive_organisations_are_listed_for_managers_only(admin, personas):
    organisation(admin, name="Lembaga Lama", kind="lsm", is_active=False)
    url = reverse("partners:organisation_list")
    assert "Lembaga Lama" in login_client(admin).get(url).content.decode()
    assert "Lembaga Lama" not in login_client(personas["pendamping"]).get(url).content.decode()


def test_phone_numbers_are_links_a_phone_can_dial_and_open_in_whatsapp(personas, uptd):
    html = login_client(personas["kader"]).get(detail_url(uptd)).content.decode()
    assert 'href="tel:+623705550121"' in html
    assert 'href="tel:+6281200000121"' in html
    assert 'href="https://wa.me/6281200000121"' in html
    assert "https://wa.me/623705550121" not in html  # a landline has no WhatsApp link


def test_the_staff_and_the_edit_controls_are_shown_to_managers_only(personas, uptd):
    for who in ("pendamping", "kader", "mitra"):
        html = login_client(personas[who]).get(detail_url(uptd)).content.decode()
        assert "Staf di SIGAP" not in html and "(fajar)" not in html, who
        assert "Ubah data lembaga" not in html and "Tambah layanan" not in html, who
        assert reverse("partners:service_add", args=[uptd.pk]) not in html, who
    html = login_client(personas["koordinator"]).get(detail_url(uptd)).content.decode()
    assert "Staf di SIGAP" in html and "(fajar)" in html
    assert "Ubah data lembaga" in html and "Tambah layanan" in html


def test_a_mitra_sees_their_own_organisation_marked(personas, uptd, admin):
    other = organisation(admin, name="LBH Lombok", kind="bantuan_hukum")
    client = login_client(personas["mitra"])
    assert "Lembaga Anda" in client.get(detail_url(uptd)).content.decode()
    assert "Lembaga Anda" not in client.get(detail_url(other)).content.decode()


def test_an_organisation_is_created_and_edited_through_the_forms(personas):
    client = login_client(personas["koordinator"])
    response = client.post(
        reverse("partners:organisation_create"),
        {"name": "Dinas Sosial Lombok Barat", "kind": "dinas_sosial", "phone": "0370-555-0131"},
    )
    created = Organisation.objects.get()
    assert response["Location"] == detail_url(created)
    edit = reverse("partners:organisation_edit", args=[created.pk])
    assert client.get(edit).status_code == 200
    response = client.post(
        edit, {"name": "Dinas Sosial Lombok Barat", "kind": "dinas_sosial", "is_active": ""}
    )
    assert response.status_code == 302
    created.refresh_from_db()
    assert not created.is_active and created.phone == ""


def test_an_empty_organisation_form_says_what_is_missing(admin):
    response = login_client(admin).post(reverse("partners:organisation_create"), {"name": " "})
    assert response.status_code == 400
    html = response.content.decode()
    assert "Nama lembaga wajib diisi." in html and "Pilih jenis lembaga dari daftar." in html
    assert not Organisation.objects.exists()


def test_an_unknown_filter_in_an_old_link_keeps_the_search_words(admin, uptd):
    organisation(admin, name="Polsek Gerung", kind="kepolisian")
    html = (
        login_client(admin)
        .get(reverse("partners:organisation_list"), {"q": "polsek", "kind": "bank"})
        .content.decode()
    )
    assert "Polsek Gerung" in html and "UPTD PPA Lombok Barat" not in html


def test_a_duplicate_organisation_is_refused_with_400_and_the_message(admin, uptd):
    response = login_client(admin).post(
        reverse("partners:organisation_create"),
        {"name": "uptd ppa lombok barat", "kind": "uptd_ppa"},
    )
    assert response.status_code == 400
    assert "sudah ada di direktori" in response.content.decode()
    assert Organisation.objects.count() == 1


def test_a_service_is_added_and_a_bad_one_is_refused_on_the_detail_page(admin, uptd):
    client = login_client(admin)
    url = reverse("partners:service_add", args=[uptd.pk])
    ok = client.post(url, {"service-area": "hukum", "service-name": "Pendampingan hukum"})
    assert ok.status_code == 302 and ok["Location"] == detail_url(uptd)
    bad = client.post(url, {"service-area": "psikososial", "service-name": "konseling psikologis"})
    assert bad.status_code == 400
    html = bad.content.decode()
    assert "Layanan “konseling psikologis” di bidang Psikososial sudah ada di lembaga ini." in html
    assert 'data-testid="error-summary"' in html and "UPTD PPA Lombok Barat" in html
    assert Service.objects.count() == 2


def test_a_service_is_edited(admin, uptd):
    counselling = Service.objects.get()
    url = reverse("partners:service_edit", args=[uptd.pk, counselling.pk])
    client = login_client(admin)
    assert client.get(url).status_code == 200
    response = client.post(
        url, {"area": "psikososial", "name": "Konseling", "description": "Dengan janji."}
    )
    assert response.status_code == 302
    counselling.refresh_from_db()
    assert (counselling.name, counselling.is_free) == ("Konseling", False)


def test_a_service_in_use_is_not_removed_and_the_page_says_why(admin, uptd, monkeypatch):
    def protected(self, *args, **kwargs):
        raise ProtectedError("referensi", set())

    monkeypatch.setattr(Service, "delete", protected)
    counselling = Service.objects.get()
    response = login_client(admin).post(
        reverse("partners:service_remove", args=[uptd.pk, counselling.pk])
    )
    assert response.status_code == 400
    assert "sudah dipakai dalam rujukan" in response.content.decode()


def test_services_contacts_and_staff_of_another_organisation_are_404(admin, uptd):
    other = organisation(admin, name="LBH Lombok", kind="bantuan_hukum")
    client = login_client(admin)
    for name, pk in (
        ("service_remove", Service.objects.get().pk),
        ("contact_remove", ContactPoint.objects.get().pk),
        ("staff_remove", Staff.objects.get().pk),
    ):
        assert client.post(reverse(f"partners:{name}", args=[other.pk, pk])).status_code == 404
    assert Service.objects.count() == ContactPoint.objects.count() == Staff.objects.count() == 1


def test_a_contact_without_a_phone_or_email_is_refused(admin, uptd):
    client = login_client(admin)
    url = reverse("partners:contact_add", args=[uptd.pk])
    bad = client.post(url, {"contact-name": "Kepala UPTD", "contact-position": "Kepala"})
    assert bad.status_code == 400
    assert "Isi nomor telepon/WhatsApp atau email" in bad.content.decode()
    ok = client.post(url, {"contact-name": "Kepala UPTD", "contact-phone": "0812-0000-0122"})
    assert ok.status_code == 302
    contact = ContactPoint.objects.get(name="Kepala UPTD")
    client.post(reverse("partners:contact_remove", args=[uptd.pk, contact.pk]))
    assert not ContactPoint.objects.filter(name="Kepala UPTD").exists()


def test_only_mitra_users_without_an_organisation_are_offered_and_accepted(admin, personas, uptd):
    client = login_client(admin)
    lbh = organisation(admin, name="LBH Lombok", kind="bantuan_hukum")
    page = client.get(detail_url(lbh)).content.decode()
    assert "Tidak ada pengguna Mitra yang belum punya lembaga." in page
    url = reverse("partners:staff_add", args=[lbh.pk])
    not_mitra = client.post(url, {"staff-user": personas["pendamping"].pk})
    assert not_mitra.status_code == 400
    assert "Citra Pendamping tidak punya peran Mitra." in not_mitra.content.decode()
    elsewhere = client.post(url, {"staff-user": personas["mitra"].pk})
    assert elsewhere.status_code == 400
    assert "Fajar Mitra sudah menjadi staf UPTD PPA Lombok Barat." in elsewhere.content.decode()
    missing = client.post(url, {"staff-user": 99999})
    assert missing.status_code == 400
    assert "Pengguna itu tidak ditemukan; pilih dari daftar." in missing.content.decode()

    staff = Staff.objects.get()
    assert (
        client.post(reverse("partners:staff_remove", args=[uptd.pk, staff.pk])).status_code == 302
    )
    assert "Fajar Mitra (fajar)" in client.get(detail_url(lbh)).content.decode()
    assert client.post(url, {"staff-user": personas["mitra"].pk}).status_code == 302
    assert Staff.objects.get().organisation == lbh


def test_post_only_views_refuse_get(admin, uptd):
    client = login_client(admin)
    for name in ("service_add", "contact_add", "staff_add"):
        assert client.get(reverse(f"partners:{name}", args=[uptd.pk])).status_code == 405
