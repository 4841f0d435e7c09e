"""Users, their roles, and API tokens for machine clients."""

import hashlib
import secrets
from functools import cached_property

from django.contrib.auth.models import AbstractUser, UserManager
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from sigap.core.models import Dusun, TimeStampedModel
from sigap.core.roles import ROLE_TABLE, Cap, Role, capabilities_of


class User(AbstractUser):
    """A person who logs in to SIGAP. Never deleted: deactivated, so the audit trail keeps them.

    Indonesian names are often a single word, so there is one ``full_name`` instead of
    first/last names.
    """

    first_name = None  # type: ignore[assignment]
    last_name = None  # type: ignore[assignment]
    full_name = models.CharField(_("nama lengkap"), max_length=150)
    phone = models.CharField(_("nomor HP"), max_length=20, blank=True)
    dusun = models.ForeignKey(
        Dusun,
        verbose_name=_("dusun"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="users",
        help_text=_("Wajib untuk Kader: wilayah kerjanya."),
    )

    objects = UserManager()

    REQUIRED_FIELDS = ["full_name"]

    class Meta:
        verbose_name = _("pengguna")
        verbose_name_plural = _("pengguna")
        ordering = ["full_name", "username"]

    def __str__(self) -> str:
        return self.full_name or self.username

    def get_full_name(self) -> str:
        return self.full_name

    def get_short_name(self) -> str:
        return self.full_name.split(" ")[0] if self.full_name else self.username

    @cached_property
    def role_names(self) -> frozenset[str]:
        if not self.pk:
            return frozenset()
        return frozenset(self.role_assignments.values_list("role", flat=True))

    @property
    def roles(self) -> list[Role]:
        return [Role(name) for name in Role.values if name in self.role_names]

    @cached_property
    def capabilities(self) -> frozenset[Cap]:
        if not self.is_active:
            return frozenset()
        return capabilities_of(self.role_names)

    @property
    def role_specs(self) -> list:
        return [ROLE_TABLE[role] for role in self.roles]

    def has_role(self, role: Role) -> bool:
        return role.value in self.role_names

    def can(self, cap: Cap) -> bool:
        return cap in self.capabilities

    def role_labels(self) -> str:
        return ", ".join(str(role.label) for role in self.roles)

    def forget_cached_roles(self) -> None:
        for name in ("role_names", "capabilities"):
            self.__dict__.pop(name, None)


class UserRole(models.Model):
    user = models.ForeignKey(
        User, verbose_name=_("pengguna"), on_delete=models.CASCADE, related_name="role_assignments"
    )
    role = models.CharField(_("peran"), max_length=32, choices=Role.choices)
    granted_at = models.DateTimeField(_("diberikan"), auto_now_add=True)

    class Meta:
        verbose_name = _("peran pengguna")
        verbose_name_plural = _("peran pengguna")
        constraints = [
            models.UniqueConstraint(fields=["user", "role"], name="userrole_unique_user_role"),
            models.CheckConstraint(
                condition=models.Q(role__in=[r.value for r in ROLE_TABLE]),
                name="userrole_known_role",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} – {self.get_role_display()}"


TOKEN_PREFIX_LENGTH = 8


def hash_token(raw: str) -> str:
    return hashlib.sha256(raw.encode("utf-8")).hexdigest()


class ApiTokenQuerySet(models.QuerySet):
    def usable(self):
        now = timezone.now()
        return self.filter(revoked_at__isnull=True, user__is_active=True).filter(
            models.Q(expires_at__isnull=True) | models.Q(expires_at__gt=now)
        )


class ApiToken(TimeStampedModel):
    """A bearer token for a machine client, acting as ``user``. Only its SHA-256 is stored."""

    user = models.ForeignKey(
        User, verbose_name=_("pengguna"), on_delete=models.PROTECT, related_name="api_tokens"
    )
    name = models.CharField(_("nama token"), max_length=100)
    prefix = models.CharField(_("awalan"), max_length=TOKEN_PREFIX_LENGTH, db_index=True)
    key_hash = models.CharField(max_length=64, unique=True)
    created_by = models.ForeignKey(
        User, verbose_name=_("dibuat oleh"), on_delete=models.PROTECT, related_name="+"
    )
    expires_at = models.DateTimeField(_("berlaku sampai"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("dicabut"), null=True, blank=True)
    revoked_by = models.ForeignKey(
        User,
        verbose_name=_("dicabut oleh"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    last_used_at = models.DateTimeField(_("terakhir dipakai"), null=True, blank=True)

    objects = ApiTokenQuerySet.as_manager()

    class Meta:
        verbose_name = _("token API")
        verbose_name_plural = _("token API")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"

    @staticmethod
    def new_raw_key() -> str:
        return "sgp_" + secrets.token_urlsafe(32)

    @property
    def is_usable(self) -> bool:
        if self.revoked_at is not None or not self.user.is_active:
            return False
        return self.expires_at is None or self.expires_at > timezone.now()
