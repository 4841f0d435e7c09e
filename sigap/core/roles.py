"""The role table: who may do what in SIGAP. This is the one place that says it.

A user holds one or more roles; their capabilities are the union of their roles' capabilities.
Capabilities are coarse ("may work cases"); object rules on top of them (a case is visible only to
its assigned workers and their supervisor; a Kader edits only their own dusun) live in each app's
``rules.py`` and ``selectors.py``.

Each capability is also a django-rules permission named ``sigap.<capability>``, so views, templates
(``perms.sigap.<capability>``) and the API ask the same question in the same way.
"""

from dataclasses import dataclass
from enum import StrEnum

from django.db import models
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    ADMIN_DESA = "admin_desa", _("Admin Desa")
    KOORDINATOR = "koordinator", _("Koordinator")
    PENDAMPING = "pendamping", _("Pendamping")
    KADER = "kader", _("Kader")
    PENGURUS_KOPERASI = "pengurus_koperasi", _("Pengurus Koperasi")
    MITRA = "mitra", _("Mitra")
    ANALIS = "analis", _("Analis")


class Cap(StrEnum):
    """Capabilities. The value is the permission name without its ``sigap.`` prefix."""

    # Administration
    MANAGE_USERS = "manage_users"
    VIEW_AUDIT = "view_audit"
    MANAGE_API_TOKENS = "manage_api_tokens"
    MANAGE_VILLAGE = "manage_village"
    # Everyone on the village team
    VIEW_VILLAGE = "view_village"
    # Registry of households and residents
    VIEW_REGISTRY = "view_registry"
    EDIT_REGISTRY = "edit_registry"
    EDIT_REGISTRY_OWN_DUSUN = "edit_registry_own_dusun"
    IMPORT_REGISTRY = "import_registry"
    EXPORT_REGISTRY = "export_registry"
    EXPORT_FULL_NIK = "export_full_nik"  # others get NIKs masked in exports
    # Pendampingan (cases); object rules decide which cases
    WORK_CASES = "work_cases"
    SUPERVISE_CASES = "supervise_cases"
    RECEIVE_REFERRALS = "receive_referrals"
    # Screening and migration
    CONDUCT_SCREENING = "conduct_screening"
    MANAGE_MIGRATION = "manage_migration"
    # Programmes
    MANAGE_PROGRAMS = "manage_programs"
    TAKE_ATTENDANCE = "take_attendance"
    # Cooperative
    MANAGE_COOPERATIVE = "manage_cooperative"
    # Entrepreneurship groups, and the at-risk households not yet reached by them or the
    # cooperative
    MANAGE_GROUPS = "manage_groups"
    PLAN_OUTREACH = "plan_outreach"
    # Partners and service directory
    VIEW_PARTNERS = "view_partners"
    MANAGE_PARTNERS = "manage_partners"
    # Aggregates: indicators, dashboards, de-identified reports
    VIEW_AGGREGATES = "view_aggregates"


@dataclass(frozen=True)
class RoleSpec:
    role: Role
    summary: Promise
    capabilities: frozenset[Cap]
    needs_dusun: bool = False


