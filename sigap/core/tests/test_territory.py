import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import CommandError, call_command
from django.urls import reverse

from conftest import login_client
from sigap.core import services
from sigap.core.models import Dusun, RukunTetangga, RukunWarga, Village


def test_everyone_on_the_team_reads_the_territory(personas, dusun):
    html = login_client(personas["kader"]).get(reverse("core:territory")).content.decode()
    assert "Bermi Karang Dalam Barat" in html and "RW 001" in html and "RT 002" in html
    assert "Tambah dusun" not in html  # the forms are for Admin Desa only


def test_the_admin_adds_a_dusun_an_rw_and_an_rt(admin_client, village):
    admin_client.post(reverse("core:dusun_create"), {"name": "  Kebon   Lauk "})
    kebon = Dusun.objects.get(name="Kebon Lauk")
    admin_client.post(reverse("core:rw_create"), {"dusun": kebon.pk, "number": "7"})
    rw = RukunWarga.objects.get(dusun=kebon)
    assert rw.number == "007"
    response = admin_client.post(reverse("core:rt_create"), {"rw": rw.pk, "number": "003"})
    assert response.status_code == 302
    assert list(rw.rt_set.values_list("number", flat=True)) == ["003"]


@pytest.mark.parametrize(
    ("url", "data", "message"),
    [
        ("core:dusun_create", {"name": "bermi karang dalam barat"}, "sudah ada"),
        ("core:rw_create", {"dusun": "DUSUN", "number": "1"}, "RW 001 sudah ada"),
        ("core:rw_create", {"dusun": "DUSUN", "number": "abc"}, "angka 1 sampai 999"),
        ("core:rt_create", {"rw": "RW", "number": "2"}, "RT 002 sudah ada di RW 001"),
        ("core:rt_create", {"rw": "RW", "number": "1000"}, "angka 1 sampai 999"),
    ],
)
def test_duplicates_and_bad_numbers_are_refused_beside_the_field(
    admin_client, dusun, url, data, message
):
    rw = dusun.rw_set.get()
    data = {k: {"DUSUN": dusun.pk, "RW": rw.pk}.get(v, v) for k, v in data.items()}
    before = (Dusun.objects.count(), RukunWarga.objects.count(), RukunTetangga.objects.count())
    response = admin_client.post(reverse(url), data)
    assert response.status_code == 400
    assert message in response.content.decode()
    after = (Dusun.objects.count(), RukunWarga.objects.count(), RukunTetangga.objects.count())
    assert after == before


def test_only_the_admin_may_change_the_territory(personas, village):
    with pytest.raises(PermissionDenied):
        services.dusun_create(actor=personas["koordinator"], village=village, name="X")


def test_a_village_is_set_up_from_its_kemendagri_code(db):
    village = services.village_setup(actor=None, code="52.01.01.2007", postal_code="83363")
    assert (village.code, village.name) == ("5201012007", "Babussalam")
    with pytest.raises(ValidationError, match="tidak ada dalam daftar"):
        services.village_setup(actor=None, code="5201019999")


def test_the_setup_village_command(db, capsys):
    call_command("setup_village", "5201012007", "--dusun", "Bermi Karang Dalam Barat")
    call_command("setup_village", "5201012007", "--dusun", "Bermi Karang Dalam Barat")
    assert Village.objects.get().dusun_set.count() == 1
    with pytest.raises(CommandError, match="10 angka"):
        call_command("setup_village", "52010")
