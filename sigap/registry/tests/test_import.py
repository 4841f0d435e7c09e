import io
from datetime import date

import pytest
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from conftest import login_client
from sigap.registry import importing
from sigap.registry.models import Household, ImportBatch, Membership, Resident
from sigap.registry.tests.factories import family

OPENSID_HEADER = [
    "alamat", "dusun", "rw", "rt", "nama", "no_kk", "nik", "sex", "tempatlahir", "tanggallahir",
    "agama_id", "pendidikan_kk_id", "pendidikan_sedang_id", "pekerjaan_id", "status_kawin",
    "kk_level", "warganegara_id", "ayah_nik", "nama_ayah", "ibu_nik", "nama_ibu",
    "golongan_darah_id", "akta_lahir", "dokumen_pasport", "cacat_id", "status_dasar",
]  # fmt: skip


def opensid_row(**values):
    row = dict.fromkeys(OPENSID_HEADER, "")
    row.update(
        alamat="Jl. Bermi", dusun="Bermi Karang Dalam Barat", rw="1", rt="1",
        warganegara_id="1", agama_id="1", cacat_id="7", status_dasar="1",
    )  # fmt: skip
    row.update(values)
    return [row[h] for h in OPENSID_HEADER]


def xlsx(rows, header=OPENSID_HEADER, end=True) -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.append(header)
    for row in rows:
        sheet.append(row)
    if end:
        sheet.append(["###"])
        sheet.append(["baris setelah tanda akhir diabaikan"])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


FAMILY = [
    opensid_row(nama="Lalu Muhammad Saleh", no_kk="5201011503150003", nik="5201010706900001",
                sex="1", tempatlahir="Gerung", tanggallahir="1990-06-07", kk_level="1",
                status_kawin="2", pekerjaan_id="9"),
    opensid_row(nama="Baiq Siti Aminah", no_kk="5201011503150003", nik="5201014708920002",
                sex="2", tanggallahir="1992-08-07", kk_level="3", status_kawin="2"),
    opensid_row(nama="Bayi Tanpa NIK", no_kk="5201011503150003", nik="", sex="2",
                tanggallahir="2026-10-01", kk_level="4"),
]  # fmt: skip


@pytest.fixture
def post_file(admin):
    client = login_client(admin)

    def post(content: bytes, name="penduduk.xlsx"):
        handle = io.BytesIO(content)
        handle.name = name
        response = client.post(reverse("registry:import_start"), {"file": handle})
        batch = ImportBatch.objects.order_by("-pk").first()
        return response, batch

    post.client = client
    return post


def test_an_opensid_file_is_checked_then_written_then_reimported_unchanged(post_file, dusun):
    response, batch = post_file(xlsx(FAMILY))
    assert response.status_code == 302
    assert batch.status == "diperiksa"
    assert batch.counts["create"] == 3 and batch.problem_count == 0
    assert "golongan_darah_id" in batch.counts["ignored_columns"]
    assert not Resident.objects.exists()  # the dry run wrote nothing

    post_file.client.post(reverse("registry:import_commit", args=[batch.pk]))
    batch.refresh_from_db()
    assert batch.status == "selesai"
    father = Resident.objects.get(nik="5201010706900001")
    assert father.created_at is not None and father.created_at.tzinfo is not None
    assert father.birth_date == date(1990, 6, 7)
    assert father.household.kk_number == "5201011503150003"
    assert father.household.head == father
    assert father.household.rt.number == "001"
    assert father.occupation == 9
    baby = Resident.objects.get(name="Bayi Tanpa NIK")
    assert baby.nik is None and baby.temp_number.startswith("05201012007")
    assert Membership.objects.count() == 3

    _response, again = post_file(xlsx(FAMILY))
    assert again.counts["unchanged"] == 3 and again.counts["create"] == 0
    html = post_file.client.get(reverse("registry:import_detail", args=[again.pk])).content
    assert "Tidak ada yang perlu disimpan" in html.decode()