C = Cap
ROLE_TABLE: dict[Role, RoleSpec] = {
    spec.role: spec
    for spec in (
        RoleSpec(
            Role.ADMIN_DESA,
            _(
                "Mengelola pengguna, wilayah desa, token API dan log audit; mengelola data "
                "penduduk; melihat keluarga berisiko yang belum terjangkau program. Tidak "
                "melihat kasus pendampingan."
            ),
            frozenset(
                {
                    C.MANAGE_USERS,
                    C.VIEW_AUDIT,
                    C.MANAGE_API_TOKENS,
                    C.MANAGE_VILLAGE,
                    C.VIEW_VILLAGE,
                    C.VIEW_REGISTRY,
                    C.EDIT_REGISTRY,
                    C.IMPORT_REGISTRY,
                    C.EXPORT_REGISTRY,
                    C.EXPORT_FULL_NIK,
                    C.MANAGE_MIGRATION,
                    C.VIEW_PARTNERS,
                    C.MANAGE_PARTNERS,
                    C.VIEW_AGGREGATES,
                    C.PLAN_OUTREACH,
                }
            ),
        ),
        RoleSpec(
            Role.KOORDINATOR,
            _(
                "Menyelia pendamping: menyetujui asesmen, rencana dan penutupan kasus; "
                "mengelola program, mitra dan kelompok usaha; melihat keluarga berisiko yang "
                "belum terjangkau; melihat indikator."
            ),
            frozenset(
                {
                    C.VIEW_VILLAGE,
                    C.VIEW_REGISTRY,
                    C.EDIT_REGISTRY,
                    C.EXPORT_REGISTRY,
                    C.WORK_CASES,
                    C.SUPERVISE_CASES,
                    C.CONDUCT_SCREENING,
                    C.MANAGE_MIGRATION,
                    C.MANAGE_PROGRAMS,
                    C.TAKE_ATTENDANCE,
                    C.VIEW_PARTNERS,
                    C.MANAGE_PARTNERS,
                    C.VIEW_AGGREGATES,
                    C.MANAGE_GROUPS,
                    C.PLAN_OUTREACH,
                }
            ),
        ),
        RoleSpec(
            Role.PENDAMPING,
            _(
                "Mendampingi penyintas dan orang berisiko: kasus yang ditugaskan, skrining, "
                "sesi psikososial dan rujukan."
            ),
            frozenset(
                {
                    C.VIEW_VILLAGE,
                    C.VIEW_REGISTRY,
                    C.EDIT_REGISTRY,
                    C.WORK_CASES,
                    C.CONDUCT_SCREENING,
                    C.TAKE_ATTENDANCE,
                    C.VIEW_PARTNERS,
                }
            ),
        ),
        RoleSpec(
            Role.KADER,
            _(
                "Relawan desa untuk satu dusun: mencatat penduduk dusunnya, skrining, dan "
                "daftar hadir kegiatan."
            ),
            frozenset(
                {
                    C.VIEW_VILLAGE,
                    C.VIEW_REGISTRY,
                    C.EDIT_REGISTRY_OWN_DUSUN,
                    C.CONDUCT_SCREENING,
                    C.TAKE_ATTENDANCE,
                    C.VIEW_PARTNERS,
                }
            ),
            needs_dusun=True,
        ),
        RoleSpec(
            Role.PENGURUS_KOPERASI,
            _(
                "Mengelola koperasi desa: anggota, simpanan, pinjaman, buku besar dan SHU; "
                "mengelola kelompok usaha."
            ),
            frozenset(
                {
                    C.VIEW_VILLAGE,
                    C.VIEW_REGISTRY,
                    C.MANAGE_COOPERATIVE,
                    C.MANAGE_GROUPS,
                    C.VIEW_PARTNERS,
                }
            ),
        ),
        RoleSpec(
            Role.MITRA,
            _(
                "Staf lembaga mitra: menerima rujukan yang ditujukan ke lembaganya dan hanya "
                "bagian rujukan itu."
            ),
            frozenset({C.RECEIVE_REFERRALS, C.VIEW_PARTNERS}),
        ),
        RoleSpec(
            Role.ANALIS,
            _("Melihat angka gabungan dan laporan tanpa identitas; tidak melihat data pribadi."),
            frozenset({C.VIEW_AGGREGATES}),
        ),
    )
}


def capabilities_of(roles: "set[str] | frozenset[str]") -> frozenset[Cap]:
    """The union of the capabilities of ``roles`` (unknown role names grant nothing)."""
    caps: set[Cap] = set()
    for role in roles:
        spec = ROLE_TABLE.get(role)  # type: ignore[call-overload]
        if spec:
            caps |= spec.capabilities
    return frozenset(caps)


def permission_name(cap: Cap) -> str:
    return f"sigap.{cap.value}"


def register_permissions() -> None:
    """Expose each capability as the django-rules permission ``sigap.<capability>``."""
    import rules

    for cap in Cap:
        name = permission_name(cap)
        if not rules.perm_exists(name):
            rules.add_perm(name, _has_capability(cap))


def _has_capability(cap: Cap):
    import rules

    @rules.predicate(name=f"has_{cap.value}")
    def predicate(user) -> bool:
        if not getattr(user, "is_authenticated", False) or not user.is_active:
            return False
        return cap in user.capabilities

    return predicate
