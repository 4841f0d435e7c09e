"""Import of residents from spreadsheets: read, check (dry run), then write all or nothing.

Two layouts are accepted, matched by header names (the order of columns does not matter):
* OpenSID's population import (the Excel sheet with columns such as ``alamat``, ``dusun``, ``rw``,
  ``rt``, ``nama``, ``no_kk``, ``nik``, ``sex``, ``tempatlahir``, ``tanggallahir``, ``agama_id``,
  ``pendidikan_kk_id``, ``pekerjaan_id``, ``status_kawin``, ``kk_level``, ``warganegara_id``,
  ``nama_ayah``, ``nama_ibu``, ``cacat_id``, ``status_dasar`` …), whose data ends at a row that
  starts with ``###``; columns SIGAP does not keep are ignored;
* SIGAP's own template (``template_xlsx``), with Indonesian headers.

Rows are matched to the registry by NIK, or by No. KK + name + birth date where the NIK is
missing. A row that changes nothing is "unchanged", so importing the same file twice writes
nothing the second time. Every problem is reported as (row, column, value, reason) in Bahasa
Indonesia; a file with any refused row cannot be written.
"""

import csv
import io
import re
import zipfile
from dataclasses import dataclass, field
from datetime import date, datetime

from django.db import connection, transaction
from django.db.models import BooleanField, OuterRef, Subquery
from django.db.models.expressions import RawSQL
from django.utils import timezone
from openpyxl import Workbook, load_workbook
from openpyxl.styles import Font

from sigap.core.bulk import chunks, insert_rows
from sigap.core.bulk import filter_in as _filter_in
from sigap.core.models import RukunTetangga, Village
from sigap.registry import codes, names, nik
from sigap.registry.models import Household, Membership, Resident, ResidentNameKey

MAX_BYTES = 20 * 1024 * 1024
MAX_ROWS = 200_000
END_MARK = "###"


class ImportFileError(ValueError):
    """The file as a whole cannot be read; the message says why (Bahasa Indonesia)."""


@dataclass(frozen=True)
class Column:
    key: str
    title: str  # our template's header
    aliases: tuple[str, ...]  # other accepted headers, OpenSID's first
    required: bool = False


COLUMNS = [
    Column("kk_number", "No. KK", ("no_kk", "nokk", "kk")),
    Column("nik", "NIK", ("nik",)),
    Column("no_nik_reason", "Alasan tanpa NIK", ("alasan_tanpa_nik",)),
    Column("name", "Nama", ("nama", "nama_lengkap"), required=True),
    Column("sex", "Jenis kelamin", ("sex", "jenis_kelamin", "jk"), required=True),
    Column("birth_place", "Tempat lahir", ("tempatlahir", "tempat_lahir")),
    Column("birth_date", "Tanggal lahir", ("tanggallahir", "tanggal_lahir", "tgl_lahir")),
    Column("religion", "Agama", ("agama_id", "agama")),
    Column("education", "Pendidikan", ("pendidikan_kk_id", "pendidikan")),
    Column("occupation", "Pekerjaan", ("pekerjaan_id", "pekerjaan")),
    Column("marital_status", "Status perkawinan", ("status_kawin", "status_perkawinan")),
    Column("relationship", "Hubungan dalam keluarga", ("kk_level", "hubungan", "shdk")),
    Column("citizenship", "Kewarganegaraan", ("warganegara_id", "kewarganegaraan")),
    Column("father_name", "Nama ayah", ("nama_ayah",)),
    Column("mother_name", "Nama ibu", ("nama_ibu",)),
    Column("disability", "Disabilitas", ("cacat_id", "disabilitas")),
    Column("phone", "Nomor HP", ("telepon", "no_hp", "nomor_hp")),
    Column("dusun", "Dusun", ("dusun",), required=True),
    Column("rw", "RW", ("rw",)),
    Column("rt", "RT", ("rt",)),
    Column("address", "Alamat", ("alamat",)),
    Column("whereabouts", "Keberadaan", ("keberadaan",)),
    Column("abroad_country", "Negara", ("negara",)),
    Column("basic_status", "Status dasar", ("status_dasar",)),
]
TEMPLATE_HEADER = [column.title for column in COLUMNS]


