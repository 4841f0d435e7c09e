from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from sigap.registry import codes, services
from sigap.registry.models import Household, Membership, Resident
from sigap.registry.services import NikWarnings, ResidentData
from sigap.registry.tests.factories import family, household, resident


def test_a_family_is_created_with_its_head_and_kk_history(admin, dusun):
    home, father, mother, daughter = family(admin, dusun)
    home.refresh_from_db()
    assert home.head == father
    assert {m.kk_number for m in Membership.objects.filter(household=home)} == {"5201011503150003"}
    assert daughter.dusun == dusun and daughter.village == dusun.village


def test_a_duplicate_nik_is_refused_with_a_link_to_the_person_who_has_it(admin, dusun):
    home, father, *_ = family(admin, dusun)
    with pytest.raises(ValidationError) as caught:
        resident(admin, home, "Orang Lain", nik="5201010706900001", birth_date=date(1990, 6, 7))
    message = caught.value.message_dict["nik"][0]
    assert "sudah dipakai" in message
    assert f"/penduduk/orang/{father.pk}/" in message
    assert Resident.objects.filter(name="Orang Lain").count() == 0


def test_a_nik_that_disagrees_must_be_confirmed(admin, dusun):
    home = household(admin, dusun)
    data = ResidentData(
        name="Sumiati",
        sex="L",
        nik="5201014706900002",
        birth_date=date(1990, 6, 7),
        relationship=1,
    )
    with pytest.raises(NikWarnings) as caught:
        services.resident_create(actor=admin, household=home, data=data)
    assert "Jenis kelamin dalam NIK" in caught.value.warnings[0]
    assert not Resident.objects.filter(name="Sumiati").exists()

    data.confirm_nik_warnings = True
    person = services.resident_create(actor=admin, household=home, data=data)
    assert person.nik_anomaly_confirmed


def test_without_a_nik_a_reason_is_needed_and_a_temporary_number_is_given(admin, dusun):
    home = household(admin, dusun)
    with pytest.raises(ValidationError, match="Tanpa NIK, pilih alasannya"):
        services.resident_create(
            actor=admin, household=home, data=ResidentData(name="Bayi", sex="P", relationship=4)
        )
    first = resident(admin, home, "Bayi Satu")
    second = resident(admin, home, "Bayi Dua")
    assert first.temp_number == "0520101200700001"
    assert second.temp_number == "0520101200700002"
    assert first.nik is None


def test_a_malformed_kk_is_refused_and_nothing_is_written(admin, dusun):
    with pytest.raises(ValidationError, match="No. KK harus 16 angka"):
        household(admin, dusun, kk_number="123")
    assert not Household.objects.exists()


def test_a_new_kk_number_keeps_the_old_one_in_each_members_history(admin, dusun):
    home, father, *_ = family(admin, dusun)
    services.household_update(actor=admin, household=home, kk_number="5201010102260004")
    numbers = list(
        Membership.objects.filter(resident=father)
        .order_by("pk")
        .values_list("kk_number", "ended_on")
    )
    assert numbers[0][0] == "5201011503150003" and numbers[0][1] is not None
    assert numbers[1] == ("5201010102260004", None)


