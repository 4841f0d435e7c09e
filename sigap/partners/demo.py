"""A synthetic service directory for the demo village: the kinds of organisations a village team
in Lombok Barat works with (village government, police PPA unit, UPTD PPA, Dinas Sosial,
Puskesmas, RSUD, legal aid, BP3MI, LTSA, Disnaker, a pondok pesantren, NGOs).

SYNTHETIC: the organisations are named after the kinds of public bodies that exist, but every
address, person, email and phone number here is made up. Phone numbers use the 555 exchange
(0370-555-01xx) and 0812-0000-01xx, emails the reserved ``.example`` domain, so nothing can reach
a real office or person. Each organisation's notes say so on its page.

Idempotent and deterministic: organisations are matched by name, services and contacts by name
within their organisation; running the step twice changes nothing.
"""

from dataclasses import dataclass, field

from sigap.accounts.models import User
from sigap.core.demo import DEMO_USERNAMES, DemoContext
from sigap.core.roles import Role
from sigap.partners.models import ContactPoint, NeedArea, Organisation, Service, Staff

SYNTHETIC_NOTE = (
    "Data contoh (fiktif) untuk demo SIGAP: alamat, nama dan nomor telepon tidak nyata."
)
UPTD_PPA = "UPTD PPA Kabupaten Lombok Barat"

K = Organisation.Kind
A = NeedArea


@dataclass
class DemoOrganisation:
    name: str
    kind: str
    area: str
    phone: str
    hours: str
    address: str = ""
    email: str = ""
    notes: str = ""
    services: list[tuple[str, str, str, bool]] = field(default_factory=list)  # area, name, …
    contacts: list[tuple[str, str, str, str]] = field(default_factory=list)  # name, position, …