def _norm(header) -> str:
    return re.sub(r"[^a-z0-9]+", "_", str(header or "").strip().lower()).strip("_")


HEADER_INDEX = {}
for _column in COLUMNS:
    HEADER_INDEX[_norm(_column.title)] = _column.key
    for _alias in _column.aliases:
        HEADER_INDEX[_norm(_alias)] = _column.key
TITLES = {column.key: column.title for column in COLUMNS}


@dataclass
class Table:
    header: dict[str, int]  # our key → position
    rows: list[tuple[int, dict[str, str]]]  # (row number in the file, key → text)
    ignored: list[str]


# --- Reading ---------------------------------------------------------------------------------


def read_table(content: bytes, filename: str) -> Table:
    """Read a CSV or XLSX file into rows keyed by our column keys. Raises ImportFileError."""
    if not content:
        raise ImportFileError("Berkas kosong.")
    if len(content) > MAX_BYTES:
        raise ImportFileError(
            f"Berkas terlalu besar ({len(content) / 1024 / 1024:.1f} MB); batasnya 20 MB. "
            "Bagi menjadi beberapa berkas."
        )
    lower = filename.lower()
    if content[:4] == b"PK\x03\x04":
        if not lower.endswith((".xlsx", ".xlsm")):
            raise ImportFileError("Berkas ini bukan CSV atau XLSX. Simpan sebagai .xlsx atau .csv.")
        grid = _xlsx_grid(content)
    elif lower.endswith((".xlsx", ".xls", ".xlsm")):
        raise ImportFileError(
            "Berkas ini bukan XLSX yang sah (mungkin format .xls lama). Buka di Excel atau "
            "LibreOffice lalu simpan sebagai .xlsx."
        )
    elif lower.endswith((".csv", ".txt")):
        grid = _csv_grid(content)
    else:
        raise ImportFileError("Jenis berkas tidak didukung. Unggah berkas .xlsx atau .csv.")
    return _table(grid)


def _xlsx_grid(content: bytes) -> list[tuple[int, list]]:
    try:
        book = load_workbook(io.BytesIO(content), read_only=True, data_only=False)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError) as exc:
        raise ImportFileError(
            "Berkas XLSX rusak atau tidak dapat dibaca. Simpan ulang dari Excel/LibreOffice."
        ) from exc
    sheet = book.worksheets[0]
    grid = []
    for number, row in enumerate(sheet.iter_rows(values_only=False), start=1):
        values = []
        for cell in row:
            value = getattr(cell, "value", None)
            if getattr(cell, "data_type", None) == "f" or (
                isinstance(value, str) and looks_like_formula(value)
            ):
                raise ImportFileError(
                    f"Berkas berisi rumus (baris {number}, sel {cell.coordinate}). Untuk "
                    "keamanan, SIGAP hanya menerima nilai: salin lalu tempel sebagai nilai saja."
                )
            values.append(value)
        grid.append((number, values))
        if len(grid) > MAX_ROWS + 1:
            raise ImportFileError(f"Berkas berisi lebih dari {MAX_ROWS:,} baris; bagi berkasnya.")
    book.close()
    return grid


