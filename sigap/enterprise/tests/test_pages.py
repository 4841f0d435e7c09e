"""The group pages: bad input refused in place (400) with the message beside the field and
nothing written; the group page shows figures with their chart, household incomes before →
after, funds and visits; the household page's card shows only to those allowed. (Who may open
each URL at all is in tests/test_access_matrix.py.)"""

import re
from datetime import date

import pytest
from django.urls import reverse

from conftest import login_client
from sigap.economy import services as economy
from sigap.enterprise import services
from sigap.enterprise.models import Funding, Group, GroupMember, HouseholdIncome, MonthlyFigure
from sigap.registry.codes import IncomeBand

pytestmark = pytest.mark.django_db


@pytest.fixture
def client(koordinator):
    return login_client(koordinator)


def error_beside(html: str, field: str) -> str:
    """The error text shown beside ``field`` (empty when there is none)."""
    match = re.search(rf'id="id_{field}_error">.*?<span>(.*?)</span>', html, re.S)
    return match.group(1) if match else ""


def test_a_new_group_with_bad_input_is_refused_beside_the_field(client, koordinator, group):
    data = {
        "name": "kube tenun bermi",
        "kind": "kube",
        "sector": "tenun",
        "started_on": "2026-03-01",
        "stage": "rintisan",
        "facilitator": koordinator.pk,
    }
    response = client.post(reverse("enterprise:group_create"), data)
    assert response.status_code == 400
    assert "sudah dipakai" in error_beside(response.content.decode(), "name")
    assert Group.objects.count() == 1
    response = client.post(reverse("enterprise:group_create"), {**data, "name": "Warung Bersama"})
    created = Group.objects.get(name="Warung Bersama")
    assert response.url == reverse("enterprise:group_detail", args=[created.pk])


def test_figures_are_recorded_once_a_month_and_drawn(client, group):
    url = reverse("enterprise:figure_record", args=[group.pk])
    assert client.post(url, {"month": "2026-02", "turnover": "800000", "profit": "90000"}).url
    page = client.get(reverse("enterprise:group_detail", args=[group.pk])).content.decode()
    assert "Grafik tampil setelah dua bulan dicatat" in page
    client.post(url, {"month": "2026-03", "turnover": "1200000", "profit": "-40000"})
    response = client.post(url, {"month": "2026-03", "turnover": "1", "profit": "0"})
    assert response.status_code == 400
    assert "Maret 2026 sudah dicatat" in error_beside(response.content.decode(), "month")
    assert MonthlyFigure.objects.get(month=date(2026, 3, 1)).turnover == 1_200_000
    page = client.get(reverse("enterprise:group_detail", args=[group.pk])).content.decode()
    assert page.count("<polyline") == 2  # turnover and profit
    assert "1.200.000" in page and "-40.000" in page
    assert "garis tipis: nol" in page  # a loss month draws the zero line


def test_a_month_is_corrected_on_its_own_page(client, group, koordinator):
    figure = services.monthly_figure_record(
        actor=koordinator, group=group, month=date(2026, 2, 1), turnover=500_000, profit=50_000
    )
    url = reverse("enterprise:figure_correct", args=[figure.pk])
    assert "Februari 2026" in client.get(url).content.decode()
    response = client.post(url, {"turnover": "500000", "profit": "700000"})
    assert response.status_code == 400
    assert "lebih besar dari omzet" in error_beside(response.content.decode(), "profit")
    assert client.post(url, {"turnover": "520000", "profit": "60000"}).status_code == 302
    figure.refresh_from_db()
    assert (figure.turnover, figure.profit) == (520_000, 60_000)


def test_members_are_added_by_nik_and_refused_in_place(client, group, household):
    url = reverse("enterprise:member_add", args=[group.pk])
    data = {"position": "anggota", "joined_on": "2026-01-10", "income_before": ""}
    response = client.post(url, {**data, "identity": "5201019999990001"})
    assert response.status_code == 400
    assert "Tidak ada penduduk" in error_beside(response.content.decode(), "identity")
    response = client.post(url, {**data, "identity": "5201015505150003"})  # the daughter
    assert "18 tahun" in response.content.decode()
    response = client.post(url, {**data, "identity": "5201014708920002"})  # the mother
    assert response.status_code == 400  # her household's income is not in the registry
    assert "penghasilan" in error_beside(response.content.decode(), "income_before")
    assert not GroupMember.objects.exists()
    response = client.post(url, {**data, "identity": "5201 0147 0892 0002", "income_before": "1"})
    assert response.status_code == 302
    assert GroupMember.objects.get().resident == household[2]