def test_a_changed_row_is_an_update_matched_by_nik_or_by_kk_name_and_birth_date(
    post_file, admin, dusun
):
    family(admin, dusun)
    rows = [
        opensid_row(nama="Lalu Muhammad Saleh", no_kk="5201011503150003",
                    nik="5201010706900001", sex="1", tanggallahir="1990-06-07", kk_level="1",
                    pekerjaan_id="20"),
        opensid_row(nama="Nurul Hidayati", no_kk="5201011503150003", nik="", sex="2",
                    tanggallahir="2015-05-15", kk_level="4", tempatlahir="Mataram"),
    ]  # fmt: skip
    _response, batch = post_file(xlsx(rows))
    assert batch.counts["update"] == 2, batch.problems
    post_file.client.post(reverse("registry:import_commit", args=[batch.pk]))
    assert Resident.objects.get(nik="5201010706900001").occupation == 20
    assert Resident.objects.get(name="Nurul Hidayati").birth_place == "Mataram"
    assert Resident.objects.count() == 3  # no one was created twice


def test_every_problem_is_reported_by_row_column_value_and_reason_and_nothing_is_written(
    post_file, dusun
):
    rows = FAMILY[:1] + [
        opensid_row(nama="NIK Pendek", no_kk="5201011503150003", nik="520101070690", sex="1"),
        opensid_row(nama="Dusun Salah", no_kk="5201011503150003", nik="5201010101800005",
                    sex="1", dusun="Dusun Entah"),
        opensid_row(nama="Kembar NIK", no_kk="5201011503150003", nik="5201010706900001",
                    sex="1", tanggallahir="1990-06-07"),
        opensid_row(nama="Tanggal Aneh", no_kk="5201011503150003", nik="5201010202900006",
                    sex="1", tanggallahir="31/02/1990"),
        opensid_row(nama="Tanpa KK", no_kk="", nik="5201010303900007", sex="1"),
        opensid_row(nama="Jenis Kelamin", no_kk="5201011503150003", nik="5201010404900008",
                    sex="X"),
        opensid_row(nama="RT Salah", no_kk="5201011503150003", nik="5201010505900009",
                    sex="1", rt="9", rw="9"),
    ]  # fmt: skip
    response, batch = post_file(xlsx(rows))
    problems = {(p["row"], p["column"]): p for p in batch.problems}
    assert problems[(3, "NIK")]["reason"] == "NIK harus 16 angka; yang dimasukkan 12 angka."
    assert problems[(4, "Dusun")]["value"] == "Dusun Entah"
    assert "sama dengan baris 2" in problems[(5, "NIK")]["reason"]
    assert problems[(6, "Tanggal lahir")]["value"] == "31/02/1990"
    assert "wajib punya No. KK" in problems[(7, "No. KK")]["reason"]
    assert "L atau P" in problems[(8, "Jenis kelamin")]["reason"]
    assert "tidak ada di dusun" in problems[(9, "RT")]["reason"]
    assert batch.counts["refused"] == 7

    commit = post_file.client.post(reverse("registry:import_commit", args=[batch.pk]))
    assert commit.status_code == 302
    assert not Resident.objects.exists() and not Household.objects.exists()

    report = post_file.client.get(reverse("registry:import_problems", args=[batch.pk]))
    sheet = load_workbook(io.BytesIO(report.content)).active
    assert next(sheet.iter_rows(values_only=True)) == ("Baris", "Kolom", "Nilai", "Masalah")
    assert sheet.max_row == 8


