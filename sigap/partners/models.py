"""The service directory: the organisations a village team works with, the services they give,
their contact points, and which SIGAP users are their staff (Mitra).

``NeedArea`` is the one list of areas of need and of service (safety, health, psychosocial,
legal, economic, documents, family): cases assess needs in it and refer to services in it.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from sigap.core.models import TimeStampedModel


class NeedArea(models.TextChoices):
    SAFETY = "keamanan", _("Keamanan dan perlindungan")
    HEALTH = "kesehatan", _("Kesehatan")
    PSYCHOSOCIAL = "psikososial", _("Psikososial")
    LEGAL = "hukum", _("Hukum")
    ECONOMIC = "ekonomi", _("Ekonomi")
    DOCUMENTS = "dokumen", _("Dokumen kependudukan")
    FAMILY = "keluarga", _("Keluarga dan pengasuhan")
    EDUCATION = "pendidikan", _("Pendidikan")
    REPATRIATION = "pemulangan", _("Pemulangan dan reintegrasi")


class Organisation(TimeStampedModel):
    class Kind(models.TextChoices):
        VILLAGE_GOVERNMENT = "pemerintah_desa", _("Pemerintah desa")
        POLICE = "kepolisian", _("Kepolisian")
        UPTD_PPA = "uptd_ppa", _("UPTD PPA")
        SOCIAL_SERVICE = "dinas_sosial", _("Dinas Sosial")
        HEALTH = "kesehatan", _("Layanan kesehatan")
        LEGAL_AID = "bantuan_hukum", _("Bantuan hukum")
        MIGRANT_WORKER_AGENCY = "pekerja_migran", _("Lembaga pekerja migran (BP3MI/LTSA/Disnaker)")
        COMMUNITY_LEADER = "tokoh_masyarakat", _("Tokoh agama/masyarakat")
        NGO = "lsm", _("LSM / organisasi masyarakat")
        OTHER = "lainnya", _("Lainnya")

    name = models.CharField(_("nama lembaga"), max_length=200)
    kind = models.CharField(_("jenis lembaga"), max_length=20, choices=Kind.choices)
    address = models.CharField(_("alamat"), max_length=300, blank=True)
    area = models.CharField(
        _("wilayah layanan"),
        max_length=200,
        blank=True,
        help_text=_("Misalnya: Kabupaten Lombok Barat, Kecamatan Gerung."),
    )
    phone = models.CharField(_("telepon"), max_length=30, blank=True)
    email = models.EmailField(_("email"), blank=True)
    opening_hours = models.CharField(_("jam layanan"), max_length=100, blank=True)
    notes = models.TextField(_("catatan"), blank=True)
    is_active = models.BooleanField(_("aktif"), default=True)

    class Meta:
        verbose_name = _("lembaga")
        verbose_name_plural = _("lembaga")
        ordering = ["name"]
        indexes = [models.Index(fields=["kind", "name"])]
        constraints = [
            models.UniqueConstraint(fields=["name"], name="organisation_name_unique"),
        ]

    def __str__(self) -> str:
        return self.name


class Service(TimeStampedModel):
    """One service an organisation gives, in one area of need."""

    organisation = models.ForeignKey(
        Organisation, verbose_name=_("lembaga"), on_delete=models.CASCADE, related_name="services"
    )
    area = models.CharField(_("bidang"), max_length=20, choices=NeedArea.choices)
    name = models.CharField(_("nama layanan"), max_length=200)
    description = models.TextField(_("keterangan"), blank=True)
    is_free = models.BooleanField(_("gratis"), default=True)

    class Meta:
        verbose_name = _("layanan")
        verbose_name_plural = _("layanan")
        ordering = ["organisation__name", "area", "name"]
        indexes = [models.Index(fields=["area", "organisation"])]

    def __str__(self) -> str:
        return f"{self.name} ({self.organisation.name})"


class ContactPoint(TimeStampedModel):
    """A person to contact at an organisation (a desk, a named officer)."""

    organisation = models.ForeignKey(
        Organisation, verbose_name=_("lembaga"), on_delete=models.CASCADE, related_name="contacts"
    )
    name = models.CharField(_("nama"), max_length=150)
    position = models.CharField(_("jabatan"), max_length=150, blank=True)
    phone = models.CharField(_("telepon/WhatsApp"), max_length=30, blank=True)
    email = models.EmailField(_("email"), blank=True)

    class Meta:
        verbose_name = _("narahubung")
        verbose_name_plural = _("narahubung")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Staff(TimeStampedModel):
    """A SIGAP user who works for an organisation. A Mitra user sees the referrals sent to their
    organisation (the person's identity only once it has accepted) and nothing else; one user
    belongs to one organisation."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("pengguna"),
        on_delete=models.CASCADE,
        related_name="organisation_staff",
    )
    organisation = models.ForeignKey(
        Organisation, verbose_name=_("lembaga"), on_delete=models.PROTECT, related_name="staff"
    )

    class Meta:
        verbose_name = _("staf lembaga")
        verbose_name_plural = _("staf lembaga")

    def __str__(self) -> str:
        return f"{self.user} – {self.organisation}"
