import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import ProtectedError

from sigap.accounts.services import user_set_active
from sigap.partners import selectors, services
from sigap.partners.models import ContactPoint, Organisation, Service, Staff
from sigap.partners.services import OrganisationData
from sigap.partners.tests.factories import mitra_user, organisation, service


def refusal(caught, field: str) -> str:
    return " ".join(caught.value.message_dict[field])


def test_an_organisation_is_created_with_its_facts_trimmed(admin):
    created = organisation(
        admin,
        name="  Dinas   Sosial  Lombok Barat ",
        kind="dinas_sosial",
        phone=" 0370-555-0131 ",
        email="dinsos@contoh.example",
    )
    assert created.name == "Dinas Sosial Lombok Barat"
    assert created.phone == "0370-555-0131"
    assert created.is_active


def test_a_duplicate_organisation_name_is_refused_with_a_link_to_the_one_that_exists(admin):
    first = organisation(admin, name="UPTD PPA Lombok Barat")
    with pytest.raises(ValidationError) as caught:
        organisation(admin, name="uptd ppa  lombok barat")
    message = refusal(caught, "name")
    assert "Lembaga “UPTD PPA Lombok Barat” sudah ada di direktori" in message
    assert f"/mitra/lembaga/{first.pk}/" in message
    assert Organisation.objects.count() == 1


@pytest.mark.parametrize(
    ("facts", "field", "message"),
    [
        ({"name": "  "}, "name", "Nama lembaga wajib diisi."),
        ({"kind": "bank"}, "kind", "Pilih jenis lembaga dari daftar."),
        ({"phone": "telp. kantor"}, "phone", "Nomor telepon hanya berisi angka"),
        ({"email": "dinsos@"}, "email", "Alamat email tidak sah"),
        (
            {"address": "x" * 301},
            "address",
            "Alamat paling banyak 300 karakter; yang dimasukkan 301.",
        ),
        (
            {"opening_hours": "y" * 101},
            "opening_hours",
            "Jam layanan paling banyak 100 karakter; yang dimasukkan 101.",
        ),
    ],
)
def test_bad_organisation_facts_are_refused_naming_the_field(admin, facts, field, message):
    data = {"name": "Puskesmas Gerung", "kind": "kesehatan"} | facts
    with pytest.raises(ValidationError) as caught:
        services.organisation_create(actor=admin, data=OrganisationData(**data))
    assert message in refusal(caught, field)
    assert not Organisation.objects.exists()


def test_every_problem_is_reported_at_once(admin):
    with pytest.raises(ValidationError) as caught:
        services.organisation_create(
            actor=admin, data=OrganisationData(name="", kind="", phone="x", email="y")
        )
    assert set(caught.value.message_dict) == {"name", "kind", "phone", "email"}


def test_an_update_keeps_its_own_name_but_may_not_take_anothers(admin):
    police = organisation(admin, name="Polsek Gerung", kind="kepolisian")
    organisation(admin, name="Polres Lombok Barat", kind="kepolisian")
    services.organisation_update(
        actor=admin,
        organisation=police,
        data=OrganisationData(name="Polsek Gerung", kind="kepolisian", area="Kec. Gerung"),
    )
    with pytest.raises(ValidationError, match="sudah ada di direktori"):
        services.organisation_update(
            actor=admin,
            organisation=police,
            data=OrganisationData(name="POLRES Lombok Barat", kind="kepolisian"),
        )
    police.refresh_from_db()
    assert (police.name, police.area) == ("Polsek Gerung", "Kec. Gerung")


def test_a_deactivated_organisation_leaves_the_lists_and_the_referral_choices(admin):
    uptd = organisation(admin)
    service(admin, uptd)
    services.organisation_update(
        actor=admin,
        organisation=uptd,
        data=OrganisationData(name=uptd.name, kind=uptd.kind, is_active=False),
    )
    assert list(selectors.organisation_list()) == []
    assert list(selectors.organisation_list(include_inactive=True)) == [uptd]
    assert list(selectors.services_for(None)) == []
    assert Service.objects.count() == 1  # its history stays


