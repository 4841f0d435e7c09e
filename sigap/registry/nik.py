"""NIK and No. KK: the 16-digit identity numbers of Indonesia's population register (Dukcapil).

Pure module, no Django. Both numbers are strings, never integers (a leading zero is meaningful,
and the temporary numbers of village systems start with 0).

NIK = RRRRRR DDMMYY SSSS
  RRRRRR  kecamatan code of *first* registration; it does not change when the person moves, so it
          is never required to match the village
  DDMMYY  birth date; women have 40 added to the day (a woman born on the 7th has 47)
  SSSS    serial, 0001–9999
No. KK = RRRRRR DDMMYY SSSS with the card's issue date (no +40).

``parse_nik`` refuses what cannot be a NIK (length, non-digits, impossible date or serial) with
``NikError`` whose message names the part. ``nik_warnings`` lists what is possible but disagrees
with the record (sex, birth date, unknown region): real records hold such anomalies, so they are
shown and confirmed, never refused.
"""

from dataclasses import dataclass
from datetime import date

from sigap.core import regions

# Demo and test data use this region, which no real kecamatan has, so a synthetic NIK can never
# be a real person's.
SYNTHETIC_REGION = "529999"

MALE = "L"
FEMALE = "P"


class NikError(ValueError):
    """A number that cannot be a NIK or No. KK; the message (Bahasa Indonesia) names the part."""

    def __init__(self, message: str, part: str):
        super().__init__(message)
        self.part = part


@dataclass(frozen=True)
class NikInfo:
    nik: str
    region_code: str
    birth_date: date
    sex: str  # MALE or FEMALE
    serial: str

    @property
    def region(self) -> "regions.Place | None":
        return regions.place_of(self.region_code)

    @property
    def is_synthetic(self) -> bool:
        return self.region_code == SYNTHETIC_REGION


@dataclass(frozen=True)
class KkInfo:
    kk_number: str
    region_code: str
    issue_date: date | None
    serial: str


_SEPARATORS = str.maketrans("", "", " .-\u00a0\t")


def normalise_number(value: str) -> str:
    """Strip the spaces, dots and dashes people type or spreadsheets add."""
    return str(value or "").translate(_SEPARATORS)


def _check_shape(value: str, label: str) -> str:
    number = normalise_number(value)
    if not number:
        raise NikError(f"{label} wajib diisi.", "length")
    if not number.isdigit():
        raise NikError(f"{label} hanya boleh berisi angka; yang dimasukkan “{value}”.", "digits")
    if len(number) != 16:
        raise NikError(f"{label} harus 16 angka; yang dimasukkan {len(number)} angka.", "length")
    if number[:2] in {"00"}:
        raise NikError(
            f"Kode provinsi {label} (2 angka pertama: {number[:2]}) tidak ada.", "region"
        )
    return number


def _century(yy: int, day: int, month: int, today: date) -> date | None:
    """The date for DD MM YY, in the latest century that does not put it in the future."""
    for century in (2000, 1900):
        try:
            candidate = date(century + yy, month, day)
        except ValueError:
            continue
        if candidate <= today:
            return candidate
    return None


def parse_nik(value: str, *, today: date | None = None) -> NikInfo:
    """Parse and check a NIK. Raises ``NikError`` naming the part that is wrong."""
    today = today or date.today()  # noqa: DTZ011 (a calendar date, not an instant)
    nik = _check_shape(value, "NIK")
    day, month, yy, serial = int(nik[6:8]), int(nik[8:10]), int(nik[10:12]), nik[12:]
    sex = FEMALE if day > 40 else MALE
    real_day = day - 40 if day > 40 else day
    if not 1 <= real_day <= 31:
        raise NikError(
            f"Tanggal lahir dalam NIK (angka ke-7 dan 8: {nik[6:8]}) harus 01–31 untuk laki-laki "
            "atau 41–71 untuk perempuan.",
            "birth_day",
        )
    if not 1 <= month <= 12:
        raise NikError(
            f"Bulan lahir dalam NIK (angka ke-9 dan 10: {nik[8:10]}) harus 01–12.", "birth_month"
        )
    birth = _century(yy, real_day, month, today)
    if birth is None:
        raise NikError(
            f"Tanggal lahir dalam NIK (angka ke-7 sampai 12: {nik[6:12]}) bukan tanggal yang ada "
            f"({real_day:02d}-{month:02d}-{yy:02d}).",
            "birth_date",
        )
    if serial == "0000":
        raise NikError("Nomor urut NIK (4 angka terakhir) tidak boleh 0000.", "serial")
    return NikInfo(nik, nik[:6], birth, sex, serial)