def test_life_events_change_the_record(admin, dusun, other_dusun):
    home, father, mother, daughter = family(admin, dusun)
    services.life_event_record(
        actor=admin,
        resident=mother,
        kind="ke_luar_negeri",
        occurred_on=date(2025, 3, 1),
        country="Arab Saudi",
        place="Riyadh",
    )
    mother.refresh_from_db()
    assert (mother.whereabouts, mother.abroad_country) == ("luar_negeri", "Arab Saudi")
    services.life_event_record(
        actor=admin, resident=mother, kind="kembali", occurred_on=date(2026, 1, 5)
    )
    mother.refresh_from_db()
    assert (mother.whereabouts, mother.abroad_country) == ("desa", "")

    new_home = household(admin, other_dusun)
    services.life_event_record(
        actor=admin,
        resident=daughter,
        kind="ganti_kk",
        occurred_on=date(2026, 2, 1),
        new_household=new_home,
        relationship=codes.FamilyRelationship.GRANDCHILD,
    )
    daughter.refresh_from_db()
    assert daughter.household == new_home and daughter.dusun == other_dusun
    assert Membership.objects.filter(resident=daughter, ended_on=None).get().household == new_home

    services.life_event_record(
        actor=admin, resident=father, kind="mati", occurred_on=date(2026, 3, 1)
    )
    father.refresh_from_db()
    home.refresh_from_db()
    assert father.basic_status == codes.BasicStatus.DEAD
    assert home.head is None
    assert father.events.count() == 1


def test_an_event_in_the_future_or_abroad_without_a_country_is_refused(admin, dusun):
    _home, father, *_ = family(admin, dusun)
    with pytest.raises(ValidationError, match="masa depan"):
        services.life_event_record(
            actor=admin, resident=father, kind="mati", occurred_on=date(2099, 1, 1)
        )
    with pytest.raises(ValidationError, match="negara tujuan"):
        services.life_event_record(
            actor=admin, resident=father, kind="ke_luar_negeri", occurred_on=date(2025, 1, 1)
        )
    assert father.events.count() == 0


def test_a_kader_writes_only_in_their_own_dusun(personas, admin, dusun, other_dusun):
    kader = personas["kader"]
    mine = household(kader, dusun)
    resident(kader, mine, "Warga Dusun Saya")
    with pytest.raises(PermissionDenied):
        household(kader, other_dusun)
    theirs = household(admin, other_dusun)
    with pytest.raises(PermissionDenied):
        resident(kader, theirs, "Warga Dusun Lain")
    with pytest.raises(PermissionDenied):
        household(personas["pengurus_koperasi"], dusun)  # reads the registry, never writes it


def test_a_new_kk_number_does_not_reopen_the_dead(admin, dusun):
    home, father, mother, _daughter = family(admin, dusun)
    services.life_event_record(
        actor=admin, resident=father, kind="mati", occurred_on=date(2026, 3, 1)
    )
    services.household_update(actor=admin, household=home, kk_number="5201010102260004")
    assert not Membership.objects.filter(resident=father, ended_on=None).exists()
    assert Membership.objects.get(resident=mother, ended_on=None).kk_number == "5201010102260004"


def test_moving_the_head_to_another_family_moves_the_headship(admin, dusun, other_dusun):
    home, father, *_ = family(admin, dusun)
    new_home = household(admin, other_dusun)
    services.life_event_record(
        actor=admin,
        resident=father,
        kind="ganti_kk",
        occurred_on=date(2026, 2, 1),
        new_household=new_home,
        relationship=codes.FamilyRelationship.HEAD,
    )
    home.refresh_from_db()
    new_home.refresh_from_db()
    assert home.head is None and new_home.head == father


def test_a_nik_replaces_the_temporary_number(admin, dusun):
    home = household(admin, dusun)
    baby = resident(admin, home, "Bayi")
    data = ResidentData(
        name="Bayi", sex="L", nik="5201010101260003", relationship=4, birth_date=date(2026, 1, 1)
    )
    services.resident_update(actor=admin, resident=baby, data=data)
    baby.refresh_from_db()
    assert baby.nik == "5201010101260003" and baby.temp_number is None


def test_closing_a_kk_period_is_audited(admin, dusun):
    from auditlog.models import LogEntry

    _home, father, *_ = family(admin, dusun)
    services.life_event_record(
        actor=admin, resident=father, kind="mati", occurred_on=date(2026, 3, 1)
    )
    period = Membership.objects.get(resident=father)
    assert LogEntry.objects.get_for_object(period).filter(action=LogEntry.Action.UPDATE).exists()