def _csv_grid(content: bytes) -> list[tuple[int, list]]:
    text = None
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            text = content.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    if text is None:
        raise ImportFileError(
            "Berkas CSV ini tidak dapat dibaca sebagai teks. Simpan ulang sebagai CSV UTF-8."
        )
    if "\x00" in text:
        raise ImportFileError("Berkas ini bukan teks CSV. Unggah berkas .xlsx atau .csv.")
    sample = text[:4096]
    try:
        dialect = csv.Sniffer().sniff(sample, delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    grid = []
    for number, row in enumerate(csv.reader(io.StringIO(text), dialect), start=1):
        for position, value in enumerate(row):
            if value[:1] in FORMULA_STARTS and looks_like_formula(value):
                raise ImportFileError(
                    f"Berkas berisi sel yang dibaca sebagai rumus (baris {number}, kolom "
                    f"{position + 1}: “{value[:30]}”). Hapus tanda = + - @ di awal sel."
                )
        grid.append((number, row))
        if len(grid) > MAX_ROWS + 1:
            raise ImportFileError(f"Berkas berisi lebih dari {MAX_ROWS:,} baris; bagi berkasnya.")
    return grid


FORMULA_STARTS = ("=", "@", "+", "-")  # a cell starting otherwise is never a formula
FORMULA_AFTER_SIGN = re.compile(r"[A-Za-z_][A-Za-z0-9_.]*\s*\(|[!=|]")


def looks_like_formula(value: str) -> bool:
    """Whether a spreadsheet would run this cell. ``=`` and ``@`` always start a formula; after
    ``+`` or ``-`` only a function call, a sheet reference or a pipe does ("-" for "none" and
    "+62 812 3456" for a phone number are data)."""
    if value.startswith(("=", "@")):
        return True
    return value[:1] in ("+", "-") and bool(FORMULA_AFTER_SIGN.search(value))


def _text(value) -> str:
    if type(value) is str:  # every cell of a CSV: the common case first
        return value.strip()
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def _table(grid: list[tuple[int, list]]) -> Table:
    grid = [(n, row) for n, row in grid if any(_text(v) for v in row)]
    if not grid:
        raise ImportFileError("Berkas tidak berisi data.")
    _number, header_row = grid[0]
    header, ignored = {}, []
    for position, title in enumerate(header_row):
        key = HEADER_INDEX.get(_norm(title))
        if key and key not in header:
            header[key] = position
        elif _text(title):
            ignored.append(_text(title))
    missing = [TITLES[c.key] for c in COLUMNS if c.required and c.key not in header]
    if "nik" not in header and "kk_number" not in header:
        missing.append("NIK atau No. KK")
    if missing:
        raise ImportFileError(
            "Kolom wajib tidak ditemukan di baris judul: "
            + ", ".join(missing)
            + ". Gunakan templat SIGAP atau format impor OpenSID."
        )
    rows = []
    for number, row in grid[1:]:
        first = _text(row[0]) if row else ""
        if first.startswith(END_MARK):
            break
        rows.append(
            (
                number,
                {key: _text(row[pos]) if pos < len(row) else "" for key, pos in header.items()},
            )
        )
    return Table(header=header, rows=rows, ignored=ignored)


ANY_BATCH = 10_000


def filter_in(queryset, field: str, values):
    """The rows of ``queryset`` whose ``field`` is one of ``values``. On PostgreSQL one array
    parameter per 10,000 values (``= ANY(%s)``); elsewhere ``core.bulk.filter_in``'s lists of
    900. Preparing 100,000 single parameters cost PostgreSQL imports about two seconds."""
    if connection.vendor != "postgresql":
        yield from _filter_in(queryset, field, values)
        return
    meta = queryset.model._meta
    target = meta.pk if field == "pk" else meta.get_field(field)
    quote = connection.ops.quote_name
    column = f"{quote(meta.db_table)}.{quote(target.column)}"
    for chunk in chunks(values, ANY_BATCH):
        # The column is the model's own, quoted; the values travel as one parameter.
        condition = RawSQL(f"{column} = ANY(%s)", (chunk,), output_field=BooleanField())  # noqa: S611
        yield from queryset.filter(condition)


# --- Checking --------------------------------------------------------------------------------


@dataclass
class Problem:
    row: int
    column: str
    value: str
    reason: str


@dataclass
class PlannedRow:
    number: int
    action: str  # "create", "update", "unchanged", "refused"
    values: dict = field(default_factory=dict)
    resident_id: int | None = None
    kk_number: str = ""
    dusun_id: int | None = None
    rt_id: int | None = None
    address: str = ""


@dataclass
class Plan:
    rows: list[PlannedRow]
    problems: list[Problem]
    ignored_columns: list[str]
    columns: set[str] = field(default_factory=set)  # what the file has: nothing else is touched

    def count(self, action: str) -> int:
        return sum(1 for row in self.rows if row.action == action)

    @property
    def can_commit(self) -> bool:
        return not self.problems and any(r.action in ("create", "update") for r in self.rows)


@dataclass(frozen=True)
class CodeList:
    """A coded list read once: the valid codes and the labels that may stand for them."""

    codes: frozenset[int]
    labels: dict[str, int]
    top: int

    @classmethod
    def of(cls, choices) -> "CodeList":
        pairs = [(int(value), str(label)) for value, label in choices]
        return cls(
            frozenset(v for v, _ in pairs), {label.lower(): v for v, label in pairs}, max(pairs)[0]
        )

    def parse(self, value: str) -> int | None:
        if not value:
            return None
        if value.isdigit() and int(value) in self.codes:
            return int(value)
        found = self.labels.get(value.strip().lower())
        if found is None:
            raise ValueError
        return found


CODE_LISTS = {
    "religion": CodeList.of(codes.Religion.choices),
    "education": CodeList.of(codes.Education.choices),
    "occupation": CodeList.of(codes.OCCUPATION_CHOICES),
    "marital_status": CodeList.of(codes.MaritalStatus.choices),
    "relationship": CodeList.of(codes.FamilyRelationship.choices),
    "citizenship": CodeList.of(codes.Citizenship.choices),
    "basic_status": CodeList.of(codes.BasicStatus.choices),
}
DISABILITIES = CodeList.of(codes.Disability.choices)
NO_NIK_REASONS = {str(label).lower(): value for value, label in codes.NoNikReason.choices} | {
    value: value for value in codes.NoNikReason.values
}
TEXT_LIMITS = {
    "birth_place": 100,
    "father_name": 100,
    "mother_name": 100,
    "phone": 20,
    "abroad_country": 60,
}
WHEREABOUTS = {
    "": "desa",
    "desa": "desa",
    "di desa": "desa",
    "indonesia": "indonesia",
    "luar negeri": "luar_negeri",
    "luar_negeri": "luar_negeri",
}


SEX_VALUES = {
    "l": "L",
    "1": "L",
    "laki-laki": "L",
    "laki laki": "L",
    "lk": "L",
    "p": "P",
    "2": "P",
    "perempuan": "P",
    "pr": "P",
    "w": "P",
}
# OpenSID's cacat_id counts 1–6 as impairments and 7 as "tidak cacat".
DISABILITY_OPENSID = {"7": 0}


def _date(value: str) -> date | None:
    if not value:
        return None
    if len(value) == 10 and value[4] == "-" and value[7] == "-":
        try:  # TTTT-BB-HH, as our template and OpenSID write it: ten times faster than strptime
            return date.fromisoformat(value)
        except ValueError:
            pass
    for pattern in ("%Y-%m-%d", "%d/%m/%Y", "%d-%m-%Y", "%d.%m.%Y"):
        try:
            return datetime.strptime(value[:10], pattern).date()  # noqa: DTZ007
        except ValueError:
            continue
    raise ValueError


def _parse_row(
    number: int, raw: dict[str, str], problems: list[Problem], today: date
) -> dict | None:
    """The row's values in our types, or None with problems added."""
    found: list[Problem] = []
    values: dict = {}

    def fail(key: str, reason: str) -> None:
        found.append(Problem(number, TITLES[key], raw.get(key, ""), reason))

    values["name"] = " ".join(raw.get("name", "").split())
    if not values["name"]:
        fail("name", "Nama wajib diisi.")
    elif len(values["name"]) > 100:
        fail("name", f"Paling panjang 100 karakter; yang diisi {len(values['name'])}.")
    if len(raw.get("address", "")) > 200:
        fail("address", f"Paling panjang 200 karakter; yang diisi {len(raw['address'])}.")
    sex = SEX_VALUES.get(raw.get("sex", "").strip().lower())
    if sex is None:
        fail("sex", "Jenis kelamin harus L atau P (atau 1/2).")
    values["sex"] = sex
    try:
        values["birth_date"] = _date(raw.get("birth_date", ""))
        if values["birth_date"] and values["birth_date"] > today:
            fail("birth_date", "Tanggal lahir tidak boleh di masa depan.")
    except ValueError:
        fail("birth_date", "Tanggal tidak dikenali; gunakan TTTT-BB-HH atau HH/BB/TTTT.")
    for key, code_list in CODE_LISTS.items():
        try:
            values[key] = code_list.parse(raw.get(key, ""))
        except ValueError:
            fail(key, f"Kode tidak dikenal; gunakan angka 1–{code_list.top} atau namanya.")
    disability_raw = DISABILITY_OPENSID.get(raw.get("disability", ""), raw.get("disability", ""))
    try:
        values["disability"] = DISABILITIES.parse(str(disability_raw)) or 0
    except ValueError:
        fail("disability", "Kode disabilitas tidak dikenal.")
    for key, limit in TEXT_LIMITS.items():
        values[key] = raw.get(key, "").strip()
        if len(values[key]) > limit:
            fail(key, f"Paling panjang {limit} karakter; yang diisi {len(values[key])}.")
    values["whereabouts"] = WHEREABOUTS.get(raw.get("whereabouts", "").strip().lower())
    if values["whereabouts"] is None:
        fail("whereabouts", "Isi: desa, indonesia, atau luar negeri.")
    elif values["whereabouts"] == "luar_negeri" and not values["abroad_country"]:
        fail("abroad_country", "Untuk yang di luar negeri, isi negaranya.")
    number_nik = raw.get("nik", "")
    values["nik"] = None
    if number_nik and not nik.is_temporary(nik.normalise_number(number_nik)):
        try:
            info = nik.parse_nik(number_nik)
            values["nik"] = info.nik
            values["nik_warnings"] = nik.nik_warnings(
                info, sex=values.get("sex"), birth_date=values.get("birth_date")
            )
        except nik.NikError as exc:
            fail("nik", str(exc))
    reason = raw.get("no_nik_reason", "").strip().lower()
    values["no_nik_reason"] = "" if values["nik"] else NO_NIK_REASONS.get(reason, "belum_terdaftar")
    kk = raw.get("kk_number", "")
    values["kk_number"] = None
    if kk:
        try:
            values["kk_number"] = nik.parse_kk(kk).kk_number
        except nik.NikError as exc:
            fail("kk_number", str(exc))
    problems.extend(found)
    return None if found else values


PLACE_CELLS = ("dusun", "rw", "rt", "address")  # what planning reads of a row besides its values


@dataclass
class ParsedFile:
    """A file's rows in our types, before anything is compared with the registry: what the dry
    run and the write share when one process does both (``tasks``)."""

    rows: list[tuple[int, dict, dict]]  # (row number, its place cells, its values; {} = refused)
    problems: list[Problem]
    columns: set[str]  # what the file has: nothing else is touched
    ignored_columns: list[str]
    today: date  # the parse depends on it (no birth date in the future)


def parse_file(table: Table) -> ParsedFile:
    """Parse and check every row on its own (types, codes, NIK and No. KK rules, a NIK twice in
    the file). Reads nothing from the registry."""
    problems: list[Problem] = []
    parsed: list[tuple[int, dict, dict]] = []
    today = timezone.localdate()
    niks_in_file: dict[str, int] = {}
    for number, raw in table.rows:
        place = {key: raw[key] for key in PLACE_CELLS if key in raw}
        values = _parse_row(number, raw, problems, today)
        if values is None:
            parsed.append((number, place, {}))
            continue
        if values["nik"]:
            if values["nik"] in niks_in_file:
                problems.append(
                    Problem(
                        number,
                        "NIK",
                        values["nik"],
                        f"NIK sama dengan baris {niks_in_file[values['nik']]} di berkas ini.",
                    )
                )
                parsed.append((number, place, {}))
                continue
            niks_in_file[values["nik"]] = number
        parsed.append((number, place, values))
    return ParsedFile(parsed, problems, set(table.header), table.ignored, today)


def plan_import(table: Table, *, village: Village, user, progress=None) -> Plan:
    """Check every row against the registry without writing anything."""
    return plan_parsed(parse_file(table), village=village, user=user, progress=progress)


def plan_parsed(file: ParsedFile, *, village: Village, user, progress=None) -> Plan:
    """Check parsed rows against the registry as it is now, without writing anything."""
    from sigap.registry.rules import can_edit_dusun

    problems = list(file.problems)
    dusun_by_name = {d.name.lower(): d for d in village.dusun_set.all()}
    rt_index = {
        (rt.rw.dusun_id, rt.rw.number, rt.number): rt.pk
        for rt in RukunTetangga.objects.filter(rw__dusun__village=village).select_related("rw")
    }
    parsed = file.rows

    wanted_niks = [v["nik"] for _n, _r, v in parsed if v and v.get("nik")]
    existing_by_nik = {r.nik: r for r in filter_in(Resident.objects.all(), "nik", wanted_niks)}
    households_by_kk = _households_by_kk(
        v["kk_number"] for _n, _r, v in parsed if v and v.get("kk_number")
    )
    members_by_kk: dict[str, list[Resident]] = {}
    kk_of = {h.pk: h.kk_number for h in households_by_kk.values()}
    for member in filter_in(Resident.objects.all(), "household_id", kk_of):
        members_by_kk.setdefault(kk_of[member.household_id], []).append(member)

    rows: list[PlannedRow] = []
    for index, (number, raw, values) in enumerate(parsed):
        if progress and index % 1000 == 0:
            progress(index, len(parsed))
        if not values:
            rows.append(PlannedRow(number, "refused"))
            continue
        dusun = dusun_by_name.get(raw.get("dusun", "").strip().lower())
        if dusun is None:
            problems.append(
                Problem(
                    number,
                    "Dusun",
                    raw.get("dusun", ""),
                    "Dusun tidak ada di desa ini; periksa ejaan atau tambahkan di halaman Wilayah.",
                )
            )
            rows.append(PlannedRow(number, "refused"))
            continue
        if not can_edit_dusun(user, dusun):
            problems.append(
                Problem(
                    number, "Dusun", dusun.name, "Anda hanya boleh mengimpor dusun Anda sendiri."
                )
            )
            rows.append(PlannedRow(number, "refused"))
            continue
        rt_id = None
        if raw.get("rt") or raw.get("rw"):
            key = (dusun.pk, _three(raw.get("rw", "")), _three(raw.get("rt", "")))
            rt_id = rt_index.get(key)
            if rt_id is None:
                problems.append(
                    Problem(
                        number,
                        "RT",
                        f"{raw.get('rt', '')}/{raw.get('rw', '')}",
                        f"RT/RW ini tidak ada di dusun {dusun.name}; tambahkan di halaman Wilayah.",
                    )
                )
                rows.append(PlannedRow(number, "refused"))
                continue
        existing = existing_by_nik.get(values["nik"]) if values["nik"] else None
        if existing is None and values["kk_number"]:
            # Someone registered without a NIK who has one now is the same person, not a new one.
            existing = _match_without_nik(members_by_kk.get(values["kk_number"], []), values)
        if existing is None and not values["kk_number"]:
            problems.append(
                Problem(number, "No. KK", "", "Penduduk baru wajib punya No. KK di berkas impor.")
            )
            rows.append(PlannedRow(number, "refused"))
            continue
        planned = PlannedRow(
            number,
            "create",
            values=values,
            kk_number=values["kk_number"] or "",
            dusun_id=dusun.pk,
            rt_id=rt_id,
            address=raw.get("address", "")[:200],
        )
        if existing is not None:
            planned.resident_id = existing.pk
            changed = _differs(existing, values, dusun.pk, file.columns)
            planned.action = "update" if changed else "unchanged"
        rows.append(planned)
    return Plan(
        rows=rows, problems=problems, ignored_columns=file.ignored_columns, columns=file.columns
    )


def _three(value: str) -> str:
    value = value.strip()
    return f"{int(value):03d}" if value.isdigit() else value


def _households_by_kk(numbers) -> dict[str, Household]:
    return {h.kk_number: h for h in filter_in(Household.objects.all(), "kk_number", set(numbers))}


def _match_without_nik(members: list[Resident], values: dict) -> Resident | None:
    """The family member with the same name and birth date (when both the row and the member
    have a NIK and they differ, it is someone else)."""
    if not members:  # a new family: nobody to compare, and folding the name costs
        return None
    key = names.name_tokens(values["name"])
    for member in members:
        if member.nik and values["nik"] and member.nik != values["nik"]:
            continue
        if names.name_tokens(member.name) == key and member.birth_date == values["birth_date"]:
            return member
    return None


UPDATABLE = [
    "name",
    "sex",
    "birth_place",
    "birth_date",
    "religion",
    "education",
    "occupation",
    "marital_status",
    "relationship",
    "citizenship",
    "father_name",
    "mother_name",
    "phone",
    "disability",
    "whereabouts",
    "abroad_country",
    "basic_status",
]
TEXT_FIELDS = {"name", "birth_place", "father_name", "mother_name", "phone", "abroad_country"}


def _updates(values: dict, columns: set[str]) -> dict:
    """The fields a row sets: only columns the file has, and an empty coded cell does not erase
    what the registry already knows."""
    updates = {}
    for key in UPDATABLE:
        if key not in columns:
            continue
        value = values.get(key)
        if value is None and key not in TEXT_FIELDS and key != "birth_date":
            continue
        updates[key] = "" if value is None and key in TEXT_FIELDS else value
    if updates.get("whereabouts") and updates["whereabouts"] != codes.Whereabouts.ABROAD:
        updates["abroad_country"] = ""
    return updates


def _differs(resident: Resident, values: dict, dusun_id: int, columns: set[str]) -> bool:
    """Whether writing the row would change the resident. Their dusun is not compared: it is
    their household's, and a move is a life event on the person page, not an import."""
    if values.get("nik") and resident.nik is None:
        return True
    updates = _updates(values, columns)
    return any(getattr(resident, key) != value for key, value in updates.items())


# --- Writing ---------------------------------------------------------------------------------


@transaction.atomic
def apply_plan(plan: Plan, *, village: Village, user, progress=None) -> dict[str, int]:
    """Write a checked plan: every row or none (one transaction).

    Writes in bulk (a 100,000-row file is a few dozen statements per table, not 300,000), so the
    rows themselves are not audited one by one: the import is audited as its ``ImportBatch``,
    which keeps the file, who sent it and the counts. New households and residents go in as
    plain rows (``insert_rows``) with the values a model instance would have, and their ids are
    read back by their unique numbers: building 100,000 model instances cost more than writing.
    """
    if plan.problems:
        raise ValueError("a plan with problems cannot be written")
    today = timezone.localdate()
    now = timezone.now()
    wanted = [r for r in plan.rows if r.action in ("create", "update")]
    household_ids = {
        number: pk
        for number, pk in filter_in(
            Household.objects.values_list("kk_number", "pk"),
            "kk_number",
            {r.kk_number for r in wanted if r.kk_number},
        )
    }
    new_households: dict[str, dict] = {}
    for row in wanted:
        # Only new people bring new family cards; an update never moves anyone between families.
        if row.action == "create" and row.kk_number and row.kk_number not in household_ids:
            new_households.setdefault(
                row.kk_number,
                {
                    "village_id": village.pk,
                    "dusun_id": row.dusun_id,
                    "rt_id": row.rt_id,
                    "kk_number": row.kk_number,
                    "address": row.address,
                },
            )
    household_ids |= _insert_new(Household, new_households.values(), "kk_number", now)

    last_temp = (
        Resident.objects.filter(temp_number__startswith=f"0{village.code}")
        .order_by("-temp_number")
        .values_list("temp_number", flat=True)
        .first()
    )
    temp_serial = int(last_temp[-5:]) if last_temp else 0
    creates: list[dict] = []
    updates: list[Resident] = []
    renamed: list[Resident] = []
    existing = {
        r.pk: r
        for r in filter_in(
            Resident.objects.all(), "pk", [w.resident_id for w in wanted if w.resident_id]
        )
    }
    fields_changed: set[str] = {"updated_at"}
    for index, row in enumerate(wanted):
        if progress and index % 2000 == 0:
            progress(index, len(wanted))
        values = row.values
        changes = _updates(values, plan.columns)
        if row.action == "create":
            new = {
                "village_id": village.pk,
                "dusun_id": row.dusun_id,
                "household_id": household_ids.get(row.kk_number),
                "nik": values["nik"],
                "no_nik_reason": values["no_nik_reason"],
                "nik_anomaly_confirmed": bool(values.get("nik_warnings")),
            }
            if values["nik"] is None:
                temp_serial += 1
                new["temp_number"] = nik.temporary_number(village.code, temp_serial)
            new.update(changes)
            creates.append(new)
        else:
            resident = existing[row.resident_id]
            if "name" in changes and changes["name"] != resident.name:
                renamed.append(resident)
            if values.get("nik") and resident.nik is None:
                # A NIK at last: it replaces the temporary number.
                changes |= {"nik": values["nik"], "no_nik_reason": "", "temp_number": None}
            for key, value in changes.items():
                setattr(resident, key, value)
            resident.updated_at = timezone.now()
            fields_changed |= set(changes)
            updates.append(resident)
    by_nik = _insert_new(Resident, (r for r in creates if r["nik"]), "nik", now)
    by_temp = _insert_new(Resident, (r for r in creates if not r["nik"]), "temp_number", now)
    for new in creates:
        new["id"] = by_nik[new["nik"]] if new["nik"] else by_temp[new["temp_number"]]
    if updates:
        Resident.objects.bulk_update(updates, sorted(fields_changed), batch_size=1000)
    kk_of = {pk: number for number, pk in household_ids.items()}
    insert_rows(
        Membership,
        ["resident_id", "household_id", "kk_number", "relationship", "started_on", "end_reason"],
        (
            (
                r["id"],
                r["household_id"],
                kk_of.get(r["household_id"]) or "",
                r.get("relationship"),
                today,
                "",
            )
            for r in creates
        ),
    )
    _fill_heads({r["household_id"] for r in creates if r.get("relationship") == 1})
    for chunk in chunks(r.pk for r in renamed):
        ResidentNameKey.objects.filter(resident_id__in=chunk).delete()
    named = [(r["id"], r["name"]) for r in creates] + [(r.pk, r.name) for r in renamed]
    keys_of: dict[str, set[str]] = {}  # a village has a few thousand different names
    for _pk, name in named:
        if name not in keys_of:
            keys_of[name] = names.index_keys(name)
    insert_rows(
        ResidentNameKey,
        ["resident_id", "key"],
        ((pk, key) for pk, name in named for key in keys_of[name]),
    )
    return {"created": len(creates), "updated": len(updates)}


def _insert_new(model, rows, unique: str, now) -> dict:
    """Insert new rows of ``model`` (dicts of attname → value; every other column gets the
    field's default, as a new instance would) and return {their ``unique`` value: id}."""
    columns = [f.attname for f in model._meta.concrete_fields if not f.primary_key]
    defaults = {f.attname: f.get_default() for f in model._meta.concrete_fields}
    defaults |= {"created_at": now, "updated_at": now}
    keys = []

    def tuples():
        for row in rows:
            keys.append(row[unique])
            values = defaults | row
            yield [values[column] for column in columns]

    insert_rows(model, columns, tuples())
    return dict(filter_in(model.objects.values_list(unique, "pk"), unique, keys))


# --- Files for people ------------------------------------------------------------------------


def _fill_heads(household_ids: set[int]) -> None:
    """Households without a head get their first member registered as head (one statement per
    thousand households, not one CASE branch per household)."""
    first_head = (
        Resident.objects.filter(
            household_id=OuterRef("pk"), relationship=codes.FamilyRelationship.HEAD
        )
        .order_by("pk")
        .values("pk")[:1]
    )
    for chunk in chunks(sorted(household_ids)):
        Household.objects.filter(pk__in=chunk, head__isnull=True).update(head=Subquery(first_head))


def template_xlsx() -> bytes:
    """Our import template: the header, one example row (synthetic numbers), and a notes sheet."""
    book = Workbook()
    sheet = book.active
    sheet.title = "Penduduk"
    sheet.append(TEMPLATE_HEADER)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    example = {
        "kk_number": "5299990101200001",
        "nik": "5299990706900001",
        "name": "Contoh Nama",
        "sex": "L",
        "birth_place": "Gerung",
        "birth_date": "1990-06-07",
        "religion": "1",
        "education": "5",
        "occupation": "9",
        "marital_status": "2",
        "relationship": "1",
        "citizenship": "1",
        "disability": "0",
        "dusun": "Bermi Karang Dalam Barat",
        "rw": "001",
        "rt": "001",
        "address": "Jl. Contoh",
        "whereabouts": "desa",
    }
    sheet.append([example.get(column.key, "") for column in COLUMNS])
    notes = book.create_sheet("Petunjuk")
    notes.append(["Kolom", "Isi"])
    for column in COLUMNS:
        notes.append([column.title, "wajib" if column.required else "boleh kosong"])
    notes.append(
        [
            "",
            "Kode mengikuti Dukcapil/OpenSID (agama 1–7, pendidikan 1–10, pekerjaan 1–89, "
            "status perkawinan 1–4, hubungan 1–11). Hapus baris contoh sebelum impor.",
        ]
    )
    output = io.BytesIO()
    book.save(output)
    return output.getvalue()
