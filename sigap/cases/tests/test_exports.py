"""The de-identified exports: their columns, their 1/0/-99 coding, nothing that names a person,
only cases whose consent allows reporting, no combination of quasi-identifiers shared by fewer
than K rows (ADR 0011), and a pseudonym keyed by the field-encryption key, not SECRET_KEY."""

import io
import random
import string
from collections import Counter
from datetime import date

import pytest
from cryptography.fernet import Fernet
from django.urls import reverse
from openpyxl import load_workbook

from conftest import login_client
from sigap.cases import exports, services
from sigap.cases.models import Case
from sigap.cases.tests.conftest import consent_all
from sigap.core.fields import FieldKeyError
from sigap.registry.tests.factories import resident

pytestmark = pytest.mark.django_db


@pytest.fixture
def no_small_cells(monkeypatch):
    """Exports through the view with K = 1, so that one case's values can be checked."""
    monkeypatch.setattr(exports, "K", 1)


@pytest.fixture
def assessed(case, personas):
    worker = personas["pendamping"]
    consent_all(case, worker)
    services.case_transition(actor=worker, case=case, action="mulai_asesmen")
    services.assessment_save(
        actor=worker,
        case=case,
        assessed_on=case.opened_on,
        recruitment_method="tawaran_kerja",
        recruitment_channels=["facebook"],
        means_of_control={"tahan_dokumen": "ya", "ancaman": "tidak", "jeratan_utang": "menolak"},
        exploitation=["kerja_paksa"],
        labour_sector="rumah_tangga",
        trafficker_relation="perekrut",
        needs={"hukum": "ya"},
        narrative="Tidak boleh keluar di ekspor.",
    )
    services.event_add(
        actor=worker, case=case, kind="eksploitasi", place="Jeddah", country="Arab Saudi"
    )
    return case


def _sheet(response):
    book = load_workbook(io.BytesIO(response.content), read_only=True)
    rows = list(book.active.iter_rows(values_only=True))
    return rows[0], rows[1:]


def test_the_ctdc_export_codes_yes_no_and_not_recorded(assessed, personas, no_small_cells):
    response = login_client(personas["koordinator"]).get(
        reverse("cases:case_export"), {"standard": "ctdc", "format": "xlsx"}
    )
    header, rows = _sheet(response)
    assert list(header) == exports.CTDC_HEADER
    [row] = rows
    cell = dict(zip(header, row, strict=True))
    assert cell["caseId"] == exports.pseudonym(assessed.pk) and len(cell["caseId"]) == 16
    assert (cell["gender"], cell["majorityStatus"]) == ("Female", "Minor")
    assert cell["meansOfControlWithholdsDocuments"] == 1
    assert cell["meansOfControlThreats"] == 0
    assert cell["meansOfControlDebtBondage"] == -99  # declined is not "no"
    assert cell["meansOfControlPhysicalAbuse"] == -99  # never asked
    assert (cell["isForcedLabour"], cell["isSexualExploit"]) == (1, 0)
    assert (cell["typeOfLabourDomesticWork"], cell["typeOfLabourAgriculture"]) == (1, 0)
    assert cell["recruiterRelationRecruiter"] == 1
    assert (cell["needLegal"], cell["needHealth"]) == (1, -99)


def test_the_htcds_export_uses_the_standards_names_and_no_identity(
    assessed, personas, no_small_cells
):
    response = login_client(personas["koordinator"]).get(
        reverse("cases:case_export"), {"standard": "htcds", "format": "csv"}
    )
    text = response.content.decode("utf-8-sig")
    header, row = (line.split(",") for line in text.strip().splitlines())
    cell = dict(zip(header, row, strict=True))
    assert cell["traffickingStatus"] == "Possible"
    assert cell["meansOfControl"] == "WithholdsDocuments"
    assert cell["countriesOfExploitation"] == "Saudi Arabia"
    assert (cell["caseType"], cell["caseStage"]) == ("Victim", "Assessment")
    assert (cell["recruitmentChannels"], cell["needs"]) == ("Facebook", "Legal")
    assert cell["yearOfRegistration"] == str(assessed.opened_on.year)
    resident = assessed.resident
    for secret in (resident.name, resident.nik, "Tidak boleh keluar", "Jeddah"):
        assert secret not in text