def test_our_template_as_csv_is_accepted(post_file, dusun):
    header = ",".join(importing.TEMPLATE_HEADER)
    row = {c.key: "" for c in importing.COLUMNS} | {
        "kk_number": "5201011503150003", "nik": "5201014708920002", "name": "Siti Aminah",
        "sex": "P", "birth_date": "07/08/1992", "dusun": "bermi karang dalam barat",
        "whereabouts": "luar negeri", "abroad_country": "Malaysia", "relationship": "Istri",
    }  # fmt: skip
    line = ",".join(row[c.key] for c in importing.COLUMNS)
    _response, batch = post_file(f"{header}\n{line}\n".encode(), name="warga.csv")
    assert batch.counts["create"] == 1, batch.problems
    post_file.client.post(reverse("registry:import_commit", args=[batch.pk]))
    siti = Resident.objects.get()
    assert (siti.whereabouts, siti.abroad_country, siti.relationship) == (
        "luar_negeri", "Malaysia", 3,
    )  # fmt: skip


@pytest.mark.parametrize(
    ("content", "name", "message"),
    [
        (b"PK\x03\x04 bukan zip sungguhan", "rusak.xlsx", "rusak"),
        (b"\xd0\xcf\x11\xe0 lama", "lama.xls", "format .xls lama"),
        (b"nama,dusun\nA,B\n", "kurang.csv", "Kolom wajib tidak ditemukan"),
        (b"%PDF-1.4", "surat.pdf", "Jenis berkas tidak didukung"),
        (b"nama,sex,nik,dusun\n=HYPERLINK(1),L,1,X\n", "rumus.csv", "dibaca sebagai rumus"),
    ],
)
def test_a_bad_file_gets_a_clear_message_and_writes_nothing(
    post_file, dusun, content, name, message
):
    _response, batch = post_file(content, name=name)
    assert batch.status == "gagal"
    assert message in batch.error
    assert not Resident.objects.exists()


def test_an_empty_upload_is_refused_beside_the_field(post_file, dusun):
    response, batch = post_file(b"", name="kosong.csv")
    assert response.status_code == 400 and batch is None
    assert "kosong" in response.content.decode()
    with pytest.raises(importing.ImportFileError, match="Berkas kosong"):
        importing.read_table(b"", "kosong.csv")


def test_a_formula_in_an_xlsx_is_refused(post_file, dusun):
    rows = [opensid_row(nama="=1+1", no_kk="5201011503150003", nik="5201010706900001", sex="1")]
    _response, batch = post_file(xlsx(rows))
    assert batch.status == "gagal" and "rumus" in batch.error


def test_an_oversized_file_is_refused_before_it_is_read(post_file, dusun, monkeypatch):
    monkeypatch.setattr(importing, "MAX_BYTES", 100)
    response, _batch = post_file(xlsx(FAMILY))
    assert response.status_code == 400
    assert "lebih dari 20 MB" in response.content.decode()
    assert not ImportBatch.objects.exists()


def test_a_big_file_runs_in_the_background_with_progress(post_file, dusun, settings, monkeypatch):
    from sigap.registry import tasks

    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    monkeypatch.setattr(tasks, "SYNC_ROWS", 0)
    _response, batch = post_file(xlsx(FAMILY))
    assert batch.status == "diperiksa" and batch.rows_total == 3
    post_file.client.post(reverse("registry:import_commit", args=[batch.pk]))
    batch.refresh_from_db()
    assert batch.status == "selesai" and batch.percent == 100
    assert Resident.objects.count() == 3


def test_the_write_checks_the_registry_again_but_not_the_file(post_file, admin, dusun, monkeypatch):
    """The dry run's reading of the file is kept for the write in the same process, but every
    row is compared with the registry again: a family registered by hand in between is matched
    and updated, not created twice."""
    _response, batch = post_file(xlsx(FAMILY))
    assert batch.counts["create"] == 3
    family(admin, dusun)

    def read_again(*args, **kwargs):
        raise AssertionError("the file was read again")

    monkeypatch.setattr(importing, "read_table", read_again)
    post_file.client.post(reverse("registry:import_commit", args=[batch.pk]))
    batch.refresh_from_db()
    assert batch.status == "selesai", batch.error
    assert batch.counts["written"]["created"] == 1  # only the baby without a NIK is new
    assert Resident.objects.filter(nik="5201010706900001").count() == 1
    assert Resident.objects.count() == 4


