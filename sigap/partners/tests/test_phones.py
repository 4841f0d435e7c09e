import pytest

from sigap.partners import phones


@pytest.mark.parametrize(
    ("typed", "dialled"),
    [
        ("0812-0000-0101", "+6281200000101"),
        ("(0370) 555-0101", "+623705550101"),
        ("+62 812 0000 0101", "+6281200000101"),
        ("6281200000101", "+6281200000101"),
        ("129", "129"),  # SAPA 129, the national hotline
        ("+60 12-000 0101", "+60120000101"),
        ("", ""),
        ("bukan nomor", ""),
        ("12", ""),
        ("0812-0000-0101 ext 5", ""),
    ],
)
def test_it_gives_the_international_form_a_phone_can_dial(typed, dialled):
    assert phones.international(typed) == dialled
    assert phones.tel_uri(typed) == (f"tel:{dialled}" if dialled else "")


def test_whatsapp_links_only_for_mobiles():
    assert phones.whatsapp_uri("0812-0000-0101") == "https://wa.me/6281200000101"
    assert phones.whatsapp_uri("+60 12-000 0101") == "https://wa.me/60120000101"
    assert phones.whatsapp_uri("0370-555-0101") == ""  # a landline
    assert phones.whatsapp_uri("129") == ""
    assert phones.whatsapp_uri("") == ""


def test_plausible_numbers():
    assert phones.is_plausible("0370 555.0101")
    assert not phones.is_plausible("-0812")
    assert not phones.is_plausible("0812/0000")
    assert not phones.is_plausible("1" * 16)