def test_only_cases_with_reporting_consent_are_exported(case, personas, people):
    services.consent_record(
        actor=personas["pendamping"],
        case=case,
        purpose="pelaporan",
        given=False,
        method="tanda_tangan",
        given_by="Ibunya",
    )
    response = login_client(personas["koordinator"]).get(
        reverse("cases:case_export"), {"standard": "ctdc", "format": "xlsx"}
    )
    _header, rows = _sheet(response)
    assert rows == []
    assert Case.objects.count() == 1


def test_with_the_default_k_a_lone_case_is_not_exported(assessed, personas):
    """One case is a group of one: blanking it would still single it out, so it is left out."""
    for standard in ("htcds", "ctdc"):
        response = login_client(personas["koordinator"]).get(
            reverse("cases:case_export"), {"standard": standard, "format": "csv"}
        )
        lines = response.content.decode("utf-8-sig").strip().splitlines()
        assert len(lines) == 1  # the header only


@pytest.mark.parametrize("who", ["pendamping", "admin_desa", "analis", "mitra", "kader"])
def test_only_the_koordinator_exports(who, personas):
    client = login_client(personas[who])
    assert client.get(reverse("cases:case_export"), {"standard": "ctdc"}).status_code == 404


def test_countries_are_named_from_a_fixed_list_and_free_text_never_leaves():
    assert exports.country("Malaysia") == "Malaysia"
    assert exports.country("  arab   saudi ") == "Saudi Arabia"
    assert exports.country("Kamboja") == "Cambodia"
    assert exports.country("Malaysia, kebun sawit Tn. Lim, Tawau") == "Other"
    assert exports.country("") == ""


def test_age_bands_follow_ctdc():
    on = date(2026, 6, 1)
    assert exports.age_band(date(2010, 6, 2), on) == "9--17"
    assert exports.age_band(date(2008, 6, 1), on) == "18--20"
    assert exports.age_band(date(1970, 1, 1), on) == "48+"
    assert exports.age_band(None, on) == ""


# Small cells (ADR 0011) ------------------------------------------------------------------------

HEADER = ["caseId", *exports.QUASI_IDENTIFIERS, "meansOfControl"]
QI = slice(1, 1 + len(exports.QUASI_IDENTIFIERS))


def _row(n, year=2025, gender="Female", band="9--17", country="Malaysia", fact="Threats"):
    majority = "" if not band else ("Minor" if band in ("0--8", "9--17") else "Adult")
    return [f"{n:016x}", year, gender, band, majority, country, fact]


def _rows(start, count, **values):
    return [_row(n, **values) for n in range(start, start + count)]


def _cells(rows, qi=QI):
    return Counter(tuple(row[qi]) for row in rows)


def test_a_group_of_twelve_stays_and_a_lone_group_of_three_is_generalised_then_left_out():
    twelve = _rows(0, 12)
    three = _rows(100, 3, band="0--8", fact="DebtBondage")
    summary = Counter()
    published = exports.protect(HEADER, twelve + three, summary=summary)
    assert sorted(published) == sorted(twelve)  # untouched, the three gone
    assert summary == {"exact": 12, "dropped": 3}
    # The three were widened step by step; alone even as "Minor, 2024--2026, Other", and too
    # few to be blanked together, they are left out.
    assert "DebtBondage" not in {row[-1] for row in published}


def test_small_groups_are_first_pooled_under_minor_or_adult():
    three = _rows(0, 3, band="0--8", fact="DebtBondage")
    eight = _rows(10, 8, band="9--17")
    adults = _rows(100, 12, band="18--20")
    summary = Counter()
    published = exports.protect(HEADER, three + eight + adults, k=11, summary=summary)
    assert _cells(published) == {
        (2025, "Female", "Minor", "Minor", "Malaysia"): 11,
        (2025, "Female", "18--20", "Adult", "Malaysia"): 12,
    }
    assert Counter(row[-1] for row in published)["DebtBondage"] == 3  # other columns kept
    assert summary == {"generalised": 11, "exact": 12}


