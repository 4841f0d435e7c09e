"""The at-risk households not yet reached: at risk by the registry's rule, and with no resident
an active member of the cooperative or of a running group; by dusun, a page at a time; for the
Koordinator and Admin Desa."""

from datetime import date

import pytest
from django.urls import reverse

from conftest import login_client
from sigap.economy import services as economy
from sigap.enterprise import selectors, services
from sigap.registry.codes import IncomeBand
from sigap.registry.tests.factories import household, resident

pytestmark = pytest.mark.django_db

LOW = IncomeBand.BELOW_1M


@pytest.fixture
def village_homes(admin, dusun, other_dusun, group, personas, koordinator, village):
    """Households named by their situation; each (but 'comfortable') is at risk."""
    pengurus = personas["pengurus_koperasi"]
    coop = economy.cooperative_create(
        actor=pengurus,
        village=village,
        name="Koperasi Uji",
        simpanan_pokok=50_000,
        simpanan_wajib=10_000,
    )
    closed = services.group_create(
        actor=koordinator,
        village=village,
        name="KUBE Lama",
        kind="kube",
        sector="makanan",
        started_on=date(2026, 1, 2),
        facilitator=koordinator,
    )
    homes, people = {}, {}
    for number, name in enumerate(
        ["alone", "in_coop", "in_group", "left_coop", "left_group", "closed_group", "assisted"]
    ):
        facts = {"social_assistance": True} if name == "assisted" else {"income_band": LOW}
        homes[name] = household(admin, dusun, **facts)
        people[name] = resident(
            admin, homes[name], f"Warga {number}", birth_date=date(1980, 1, number + 1)
        )
    homes["comfortable"] = household(admin, dusun, income_band=IncomeBand.FROM_3M)
    homes["other_dusun"] = household(admin, other_dusun, income_band=LOW)
    resident(admin, homes["other_dusun"], "Warga Dasan Baru", birth_date=date(1985, 5, 5))

    economy.member_join(actor=pengurus, cooperative=coop, resident=people["in_coop"])
    left = economy.member_join(actor=pengurus, cooperative=coop, resident=people["left_coop"])
    economy.member_exit(actor=pengurus, member=left, reason="Pindah")
    for name, target in (("in_group", group), ("left_group", group), ("closed_group", closed)):
        services.group_member_add(
            actor=koordinator,
            group=target,
            resident=people[name],
            joined_on=date(2026, 1, 5),
            income_before=LOW,
        )
    services.group_member_leave(
        actor=koordinator,
        member=people["left_group"].enterprise_memberships.get(),
        left_on=date(2026, 3, 1),
    )
    services.group_update(
        actor=koordinator,
        group=closed,
        name=closed.name,
        kind=closed.kind,
        sector=closed.sector,
        description="",
        started_on=closed.started_on,
        stage=closed.stage,
        facilitator=koordinator,
        ended_on=date(2026, 6, 1),
        end_reason="Bubar",
    )
    return homes


def names(homes, households) -> set[str]:
    by_pk = {home.pk: name for name, home in homes.items()}
    return {by_pk[h.pk] for h in households}


def test_households_in_the_cooperative_or_a_running_group_are_reached(village_homes, koordinator):
    shown = selectors.unreached_households(user=koordinator)
    assert names(village_homes, shown) == {
        "alone",
        "left_coop",
        "left_group",
        "closed_group",
        "assisted",
        "other_dusun",
    }


def test_the_list_is_filtered_by_dusun(village_homes, koordinator, other_dusun):
    shown = selectors.unreached_households(user=koordinator, dusun_id=other_dusun.pk)
    assert names(village_homes, shown) == {"other_dusun"}


def test_the_page_lists_them_with_their_reasons_and_filters_by_dusun(
    village_homes, personas, other_dusun
):
    url = reverse("enterprise:unreached")
    html = login_client(personas["admin_desa"]).get(url).content.decode()
    for name in ("alone", "assisted", "other_dusun"):
        assert reverse("registry:household_detail", args=[village_homes[name].pk]) in html
    for name in ("in_coop", "in_group", "comfortable"):
        assert reverse("registry:household_detail", args=[village_homes[name].pk]) not in html
    assert "Penerima bansos" in html and "Penghasilan di bawah Rp 1 juta" in html
    html = login_client(personas["koordinator"]).get(url, {"dusun": other_dusun.pk}).content
    assert html.decode().count('href="/penduduk/keluarga/') == 1


def test_the_list_is_one_query_a_page(village_homes, koordinator, django_assert_num_queries):
    with django_assert_num_queries(1):
        rows = list(selectors.unreached_households(user=koordinator)[:50])
        assert [(row.dusun.name, row.head, row.rt) for row in rows]  # all fetched already


def test_it_pages_without_counting(admin, dusun, koordinator, personas):
    for _ in range(55):
        household(admin, dusun, income_band=LOW)
    client = login_client(personas["koordinator"])
    first = client.get(reverse("enterprise:unreached")).content.decode()
    assert 'rel="next"' in first
    second = client.get(reverse("enterprise:unreached"), {"page": "2"}).content.decode()
    assert second.count('href="/penduduk/keluarga/') == 5