def directory(village_name: str) -> list[DemoOrganisation]:
    """The demo directory; ``village_name`` names the demo village's own government."""
    return [
        DemoOrganisation(
            f"Pemerintah Desa {village_name}",
            K.VILLAGE_GOVERNMENT,
            f"Desa {village_name}",
            "0370-555-0101",
            "Senin–Jumat 08.00–15.00 WITA",
            address=f"Kantor Desa {village_name}, Kec. Gerung",
            email="kantor@desa.example",
            notes="Pos pengaduan TPPO desa ada di kantor desa.",
            services=[
                (
                    A.SAFETY,
                    "Pos pengaduan TPPO desa",
                    "Menerima laporan warga, 24 jam lewat HP.",
                    True,
                ),
                (
                    A.DOCUMENTS,
                    "Surat pengantar dokumen kependudukan",
                    "Pengantar KTP, KK dan akta ke Dukcapil.",
                    True,
                ),
                (
                    A.ECONOMIC,
                    "Usulan bantuan sosial desa",
                    "Pendataan untuk PKH, BPNT dan BLT Dana Desa.",
                    True,
                ),
            ],
            contacts=[
                ("Sekretaris Desa", "Koordinator pos pengaduan", "0812-0000-0101", ""),
                ("Kasi Pelayanan", "Surat-menyurat dan dokumen", "0370-555-0102", ""),
            ],
        ),
        DemoOrganisation(
            "Unit PPA Satreskrim Polres Lombok Barat",
            K.POLICE,
            "Kabupaten Lombok Barat",
            "0370-555-0111",
            "Pengaduan 24 jam",
            address="Gerung, Lombok Barat",
            services=[
                (A.SAFETY, "Laporan polisi dan perlindungan korban", "", True),
                (A.LEGAL, "Penyidikan TPPO dan kekerasan terhadap perempuan dan anak", "", True),
            ],
            contacts=[("Piket Unit PPA", "Penyidik piket", "0812-0000-0111", "")],
        ),
        DemoOrganisation(
            "Polsek Gerung",
            K.POLICE,
            "Kecamatan Gerung",
            "0370-555-0112",
            "24 jam",
            address="Gerung, Lombok Barat",
            services=[(A.SAFETY, "Pengamanan darurat dan penerimaan laporan", "", True)],
            contacts=[("Bhabinkamtibmas Desa", "Polisi pembina desa", "0812-0000-0112", "")],
        ),
        DemoOrganisation(
            UPTD_PPA,
            K.UPTD_PPA,
            "Kabupaten Lombok Barat",
            "0370-555-0121",
            "Senin–Jumat 08.00–16.00 WITA; pengaduan darurat 24 jam",
            address="Gerung, Lombok Barat",
            email="pengaduan@uptdppa.example",
            notes="Menerima rujukan dari desa; sertakan ringkasan kasus dan persetujuan korban.",
            services=[
                (A.SAFETY, "Rumah aman sementara", "Untuk perempuan dan anak yang terancam.", True),
                (A.PSYCHOSOCIAL, "Konseling psikologis", "Oleh psikolog klinis.", True),
                (A.LEGAL, "Pendampingan hukum korban", "Dari laporan polisi sampai sidang.", True),
                (A.REPATRIATION, "Reintegrasi korban ke keluarga", "", True),
            ],
            contacts=[
                ("Layanan pengaduan UPTD PPA", "Petugas piket", "0812-0000-0121", ""),
                (
                    "Manajer kasus",
                    "Penerima rujukan desa",
                    "0812-0000-0122",
                    "kasus@uptdppa.example",
                ),
            ],
        ),
        DemoOrganisation(
            "Dinas Sosial Kabupaten Lombok Barat",
            K.SOCIAL_SERVICE,
            "Kabupaten Lombok Barat",
            "0370-555-0131",
            "Senin–Jumat 08.00–15.30 WITA",
            address="Gerung, Lombok Barat",
            services=[
                (A.ECONOMIC, "Bantuan sosial dan pemberdayaan ekonomi keluarga", "", True),
                (A.REPATRIATION, "Pemulangan korban ke daerah asal", "", True),
                (A.FAMILY, "Rehabilitasi sosial anak dan keluarga", "Oleh pekerja sosial.", True),
            ],
            contacts=[("Bidang Rehabilitasi Sosial", "Pekerja sosial", "0812-0000-0131", "")],
        ),
        DemoOrganisation(
            "Puskesmas Gerung",
            K.HEALTH,
            "Kecamatan Gerung",
            "0370-555-0141",
            "Senin–Sabtu 08.00–14.00 WITA; UGD 24 jam",
            address="Gerung, Lombok Barat",
            services=[
                (
                    A.HEALTH,
                    "Pemeriksaan dan pengobatan umum",
                    "Gratis dengan BPJS Kesehatan.",
                    True,
                ),
                (A.PSYCHOSOCIAL, "Layanan kesehatan jiwa dasar", "", True),
            ],
            contacts=[("Pemegang program kesehatan jiwa", "Perawat", "0812-0000-0141", "")],
        ),
        DemoOrganisation(
            "RSUD Kabupaten Lombok Barat",
            K.HEALTH,
            "Kabupaten Lombok Barat",
            "0370-555-0151",
            "Poliklinik Senin–Sabtu; IGD 24 jam",
            address="Gerung, Lombok Barat",
            services=[
                (
                    A.HEALTH,
                    "Pemeriksaan medis dan visum et repertum",
                    "Atas permintaan polisi.",
                    True,
                ),
                (A.PSYCHOSOCIAL, "Poli jiwa (psikiater)", "", False),
            ],
            contacts=[("IGD", "Perawat jaga", "0370-555-0152", "")],
        ),
        DemoOrganisation(
            "LBH Perempuan dan Anak Lombok Barat",
            K.LEGAL_AID,
            "Pulau Lombok",
            "0370-555-0161",
            "Senin–Jumat 09.00–16.00 WITA",
            email="bantuan@lbh.example",
            services=[
                (A.LEGAL, "Konsultasi dan pendampingan hukum gratis", "", True),
                (A.FAMILY, "Pendampingan perkara perceraian dan hak asuh", "", True),
            ],
            contacts=[("Advokat piket", "Advokat", "0812-0000-0161", "")],
        ),
        DemoOrganisation(
            "BP3MI Nusa Tenggara Barat",
            K.MIGRANT_WORKER_AGENCY,
            "Provinsi NTB",
            "0370-555-0171",
            "Senin–Jumat 08.00–16.00 WITA",
            address="Mataram",
            services=[
                (
                    A.REPATRIATION,
                    "Pemulangan PMI bermasalah",
                    "Dari debarkasi sampai ke rumah.",
                    True,
                ),
                (A.LEGAL, "Pengaduan kasus pekerja migran", "", True),
                (A.DOCUMENTS, "Cek legalitas P3MI dan job order", "", True),
            ],
            contacts=[("Crisis center", "Petugas pengaduan", "0812-0000-0171", "")],
        ),
        DemoOrganisation(
            "LTSA PMI Lombok Barat",
            K.MIGRANT_WORKER_AGENCY,
            "Kabupaten Lombok Barat",
            "0370-555-0181",
            "Senin–Jumat 08.00–15.00 WITA",
            address="Gerung, Lombok Barat",
            services=[
                (A.DOCUMENTS, "Layanan satu atap dokumen calon PMI", "Paspor, BPJS, ID PMI.", True),
                (A.EDUCATION, "Informasi kerja ke luar negeri yang aman", "", True),
            ],
            contacts=[("Meja informasi LTSA", "Petugas layanan", "0812-0000-0181", "")],
        ),
        DemoOrganisation(
            "Dinas Tenaga Kerja Kabupaten Lombok Barat",
            K.MIGRANT_WORKER_AGENCY,
            "Kabupaten Lombok Barat",
            "0370-555-0191",
            "Senin–Jumat 08.00–15.30 WITA",
            address="Gerung, Lombok Barat",
            services=[
                (A.ECONOMIC, "Pelatihan kerja di BLK", "", True),
                (A.DOCUMENTS, "Kartu pencari kerja (AK/I)", "", True),
            ],
            contacts=[("Bidang Penempatan", "Pengantar kerja", "0812-0000-0191", "")],
        ),
        DemoOrganisation(
            "Pondok Pesantren Darul Ikhlas",
            K.COMMUNITY_LEADER,
            f"Desa {village_name} dan sekitarnya",
            "0812-0000-0201",
            "Setiap hari, sebaiknya janji dulu",
            notes="Tuan Guru pengasuh pondok bersedia menjadi penengah keluarga.",
            services=[
                (A.PSYCHOSOCIAL, "Pendampingan rohani", "", True),
                (A.FAMILY, "Mediasi keluarga", "", True),
                (A.EDUCATION, "Pendidikan pesantren bagi anak", "Beasiswa untuk anak yatim.", True),
            ],
            contacts=[("Ustaz pengurus pondok", "Pengurus harian", "0812-0000-0201", "")],
        ),
        DemoOrganisation(
            "Serikat Buruh Migran Lombok Barat",
            K.NGO,
            "Kabupaten Lombok Barat",
            "0812-0000-0211",
            "Setiap hari lewat WhatsApp",
            email="posko@sbm.example",
            services=[
                (A.LEGAL, "Pendampingan kasus buruh migran dan keluarganya", "", True),
                (A.REPATRIATION, "Reintegrasi purna pekerja migran", "", True),
                (A.ECONOMIC, "Kelompok usaha purna pekerja migran", "", True),
            ],
            contacts=[("Posko pengaduan", "Paralegal", "0812-0000-0211", "")],
        ),
        DemoOrganisation(
            "Yayasan Perlindungan Anak Lombok",
            K.NGO,
            "Pulau Lombok",
            "0812-0000-0221",
            "Senin–Sabtu 09.00–17.00 WITA",
            services=[
                (A.FAMILY, "Pendampingan anak dan pengasuhan", "", True),
                (A.EDUCATION, "Kembali ke sekolah", "Untuk anak putus sekolah.", True),
            ],
            contacts=[("Pendamping anak", "Pekerja sosial", "0812-0000-0221", "")],
        ),
    ]