@pytest.mark.parametrize("who", ["pendamping", "kader", "mitra", "analis", "pengurus_koperasi"])
def test_writes_need_the_capability_to_manage_partners(admin, personas, who):
    uptd = organisation(admin)
    counselling = service(admin, uptd)
    contact = services.contact_add(
        actor=admin, organisation=uptd, name="Meja pengaduan", phone="0370-555-0121"
    )
    staff = services.staff_add(actor=admin, organisation=uptd, user=personas["mitra"])
    spare = mitra_user(admin)
    data = OrganisationData(name="Lembaga Lain", kind="lsm")
    actor = personas[who]
    attempts = [
        lambda: services.organisation_create(actor=actor, data=data),
        lambda: services.organisation_update(actor=actor, organisation=uptd, data=data),
        lambda: services.service_add(
            actor=actor, organisation=uptd, area="hukum", name="Konsultasi"
        ),
        lambda: services.service_update(
            actor=actor, service=counselling, area="hukum", name="Konsultasi"
        ),
        lambda: services.service_remove(actor=actor, service=counselling),
        lambda: services.contact_add(
            actor=actor, organisation=uptd, name="Orang", phone="0812-0000-0001"
        ),
        lambda: services.contact_remove(actor=actor, contact=contact),
        lambda: services.staff_add(actor=actor, organisation=uptd, user=spare),
        lambda: services.staff_remove(actor=actor, staff=staff),
    ]
    for attempt in attempts:
        with pytest.raises(PermissionDenied):
            attempt()
    uptd.refresh_from_db()
    assert uptd.name == "UPTD PPA Lombok Barat"
    assert Organisation.objects.count() == 1
    assert list(Service.objects.values_list("name", "area")) == [
        ("Konseling psikologis", "psikososial")
    ]
    assert ContactPoint.objects.count() == 1
    assert list(Staff.objects.values_list("user__username", flat=True)) == ["fajar"]


def test_the_koordinator_manages_the_directory(personas):
    created = organisation(personas["koordinator"], name="LBH Lombok", kind="bantuan_hukum")
    assert service(personas["koordinator"], created, name="Konsultasi", area="hukum")


# --- Services ---------------------------------------------------------------------------------


def test_a_service_needs_a_known_area_and_a_name(admin):
    uptd = organisation(admin)
    with pytest.raises(ValidationError) as caught:
        services.service_add(actor=admin, organisation=uptd, area="sihir", name=" ")
    assert refusal(caught, "area") == "Pilih bidang layanan dari daftar."
    assert refusal(caught, "name") == "Nama layanan wajib diisi."
    assert not Service.objects.exists()


def test_the_same_service_twice_in_one_area_is_refused_but_another_area_is_fine(admin):
    uptd = organisation(admin)
    service(admin, uptd, name="Konseling", area="psikososial")
    with pytest.raises(ValidationError) as caught:
        service(admin, uptd, name="KONSELING", area="psikososial")
    assert (
        refusal(caught, "name")
        == "Layanan “KONSELING” di bidang Psikososial sudah ada di lembaga ini."
    )
    service(admin, uptd, name="Konseling", area="keluarga")
    service(admin, organisation(admin, name="Puskesmas", kind="kesehatan"), name="Konseling")
    assert Service.objects.count() == 3


def test_a_service_is_updated_under_the_same_rules(admin):
    uptd = organisation(admin)
    counselling = service(admin, uptd, name="Konseling")
    shelter = service(admin, uptd, name="Rumah aman", area="keamanan")
    services.service_update(
        actor=admin, service=counselling, area="psikososial", name="Konseling", is_free=False
    )
    with pytest.raises(ValidationError, match="sudah ada di lembaga ini"):
        services.service_update(actor=admin, service=shelter, area="psikososial", name="konseling")
    shelter.refresh_from_db()
    counselling.refresh_from_db()
    assert shelter.area == "keamanan" and not counselling.is_free


def test_a_service_that_referrals_point_at_is_not_removed(admin, monkeypatch):
    uptd = organisation(admin)
    counselling = service(admin, uptd, name="Konseling")

    def protected(self, *args, **kwargs):
        raise ProtectedError("referensi", set())

    monkeypatch.setattr(Service, "delete", protected)
    with pytest.raises(ValidationError) as caught:
        services.service_remove(actor=admin, service=counselling)
    assert "Layanan “Konseling” sudah dipakai dalam rujukan" in refusal(caught, "service")
    assert Service.objects.count() == 1