def test_then_the_year_widens_to_a_fixed_range():
    published = exports.protect(
        HEADER, _rows(0, 6, year=2024) + _rows(10, 5, year=2026, band="0--8")
    )
    assert _cells(published) == {("2024--2026", "Female", "Minor", "Minor", "Malaysia"): 11}
    assert exports.year_range(2023) == "2021--2023"
    assert exports.year_range(2024) == exports.year_range(2026) == "2024--2026"
    assert exports.year_range(2027) == "2027--2029"


def test_the_country_is_generalised_last():
    published = exports.protect(
        HEADER,
        _rows(0, 6) + _rows(10, 5, country="Cambodia") + _rows(20, 11, country=""),
    )
    assert _cells(published) == {
        ("2024--2026", "Female", "Minor", "Minor", "Other"): 11,
        (2025, "Female", "9--17", "Minor", ""): 11,
    }


def test_rows_still_alone_are_blanked_when_there_are_k_of_them():
    exact = _rows(0, 3)
    alone = [
        _row(10, year=2019, gender="Male", band="30--38", country="Taiwan", fact="A"),
        _row(11, year=2025, gender="Female", band="0--8", country="Cambodia", fact="B"),
        _row(12, year=2022, gender="", band="", country="", fact="C"),
    ]
    summary = Counter()
    published = exports.protect(HEADER, exact + alone, k=3, summary=summary)
    assert _cells(published) == {
        (2025, "Female", "9--17", "Minor", "Malaysia"): 3,
        ("", "", "", "", ""): 3,
    }
    blanked = [row for row in published if row[1] == ""]
    assert {row[0] for row in blanked} == {row[0] for row in alone}
    assert {row[-1] for row in blanked} == {"A", "B", "C"}  # their facts still count
    assert published[-3:] == blanked  # blanked rows come last
    assert summary == {"exact": 3, "suppressed": 3}


def test_the_result_is_deterministic_and_its_order_does_not_follow_the_input():
    rows = _rows(0, 12) + _rows(20, 4, band="0--8") + _rows(30, 7, year=2026)
    shuffled = rows[:]
    random.Random(7).shuffle(shuffled)
    published = exports.protect(HEADER, rows)
    assert exports.protect(HEADER, shuffled) == published
    order = [(tuple(str(v) for v in row[QI]), row[0]) for row in published]
    assert order == sorted(order)


@pytest.mark.parametrize("k", [2, 3, 5, 11])
def test_no_published_combination_is_shared_by_fewer_than_k_rows(k):
    draw = random.Random(k)
    bands = ["0--8", "9--17", "18--20", "24--26", "30--38", "48+", ""]
    rows = [
        _row(
            n,
            year=draw.choice(range(2019, 2027)),
            gender=draw.choice(["Female", "Male", ""]),
            band=draw.choice(bands),
            country=draw.choice(["Malaysia", "Saudi Arabia", "Cambodia", "Malaysia;Taiwan", ""]),
            fact=str(n),
        )
        for n in range(400)
    ]
    summary = Counter()
    published = exports.protect(HEADER, rows, k=k, summary=summary)
    assert min(_cells(published).values()) >= k
    assert summary["dropped"] < k and len(published) + summary["dropped"] == len(rows)
    source = {row[-1]: row for row in rows}
    for row in published:
        original = source[row[-1]]
        assert row[0] == original[0]  # only quasi-identifiers change
        ladder = [tuple(original[QI])]
        for generalise in exports.GENERALISATIONS:
            ladder.append(generalise(ladder[-1]))
        assert tuple(row[QI]) in [*ladder, exports.SUPPRESSED]


def test_k_must_be_positive():
    with pytest.raises(ValueError):
        exports.protect(HEADER, [], k=0)


