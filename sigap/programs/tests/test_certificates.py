"""Certificates for those who completed a course (came to at least 75% of the sessions held):
one person's PDF and everyone's in one PDF, a page each; anyone else's certificate is 404; every
export is in the audit log."""

import io
from datetime import date, time

import pytest
from auditlog.models import LogEntry
from django.urls import reverse
from pypdf import PdfReader

from conftest import login_client
from sigap.programs import services

pytestmark = pytest.mark.django_db


@pytest.fixture
def course(koordinator, programme, session, household):
    """Four sessions in January 2026: the mother came to all four, the father to three (75%,
    enough), the daughter to two (not enough)."""
    sessions = [session] + [
        services.session_create(
            actor=koordinator,
            programme=programme,
            day=date(2026, 1, day),
            start_time=time(9, 0),
            end_time=time(11, 0),
            place="Aula kantor desa",
            topic="Jalur resmi bekerja ke luar negeri",
            guest_facilitator="Disnaker Lombok Barat",
        )
        for day in (17, 24, 31)
    ]
    _home, father, mother, daughter = household
    for person, count in ((mother, 4), (father, 3), (daughter, 2)):
        for s in sessions[:count]:
            services.attendance_mark(actor=koordinator, session=s, resident=person)
    return programme, father, mother, daughter


def _pages(response) -> list[str]:
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    reader = PdfReader(io.BytesIO(response.content))
    return [" ".join(page.extract_text().split()) for page in reader.pages]


def test_a_completers_certificate_names_the_person_and_the_programme(koordinator, course):
    programme, father, _mother, _daughter = course
    response = login_client(koordinator).get(
        reverse("programs:certificate", args=[programme.pk, father.pk])
    )
    pages = _pages(response)
    assert len(pages) == 1
    text = pages[0]
    assert "SERTIFIKAT" in text
    assert father.name in text
    assert programme.title in text
    assert "Migrasi aman" in text  # the topic
    assert "LBH Lombok Sejahtera" in text  # the organiser
    assert "Babussalam" in text  # the village
    assert "Bayu Koordinator" in text  # who is responsible for the programme
    assert "10 Januari 2026 sampai 31 Januari 2026" in text
    assert "3 dari 4 sesi" in text
    entry = LogEntry.objects.get(additional_data__export="programme_certificate")
    assert entry.actor == koordinator
    assert entry.additional_data["filters"] == {"resident": father.pk}


def test_all_certificates_come_in_one_pdf_a_page_each(koordinator, course):
    programme, father, mother, daughter = course
    pages = _pages(
        login_client(koordinator).get(reverse("programs:certificates", args=[programme.pk]))
    )
    assert len(pages) == 2
    # Ordered by name: Baiq Siti Aminah, then Lalu Muhammad Saleh.
    assert mother.name in pages[0] and "4 dari 4 sesi" in pages[0]
    assert father.name in pages[1] and "3 dari 4 sesi" in pages[1]
    assert all(daughter.name not in page for page in pages)
    entry = LogEntry.objects.get(additional_data__export="programme_certificates")
    assert entry.additional_data["rows"] == 2


def test_a_non_completers_certificate_is_404(koordinator, course, neighbour_never_came):
    programme, _father, _mother, daughter = course
    client = login_client(koordinator)
    for person in (daughter, neighbour_never_came):
        url = reverse("programs:certificate", args=[programme.pk, person.pk])
        assert client.get(url).status_code == 404
    assert client.get(reverse("programs:certificate", args=[999, daughter.pk])).status_code == 404
    assert not LogEntry.objects.filter(additional_data__export="programme_certificate").exists()


def test_no_completers_yet_sends_back_with_a_message(koordinator, programme, session):
    response = login_client(koordinator).get(
        reverse("programs:certificates", args=[programme.pk]), follow=True
    )
    assert response.status_code == 200
    assert "Belum ada peserta yang menyelesaikan program ini" in response.content.decode()


def test_only_those_who_manage_programmes_print_certificates(personas, course):
    programme, father, _mother, _daughter = course
    urls = [
        reverse("programs:certificates", args=[programme.pk]),
        reverse("programs:certificate", args=[programme.pk, father.pk]),
    ]
    for role in ("outsider", "mitra", "kader", "pendamping", "analis", "admin_desa"):
        client = login_client(personas[role])
        for url in urls:
            assert client.get(url).status_code == 404, (role, url)


@pytest.fixture
def neighbour_never_came(admin, other_dusun):
    from sigap.registry.tests.factories import household, resident

    home = household(admin, other_dusun, kk_number="5201012003180004")
    return resident(admin, home, "Inaq Rahmah", sex="P", relationship=1)