def test_a_service_is_removed(admin):
    counselling = service(admin, organisation(admin))
    services.service_remove(actor=admin, service=counselling)
    assert not Service.objects.exists()


# --- Contacts ---------------------------------------------------------------------------------


def test_a_contact_needs_a_name_and_a_way_to_reach_them(admin):
    uptd = organisation(admin)
    with pytest.raises(ValidationError) as caught:
        services.contact_add(actor=admin, organisation=uptd, name="", position="Piket")
    assert refusal(caught, "name") == "Nama narahubung wajib diisi."
    assert "Isi nomor telepon/WhatsApp atau email" in refusal(caught, "phone")
    with pytest.raises(ValidationError) as caught:
        services.contact_add(actor=admin, organisation=uptd, name="Piket", phone="0812/0000")
    assert "Nomor telepon hanya berisi angka" in refusal(caught, "phone")
    assert not ContactPoint.objects.exists()
    by_email = services.contact_add(
        actor=admin, organisation=uptd, name="Piket", email="piket@uptd.example"
    )
    services.contact_remove(actor=admin, contact=by_email)
    assert not ContactPoint.objects.exists()


# --- Staff ------------------------------------------------------------------------------------


def test_a_mitra_user_becomes_staff_of_one_organisation(admin, personas):
    uptd = organisation(admin)
    mitra = personas["mitra"]
    assert mitra in selectors.mitra_users_without_organisation()
    staff = services.staff_add(actor=admin, organisation=uptd, user=mitra)
    assert selectors.organisation_of(mitra) == uptd
    assert mitra not in selectors.mitra_users_without_organisation()
    services.staff_remove(actor=admin, staff=staff)
    assert selectors.organisation_of(mitra) is None


def test_only_users_with_the_mitra_role_become_staff(admin, personas):
    uptd = organisation(admin)
    with pytest.raises(ValidationError) as caught:
        services.staff_add(actor=admin, organisation=uptd, user=personas["pendamping"])
    assert refusal(caught, "user").startswith("Citra Pendamping tidak punya peran Mitra.")
    assert personas["pendamping"] not in selectors.mitra_users_without_organisation()
    assert not Staff.objects.exists()


def test_a_user_is_staff_of_one_organisation_only(admin, personas):
    uptd = organisation(admin)
    lbh = organisation(admin, name="LBH Lombok", kind="bantuan_hukum")
    services.staff_add(actor=admin, organisation=uptd, user=personas["mitra"])
    with pytest.raises(ValidationError) as caught:
        services.staff_add(actor=admin, organisation=lbh, user=personas["mitra"])
    assert refusal(caught, "user").startswith(
        "Fajar Mitra sudah menjadi staf UPTD PPA Lombok Barat. Satu pengguna hanya untuk satu"
    )
    with pytest.raises(ValidationError) as caught:
        services.staff_add(actor=admin, organisation=uptd, user=personas["mitra"])
    assert refusal(caught, "user") == "Fajar Mitra sudah menjadi staf lembaga ini."
    assert list(Staff.objects.values_list("organisation__name", flat=True)) == [uptd.name]


def test_no_staff_for_inactive_users_or_organisations(admin, personas):
    uptd = organisation(admin)
    hana = mitra_user(admin)
    user_set_active(actor=admin, user=hana, active=False)
    with pytest.raises(ValidationError) as caught:
        services.staff_add(actor=admin, organisation=uptd, user=hana)
    assert refusal(caught, "user") == "Akun Hana Mitra nonaktif; aktifkan dulu di halaman Pengguna."
    closed = organisation(admin, name="Lembaga Tutup", kind="lsm", is_active=False)
    with pytest.raises(ValidationError) as caught:
        services.staff_add(actor=admin, organisation=closed, user=personas["mitra"])
    assert "Lembaga ini nonaktif" in refusal(caught, "user")
    assert not Staff.objects.exists()
