"""Every write to accounts: users, their roles, API tokens."""

from datetime import datetime

from auditlog.models import LogEntry
from axes.utils import reset as axes_reset
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from sigap.accounts.models import ApiToken, User, UserRole, hash_token
from sigap.core.audit import MASK
from sigap.core.models import Dusun
from sigap.core.roles import ROLE_TABLE, Cap, Role


def _require(actor: User, cap: Cap) -> None:
    if not actor.can(cap):
        raise PermissionDenied


def _validate_roles(roles: list[str], dusun: Dusun | None) -> list[Role]:
    if not roles:
        raise ValidationError({"roles": _("Pilih paling sedikit satu peran.")})
    try:
        chosen = [Role(role) for role in roles]
    except ValueError as exc:
        raise ValidationError({"roles": _("Peran tidak dikenal.")}) from exc
    if any(ROLE_TABLE[role].needs_dusun for role in chosen) and dusun is None:
        raise ValidationError(
            {"dusun": _("Kader wajib punya dusun: pilih dusun wilayah kerjanya.")}
        )
    return chosen


def _set_roles(user: User, roles: list[Role]) -> None:
    wanted = {role.value for role in roles}
    current = set(user.role_assignments.values_list("role", flat=True))
    for assignment in user.role_assignments.filter(role__in=current - wanted):
        assignment.delete()  # one by one, so each removal is audited
    for role in sorted(wanted - current):
        UserRole.objects.create(user=user, role=role)
    user.forget_cached_roles()


@transaction.atomic
def user_create(
    *,
    actor: User,
    username: str,
    full_name: str,
    password: str,
    roles: list[str],
    dusun: Dusun | None = None,
    email: str = "",
    phone: str = "",
) -> User:
    """Create an active user with ``roles``. Kader need a dusun; the password must pass the
    password rules. Only Admin Desa may do this."""
    _require(actor, Cap.MANAGE_USERS)
    chosen = _validate_roles(roles, dusun)
    username = username.strip().lower()
    if User.objects.filter(username__iexact=username).exists():
        raise ValidationError({"username": _("Nama pengguna ini sudah dipakai.")})
    user = User(username=username, full_name=full_name.strip(), email=email, phone=phone)
    user.dusun = dusun
    try:
        validate_password(password, user)
    except ValidationError as exc:
        raise ValidationError({"password": exc.messages}) from exc
    user.set_password(password)
    user.full_clean()
    user.save()
    _set_roles(user, chosen)
    return user


@transaction.atomic
def user_update(
    *,
    actor: User,
    user: User,
    full_name: str,
    roles: list[str],
    dusun: Dusun | None,
    email: str = "",
    phone: str = "",
) -> User:
    """Change a user's name, contact, roles and dusun. Admin Desa cannot remove their own
    Admin Desa role (the village would be left without anyone who can manage users)."""
    _require(actor, Cap.MANAGE_USERS)
    chosen = _validate_roles(roles, dusun)
    if user.pk == actor.pk and Role.ADMIN_DESA not in chosen:
        raise ValidationError(
            {"roles": _("Anda tidak dapat mencabut peran Admin Desa Anda sendiri.")}
        )
    if user.pk == actor.pk and {r.value for r in chosen} - set(user.role_names):
        # An Admin Desa must not give themselves a role that opens cases: another admin must.
        raise ValidationError(
            {
                "roles": _(
                    "Anda tidak dapat menambah peran untuk diri sendiri; minta Admin Desa lain."
                )
            }
        )
    user.full_name = full_name.strip()
    user.email = email
    user.phone = phone
    user.dusun = dusun
    user.full_clean(exclude=["password"])
    user.save()
    _set_roles(user, chosen)
    return user


@transaction.atomic
def user_set_active(*, actor: User, user: User, active: bool) -> User:
    """Deactivate (or reactivate) a user. Deactivation ends their API tokens' use at once
    (tokens of inactive users are refused) and they cannot log in. Nobody deactivates themself."""
    _require(actor, Cap.MANAGE_USERS)
    if user.pk == actor.pk and not active:
        raise ValidationError(_("Anda tidak dapat menonaktifkan akun Anda sendiri."))
    user.is_active = active
    user.save(update_fields=["is_active"])
    return user


@transaction.atomic
def user_set_password(*, actor: User, user: User, password: str) -> User:
    """Admin Desa sets a new password for someone who forgot theirs; it also lifts a lock-out."""
    _require(actor, Cap.MANAGE_USERS)
    try:
        validate_password(password, user)
    except ValidationError as exc:
        raise ValidationError({"password": exc.messages}) from exc
    user.set_password(password)
    user.save(update_fields=["password"])
    axes_reset(username=user.username)
    # The password is excluded from the audited fields (never in a diff): record the event.
    LogEntry.objects.log_create(
        user,
        force_log=True,
        action=LogEntry.Action.UPDATE,
        actor=actor,
        changes={"password": [MASK, MASK]},
    )
    return user


def user_unlock(*, actor: User, user: User) -> int:
    """Lift a lock-out after failed log-ins; returns how many lock-out records were cleared."""
    _require(actor, Cap.MANAGE_USERS)
    return axes_reset(username=user.username)


@transaction.atomic
def api_token_issue(
    *, actor: User, user: User, name: str, expires_at: datetime | None = None
) -> tuple[ApiToken, str]:
    """Issue a token acting as ``user``. Returns the token and its raw key, which is shown once
    and never stored (only its SHA-256 is)."""
    _require(actor, Cap.MANAGE_API_TOKENS)
    if not user.is_active:
        raise ValidationError({"user": _("Pengguna ini tidak aktif.")})
    if expires_at is not None and expires_at <= timezone.now():
        raise ValidationError({"expires_at": _("Tanggal berlaku harus di masa depan.")})
    raw = ApiToken.new_raw_key()
    token = ApiToken.objects.create(
        user=user,
        name=name.strip(),
        prefix=raw[4 : 4 + 8],
        key_hash=hash_token(raw),
        created_by=actor,
        expires_at=expires_at,
    )
    return token, raw


@transaction.atomic
def api_token_revoke(*, actor: User, token: ApiToken) -> ApiToken:
    """Revoke a token; it is refused from now on. Revoking twice changes nothing."""
    _require(actor, Cap.MANAGE_API_TOKENS)
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        token.revoked_by = actor
        token.save(update_fields=["revoked_at", "revoked_by", "updated_at"])
    return token


def api_token_authenticate(raw: str) -> User | None:
    """The active user behind a usable raw token, or None. Marks the token as used."""
    if not raw or not raw.startswith("sgp_"):
        return None
    token = (
        ApiToken.objects.usable().select_related("user").filter(key_hash=hash_token(raw)).first()
    )
    if token is None:
        return None
    now = timezone.now()
    if token.last_used_at is None or (now - token.last_used_at).total_seconds() > 60:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    return token.user