def parse_kk(value: str, *, today: date | None = None) -> KkInfo:
    """Parse and check a No. KK: 16 digits. An impossible issue date is kept as None (old cards
    hold odd dates); use ``kk_warnings`` to show it."""
    today = today or date.today()  # noqa: DTZ011
    kk = _check_shape(value, "No. KK")
    day, month, yy = int(kk[6:8]), int(kk[8:10]), int(kk[10:12])
    issued = _century(yy, day, month, today) if 1 <= month <= 12 and 1 <= day <= 31 else None
    return KkInfo(kk, kk[:6], issued, kk[12:])


def describe_region(region_code: str) -> str:
    if region_code == SYNTHETIC_REGION:
        return "wilayah fiktif (data demo)"
    place = regions.place_of(region_code)
    return place.describe() if place else f"kode wilayah {region_code} tidak dikenal"


def nik_warnings(
    info: NikInfo, *, sex: str | None = None, birth_date: date | None = None
) -> list[str]:
    """What in a valid NIK disagrees with the record, each naming the part."""
    warnings = []
    if sex in (MALE, FEMALE) and sex != info.sex:
        in_nik = "perempuan (tanggal +40)" if info.sex == FEMALE else "laki-laki"
        warnings.append(
            f"Jenis kelamin dalam NIK ({in_nik}, angka ke-7 dan 8: {info.nik[6:8]}) berbeda "
            "dengan jenis kelamin yang dicatat."
        )
    if birth_date is not None and (birth_date.day, birth_date.month, birth_date.year % 100) != (
        info.birth_date.day,
        info.birth_date.month,
        info.birth_date.year % 100,
    ):
        warnings.append(
            f"Tanggal lahir dalam NIK ({info.birth_date:%d-%m-%y}, angka ke-7 sampai 12) berbeda "
            f"dengan tanggal lahir yang dicatat ({birth_date:%d-%m-%Y})."
        )
    if not info.is_synthetic and info.region is None:
        warnings.append(
            f"Kode wilayah NIK (6 angka pertama: {info.region_code}) tidak ada dalam daftar kode "
            "Kemendagri."
        )
    return warnings


def kk_warnings(info: KkInfo) -> list[str]:
    warnings = []
    if info.issue_date is None:
        warnings.append(
            f"Tanggal dalam No. KK (angka ke-7 sampai 12: {info.kk_number[6:12]}) bukan tanggal "
            "yang ada."
        )
    if info.region_code != SYNTHETIC_REGION and regions.place_of(info.region_code) is None:
        warnings.append(
            f"Kode wilayah No. KK (6 angka pertama: {info.region_code}) tidak ada dalam daftar "
            "kode Kemendagri."
        )
    return warnings


def temporary_number(village_code: str, serial: int) -> str:
    """The village-system convention for a person without a NIK: ``0`` + the 10-digit village
    code + a 5-digit serial. It can never be a real NIK (no province code starts with 0)."""
    if len(village_code) != 10 or not village_code.isdigit():
        raise ValueError("village_code must be 10 digits")
    if not 1 <= serial <= 99_999:
        raise ValueError("serial must be 1–99999")
    return f"0{village_code}{serial:05d}"


def is_temporary(number: str) -> bool:
    return len(number) == 16 and number.startswith("0")


def mask(number: str) -> str:
    """``5201014107900001`` → ``5201**********01``: enough to tell two people apart, not enough
    to use the number."""
    if len(number) < 8:
        return "*" * len(number)
    return number[:4] + "*" * (len(number) - 6) + number[-2:]