def build_directory(ctx: DemoContext) -> None:
    """The demo directory, and the demo Mitra user as staff of the UPTD PPA."""
    village_name = ctx.village.name if ctx.village else "Babussalam"
    for spec in directory(village_name):
        notes = f"{spec.notes}\n{SYNTHETIC_NOTE}" if spec.notes else SYNTHETIC_NOTE
        organisation, _ = Organisation.objects.update_or_create(
            name=spec.name,
            defaults={
                "kind": spec.kind,
                "area": spec.area,
                "address": spec.address,
                "phone": spec.phone,
                "email": spec.email,
                "opening_hours": spec.hours,
                "notes": notes,
                "is_active": True,
            },
        )
        for area, name, description, is_free in spec.services:
            Service.objects.update_or_create(
                organisation=organisation,
                name=name,
                defaults={"area": area, "description": description, "is_free": is_free},
            )
        for name, position, phone, email in spec.contacts:
            ContactPoint.objects.update_or_create(
                organisation=organisation,
                name=name,
                defaults={"position": position, "phone": phone, "email": email},
            )
    mitra = User.objects.filter(username=DEMO_USERNAMES[Role.MITRA]).first()
    if mitra is not None:
        Staff.objects.update_or_create(
            user=mitra, defaults={"organisation": Organisation.objects.get(name=UPTD_PPA)}
        )
    ctx.notes.append(
        f"Demo service directory: {Organisation.objects.count()} organisations (synthetic, "
        f"fictitious phone numbers); '{DEMO_USERNAMES[Role.MITRA]}' is staff of {UPTD_PPA}."
    )
