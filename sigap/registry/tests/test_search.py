from datetime import date

import pytest
from django.db import connection

from conftest import login_client
from sigap.registry import selectors
from sigap.registry.selectors import ResidentFilters, resident_list_visible_to
from sigap.registry.tests.factories import family, household, resident


@pytest.fixture
def people(admin, dusun, other_dusun):
    home, father, mother, daughter = family(admin, dusun)
    away = household(admin, other_dusun, kk_number="5201010101200009")
    neighbour = resident(
        admin,
        away,
        "Mohammad Sholeh",
        nik="5201010101800005",
        birth_date=date(1980, 1, 1),
        relationship=1,
        whereabouts="luar_negeri",
        abroad_country="Malaysia",
    )
    return {"father": father, "mother": mother, "daughter": daughter, "neighbour": neighbour}


def search(user, **filters):
    return list(resident_list_visible_to(user=user, filters=ResidentFilters(**filters)))


@pytest.mark.parametrize(
    "query",
    ["Muhamad Saleh", "M. Saleh", "mohammad saleh", "Muhammadsaleh", "saleh", "Lalu Saleh", "sal"],
)
def test_a_name_is_found_in_the_spellings_of_lombok(admin, people, query):
    assert people["father"] in search(admin, q=query)


@pytest.mark.parametrize("query", ["Sity Aminah", "siti", "Aminah", "Baiq Aminah"])
def test_women_are_found_with_and_without_their_title(admin, people, query):
    assert search(admin, q=query) == [people["mother"]]


def test_every_word_of_the_query_must_match(admin, people):
    assert search(admin, q="Saleh Aminah") == []


def test_nik_nik_start_and_kk_number(admin, people):
    assert search(admin, q="5201010706900001") == [people["father"]]
    assert search(admin, q="5201 0107") == [people["father"]]
    kk_family = search(admin, q="5201011503150003")
    assert set(kk_family) == {people["father"], people["mother"], people["daughter"]}


def test_filters_by_dusun_sex_age_and_whereabouts(admin, people, other_dusun):
    today = date(2026, 11, 29)
    assert search(admin, dusun_id=other_dusun.pk) == [people["neighbour"]]
    assert set(search(admin, sex="P")) == {people["mother"], people["daughter"]}
    assert search(admin, whereabouts="luar_negeri") == [people["neighbour"]]
    found = list(
        resident_list_visible_to(user=admin, filters=ResidentFilters(age_band="6-12"), today=today)
    )
    assert found == [people["daughter"]]


def test_a_kader_sees_only_their_dusun_and_an_analis_nothing(personas, people):
    assert set(search(personas["kader"])) == {
        people["father"],
        people["mother"],
        people["daughter"],
    }
    assert search(personas["kader"], q="Sholeh") == []
    assert search(personas["analis"]) == []
    assert search(personas["mitra"]) == []


def test_the_list_page_answers_htmx_with_just_the_results(personas, people):
    client = login_client(personas["pendamping"])
    full = client.get("/penduduk/", {"q": "sholeh"})
    assert "<html" in full.content.decode() and "Mohammad Sholeh" in full.content.decode()
    fragment = client.get("/penduduk/", {"q": "sholeh"}, HTTP_HX_REQUEST="true")
    html = fragment.content.decode()
    assert "<html" not in html and "Mohammad Sholeh" in html


def test_reindex_names_rebuilds_the_keys(admin, people):
    from django.core.management import call_command

    from sigap.registry.models import ResidentNameKey

    ResidentNameKey.objects.all().delete()
    assert search(admin, q="saleh") == []
    call_command("reindex_names")
    assert people["father"] in search(admin, q="saleh")


def test_at_district_scale_the_dusun_filter_follows_the_chosen_village(personas, admin, people):
    from sigap.core.models import Dusun, Village

    other = Village.objects.create(code="5201012008", name="Dasan Tapen")
    far = Dusun.objects.create(village=other, name="Dusun Jauh")
    client = login_client(personas["koordinator"])
    page = client.get("/penduduk/")
    assert 'name="desa"' in page.content.decode()
    assert list(page.context["form"].fields["dusun"].queryset) == []  # until a village is chosen
    chosen = client.get("/penduduk/", {"desa": "5201012008"})
    assert list(chosen.context["form"].fields["dusun"].queryset) == [far]
    assert list(chosen.context["page"]) == []  # nobody lives in the new village yet
    babussalam = client.get("/penduduk/", {"desa": "5201012007"})
    assert len(babussalam.context["page"]) == 4
    kader_page = login_client(personas["kader"]).get("/penduduk/")
    assert 'name="desa"' not in kader_page.content.decode()


@pytest.mark.parametrize(
    "filters",
    [
        {"q": "sa"},
        {"q": "muhammad"},
        {"q": "s", "sex": "L"},
        {"q": "aminah", "status": None},
    ],
)
def test_a_common_name_part_finds_the_same_people_in_the_same_order(
    admin, personas, people, monkeypatch, filters
):
    """PostgreSQL reads a common name part in name order with its keys checked per row
    (``selectors._CheckedPerRow``); the rows and their order are those of the plain search.
    Forced here for every name part, on this database whichever it is."""
    resident(admin, people["father"].household, "muhamad saleh", relationship=4)  # lower case
    for user in (admin, personas["kader"]):
        monkeypatch.setattr(selectors, "CHECK_COMMON_PER_ROW", set())
        expected = search(user, **filters)
        assert expected
        monkeypatch.setattr(selectors, "CHECK_COMMON_PER_ROW", {connection.vendor})
        monkeypatch.setattr(selectors, "COMMON_KEYS", 0)
        assert search(user, **filters) == expected
