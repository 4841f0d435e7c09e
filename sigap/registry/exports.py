"""The resident table as exported to spreadsheets (column titles in Bahasa Indonesia, codes as
their labels, numbers as text)."""

from sigap.registry import nik

HEADER = [
    "NIK",
    "Nomor sementara",
    "Nama",
    "Jenis kelamin",
    "Tempat lahir",
    "Tanggal lahir",
    "Agama",
    "Pendidikan",
    "Pekerjaan",
    "Status perkawinan",
    "Hubungan dalam keluarga",
    "No. KK",
    "Dusun",
    "RW",
    "RT",
    "Keberadaan",
    "Negara",
    "Status dasar",
]


def resident_table(residents, *, full_nik: bool):
    """(header, rows) for a resident queryset; NIK and No. KK are masked unless ``full_nik``."""

    def number(value: str | None) -> str:
        if not value:
            return ""
        return value if full_nik else nik.mask(value)

    def rows():
        for r in residents.iterator(chunk_size=2000):
            household = r.household
            rt = household.rt if household else None
            yield [
                number(r.nik),
                r.temp_number or "",
                r.name,
                r.get_sex_display(),
                r.birth_place,
                r.birth_date,
                r.get_religion_display() if r.religion else "",
                r.get_education_display() if r.education else "",
                r.get_occupation_display() if r.occupation else "",
                r.get_marital_status_display() if r.marital_status else "",
                r.get_relationship_display() if r.relationship else "",
                number(household.kk_number) if household else "",
                r.dusun.name,
                rt.rw.number if rt else "",
                rt.number if rt else "",
                r.get_whereabouts_display(),
                r.abroad_country,
                r.get_basic_status_display(),
            ]

    return HEADER, rows()