def test_a_resident_joins_from_the_household_page(client, group, household, personas):
    _home, father, _mother, _daughter = household
    url = reverse("enterprise:member_join", args=[father.pk])
    assert "KUBE Tenun Bermi" in client.get(url).content.decode()
    data = {"group": group.pk, "position": "ketua", "joined_on": "2026-01-02"}
    response = client.post(url, {**data, "income_before": "7"})
    assert response.status_code == 400
    assert not GroupMember.objects.exists()
    response = client.post(url, {**data, "income_before": str(IncomeBand.BELOW_1M)})
    assert response.url == reverse("enterprise:group_detail", args=[group.pk])
    # A Kader's registry scope is their dusun, but a Kader does not manage groups at all.
    assert login_client(personas["kader"]).get(url).status_code == 404


def test_the_group_page_shows_incomes_before_and_after_funds_and_visits(
    client, group, household, koordinator
):
    _home, father, mother, _daughter = household
    for person in (father, mother):
        services.group_member_add(
            actor=koordinator,
            group=group,
            resident=person,
            joined_on=date(2026, 1, 5),
            income_before=IncomeBand.BELOW_1M,
        )
    services.funding_add(
        actor=koordinator,
        group=group,
        source="baznas",
        kind="hibah",
        amount=4_000_000,
        received_on=date(2026, 1, 8),
    )
    services.visit_record(
        actor=koordinator,
        group=group,
        visited_on=date(2026, 2, 1),
        notes="Motif baru laku di pasar.",
        next_steps="Ikut pameran kabupaten.",
        next_visit_on=date(2026, 3, 1),
    )
    income = HouseholdIncome.objects.get()
    url = reverse("enterprise:income_update", args=[income.pk])
    response = client.post(url, {"after": "", "on": "2026-07-01"})
    assert response.status_code == 400
    assert error_beside(response.content.decode(), "after")
    client.post(url, {"after": str(IncomeBand.FROM_1M), "on": "2026-07-01"})
    page = client.get(reverse("enterprise:group_detail", args=[group.pk])).content.decode()
    assert "→ Rp 1–2 juta" in page and "naik" in page
    assert re.search(r"Naik: 1 · tetap: 0 · turun: 0", page)
    assert "Hibah Rp 4.000.000" in page
    assert "Motif baru laku di pasar." in page and "Ikut pameran kabupaten." in page
    assert Funding.objects.count() == 1


def section(html: str) -> str:
    match = re.search(
        r'<section class="card" data-section="household-enterprise">.*?</section>', html, re.S
    )
    return match.group(0) if match else ""


def test_the_household_card_shows_memberships_to_those_allowed(
    group, household, koordinator, personas, village
):
    home, father, mother, _daughter = household
    services.group_member_add(
        actor=koordinator,
        group=group,
        resident=mother,
        joined_on=date(2026, 1, 5),
        position="bendahara",
        income_before=IncomeBand.BELOW_1M,
    )
    pengurus = personas["pengurus_koperasi"]
    coop = economy.cooperative_create(
        actor=pengurus,
        village=village,
        name="Koperasi Uji",
        simpanan_pokok=50_000,
        simpanan_wajib=10_000,
    )
    member = economy.member_join(actor=pengurus, cooperative=coop, resident=father)
    url = reverse("registry:household_detail", args=[home.pk])
    group_link = reverse("enterprise:group_detail", args=[group.pk])
    member_link = reverse("economy:member_detail", args=[member.pk])

    card = section(login_client(koordinator).get(url).content.decode())
    assert "KUBE Tenun Bermi" in card and "(bendahara)" in card and group_link in card
    assert f"Anggota {member.number}" in card and member_link not in card

    card = section(login_client(pengurus).get(url).content.decode())
    assert group_link in card and member_link in card

    card = section(login_client(personas["admin_desa"]).get(url).content.decode())
    assert "KUBE Tenun Bermi" in card and group_link not in card and member_link not in card
    assert "Tambahkan ke kelompok" not in card

    for role in ("pendamping", "kader"):
        html = login_client(personas[role]).get(url).content.decode()
        assert "Keluarga nomor" in html  # they see the household…
        assert not section(html) and "KUBE Tenun Bermi" not in html  # …but not this card


def test_the_household_card_says_when_an_at_risk_household_is_not_reached(household, koordinator):
    home, _father, _mother, _daughter = household
    url = reverse("registry:household_detail", args=[home.pk])
    assert "household-unreached" not in login_client(koordinator).get(url).content.decode()
    home.social_assistance = True
    home.save()
    card = section(login_client(koordinator).get(url).content.decode())
    assert "belum ada anggotanya di koperasi atau kelompok usaha" in card


def test_the_analis_sees_the_programme_in_numbers_without_names(
    group, household, koordinator, personas
):
    services.group_member_add(
        actor=koordinator,
        group=group,
        resident=household[1],
        joined_on=date(2026, 1, 5),
        income_before=IncomeBand.BELOW_1M,
    )
    html = login_client(personas["analis"]).get(reverse("core:home")).content.decode()
    panel = re.search(r'data-panel="enterprise">.*?</section>', html, re.S).group(0)
    assert "Kelompok berjalan" in panel
    assert "KUBE Tenun Bermi" not in html and household[1].name not in html
    assert reverse("enterprise:group_list") not in panel
