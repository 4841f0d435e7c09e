from datetime import date

import pytest

from sigap.registry import nik

TODAY = date(2026, 11, 29)


def test_a_man_born_on_the_seventh_of_june_1990():
    info = nik.parse_nik("5201010706900001", today=TODAY)
    assert (info.region_code, info.birth_date, info.sex, info.serial) == (
        "520101",
        date(1990, 6, 7),
        nik.MALE,
        "0001",
    )
    assert info.region.describe() == "Kec. Gerung, Kabupaten Lombok Barat, Nusa Tenggara Barat"


def test_a_woman_has_forty_added_to_her_birth_day():
    info = nik.parse_nik("5201014706900002", today=TODAY)
    assert info.sex == nik.FEMALE
    assert info.birth_date == date(1990, 6, 7)


def test_the_century_is_the_latest_that_is_not_in_the_future():
    assert nik.parse_nik("5201010101100001", today=TODAY).birth_date == date(2010, 1, 1)
    assert nik.parse_nik("5201010101300001", today=TODAY).birth_date == date(1930, 1, 1)


def test_spaces_and_dots_people_type_are_ignored():
    assert nik.parse_nik("5201 0107 0690 0001", today=TODAY).nik == "5201010706900001"


@pytest.mark.parametrize(
    ("value", "part", "words"),
    [
        ("520101070690001", "length", "harus 16 angka; yang dimasukkan 15"),
        ("52010107069000011", "length", "yang dimasukkan 17"),
        ("52010107069O0001", "digits", "hanya boleh berisi angka"),
        ("", "length", "wajib diisi"),
        ("5201013206900001", "birth_day", "angka ke-7 dan 8: 32"),
        ("5201017206900001", "birth_day", "41–71 untuk perempuan"),
        ("5201010113900001", "birth_month", "angka ke-9 dan 10: 13"),
        ("5201013102900001", "birth_date", "bukan tanggal yang ada (31-02-90)"),
        ("5201012902230001", "birth_date", "bukan tanggal yang ada"),
        ("5201010706900000", "serial", "tidak boleh 0000"),
        ("0001010706900001", "region", "Kode provinsi"),
    ],
)
def test_a_malformed_nik_is_refused_naming_the_part(value, part, words):
    with pytest.raises(nik.NikError) as caught:
        nik.parse_nik(value, today=TODAY)
    assert caught.value.part == part
    assert words in str(caught.value)


def test_29_february_is_valid_in_a_leap_year():
    assert nik.parse_nik("5201012902000001", today=TODAY).birth_date == date(2000, 2, 29)


def test_disagreements_are_warnings_that_name_the_part():
    info = nik.parse_nik("5201014706900002", today=TODAY)
    warnings = nik.nik_warnings(info, sex=nik.MALE, birth_date=date(1991, 6, 7))
    assert len(warnings) == 2
    assert "Jenis kelamin dalam NIK (perempuan (tanggal +40)" in warnings[0]
    assert "Tanggal lahir dalam NIK (07-06-90" in warnings[1]
    assert nik.nik_warnings(info, sex=nik.FEMALE, birth_date=date(1990, 6, 7)) == []


def test_a_region_that_does_not_exist_is_a_warning_not_a_refusal():
    info = nik.parse_nik("5299880706900001", today=TODAY)
    warnings = nik.nik_warnings(info)
    assert warnings and "529988" in warnings[0]


def test_the_region_is_where_the_person_was_first_registered_not_the_village():
    # A person first registered in Mataram (52.71) who lives in Babussalam is fine.
    info = nik.parse_nik("5271010706900001", today=TODAY)
    assert nik.nik_warnings(info, sex=nik.MALE) == []


def test_kk_numbers():
    info = nik.parse_kk("5201011503150003", today=TODAY)
    assert info.issue_date == date(2015, 3, 15)
    assert nik.kk_warnings(info) == []
    odd = nik.parse_kk("5201019999150003", today=TODAY)
    assert odd.issue_date is None
    assert "bukan tanggal yang ada" in nik.kk_warnings(odd)[0]
    with pytest.raises(nik.NikError, match="No. KK harus 16 angka"):
        nik.parse_kk("52010115031500")


def test_temporary_numbers_and_masking():
    number = nik.temporary_number("5201012007", 42)
    assert number == "0520101200700042" and len(number) == 16
    assert nik.is_temporary(number)
    with pytest.raises(nik.NikError):
        nik.parse_nik(number)  # "05" is no province: it can never pass for a NIK
    assert nik.mask("5201014706900002") == "5201**********02"
