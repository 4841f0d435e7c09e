"""Kemendagri region codes: province (2), kabupaten/kota (4), kecamatan (6), desa (10 digits).

Pure module over the shipped code list (``core/data/``, see its README for source and licence).
Codes are keyed without dots; names change between editions, codes do not, so always key on codes.
"""

import csv
from dataclasses import dataclass
from functools import cache
from pathlib import Path

DATA_DIR = Path(__file__).resolve().parent / "data"


@dataclass(frozen=True)
class Place:
    """A kecamatan or desa with the names of the regions above it."""

    code: str
    name: str
    kecamatan: str
    kabupaten: str
    provinsi: str

    def describe(self) -> str:
        return f"Kec. {self.kecamatan}, {self.kabupaten}, {self.provinsi}"


@cache
def _names() -> dict[str, str]:
    names: dict[str, str] = {}
    for filename in ("wilayah_kecamatan.csv", "wilayah_desa_ntb.csv"):
        with (DATA_DIR / filename).open(encoding="utf-8", newline="") as handle:
            for row in csv.DictReader(handle):
                names[row["kode"].replace(".", "")] = row["nama"].strip()
    return names


def name_of(code: str) -> str | None:
    """The name of the region with ``code`` (2, 4, 6 or 10 digits, dots allowed), or None."""
    return _names().get(code.replace(".", ""))


def place_of(code: str) -> Place | None:
    """Decode a kecamatan (6 digits) or desa (10 digits) code, or None when it does not exist.

    The first six digits of a NIK or No. KK are a kecamatan code: ``place_of(nik[:6])``.
    """
    code = code.replace(".", "")
    if len(code) not in (6, 10) or not code.isdigit():
        return None
    name = name_of(code)
    kecamatan, kabupaten, provinsi = name_of(code[:6]), name_of(code[:4]), name_of(code[:2])
    if name is None or kecamatan is None or kabupaten is None or provinsi is None:
        return None
    return Place(code, name, kecamatan, kabupaten, provinsi)


def is_kelurahan(village_code: str) -> bool:
    """In the last four digits of a village code a leading 1 means kelurahan, 2 means desa."""
    return village_code.replace(".", "")[6:7] == "1"
