from sigap.core import regions


def test_it_decodes_the_kecamatan_of_first_registration():
    place = regions.place_of("520101")
    assert place is not None
    assert place.describe() == "Kec. Gerung, Kabupaten Lombok Barat, Nusa Tenggara Barat"


def test_it_knows_babussalam_and_dotted_codes():
    assert regions.place_of("52.01.01.2007").name == "Babussalam"
    assert not regions.is_kelurahan("5201012007")


def test_a_code_that_does_not_exist_is_none():
    assert regions.place_of("529999") is None
    assert regions.place_of("12345") is None
    assert regions.place_of("abcdef") is None