@pytest.fixture
def caseload(assessed, admin, personas, people):
    """The assessed case and seven more, in two years, with and without a country."""
    worker = personas["pendamping"]
    home = people[0]
    specs = [
        ("P", date(2012, 3, 3), date(2025, 2, 1), "Arab Saudi"),
        ("P", date(2013, 2, 2), date(2025, 3, 1), "Arab Saudi"),
        ("P", date(2011, 1, 1), date(2024, 4, 1), "Malaysia"),
        ("L", date(2000, 1, 1), date(2025, 5, 1), "Malaysia"),
        ("L", date(1999, 5, 5), date(2025, 6, 1), "Malaysia"),
        ("L", date(1980, 1, 1), date(2024, 7, 1), "Kamboja"),
        ("P", None, date(2025, 8, 1), ""),
    ]
    for n, (sex, birth, opened_on, country) in enumerate(specs):
        person = resident(admin, home, f"Warga Uji {n}", sex=sex, birth_date=birth)
        case = services.case_open(
            actor=worker,
            resident=person,
            case_type="korban",
            intake_source="laporan",
            risk_level="sedang",
            supervisor=personas["koordinator"],
            opened_on=opened_on,
        )
        consent_all(case, worker, "pelaporan")
        if country:
            services.event_add(actor=worker, case=case, kind="eksploitasi", country=country)
    return Case.objects.all()


def test_a_real_export_has_no_combination_below_k(caseload):
    k = 3
    summary = Counter()
    header, rows = exports.htcds_table(caseload, k=k, summary=summary)
    rows = list(rows)
    positions = [header.index(name) for name in exports.QUASI_IDENTIFIERS]
    cells = Counter(tuple(row[p] for p in positions) for row in rows)
    assert min(cells.values()) >= k
    assert len(rows) + summary["dropped"] == caseload.count() == 8
    assert summary["exact"] < 8  # the caseload is too small to publish as it is

    ctdc_header, ctdc_rows = exports.ctdc_table(caseload, k=k)
    ctdc_rows = list(ctdc_rows)
    shared = exports.QUASI_IDENTIFIERS[:-1]  # CTDC has no country column
    ctdc = {row[0]: [row[ctdc_header.index(name)] for name in shared] for row in ctdc_rows}
    htcds = {row[0]: [row[header.index(name)] for name in shared] for row in rows}
    assert ctdc == htcds  # both files publish the same values for a case: joining adds nothing
    assert min(Counter(tuple(values) for values in ctdc.values()).values()) >= k


# The pseudonym ---------------------------------------------------------------------------------

FIXED_KEY = "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8="  # bytes 0..31


def test_the_pseudonym_is_keyed_by_the_field_key_not_the_secret_key(settings):
    first, second = Fernet.generate_key().decode(), Fernet.generate_key().decode()
    settings.SIGAP_FIELD_KEYS = [first]
    pseudonym = exports.pseudonym(42)
    assert len(pseudonym) == 16 and set(pseudonym) <= set(string.hexdigits.lower())
    assert exports.pseudonym(42) == pseudonym
    assert exports.pseudonym(43) != pseudonym
    settings.SECRET_KEY = "a-different-django-secret-key-" * 2
    assert exports.pseudonym(42) == pseudonym  # SECRET_KEY plays no part
    settings.SIGAP_FIELD_KEYS = [first, second]  # older keys kept for decryption do not matter
    assert exports.pseudonym(42) == pseudonym
    settings.SIGAP_FIELD_KEYS = [second, first]  # a rotated key: every pseudonym changes
    assert exports.pseudonym(42) != pseudonym


def test_the_pseudonym_is_hkdf_then_hmac_and_does_not_drift(settings):
    """A known answer (HKDF-SHA256 of the key with the label, then HMAC-SHA256 of the case id,
    checked by hand against RFC 5869): pseudonyms must not change between releases."""
    settings.SIGAP_FIELD_KEYS = [FIXED_KEY]
    assert exports.pseudonym(1) == "364e6de4ab1e4859"
    assert exports.pseudonym(12) == "a7c2572f2c6504dd"


def test_the_pseudonym_needs_a_field_key(settings):
    settings.SIGAP_FIELD_KEYS = []
    with pytest.raises(FieldKeyError):
        exports.pseudonym(1)
