from sigap.partners import selectors
from sigap.partners.tests.factories import organisation, service


def directory(admin):
    uptd = organisation(admin, name="UPTD PPA Lombok Barat", kind="uptd_ppa")
    service(admin, uptd, name="Konseling", area="psikososial")
    service(admin, uptd, name="Pendampingan hukum", area="hukum")
    service(admin, uptd, name="Pendampingan sidang", area="hukum")
    lbh = organisation(admin, name="LBH Perempuan Lombok", kind="bantuan_hukum")
    service(admin, lbh, name="Konsultasi hukum", area="hukum")
    puskesmas = organisation(admin, name="Puskesmas Gerung", kind="kesehatan")
    service(admin, puskesmas, name="Pemeriksaan umum", area="kesehatan")
    organisation(admin, name="Polsek Gerung", kind="kepolisian")
    return uptd, lbh, puskesmas


def names(organisations) -> list[str]:
    return [o.name for o in organisations]


def test_the_list_is_by_name_with_service_counts(admin, django_assert_num_queries):
    directory(admin)
    with django_assert_num_queries(1):
        rows = [(o.name, o.service_count) for o in selectors.organisation_list()]
    assert rows == [
        ("LBH Perempuan Lombok", 1),
        ("Polsek Gerung", 0),
        ("Puskesmas Gerung", 1),
        ("UPTD PPA Lombok Barat", 3),
    ]


def test_the_list_searches_names_by_their_parts(admin):
    directory(admin)
    assert names(selectors.organisation_list(q="gerung")) == ["Polsek Gerung", "Puskesmas Gerung"]
    assert names(selectors.organisation_list(q="  lombok   ppa ")) == ["UPTD PPA Lombok Barat"]
    assert names(selectors.organisation_list(q="dinas")) == []


def test_the_list_filters_by_kind_and_by_area_of_need(admin):
    directory(admin)
    assert names(selectors.organisation_list(kind="kesehatan")) == ["Puskesmas Gerung"]
    legal = list(selectors.organisation_list(area="hukum"))
    # Each organisation once, however many of its services are in the area; the count is all.
    assert [(o.name, o.service_count) for o in legal] == [
        ("LBH Perempuan Lombok", 1),
        ("UPTD PPA Lombok Barat", 3),
    ]
    assert names(selectors.organisation_list(area="hukum", kind="uptd_ppa", q="barat")) == [
        "UPTD PPA Lombok Barat"
    ]
    assert len(selectors.organisation_list(kind="bank", area="sihir")) == 4  # unknown: ignored


def test_the_areas_of_a_page_come_in_one_query(admin, django_assert_num_queries):
    uptd, lbh, _puskesmas = directory(admin)
    with django_assert_num_queries(1):
        areas = selectors.need_areas_by_organisation([uptd.pk, lbh.pk])
    assert [a.value for a in areas[uptd.pk]] == ["psikososial", "hukum"]
    assert [a.value for a in areas[lbh.pk]] == ["hukum"]


def test_services_for_an_area_come_with_their_organisation(admin, django_assert_num_queries):
    directory(admin)
    with django_assert_num_queries(1):
        rows = [(s.organisation.name, s.name) for s in selectors.services_for("hukum")]
    assert rows == [
        ("LBH Perempuan Lombok", "Konsultasi hukum"),
        ("UPTD PPA Lombok Barat", "Pendampingan hukum"),
        ("UPTD PPA Lombok Barat", "Pendampingan sidang"),
    ]
    assert len(selectors.services_for(None)) == 5


def test_the_detail_prefetches_services_and_contacts(admin, django_assert_num_queries):
    uptd, *_ = directory(admin)
    with django_assert_num_queries(3):
        found = selectors.organisation_detail(uptd.pk)
        assert [s.name for s in found.services.all()] == [
            "Pendampingan hukum",
            "Pendampingan sidang",
            "Konseling",
        ]
        assert list(found.contacts.all()) == []
    assert selectors.organisation_detail(uptd.pk + 1000) is None


def test_organisation_of_an_anonymous_or_unlinked_user_is_none(personas):
    from django.contrib.auth.models import AnonymousUser

    assert selectors.organisation_of(AnonymousUser()) is None
    assert selectors.organisation_of(None) is None
    assert selectors.organisation_of(personas["mitra"]) is None