def test_the_template_downloads_and_reads_back(post_file):
    response = post_file.client.get(reverse("registry:import_template"))
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert [c.value for c in sheet[1]] == importing.TEMPLATE_HEADER


def test_planner_statistics_refresh_runs_on_this_database(db):
    from sigap.core.bulk import refresh_statistics
    from sigap.registry import tasks

    refresh_statistics(Resident, Household)  # raises if the SQL is wrong for this engine
    tasks.refresh_tables(Resident, Household)


def test_a_too_long_phone_is_a_problem_not_a_broken_write(post_file, dusun):
    rows = [
        opensid_row(nama="Telepon Panjang", no_kk="5201011503150003", nik="5201010706900001",
                    sex="1", tanggallahir="1990-06-07")
    ]  # fmt: skip
    header = OPENSID_HEADER + ["telepon"]
    _response, batch = post_file(xlsx([rows[0] + ["0812 3456 7890 / 0819 1111 2222"]], header))
    assert batch.problem_count == 1
    assert batch.problems[0]["column"] == "Nomor HP"
    assert "Paling panjang 20 karakter" in batch.problems[0]["reason"]


def test_someone_registered_without_a_nik_is_matched_when_the_file_brings_it(
    post_file, admin, dusun
):
    home, *_ = family(admin, dusun)
    from sigap.registry.tests.factories import resident as make_resident

    baby = make_resident(admin, home, "Bayi Baru", sex="P", birth_date=date(2026, 1, 2))
    assert baby.nik is None and baby.temp_number
    rows = [
        opensid_row(nama="Bayi Baru", no_kk="5201011503150003", nik="5201014201260009",
                    sex="2", tanggallahir="2026-01-02", kk_level="4", dusun="Dasan Baru")
    ]  # fmt: skip
    _response, batch = post_file(xlsx(rows))
    assert batch.counts["update"] == 1 and batch.counts["create"] == 0, batch.problems
    post_file.client.post(reverse("registry:import_commit", args=[batch.pk]))
    baby.refresh_from_db()
    assert baby.nik == "5201014201260009" and baby.temp_number is None
    assert baby.dusun == dusun  # an import never moves someone away from their family's dusun
    assert Resident.objects.filter(name="Bayi Baru").count() == 1
    assert Household.objects.count() == 1  # and never leaves an empty family card behind


@pytest.mark.parametrize("cell", ["-", "+62 812 3456 7890", "-5"])
def test_dashes_and_phone_numbers_are_data_not_formulas(cell):
    assert not importing.looks_like_formula(cell)


@pytest.mark.parametrize("cell", ["=1+1", "@SUM(A1)", "-cmd|' /C calc'!A0", "+HYPERLINK(1)"])
def test_formulas_are_recognised(cell):
    assert importing.looks_like_formula(cell)


def test_an_unreadable_csv_is_a_clear_failure(post_file, dusun):
    _response, batch = post_file(b"nama,sex\n\x81\x8d\x8f\x90,L\n", name="aneh.csv")
    assert batch.status == "gagal"
    assert "tidak dapat dibaca sebagai teks" in batch.error


def test_checking_reads_families_in_a_fixed_number_of_queries(
    admin, dusun, django_assert_max_num_queries
):
    from sigap.registry.tests.factories import household as make_household
    from sigap.registry.tests.factories import resident as make_resident

    rows = []
    for i in range(30):
        kk = f"52010115031500{i:02d}"
        home = make_household(admin, dusun, kk_number=kk)
        make_resident(admin, home, f"Warga {i}", birth_date=date(1990, 1, 1))
        rows.append(opensid_row(nama=f"Warga {i}", no_kk=kk, sex="1", tanggallahir="1990-01-01"))
    table = importing.read_table(xlsx(rows), "x.xlsx")
    with django_assert_max_num_queries(10):
        plan = importing.plan_import(table, village=dusun.village, user=admin)
    assert plan.count("create") == 0 and not plan.problems  # all 30 matched their family
